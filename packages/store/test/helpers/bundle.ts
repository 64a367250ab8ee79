// Test helper: writes a bundle exactly as buildBundle lays it out (rootfs through the safe extractor, config.json,
// rootfs/.eda-oci/bundle-id, bundle.files, bundle.lock.json), from a tar spec instead of a Docker image.
import * as fs from 'node:fs';
import path from 'node:path';
import {
  LOCKFILE_NAME,
  LOCKFILE_VERSION,
  MANIFEST_NAME,
  bundleDigest,
  extractTar,
  formatManifest,
  manifestFromRecords,
  sha256,
  type BundleLock,
} from '@eda-oci/oci';
import { tar, type TarSpec } from '../../../../test/fixtures/tar/tar-writer.js';

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

/** A small image tree: a directory with a read-only dir, files (one hard-linked), a symlink, a private file. */
export function sampleTree(variant = 1): TarSpec[] {
  return [
    { name: './', type: '5', mode: 0o755, mtime: 1000 },
    { name: 'bin/', type: '5', mode: 0o755, mtime: 1001 },
    { name: 'bin/tool', data: `tool v${variant}\n`, mode: 0o755, mtime: 1000 + variant },
    { name: 'bin/tool-alias', type: '1', linkname: 'bin/tool', mtime: 1000 + variant },
    { name: 'bin/sh', type: '2', linkname: 'tool', mtime: 1002 },
    { name: 'etc/', type: '5', mode: 0o755, mtime: 1003 },
    { name: 'etc/config', data: 'same in every variant\n', mode: 0o644, mtime: 1004 },
    { name: 'etc/secret', data: 'private\n', mode: 0o600, mtime: 1005 },
    { name: 'etc/group-writable', data: 'g+w\n', mode: 0o664, mtime: 1006 },
    { name: 'opt/', type: '5', mode: 0o555, mtime: 1007 },
    { name: 'opt/big', data: Buffer.alloc((1 << 20) | 17, 7), mode: 0o644, mtime: 1008 },
    { name: 'private/', type: '5', mode: 0o700, mtime: 1009 },
    { name: 'private/x', data: 'x', mode: 0o644, mtime: 1010 },
  ];
}

/** Writes a bundle `<dir>/<name>` from `spec`; returns its path and lockfile. */
export async function makeBundle(
  dir: string,
  name: string,
  spec: TarSpec[],
  opts: { config?: object; withManifest?: boolean } = {},
): Promise<{ bundle: string; lock: BundleLock }> {
  const bundle = path.join(dir, name);
  const rootfs = path.join(bundle, 'rootfs');
  fs.mkdirSync(rootfs, { recursive: true });
  const r = await extractTar(once(tar(spec)), rootfs);
  const configText = `${JSON.stringify(opts.config ?? { ociVersion: '1.0.2', process: { args: ['/bin/tool'] }, root: { path: 'rootfs' } }, null, 2)}\n`;
  const configSha = sha256(configText);
  fs.writeFileSync(path.join(bundle, 'config.json'), configText);
  const digest = bundleDigest(configSha, r.treeDigest);
  const rootMode = fs.statSync(rootfs).mode & 0o7777;
  fs.chmodSync(rootfs, rootMode | 0o200);
  fs.mkdirSync(path.join(rootfs, '.eda-oci'));
  fs.writeFileSync(path.join(rootfs, '.eda-oci', 'bundle-id'), `${digest}\n`);
  fs.chmodSync(rootfs, rootMode);
  let manifestSha256: string | undefined;
  let visibleAfter = 0;
  if (opts.withManifest !== false) {
    const m = manifestFromRecords(rootfs, r.records);
    const text = formatManifest(m);
    fs.writeFileSync(path.join(bundle, MANIFEST_NAME), text);
    manifestSha256 = sha256(text);
    visibleAfter = Number(m.statted / 1_000_000n) + 1;
  }
  const lock: BundleLock = {
    lockfileVersion: LOCKFILE_VERSION,
    name,
    bundleDigest: digest,
    image: {
      ref: 'test/image:1',
      id: `sha256:${'1'.repeat(64)}`,
      repoDigest: '',
      platform: 'linux/amd64',
      created: '2024-01-01T00:00:00Z',
    },
    configSha256: configSha,
    rootfs: {
      treeDigest: r.treeDigest,
      files: r.files,
      hardlinks: r.hardlinks,
      dirs: r.dirs,
      symlinks: r.symlinks,
      bytes: r.bytes,
      skippedSpecial: [],
      strippedSetid: [],
      ...(manifestSha256 ? { manifestSha256 } : {}),
    },
    cacheKey: 'test',
    extraction: 'export',
    user: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, subuid: false, warnings: [] },
    tools: {},
    created: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(bundle, LOCKFILE_NAME), `${JSON.stringify(lock, null, 2)}\n`);
  // Like the build: the bundle is handed out only after its manifest's ctimes became reliable.
  while (Date.now() < visibleAfter) await new Promise((res) => setTimeout(res, visibleAfter - Date.now()));
  return { bundle, lock };
}
