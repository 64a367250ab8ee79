// The overlay2 layer fast path gives exactly the bundle `docker export` gives, for every seeded image, including a
// multi-layer image with a whiteout, an opaque directory, a hard link and a 0555 directory.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerClient } from '@eda-oci/docker';
import { buildBundle, computeTreeDigest } from '../src/index.js';
import { clusterEnv, isRoot, killUserProcesses, tempDirFor } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const docker = new DockerClient({ host: env.EDA_OCI_ROOTFUL_DOCKER_HOST });

describe.runIf(isRoot)('layer fast path == docker export (needs root to read /var/lib/docker)', () => {
  const images = ['EDA_OCI_IMG_BUSYBOX1', 'EDA_OCI_IMG_TOOL', 'EDA_OCI_IMG_LAYERED', 'EDA_OCI_IMG_DEBIAN'];
  for (const key of images) {
    it(`${key.replace('EDA_OCI_IMG_', '').toLowerCase()}`, async () => {
      const out = tempDirFor(undefined);
      const image = env[key]!;
      const viaExport = await buildBundle({ image, name: 'export', outputDir: out, extract: 'export' }, { docker });
      const viaLayers = await buildBundle({ image, name: 'layers', outputDir: out, extract: 'layers' }, { docker });
      expect(viaExport.lock.extraction).toBe('export');
      expect(viaLayers.lock.extraction).toBe('layers');
      // Everything but the manifest's own sha (bundle.files records each file's local inode and ctime) is equal.
      const { manifestSha256: m1, ...layersRootfs } = viaLayers.lock.rootfs;
      const { manifestSha256: m2, ...exportRootfs } = viaExport.lock.rootfs;
      expect(layersRootfs).toEqual(exportRootfs);
      expect(m1).toMatch(/^sha256:/);
      expect(m2).toMatch(/^sha256:/);
      expect(viaLayers.bundleDigest).toBe(viaExport.bundleDigest);
      expect(readFileSync(path.join(viaLayers.bundlePath, 'config.json'), 'utf8')).toBe(
        readFileSync(path.join(viaExport.bundlePath, 'config.json'), 'utf8'),
      );
      // And the disk agrees with both lockfiles.
      const walked = await computeTreeDigest(path.join(viaLayers.bundlePath, 'rootfs'), { exclude: ['.eda-oci'] });
      expect(walked.treeDigest).toBe(viaExport.lock.rootfs.treeDigest);
    });
  }

  it('applies the upper layers: whiteout, opaque directory, hard link, 0555 directory', async () => {
    const out = tempDirFor(undefined);
    const r = await buildBundle({ image: env.EDA_OCI_IMG_LAYERED!, name: 'l', outputDir: out, extract: 'layers' }, { docker });
    const rootfs = path.join(r.bundlePath, 'rootfs');
    expect(readdirSync(path.join(rootfs, 'etc'))).not.toContain('eda-oci-release');
    expect(readdirSync(path.join(rootfs, 'opt/d'))).toEqual(['c']);
    expect(statSync(path.join(rootfs, 'opt/d')).mode & 0o777).toBe(0o555);
    expect(statSync(path.join(rootfs, 'opt/keep')).ino).toBe(statSync(path.join(rootfs, 'opt/keep-link')).ino);
    expect(r.lock.rootfs.hardlinks).toBeGreaterThanOrEqual(1);
  });
});

describe.runIf(isRoot)(
  'layer fast path == docker export on fuse-overlayfs storage (a rootless daemon of the second test user started here; needs root)',
  () => {
    const user = env.EDA_OCI_TEST_USER2!;
    const uid = Number(env.EDA_OCI_TEST_UID2);
    let host = '';
    let fuseDocker: DockerClient;
    let daemon: ChildProcess | undefined;

    beforeAll(async () => {
      const base = tempDirFor(user, 'eda-oci-fuse-');
      const xdg = path.join(base, 'xdg');
      mkdirSync(xdg, { mode: 0o700 });
      chownSync(xdg, uid, uid);
      const dataRoot = path.join(base, 'data');
      mkdirSync(dataRoot, { mode: 0o700 });
      chownSync(dataRoot, uid, uid);
      const home = execFileSync('getent', ['passwd', user]).toString().split(':')[5]!;
      const configFile = path.join(base, 'daemon.json');
      writeFileSync(configFile, '{}\n');
      chownSync(configFile, uid, uid);
      daemon = spawn(
        'runuser',
        [
          '-u',
          user,
          '--',
          'env',
          '-i',
          `XDG_RUNTIME_DIR=${xdg}`,
          `HOME=${home}`,
          'PATH=/usr/sbin:/usr/bin:/sbin:/bin',
          'sh',
          '/usr/share/docker.io/contrib/dockerd-rootless.sh',
          '--storage-driver',
          'fuse-overlayfs',
          '--data-root',
          dataRoot,
          // Its own empty config: the user's ~/.config/docker/daemon.json may set data-root too (dockerd refuses both).
          '--config-file',
          configFile,
        ],
        { stdio: 'ignore', detached: true },
      );
      host = `unix://${xdg}/docker.sock`;
      fuseDocker = new DockerClient({ host });
      let up = false;
      for (let i = 0; i < 120 && !up; i++) {
        up = await fuseDocker.ping().then(
          () => true,
          () => false,
        );
        if (!up) await new Promise((r) => setTimeout(r, 250));
      }
      if (!up) throw new Error('the fuse-overlayfs rootless dockerd did not come up');
      const saved = path.join(base, 'images.tar');
      const images = [env.EDA_OCI_IMG_BUSYBOX1!, env.EDA_OCI_IMG_TOOL!, env.EDA_OCI_IMG_LAYERED!];
      execFileSync(env.EDA_OCI_DOCKER!, ['save', '-o', saved, ...images], {
        env: { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST },
      });
      execFileSync(env.EDA_OCI_DOCKER!, ['load', '-q', '-i', saved], { env: { ...process.env, DOCKER_HOST: host }, stdio: 'ignore' });
      const driver = execFileSync(env.EDA_OCI_DOCKER!, ['info', '--format', '{{.Driver}}'], { env: { ...process.env, DOCKER_HOST: host } })
        .toString()
        .trim();
      expect(driver).toBe('fuse-overlayfs');
    }, 120_000);

    afterAll(() => {
      if (daemon?.pid) {
        try {
          process.kill(-daemon.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      killUserProcesses(uid);
    });

    for (const key of ['EDA_OCI_IMG_BUSYBOX1', 'EDA_OCI_IMG_TOOL', 'EDA_OCI_IMG_LAYERED']) {
      it(`${key.replace('EDA_OCI_IMG_', '').toLowerCase()}: .wh. whiteout and opaque marker files applied like the daemon does`, async () => {
        const out = tempDirFor(undefined);
        const image = env[key]!;
        const viaExport = await buildBundle(
          { image, name: 'export', outputDir: out, extract: 'export', pull: 'never' },
          { docker: fuseDocker },
        );
        const viaLayers = await buildBundle(
          { image, name: 'layers', outputDir: out, extract: 'layers', pull: 'never' },
          { docker: fuseDocker },
        );
        expect(viaLayers.lock.extraction).toBe('layers');
        // Everything but the manifest's own sha (bundle.files records each file's local inode and ctime) is equal.
        const { manifestSha256: m1, ...layersRootfs } = viaLayers.lock.rootfs;
        const { manifestSha256: m2, ...exportRootfs } = viaExport.lock.rootfs;
        expect(layersRootfs).toEqual(exportRootfs);
        expect(m1).toMatch(/^sha256:/);
        expect(m2).toMatch(/^sha256:/);
        expect(viaLayers.bundleDigest).toBe(viaExport.bundleDigest);
      });
    }
  },
);
