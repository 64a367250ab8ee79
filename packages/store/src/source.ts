// Reading and verifying the bundle to publish. With bundle.files (written by the build) one lstat per path proves a
// file is unchanged: same inode and ctime (which no user can set) and same size, mode and mtime; only files where that
// does not hold are re-hashed. Without bundle.files every file is hashed. Either way the entries must digest to the
// lockfile's tree digest, so what gets published is exactly the bundle that was built (and tested).
import * as fs from 'node:fs';
import path from 'node:path';
import { BundleError } from '@eda-oci/exec';
import {
  BUNDLE_META_DIR,
  hashFile,
  LOCKFILE_NAME,
  MANIFEST_NAME,
  RACY_WINDOW_NS,
  bundleDigest,
  manifestEntry,
  manifestMode,
  manifestType,
  nsToSeconds,
  parseManifest,
  readLockfileText,
  sha256,
  sortByPathBytes,
  summarizeManifest,
  type BundleLock,
  type Manifest,
  type ManifestEntry,
} from '@eda-oci/oci';

/** A verified source bundle. */
export interface SourceBundle {
  dir: string;
  lock: BundleLock;
  /** bundle.lock.json as read and checked (publish copies this text). */
  lockText: string;
  digest: string;
  config: Buffer;
  /** The rootfs root's mode and mtime, and every entry (sorted), with content hashes proven current. */
  manifest: Manifest;
  /** Per entry (same index): ino and ctime seen now, to prove at copy time that a file did not change since. */
  seenIno: bigint[];
  seenCtime: bigint[];
  /** How the entries were proven: by metadata, or by reading them again. */
  stats: { trusted: number; reread: number; bytesHashed: number; usedManifest: boolean };
}

const { O_RDONLY, O_NOFOLLOW } = fs.constants;

function changed(dir: string, rel: string, what: string): BundleError {
  return new BundleError(
    `bundle ${dir} changed since it was built (rootfs/${rel}: ${what})`,
    'publish the bundle exactly as it was built and tested, or rebuild it',
  );
}

/** Reads a small regular file without following symlinks. */
function readPlain(file: string): Buffer {
  const fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  try {
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Loads the bundle at `dir` and proves it is the bundle its lockfile describes (config.json, bundle-id, every rootfs
 * path). Throws BundleError naming the first difference.
 */
export function loadSourceBundle(dir: string): Promise<SourceBundle> {
  return readLockfileText(dir).then((read) => {
    if (!read)
      throw new BundleError(`${dir} is not an eda-oci bundle (no ${LOCKFILE_NAME})`, 'pass the bundle-path output of build-oci-bundle');
    return verify(dir, read.lock, read.text);
  });
}

function verify(dir: string, lock: BundleLock, lockText: string): SourceBundle {
  let config: Buffer;
  try {
    config = readPlain(path.join(dir, 'config.json'));
  } catch (err) {
    throw new BundleError(`cannot read ${dir}/config.json (${(err as NodeJS.ErrnoException).code})`, 'rebuild the bundle');
  }
  if (sha256(config) !== lock.configSha256)
    throw new BundleError(
      `bundle ${dir} changed since it was built (config.json)`,
      'publish the bundle as built and tested, or rebuild it',
    );
  if (bundleDigest(lock.configSha256, lock.rootfs.treeDigest) !== lock.bundleDigest)
    throw new BundleError(`${dir}/${LOCKFILE_NAME} is inconsistent (its digests do not add up)`, 'rebuild the bundle');
  const rootfs = path.join(dir, 'rootfs');
  let id = '';
  try {
    id = readPlain(path.join(rootfs, BUNDLE_META_DIR, 'bundle-id'))
      .toString('utf8')
      .trim();
  } catch {
    // reported below
  }
  if (id !== lock.bundleDigest)
    throw changed(dir, `${BUNDLE_META_DIR}/bundle-id`, id ? `it names ${id}, not ${lock.bundleDigest}` : 'missing');

  let manifest: Manifest;
  let stats: SourceBundle['stats'];
  let seenIno: bigint[];
  let seenCtime: bigint[];
  if (lock.rootfs.manifestSha256) {
    let text: Buffer;
    try {
      text = readPlain(path.join(dir, MANIFEST_NAME));
    } catch {
      throw new BundleError(`${dir}/${MANIFEST_NAME} is missing although ${LOCKFILE_NAME} names it`, 'rebuild the bundle');
    }
    if (sha256(text) !== lock.rootfs.manifestSha256)
      throw new BundleError(`bundle ${dir} changed since it was built (${MANIFEST_NAME})`, 'rebuild the bundle');
    manifest = parseManifest(text.toString('utf8'));
    checkSummary(dir, manifest.entries, lock);
    ({ stats, seenIno, seenCtime } = statVerify(dir, rootfs, manifest));
  } else {
    ({ manifest, seenIno, seenCtime } = walkAndHash(dir, rootfs));
    checkSummary(dir, manifest.entries, lock);
    stats = { trusted: 0, reread: manifest.entries.length, bytesHashed: lock.rootfs.bytes, usedManifest: false };
  }
  return { dir, lock, lockText, digest: lock.bundleDigest, config, manifest, seenIno, seenCtime, stats };
}

function checkSummary(dir: string, entries: ManifestEntry[], lock: BundleLock): void {
  const s = summarizeManifest(entries);
  const r = lock.rootfs;
  if (s.treeDigest !== r.treeDigest || s.files !== r.files || s.dirs !== r.dirs || s.symlinks !== r.symlinks || s.hardlinks !== r.hardlinks)
    throw new BundleError(
      `bundle ${dir} changed since it was built: its rootfs digests to ${s.treeDigest} (${s.files} files), the lockfile says ${r.treeDigest} (${r.files} files)`,
      'publish the bundle exactly as it was built and tested, or rebuild it',
    );
}

/** Proves every manifest entry by one lstat, re-reading only what metadata cannot prove. */
function statVerify(dir: string, rootfs: string, m: Manifest): { stats: SourceBundle['stats']; seenIno: bigint[]; seenCtime: bigint[] } {
  const racyFrom = m.statted - RACY_WINDOW_NS;
  const buf = Buffer.allocUnsafe(1 << 20);
  const entries = m.entries;
  const seenIno: bigint[] = new Array(entries.length);
  const seenCtime: bigint[] = new Array(entries.length);
  let trusted = 0;
  let reread = 0;
  let bytesHashed = 0;
  const proven = (st: fs.BigIntStats, ino: string, ctime: string): boolean =>
    ctime !== '' && st.ctimeNs < racyFrom && st.ctimeNs.toString() === ctime && st.ino.toString() === ino;
  // Entries per directory, counted on disk only for a directory whose ctime does not prove its entries unchanged.
  let children: Map<string, number> | undefined;
  const countDir = (rel: string): void => {
    children ??= childCounts(entries);
    const abs = rel === '' ? rootfs : `${rootfs}/${rel}`;
    const n = fs.readdirSync(abs).length;
    if (n !== (children.get(rel) ?? 0)) throw changed(dir, rel || '.', `it has ${n} entries, the build made ${children.get(rel) ?? 0}`);
  };

  const rootSt = fs.lstatSync(rootfs, { bigint: true, throwIfNoEntry: false });
  if (!rootSt?.isDirectory()) throw changed(dir, '.', 'not a directory');
  if (!proven(rootSt, m.root.ino, m.root.ctimeNs)) countDir('');
  const meta = fs.lstatSync(path.join(rootfs, BUNDLE_META_DIR), { bigint: true, throwIfNoEntry: false });
  if (!meta?.isDirectory()) throw changed(dir, BUNDLE_META_DIR, 'not a directory');

  const prefix = `${rootfs}/`;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const abs = prefix + e.path;
    const st = fs.lstatSync(abs, { bigint: true, throwIfNoEntry: false });
    if (!st) throw changed(dir, e.path, 'missing');
    const type = manifestType(st);
    if (type !== e.type) throw changed(dir, e.path, `now ${type ?? 'a special file'}, was ${e.type}`);
    seenIno[i] = st.ino;
    seenCtime[i] = st.ctimeNs;
    const mode = manifestMode(type, st);
    if (type !== 'l' && mode !== e.mode) throw changed(dir, e.path, `mode ${mode.toString(8)}, was ${e.mode.toString(8)}`);
    if (type === 'f' && Number(st.size) !== e.size) throw changed(dir, e.path, `size ${st.size}, was ${e.size}`);
    const mtime = st.mtimeNs.toString();
    if (mtime !== e.mtimeNs && nsToSeconds(mtime) !== nsToSeconds(e.mtimeNs)) throw changed(dir, e.path, 'modification time');
    if (mtime === e.mtimeNs && proven(st, e.ino, e.ctimeNs)) {
      trusted++;
      continue;
    }
    reread++;
    if (type === 'f') {
      bytesHashed += e.size;
      if (hashFile(abs, buf) !== e.content) throw changed(dir, e.path, 'content');
    } else if (type === 'l') {
      if (fs.readlinkSync(abs) !== e.content) throw changed(dir, e.path, 'symlink target');
    } else countDir(e.path);
    // The manifest's exact mtime is what gets published; equal seconds keep the digest.
  }
  return { stats: { trusted, reread, bytesHashed, usedManifest: true }, seenIno, seenCtime };
}

/** Number of entries per directory ('' is the rootfs root, which also holds `.eda-oci`). */
export function childCounts(entries: readonly ManifestEntry[]): Map<string, number> {
  const children = new Map<string, number>([['', 1]]);
  for (const e of entries) {
    const slash = e.path.lastIndexOf('/');
    const parent = slash === -1 ? '' : e.path.slice(0, slash);
    children.set(parent, (children.get(parent) ?? 0) + 1);
  }
  return children;
}

/** Builds the entries of a bundle without bundle.files by walking and hashing its rootfs (`.eda-oci` excluded). */
function walkAndHash(dir: string, rootfs: string): { manifest: Manifest; seenIno: bigint[]; seenCtime: bigint[] } {
  const buf = Buffer.allocUnsafe(1 << 20);
  const entries: (ManifestEntry & { st: fs.BigIntStats })[] = [];
  const hashes = new Map<bigint, string>();
  const walk = (rel: string): void => {
    for (const name of fs.readdirSync(rel === '' ? rootfs : `${rootfs}/${rel}`)) {
      if (rel === '' && name === BUNDLE_META_DIR) continue;
      const p = rel === '' ? name : `${rel}/${name}`;
      const abs = `${rootfs}/${p}`;
      const st = fs.lstatSync(abs, { bigint: true });
      const type = manifestType(st);
      if (!type) throw changed(dir, p, 'a device node, FIFO or socket');
      let content = '';
      if (type === 'f') {
        content = hashes.get(st.ino) ?? hashFile(abs, buf);
        hashes.set(st.ino, content);
      } else if (type === 'l') content = fs.readlinkSync(abs);
      entries.push({ ...manifestEntry(p, type, st, content, ''), st });
      if (type === 'd') walk(p);
    }
  };
  const rootSt = fs.lstatSync(rootfs, { bigint: true });
  walk('');
  const sorted = sortByPathBytes(entries);
  const manifest: Manifest = {
    root: { mode: Number(rootSt.mode & 0o7777n), mtimeNs: rootSt.mtimeNs.toString(), ino: rootSt.ino.toString(), ctimeNs: '' },
    statted: 0n,
    entries: sorted.map(({ st: _st, ...e }) => e),
  };
  return { manifest, seenIno: sorted.map((e) => e.st.ino), seenCtime: sorted.map((e) => e.st.ctimeNs) };
}
