// The overlay2 layer fast path gives exactly the bundle `docker export` gives, for every seeded image, including a
// multi-layer image with a whiteout, an opaque directory, a hard link and a 0555 directory.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerClient } from '@eda-oci/docker';
import { buildBundle, computeTreeDigest } from '../src/index.js';
import { clusterEnv, isRoot, tempDirFor } from '../../../test/helpers/cluster.js';

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
      expect(viaLayers.lock.rootfs).toEqual(viaExport.lock.rootfs);
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
