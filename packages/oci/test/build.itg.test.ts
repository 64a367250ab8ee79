// buildBundle against the real rootful Docker daemon, the local registry and real file systems.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleError, CancelledError, ConfigurationError, spawnCommand, type SpawnedCommand } from '@eda-oci/exec';
import { DockerClient } from '@eda-oci/docker';
import { BUILD_LABEL, buildBundle, computeTreeDigest, readLockfile, type BuildOptions } from '../src/index.js';
import { clusterEnv, isRoot, killProcessesMatching, removeTestTree, tempDirFor, withTmpfs } from '../../../test/helpers/cluster.js';
import { hostileArchives } from './helpers/hostile.js';

const env = clusterEnv();
const DOCKER = env.EDA_OCI_DOCKER!;

/** A DockerClient that counts container creations (to prove a cache hit does no export). */
class CountingDocker extends DockerClient {
  creates = 0;
  override async createContainer(...a: Parameters<DockerClient['createContainer']>): Promise<string> {
    this.creates++;
    return super.createContainer(...a);
  }
}

function leftoverContainers(host = env.EDA_OCI_ROOTFUL_DOCKER_HOST!): string[] {
  return execFileSync(DOCKER, ['ps', '-aq', '--filter', `label=${BUILD_LABEL}`], { env: { ...process.env, DOCKER_HOST: host } })
    .toString()
    .split('\n')
    .filter(Boolean);
}

function dirEntries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('buildBundle on rootful Docker', () => {
  let out: string;
  const docker = new CountingDocker({ host: env.EDA_OCI_ROOTFUL_DOCKER_HOST });
  const build = (o: Partial<BuildOptions> & { image: string; name: string }) => buildBundle({ outputDir: out, ...o }, { docker });

  beforeAll(() => {
    out = tempDirFor(undefined);
  });

  it('pulls by tag and writes a complete bundle with provenance', async () => {
    const r = await build({ image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'bb', pull: 'always' });
    expect(r.bundlePath).toBe(path.join(out, 'bb'));
    expect(r.cacheHit).toBe(false);
    const digest = env.EDA_OCI_IMG_BUSYBOX1_DIGEST!.split('@')[1];
    expect(r.imageDigest).toBe(digest);
    expect(r.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.bundleDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(statSync(path.join(r.bundlePath, 'rootfs/bin/busybox')).isFile()).toBe(true);
    expect(readFileSync(path.join(r.bundlePath, 'rootfs/.eda-oci/bundle-id'), 'utf8').trim()).toBe(r.bundleDigest);
    const lock = (await readLockfile(r.bundlePath))!;
    expect(lock.image).toMatchObject({ ref: env.EDA_OCI_IMG_BUSYBOX1, id: r.imageId, repoDigest: digest, platform: 'linux/amd64' });
    expect(lock.rootfs.files).toBe(r.fileCount);
    expect(lock.rootfs.bytes).toBe(r.sizeBytes);
    expect(lock.tools['docker-server']).toMatch(/^\d+\./);
    // The tree digest in the lockfile is what a fresh walk of the bundle on disk gives.
    const walked = await computeTreeDigest(path.join(r.bundlePath, 'rootfs'), { exclude: ['.eda-oci'] });
    expect(walked.treeDigest).toBe(lock.rootfs.treeDigest);
    expect(walked.files).toBe(lock.rootfs.files);
    expect(walked.bytes).toBe(lock.rootfs.bytes);
    const spec = JSON.parse(readFileSync(path.join(r.bundlePath, 'config.json'), 'utf8'));
    expect(spec.process.terminal).toBe(false);
    expect(spec.process.args).toEqual(['/bin/sh']);
    expect(dirEntries(out)).toEqual(['bb']); // no staging or old dirs left
    expect(leftoverContainers()).toEqual([]);
  });

  it('pulls by digest and reports that digest', async () => {
    const ref = env.EDA_OCI_IMG_BUSYBOX1_DIGEST!;
    const r = await build({ image: ref, name: 'bb-digest', pull: 'always' });
    expect(r.imageDigest).toBe(ref.split('@')[1]);
  });

  it('applies ENV, WORKDIR, USER, ENTRYPOINT+CMD; skips the FIFO, strips setuid, keeps 0555 dirs', async () => {
    const r = await build({ image: env.EDA_OCI_IMG_TOOL!, name: 'tool' });
    const spec = JSON.parse(readFileSync(path.join(r.bundlePath, 'config.json'), 'utf8'));
    expect(spec.process.env).toContain('PATH=/opt/tool/bin:/usr/local/bin:/usr/bin:/bin');
    expect(spec.process.env).toContain('TOOL_HOME=/opt/tool');
    expect(spec.process.cwd).toBe('/work');
    expect(spec.process.user).toEqual({ uid: 1000, gid: 1000 });
    expect(spec.process.args).toEqual(['/opt/tool/bin/tool', '--version']);
    const rootfs = path.join(r.bundlePath, 'rootfs');
    expect(existsSync(path.join(rootfs, 'opt/tool/fifo'))).toBe(false);
    expect(r.lock.rootfs.skippedSpecial).toContainEqual({ path: 'opt/tool/fifo', type: 'fifo' });
    expect(r.lock.rootfs.strippedSetid).toContain('opt/tool/bin/suid-helper');
    expect(statSync(path.join(rootfs, 'opt/tool/bin/suid-helper')).mode & 0o7777).toBe(0o755);
    expect(statSync(path.join(rootfs, 'opt/tool/share')).mode & 0o7777).toBe(0o555);
    expect(statSync(path.join(rootfs, 'work')).isDirectory()).toBe(true);
  });

  it('an unchanged rebuild is a cache hit that does no export', async () => {
    const first = await build({ image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'cached' });
    const ino = statSync(path.join(first.bundlePath, 'rootfs/bin/busybox')).ino;
    const before = docker.creates;
    const second = await build({ image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'cached' });
    expect(second.cacheHit).toBe(true);
    expect(docker.creates).toBe(before);
    expect(second.bundleDigest).toBe(first.bundleDigest);
    expect(statSync(path.join(first.bundlePath, 'rootfs/bin/busybox')).ino).toBe(ino);
    // A different config is not a cache hit.
    const third = await build({ image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'cached', config: { env: { A: '1' } } });
    expect(third.cacheHit).toBe(false);
    expect(third.bundleDigest).not.toBe(first.bundleDigest);
    expect(third.lock.rootfs.treeDigest).toBe(first.lock.rootfs.treeDigest);
  });

  it('the docker CLI export path (no Engine API) gives the same bundle as the Engine API path', async () => {
    const viaApi = await build({ image: env.EDA_OCI_IMG_TOOL!, name: 'api', extract: 'export' });
    const cliOnly = new DockerClient({ host: env.EDA_OCI_ROOTFUL_DOCKER_HOST, api: false });
    const viaCli = await buildBundle({ image: env.EDA_OCI_IMG_TOOL!, name: 'cli', outputDir: out, extract: 'export' }, { docker: cliOnly });
    expect(viaCli.bundleDigest).toBe(viaApi.bundleDigest);
    expect(viaCli.lock.tools['docker-client']).toMatch(/^\d+\./); // the CLI really ran
    expect(viaApi.lock.tools['docker-client']).toBe('not used (engine API)');
    expect(leftoverContainers()).toEqual([]);
  });

  it('merges the config input and creates its working directory in the rootfs', async () => {
    const r = await build({
      image: env.EDA_OCI_IMG_BUSYBOX1!,
      name: 'cfg',
      config: { cwd: '/scratch/run', env: { SITE: 'eda' }, hostname: 'tool1' },
    });
    const spec = JSON.parse(readFileSync(path.join(r.bundlePath, 'config.json'), 'utf8'));
    expect(spec.process.cwd).toBe('/scratch/run');
    expect(spec.process.env).toContain('SITE=eda');
    expect(spec.hostname).toBe('tool1');
    expect(statSync(path.join(r.bundlePath, 'rootfs/scratch/run')).isDirectory()).toBe(true);
  });

  it('is reproducible: the same image gives the same digest in another place; one changed file changes it', async () => {
    const other = tempDirFor(undefined);
    const a = await build({ image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'repro' });
    const b = await buildBundle({ image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'repro2', outputDir: other }, { docker });
    expect(b.bundleDigest).toBe(a.bundleDigest);
    const c = await build({ image: env.EDA_OCI_IMG_BUSYBOX2!, name: 'repro' });
    expect(c.bundleDigest).not.toBe(a.bundleDigest);
    expect(readFileSync(path.join(c.bundlePath, 'rootfs/etc/eda-oci-release'), 'utf8').trim()).toBe('2');
    expect(dirEntries(out).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('removes what a killed build left: its staging dir and its export container', async () => {
    const dir = tempDirFor(undefined);
    const deadPid = 4_000_000; // above pid_max: never alive
    mkdirSync(path.join(dir, `.left.staging-${deadPid}-abcd1234/rootfs`), { recursive: true });
    mkdirSync(path.join(dir, `.left.staging-${process.pid}-abcd1234`)); // a live process's: kept
    const id = execFileSync(
      DOCKER,
      ['create', '--label', `${BUILD_LABEL}=${os.hostname()}:${deadPid}:x`, '--entrypoint', '/x', env.EDA_OCI_IMG_BUSYBOX1!],
      {
        env: { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST },
      },
    )
      .toString()
      .trim();
    await build({ image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'left', outputDir: dir });
    expect(dirEntries(dir).sort()).toEqual([`.left.staging-${process.pid}-abcd1234`, 'left']);
    expect(leftoverContainers()).not.toContain(id.slice(0, 12));
    expect(leftoverContainers()).toEqual([]);
  });

  describe('bad input and faults leave nothing behind', () => {
    it('unknown image', async () => {
      const dir = tempDirFor(undefined);
      const err = await buildBundle(
        { image: `${env.EDA_OCI_TEST_REGISTRY}/eda-oci/no-such:1`, name: 'x', outputDir: dir },
        { docker },
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleError);
      expect((err as Error).message).toMatch(/was not found in registry 127\.0\.0\.1:5000.*check the repository, tag or digest/);
      expect(dirEntries(dir)).toEqual([]);
    });

    it('unreachable registry', async () => {
      const dir = tempDirFor(undefined);
      const err = await buildBundle({ image: '127.0.0.1:5999/eda-oci/x:1', name: 'x', outputDir: dir }, { docker }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(BundleError);
      expect((err as Error).message).toMatch(/registry 127\.0\.0\.1:5999 is unreachable/);
      expect(dirEntries(dir)).toEqual([]);
    });

    it('daemon not running at docker-host', async () => {
      const dir = tempDirFor(undefined);
      const bad = new DockerClient({ host: `unix://${dir}/no-daemon.sock` });
      const err = await buildBundle(
        { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'x', outputDir: path.join(dir, 'out') },
        { docker: bad },
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as Error).message).toMatch(/cannot reach the Docker daemon at unix:\/\/.*no-daemon\.sock.*start dockerd/);
      expect(dirEntries(dir)).toEqual([]);
    });

    it('pull: never with an image the daemon lacks', async () => {
      const dir = tempDirFor(undefined);
      await expect(
        buildBundle({ image: `${env.EDA_OCI_TEST_REGISTRY}/eda-oci/never:1`, name: 'x', outputDir: dir, pull: 'never' }, { docker }),
      ).rejects.toThrow(/pull: never.*docker pull/);
    });

    it.runIf(isRoot)('disk full during extraction (1 MiB tmpfs; needs root to mount it)', async () => {
      const dir = tempDirFor(undefined);
      await withTmpfs(dir, '1m', async () => {
        const err = await buildBundle(
          { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'full', outputDir: dir, extract: 'export' },
          { docker },
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BundleError);
        expect((err as Error).message).toMatch(/no space left on device.*free space.*output-dir/);
        expect(dirEntries(dir)).toEqual([]);
        expect(leftoverContainers()).toEqual([]);
      });
    });

    it.each([
      // export: abort once the export container exists; layers: abort shortly after the staging dir appears.
      { extract: 'export' as const, trigger: 'onContainer' as const, delayMs: 150 },
      { extract: 'layers' as const, trigger: 'onStaging' as const, delayMs: 100 },
    ])(
      'cancellation while reading the image ($extract) removes the staging dir and any container',
      async ({ extract, trigger, delayMs }) => {
        const dir = tempDirFor(undefined);
        const ac = new AbortController();
        const err = await buildBundle(
          {
            image: env.EDA_OCI_IMG_DEBIAN!,
            name: 'cancel',
            outputDir: dir,
            signal: ac.signal,
            extract,
            [trigger]: () => setTimeout(() => ac.abort(), delayMs),
          },
          { docker },
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CancelledError);
        expect(dirEntries(dir)).toEqual([]);
        expect(leftoverContainers()).toEqual([]);
      },
    );

    it.runIf(isRoot)(
      'disk full during the layer fast path fails without falling back to export (needs root to mount a tmpfs)',
      async () => {
        const dir = tempDirFor(undefined);
        await withTmpfs(dir, '1m', async () => {
          const before = docker.creates;
          const err = await buildBundle(
            { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'full', outputDir: dir, extract: 'auto' },
            { docker },
          ).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(BundleError);
          expect((err as Error).message).toMatch(/no space left on device/);
          expect(docker.creates).toBe(before);
          expect(dirEntries(dir)).toEqual([]);
        });
      },
    );

    describe('hostile tar streams fed through the whole build', () => {
      for (const h of hostileArchives()) {
        it(h.name, async () => {
          const work = tempDirFor(undefined);
          const dir = path.join(work, 'out');
          const sentinel = path.join(work, 'outside');
          mkdirSync(sentinel);
          writeFileSync(path.join(sentinel, 'keep'), 'x');
          const tarFile = path.join(work, 'hostile.tar');
          writeFileSync(tarFile, h.bytes(sentinel));
          class HostileDocker extends DockerClient {
            override exportContainer(): SpawnedCommand {
              return spawnCommand('cat', [tarFile]);
            }
          }
          const err = await buildBundle(
            { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'hostile', outputDir: dir, extract: 'export' },
            { docker: new HostileDocker({ host: env.EDA_OCI_ROOTFUL_DOCKER_HOST }) },
          ).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(BundleError);
          expect((err as Error).message).toMatch(h.message);
          expect(dirEntries(dir)).toEqual([]);
          expect(readdirSync(sentinel)).toEqual(['keep']);
          expect(readFileSync(path.join(sentinel, 'keep'), 'utf8')).toBe('x');
          expect(leftoverContainers()).toEqual([]);
        });
      }
    });

    it.runIf(isRoot)('the daemon killed mid-export (needs root to start a second dockerd)', async () => {
      const base = tempDirFor(undefined, 'eda-oci-dockerd-');
      const sock = path.join(base, 'docker.sock');
      const host = `unix://${sock}`;
      const dockerd = spawn(
        'dockerd',
        [
          '--data-root',
          path.join(base, 'data'),
          '--exec-root',
          path.join(base, 'exec'),
          '--pidfile',
          path.join(base, 'pid'),
          '-H',
          host,
          '--bridge',
          'none',
          '--iptables=false',
          '--ip-masq=false',
        ],
        { stdio: 'ignore', detached: true },
      );
      try {
        const d = new DockerClient({ host });
        for (let i = 0; i < 100; i++) {
          if (
            await d.ping().then(
              () => true,
              () => false,
            )
          )
            break;
          await new Promise((r) => setTimeout(r, 200));
        }
        // Load the Debian image (about 200 MB: export takes long enough to kill the daemon during it).
        const saved = path.join(base, 'debian.tar');
        execFileSync(DOCKER, ['save', '-o', saved, env.EDA_OCI_IMG_DEBIAN!]);
        execFileSync(DOCKER, ['load', '-q', '-i', saved], { env: { ...process.env, DOCKER_HOST: host }, stdio: 'ignore' });
        const dir = tempDirFor(undefined);
        const err = await buildBundle(
          {
            image: env.EDA_OCI_IMG_DEBIAN!,
            name: 'killed',
            outputDir: dir,
            pull: 'never',
            extract: 'export',
            onContainer: () => setTimeout(() => dockerd.kill('SIGKILL'), 300),
          },
          { docker: d },
        ).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).message).toMatch(/docker export failed|cannot reach the Docker daemon|tar stream ended early/);
        expect(dirEntries(dir)).toEqual([]);
      } finally {
        dockerd.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 200));
        killProcessesMatching(base);
        removeTestTree(base);
      }
    });
  });

  afterAll(() => {
    expect(leftoverContainers()).toEqual([]);
  });
});
