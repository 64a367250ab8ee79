// Unit tests of source verification: an untouched bundle is proven by metadata alone; every kind of change after the
// build is refused (content with size and mtime restored, mode, added/removed/renamed paths, config, bundle-id,
// manifest); a bundle without bundle.files is hashed in full; racy entries are read again.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError } from '@eda-oci/exec';
import { MANIFEST_NAME, formatManifest, parseManifest, sha256 } from '@eda-oci/oci';
import { loadSourceBundle } from '../src/index.js';
import { makeBundle, sampleTree } from './helpers/bundle.js';

let dir: string;
let bundle: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eda-oci-source-'));
  ({ bundle } = await makeBundle(dir, 'b', sampleTree()));
});
afterEach(() => {
  fs.chmodSync(path.join(bundle, 'rootfs/opt'), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

const rootfs = (rel: string): string => path.join(bundle, 'rootfs', rel);

/** Changes a file's bytes but restores size and mtime, as a careless tool might: only the ctime tells. */
function sneakyEdit(rel: string): void {
  const f = rootfs(rel);
  const st = fs.statSync(f);
  const data = fs.readFileSync(f);
  data[0] = data[0]! ^ 1;
  fs.writeFileSync(f, data);
  fs.utimesSync(f, st.atime, st.mtime);
}

/** Runs a change but restores the mtime of the directory holding `rel`, so only the path itself can tell. */
function keepingDirMtime(rel: string, change: () => void): () => void {
  return () => {
    const d = path.dirname(rootfs(rel));
    const st = fs.statSync(d);
    change();
    fs.utimesSync(d, st.atime, st.mtime);
  };
}

async function refused(message: RegExp): Promise<void> {
  const err = await loadSourceBundle(bundle).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BundleError);
  expect((err as Error).message).toMatch(message);
}

describe('loadSourceBundle', () => {
  it('proves an untouched bundle by metadata alone: nothing is read again', async () => {
    const s = await loadSourceBundle(bundle);
    expect(s.stats).toMatchObject({ usedManifest: true, reread: 0, bytesHashed: 0 });
    expect(s.stats.trusted).toBe(s.manifest.entries.length);
    expect(s.digest).toBe(s.lock.bundleDigest);
    expect(s.seenIno).toHaveLength(s.manifest.entries.length);
  });

  it('refuses a content change that kept size and mtime (the ctime changed)', async () => {
    sneakyEdit('etc/config');
    await refused(
      /^bundle .* changed since it was built \(rootfs\/etc\/config: content\); publish the bundle exactly as it was built and tested, or rebuild it$/,
    );
  });

  it('accepts a file that was only touched in ctime (same content): it is read again', async () => {
    const f = rootfs('etc/config');
    fs.chmodSync(f, 0o644); // same mode: ctime changes, nothing else
    const s = await loadSourceBundle(bundle);
    expect(s.stats.reread).toBe(1);
    expect(s.stats.bytesHashed).toBe(fs.statSync(f).size);
  });

  it.each([
    ['a changed mode', () => fs.chmodSync(rootfs('etc/config'), 0o600), /etc\/config: mode 600, was 644/],
    ['a changed mtime', () => fs.utimesSync(rootfs('etc/config'), 5, 5), /etc\/config: modification time/],
    ['a changed directory mtime', () => fs.writeFileSync(rootfs('etc/new'), 'x'), /rootfs\/etc: modification time/],
    // The directory's ctime changed with its entries, so they are counted.
    [
      'a removed file',
      keepingDirMtime('etc/secret', () => fs.rmSync(rootfs('etc/secret'))),
      /rootfs\/etc: it has 2 entries, the build made 3/,
    ],
    [
      'an added file',
      keepingDirMtime('etc/new', () => fs.writeFileSync(rootfs('etc/new'), 'x')),
      /rootfs\/etc: it has 4 entries, the build made 3/,
    ],
    ['an added file at the top', () => fs.writeFileSync(rootfs('new'), 'x'), /rootfs\/\.: it has 6 entries/],
    [
      'a renamed file',
      keepingDirMtime('etc/secret', () => fs.renameSync(rootfs('etc/secret'), rootfs('etc/secret2'))),
      /etc\/secret: missing/,
    ],
    [
      'a file replaced by a symlink',
      keepingDirMtime('etc/secret', () => (fs.rmSync(rootfs('etc/secret')), fs.symlinkSync('config', rootfs('etc/secret')))),
      /etc\/secret: now l, was f/,
    ],
    [
      'a retargeted symlink with its mtime restored',
      keepingDirMtime('bin/sh', () => {
        const st = fs.lstatSync(rootfs('bin/sh'));
        fs.rmSync(rootfs('bin/sh'));
        fs.symlinkSync('other', rootfs('bin/sh'));
        fs.lutimesSync(rootfs('bin/sh'), st.atime, st.mtime);
      }),
      /bin\/sh: symlink target/,
    ],
    ['a changed config.json', () => fs.appendFileSync(path.join(bundle, 'config.json'), ' '), /changed since it was built \(config.json\)/],
    ['a changed bundle-id', () => fs.writeFileSync(rootfs('.eda-oci/bundle-id'), 'sha256:x\n'), /\.eda-oci\/bundle-id: it names sha256:x/],
    [
      'a changed bundle.files',
      () => fs.appendFileSync(path.join(bundle, MANIFEST_NAME), 'x'),
      /changed since it was built \(bundle.files\)/,
    ],
    [
      'a missing bundle.files',
      () => fs.rmSync(path.join(bundle, MANIFEST_NAME)),
      /bundle.files is missing although bundle.lock.json names it/,
    ],
  ])('refuses %s', async (_name, change, message) => {
    change();
    await refused(message);
  });

  it('refuses a manifest that was rewritten consistently (bound to the lockfile by its sha256)', async () => {
    const m = parseManifest(fs.readFileSync(path.join(bundle, MANIFEST_NAME), 'utf8'));
    m.entries = m.entries.filter((e) => e.path !== 'etc/secret');
    fs.writeFileSync(path.join(bundle, MANIFEST_NAME), formatManifest(m));
    await refused(/changed since it was built \(bundle.files\)/);
    // ...and one whose lockfile was patched to match: its entries no longer digest to the tree digest.
    const lockFile = path.join(bundle, 'bundle.lock.json');
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    lock.rootfs.manifestSha256 = sha256(formatManifest(m));
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    await refused(/its rootfs digests to sha256:\w+ \(\d+ files\), the lockfile says/);
  });

  it('refuses a directory that is not an eda-oci bundle', async () => {
    fs.rmSync(path.join(bundle, 'bundle.lock.json'));
    await refused(/is not an eda-oci bundle \(no bundle.lock.json\); pass the bundle-path output of build-oci-bundle/);
  });

  it('without bundle.files (older builds) hashes every file, and still refuses changes', async () => {
    const { bundle: old } = await makeBundle(dir, 'old', sampleTree(), { withManifest: false });
    const s = await loadSourceBundle(old);
    expect(s.stats).toMatchObject({ usedManifest: false, trusted: 0 });
    expect(s.stats.bytesHashed).toBe(s.lock.rootfs.bytes);
    expect(s.manifest.entries.map((e) => e.path)).toEqual(
      parseManifest(fs.readFileSync(path.join(bundle, MANIFEST_NAME), 'utf8')).entries.map((e) => e.path),
    );
    fs.writeFileSync(path.join(old, 'rootfs/etc/config'), 'other content!!!!!!!!\n');
    await expect(loadSourceBundle(old)).rejects.toThrow(/its rootfs digests to/);
  });

  it('re-reads entries whose ctime is too close to when the manifest was made (racy), instead of trusting them', async () => {
    const file = path.join(bundle, MANIFEST_NAME);
    const m = parseManifest(fs.readFileSync(file, 'utf8'));
    // As if the manifest had been made in the same clock tick as the last change: every entry is "racy".
    m.statted = m.entries.reduce((max, e) => (BigInt(e.ctimeNs) > max ? BigInt(e.ctimeNs) : max), 0n) + 1_000_000n;
    const text = formatManifest(m);
    fs.writeFileSync(file, text);
    const lockFile = path.join(bundle, 'bundle.lock.json');
    const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
    lock.rootfs.manifestSha256 = sha256(text);
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    const s = await loadSourceBundle(bundle);
    expect(s.stats.trusted).toBe(0);
    expect(s.stats.reread).toBe(m.entries.length);
    sneakyEdit('bin/tool');
    await refused(/bin\/tool: content/);
  });
});
