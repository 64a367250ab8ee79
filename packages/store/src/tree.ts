// Writing a new version's tree into its staging directory: hard links to the current version for every file whose
// content and metadata are unchanged (each link source vetted by one lstat first), copies (reflink / copy_file_range,
// or read+hash+write for small files) for the rest, then directory times and modes with a check of every directory's
// entries, before anything can point at it. Synchronous fs calls in the per-file loops: for thousands of small files
// they cost a fraction of a promise round trip each (and the thread pool did not help: see writeTree); the loop yields
// every few ms so signals and the lock heartbeat still run.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { copyFile, lstat, utimes } from 'node:fs/promises';
import { BundleError, CancelledError, ProgressTicker } from '@eda-oci/exec';
import {
  BUNDLE_META_DIR,
  manifestMode,
  manifestType,
  nsToSeconds,
  summarizeManifest,
  type Manifest,
  type ManifestEntry,
} from '@eda-oci/oci';
import type { LinkIndex, LinkRecord } from './link-index.js';
import { childCounts, type SourceBundle } from './source.js';

/** Files at least this large are copied with copyFile (reflink where the file system can, else copy_file_range). */
export const BIG_FILE = 1 << 20;
const { O_RDONLY, O_NOFOLLOW, O_CREAT, O_EXCL, O_WRONLY, S_IFMT, S_IFREG, S_IFDIR, S_IFLNK } = fs.constants;
type EntryType = ManifestEntry['type'];
/** The file-type bits of each entry type (check messages name types by them). */
const TYPE_BITS: Record<EntryType, number> = { f: S_IFREG, d: S_IFDIR, l: S_IFLNK };

/** Mode of a published path: with `shared`, readable by all (a+rX) and writable by nobody but the owner. */
export function publishedMode(mode: number, type: 'f' | 'd' | 'l', shared: boolean): number {
  if (type === 'l') return 0o777;
  if (!shared) return mode;
  let m = (mode & ~0o022) | 0o444;
  if (type === 'd' || mode & 0o111) m |= 0o111;
  return m;
}

/** Equal modification times, allowing the sub-microsecond rounding of utimes() with a double (same second required). */
export function sameMtime(a: string, b: string): boolean {
  if (a === b) return true;
  if (nsToSeconds(a) !== nsToSeconds(b)) return false;
  const d = BigInt(a) - BigInt(b);
  return d < 1000n && d > -1000n;
}

/** Seconds (double) for utimes from decimal ns. */
export function nsToUtime(ns: string): number {
  if (ns.startsWith('-') || ns.length <= 9) return Number(BigInt(ns)) / 1e9;
  return Number(ns.slice(0, -9)) + Number(ns.slice(-9)) / 1e9;
}

/** The current version, as a source of hard links: its directory and its publish.files. */
export interface LinkSource {
  dir: string;
  index: LinkIndex;
}

/** What {@link writeTree} did. */
export interface TreeResult {
  /** The published tree (store-side modes, mtimes and inodes), to be saved as publish.files. */
  published: Manifest;
  /** Its tree digest: the lockfile's, unless `shared` changed modes. */
  publishedTreeDigest: string;
  /**
   * Phases: directories, links and small copies; large copies; directory times, modes and entry counts; the final
   * check of the whole record against the lockfile.
   */
  timingsMs: { entries: number; bigFiles: number; dirs: number; check: number };
  filesLinked: number;
  filesCopied: number;
  symlinksLinked: number;
  bytesCopied: number;
  /** Link candidates of the current version that were not as recorded (changed by hand): copied instead. */
  linkSourcesRejected: number;
}

export interface TreeOptions {
  source: SourceBundle;
  /** The version directory being written (exists, private); the rootfs goes to `<staging>/rootfs`. */
  staging: string;
  current?: LinkSource;
  shared: boolean;
  uid: number;
  signal?: AbortSignal;
  /** Called half-way through the entries (tests pause a publisher there). */
  midway?: () => Promise<void>;
  /** Files written so far, at most every PROGRESS_INTERVAL_MS and once with `done` when every file is written. */
  onProgress?: (progress: WriteProgress) => void;
}

/** What {@link TreeOptions.onProgress} reports. */
export interface WriteProgress {
  /** Regular files (a hard-linked group counts once) hard-linked from the current version so far. */
  filesLinked: number;
  /** Regular files copied from the bundle so far. */
  filesCopied: number;
  /** Regular files of the bundle (a hard-linked group counts once): linked + copied at the end. */
  filesTotal: number;
  bytesCopied: number;
  done: boolean;
}

function changedDuring(dir: string, rel: string, what: string): BundleError {
  return new BundleError(
    `bundle ${dir} changed while it was being published (rootfs/${rel}: ${what})`,
    'do not modify a bundle while publishing it; publish again',
  );
}

function checkFailed(rel: string, what: string): BundleError {
  return new BundleError(`the new version failed its check before going live (rootfs/${rel}: ${what})`, 'nothing was published; retry');
}

/**
 * How an lstat differs from what a path must show: its type, owner, mode (but a symlink's), size (files) and mtime
 * (within the rounding of utimes); undefined when it shows all of them.
 */
function statMismatch(st: fs.BigIntStats, type: EntryType, mode: number, size: number, mtimeNs: string, uid: number): string | undefined {
  if (manifestType(st) !== type) return `type ${(Number(st.mode) & S_IFMT).toString(8)}, expected ${TYPE_BITS[type].toString(8)}`;
  if (Number(st.uid) !== uid) return `owned by uid ${st.uid}, expected ${uid}`;
  const m = manifestMode(type, st);
  if (type !== 'l' && m !== mode) return `mode ${m.toString(8)}, expected ${mode.toString(8)}`;
  if (type === 'f' && Number(st.size) !== size) return `size ${st.size}, expected ${size}`;
  if (!sameMtime(st.mtimeNs.toString(), mtimeNs)) return 'modification time';
  return undefined;
}

/**
 * What lstat of a path just written must show (see {@link statMismatch}). Returns the inode number, the store side of
 * publish.files.
 */
function checkWritten(st: fs.BigIntStats, rel: string, type: EntryType, mode: number, size: number, mtimeNs: string, uid: number): string {
  const why = statMismatch(st, type, mode, size, mtimeNs, uid);
  if (why !== undefined) throw checkFailed(rel, why);
  return st.ino.toString();
}

/** Copies one small file by read + hash + write; the hash must be the recorded one. Returns the new inode number. */
function copySmall(src: string, dst: string, e: ManifestEntry, mode: number, buf: Buffer, sourceDir: string, uid: number): string {
  const hash = createHash('sha256');
  const fin = fs.openSync(src, O_RDONLY | O_NOFOLLOW);
  let fout = -1;
  try {
    fout = fs.openSync(dst, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW, mode & 0o777);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fin, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
      let off = 0;
      while (off < n) off += fs.writeSync(fout, buf, off, n - off);
      total += n;
    }
    if (total !== e.size || hash.digest('hex') !== e.content) throw changedDuring(sourceDir, e.path, 'content');
    fs.fchmodSync(fout, mode); // open() applied the umask
    const t = nsToUtime(e.mtimeNs);
    fs.futimesSync(fout, t, t);
    // The content is the recorded one (hashed as written); fstat proves what fchmod/futimes left (fchmod may drop
    // setgid silently) and gives the inode.
    return checkWritten(fs.fstatSync(fout, { bigint: true }), e.path, 'f', mode, e.size, e.mtimeNs, uid);
  } finally {
    fs.closeSync(fin);
    if (fout !== -1) fs.closeSync(fout);
  }
}

/** The kernel refused a hard link (or the lstat of its source) where a copy does the job. */
function linkRefused(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  // Another user's file (fs.protected_hardlinks), another file system, the link limit, a path of the current version
  // that is gone or no longer reachable.
  return code === 'EPERM' || code === 'EACCES' || code === 'EXDEV' || code === 'EMLINK' || code === 'ENOENT' || code === 'ENOTDIR';
}

function readlinkOrUndefined(p: string): string | undefined {
  try {
    return fs.readlinkSync(p);
  } catch (err) {
    if (linkRefused(err)) return undefined;
    throw err;
  }
}

/**
 * Writes the source bundle's rootfs into `<staging>/rootfs`, linking unchanged files from the current version, and
 * verifies the result against the manifest before returning (see "What is verified" below).
 *
 * One pass in manifest order (parents sort before children): mkdir for directories, link(2) or copy for files,
 * link(2) or symlink(2) for symlinks; then large copies; then directory times and modes, deepest first. All calls are
 * synchronous on the main thread: measured on ext4 on a 2-core VM, 5,300 link(2) calls took 80-95 ms in a loop and
 * 85-195 ms through libuv's thread pool (16-64 in flight, UV_THREADPOOL_SIZE 4, 8 or 16: the per-request overhead
 * on the main thread exceeds what the kernel calls gain from running on other cores), and a worker thread costs
 * 45-110 ms to start.
 *
 * What is verified, and why it is sufficient for "the new version is the bundle's lockfile":
 * - The manifest itself equals the lockfile (bundle.files by sha256, its entries digest to the lockfile's tree digest
 *   and counts) and every source path equals its manifest entry: loadSourceBundle, before anything is written.
 * - Every path of the manifest is created in the private staging directory (mode 0700, ours, nobody else can add,
 *   remove or replace names in it) by a call that failed unless it created exactly that name: mkdir, symlink,
 *   open(O_CREAT|O_EXCL), copyFile(COPYFILE_EXCL), link. So each path exists with the type of the call.
 * - A hard link is made only from a current-version inode whose lstat, taken right before the link, shows the
 *   recorded inode number, type, owner, mode, size and mtime (and for symlinks the target, readlink): the inode then
 *   carries exactly the metadata the manifest wants, and its content is the one the current version's publish.files
 *   recorded (the content is not re-read, as before: versions are immutable and their files read-only). A candidate
 *   that does not pass is copied from the verified source instead.
 * - A copied file's content is hashed while it is written (small files; large ones are proven by the source's inode
 *   and ctime before and after the copy), and fstat/lstat after fchmod/futimes show its owner, mode, size and mtime.
 *   New symlinks and every directory are lstat-ed after their times and modes were set.
 * - Hard-link structure: names that share an inode in the bundle are linked to one store inode, and no two separate
 *   files of the bundle get the same one (checked over the inode numbers collected above).
 * - Every directory (and the rootfs root) is read once after all its children exist: its number of entries equals
 *   the manifest's. With every expected name created in it, that proves it holds nothing else.
 * - The record of the new tree (the manifest's paths, types, sizes, mtimes and contents with the modes found above)
 *   has the lockfile's counts, and with `shared: false` the lockfile's tree digest (with `shared: true` the modes
 *   differ by the documented a+rX transform, so the digest is a new one, recorded as publishedTreeDigest).
 * This replaces a second walk that lstat-ed every path after the write: each path is now checked once, by the
 * syscall that made it plus one lstat of the link source, and each directory by one readdir.
 */
export async function writeTree(o: TreeOptions): Promise<TreeResult> {
  const { source, staging, current, shared, signal, uid } = o;
  const entries = source.manifest.entries;
  const n = entries.length;
  const srcRoot = `${source.dir}/rootfs/`;
  const root = `${staging}/rootfs`;
  const rootSlash = `${root}/`;
  const curRoot = current ? `${current.dir}/rootfs/` : '';
  const index = current?.index;
  const buf = Buffer.allocUnsafe(1 << 20);
  const modes = new Array<number>(n);
  for (let i = 0; i < n; i++) modes[i] = publishedMode(entries[i]!.mode, entries[i]!.type, shared);
  // The store inode of every entry once verified (decimal, as publish.files records it).
  const storeIno = new Array<string | undefined>(n);
  // Current-version inodes already taken by one file of the bundle (by recorded inode number).
  const usedStoreInodes = new Set<string>();
  const groupFirst = new Map<string, number>();
  const mates: number[] = [];
  const bigCopies: number[] = [];
  let filesLinked = 0;
  let filesCopied = 0;
  let symlinksLinked = 0;
  let bytesCopied = 0;
  let linkSourcesRejected = 0;
  let lastYield = performance.now();
  const half = n >> 1;
  const ticker = o.onProgress ? new ProgressTicker() : undefined;
  // Distinct regular files: loadSourceBundle proved the manifest's count (one per inode) equals the lockfile's.
  const filesTotal = source.lock.rootfs.files;
  const report = (done: boolean): void => o.onProgress!({ filesLinked, filesCopied, filesTotal, bytesCopied, done });

  /** lstat of a link source in the current version: its inode number when it is exactly `rec` with these metadata. */
  const vetLinkSource = (
    src: string,
    rec: LinkRecord,
    type: EntryType,
    mode: number,
    size: number,
    mtimeNs: string,
  ): string | undefined => {
    let st: fs.BigIntStats | undefined;
    try {
      st = fs.lstatSync(src, { bigint: true, throwIfNoEntry: false });
    } catch (err) {
      if (linkRefused(err)) return undefined;
      throw err;
    }
    if (!st) return undefined;
    const ino = st.ino.toString();
    if (ino !== rec.ino || statMismatch(st, type, mode, size, mtimeNs, uid) !== undefined) {
      linkSourcesRejected++;
      return undefined;
    }
    return ino;
  };
  const link = (from: string, to: string): boolean => {
    try {
      fs.linkSync(from, to);
      return true;
    } catch (err) {
      if (!linkRefused(err)) throw err;
      return false;
    }
  };

  const t0 = performance.now();
  fs.mkdirSync(root, 0o700);
  for (let i = 0; i < n; i++) {
    if ((i & 63) === 0 && performance.now() - lastYield > 20) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
      if (signal?.aborted) throw new CancelledError('publish cancelled while writing the new version');
    }
    if (i === half && o.midway) await o.midway();
    if (ticker && (i & 63) === 0 && ticker.due()) report(false);
    const e = entries[i]!;
    const rel = e.path;
    const dst = rootSlash + rel;
    if (e.type === 'd') {
      fs.mkdirSync(dst, 0o700);
      continue;
    }
    const cur = index?.atPath(rel);
    if (e.type === 'l') {
      if (cur?.type === 'l' && cur.content === e.content && sameMtime(cur.mtimeNs, e.mtimeNs)) {
        const from = curRoot + rel;
        // A hard link to the symlink itself (linkat without AT_SYMLINK_FOLLOW); its target checked by readlink.
        let ino = vetLinkSource(from, cur, 'l', 0o777, 0, e.mtimeNs);
        if (ino !== undefined && readlinkOrUndefined(from) !== e.content) {
          linkSourcesRejected++;
          ino = undefined;
        }
        if (ino !== undefined && link(from, dst)) {
          storeIno[i] = ino;
          symlinksLinked++;
          continue;
        }
      }
      fs.symlinkSync(e.content, dst);
      const t = nsToUtime(e.mtimeNs);
      fs.lutimesSync(dst, t, t);
      storeIno[i] = checkWritten(fs.lstatSync(dst, { bigint: true }), rel, 'l', 0o777, 0, e.mtimeNs, uid);
      continue;
    }
    if (groupFirst.has(e.ino)) {
      mates.push(i);
      continue;
    }
    groupFirst.set(e.ino, i);
    const mode = modes[i]!;
    // Two files that are separate in the bundle must stay separate: never link both to one current inode.
    const atPath =
      cur?.type === 'f' &&
      cur.content === e.content &&
      cur.mode === mode &&
      sameMtime(cur.mtimeNs, e.mtimeNs) &&
      !usedStoreInodes.has(cur.ino)
        ? cur
        : undefined;
    let from = '';
    let ino: string | undefined;
    if (atPath) ino = vetLinkSource((from = curRoot + atPath.path), atPath, 'f', mode, e.size, e.mtimeNs);
    // Else a file of the same content, mode and exact mtime at another path (a file that moved).
    if (ino === undefined && index)
      for (const c of index.filesLike(e.content, mode, e.mtimeNs)) {
        if (c.path === atPath?.path || usedStoreInodes.has(c.ino)) continue;
        from = curRoot + c.path;
        ino = vetLinkSource(from, c, 'f', mode, e.size, e.mtimeNs);
        if (ino !== undefined) break;
      }
    if (ino !== undefined && link(from, dst)) {
      storeIno[i] = ino;
      usedStoreInodes.add(ino);
      filesLinked++;
      continue;
    }
    if (e.size >= BIG_FILE) {
      bigCopies.push(i);
      continue;
    }
    storeIno[i] = copySmall(srcRoot + rel, dst, e, mode, buf, source.dir, uid);
    filesCopied++;
    bytesCopied += e.size;
  }

  const tLinked = performance.now();
  // Large files through the thread pool, two at a time: the event loop (heartbeat, signals) stays free.
  const copyBig = async (i: number): Promise<void> => {
    if (signal?.aborted) throw new CancelledError('publish cancelled while copying');
    const e = entries[i]!;
    const src = srcRoot + e.path;
    const dst = rootSlash + e.path;
    await copyFile(src, dst, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
    const st = await lstat(src, { bigint: true });
    // Content was proven at verification time (by metadata or by hashing); the same inode and ctime now prove it
    // did not change while it was copied.
    if (st.ino !== source.seenIno[i] || st.ctimeNs !== source.seenCtime[i] || Number(st.size) !== e.size)
      throw changedDuring(source.dir, e.path, 'modified during the copy');
    fs.chmodSync(dst, modes[i]!);
    const t = nsToUtime(e.mtimeNs);
    await utimes(dst, t, t);
    storeIno[i] = checkWritten(await lstat(dst, { bigint: true }), e.path, 'f', modes[i]!, e.size, e.mtimeNs, uid);
    filesCopied++;
    bytesCopied += e.size;
    if (ticker?.due()) report(false);
  };
  const queue = [...bigCopies];
  await Promise.all(
    [0, 1].map(async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await copyBig(i);
    }),
  );
  if (signal?.aborted) throw new CancelledError('publish cancelled while writing the new version');
  for (const i of mates) {
    const first = groupFirst.get(entries[i]!.ino)!;
    fs.linkSync(rootSlash + entries[first]!.path, rootSlash + entries[i]!.path);
    storeIno[i] = storeIno[first];
  }
  if (ticker) report(true);

  // rootfs/.eda-oci/bundle-id: outside the tree digest, proven against the lockfile when the source was loaded.
  const meta = `${root}/${BUNDLE_META_DIR}`;
  fs.mkdirSync(meta, 0o700);
  const idText = `${source.digest}\n`;
  fs.writeFileSync(`${meta}/bundle-id`, idText, { mode: 0o444, flag: 'wx' });
  fs.chmodSync(`${meta}/bundle-id`, 0o444);
  fs.chmodSync(meta, 0o555);
  bytesCopied += idText.length;

  const tDirs = performance.now();
  // Directory times and modes last, deepest first (children change a directory's mtime; 0555 dirs must stay
  // writable until their children exist). Reverse path order visits every directory after all its descendants, and
  // before its parent, so each is still ours and searchable (0700) when it is read and checked.
  const children = childCounts(entries);
  const finishDir = (rel: string, abs: string, mode: number, mtimeNs: string): fs.BigIntStats => {
    const count = fs.readdirSync(abs).length;
    if (count !== (children.get(rel) ?? 0)) throw checkFailed(rel || '.', `${count} entries, expected ${children.get(rel) ?? 0}`);
    const t = nsToUtime(mtimeNs);
    fs.utimesSync(abs, t, t);
    fs.chmodSync(abs, mode);
    return fs.lstatSync(abs, { bigint: true });
  };
  for (let i = n - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.type === 'd')
      storeIno[i] = checkWritten(finishDir(e.path, rootSlash + e.path, modes[i]!, e.mtimeNs), e.path, 'd', modes[i]!, 0, e.mtimeNs, uid);
  }
  // The rootfs root is not part of the tree digest: its entries are counted, its type and owner checked, and its
  // mode and mtime recorded as found (as before; the build's mtime is a full-ns time that utimes, taking a double,
  // sets only to about a microsecond on Node 20).
  const r = source.manifest.root;
  const rootSt = finishDir('', root, publishedMode(r.mode, 'd', shared), r.mtimeNs);
  const rootMode = Number(rootSt.mode & 0o7777n);
  checkWritten(rootSt, '.', 'd', rootMode, 0, rootSt.mtimeNs.toString(), uid);

  const tCheck = performance.now();
  const checked = checkRecord(source, modes, storeIno, shared);
  const ms = (a: number, b: number): number => Math.round(b - a);
  return {
    published: {
      root: { mode: rootMode, mtimeNs: rootSt.mtimeNs.toString(), ino: rootSt.ino.toString(), ctimeNs: '' },
      statted: 0n,
      entries: checked.entries,
    },
    publishedTreeDigest: checked.treeDigest,
    filesLinked,
    filesCopied,
    symlinksLinked,
    bytesCopied,
    linkSourcesRejected,
    timingsMs: { entries: ms(t0, tLinked), bigFiles: ms(tLinked, tDirs), dirs: ms(tDirs, tCheck), check: ms(tCheck, performance.now()) },
  };
}

/**
 * The record of the written tree (publish.files' entries) from what writeTree verified path by path, checked as a
 * whole: every path verified, the bundle's hard-link structure, the lockfile's counts and (modes kept) tree digest.
 * Exported for tests.
 */
export function checkRecord(
  source: SourceBundle,
  modes: readonly number[],
  storeIno: readonly (string | undefined)[],
  shared: boolean,
): { entries: ManifestEntry[]; treeDigest: string } {
  const entries = source.manifest.entries;
  const out: ManifestEntry[] = new Array(entries.length);
  const groupIno = new Map<string, string>();
  const inoGroup = new Map<string, string>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const ino = storeIno[i];
    if (ino === undefined) throw checkFailed(e.path, 'not written');
    if (e.type === 'f') {
      // One store inode per source file: names that share an inode in the bundle share one here, and no others.
      const seen = groupIno.get(e.ino);
      if (seen === undefined) {
        if (inoGroup.has(ino)) throw checkFailed(e.path, 'hard-linked to a file it is not linked to in the bundle');
        groupIno.set(e.ino, ino);
        inoGroup.set(ino, e.ino);
      } else if (seen !== ino) throw checkFailed(e.path, 'not hard-linked like in the bundle');
    }
    // The bundle's exact mtime (the file system's is within a microsecond of it, checked when written): the next
    // publish compares it with the next bundle's by string equality.
    out[i] = { path: e.path, type: e.type, mode: modes[i]!, size: e.size, mtimeNs: e.mtimeNs, content: e.content, ino, ctimeNs: '' };
  }
  // Every record equals the bundle's but for the `shared` mode transform (checked one by one as written), so the
  // digest of the published tree is the lockfile's when modes are kept; the counts must be the lockfile's either way.
  const got = summarizeManifest(out);
  const want = source.lock.rootfs;
  if (got.files !== want.files || got.hardlinks !== want.hardlinks || got.dirs !== want.dirs || got.symlinks !== want.symlinks)
    throw checkFailed(
      '.',
      `${got.files} files, ${got.hardlinks} hard links, ${got.dirs} dirs, ${got.symlinks} symlinks; the lockfile has ${want.files}, ${want.hardlinks}, ${want.dirs}, ${want.symlinks}`,
    );
  if (!shared && got.treeDigest !== want.treeDigest)
    throw checkFailed('.', `tree digest ${got.treeDigest}, the lockfile has ${want.treeDigest}`);
  return { entries: out, treeDigest: got.treeDigest };
}

/**
 * Proves an existing version is intact before it is made current again (re-point, rollback): every path of its
 * publish.files exists with the recorded type, mode, size, mtime and inode.
 */
export function checkVersionTree(versionDir: string, files: Manifest): void {
  const root = `${versionDir}/rootfs`;
  for (const e of files.entries) {
    const st = fs.lstatSync(`${root}/${e.path}`, { bigint: true, throwIfNoEntry: false });
    const type = st && manifestType(st);
    if (
      !st ||
      type !== e.type ||
      manifestMode(type, st) !== e.mode ||
      (type === 'f' && Number(st.size) !== e.size) ||
      !sameMtime(st.mtimeNs.toString(), e.mtimeNs) ||
      st.ino.toString() !== e.ino
    )
      throw new BundleError(
        `version ${versionDir} is damaged (rootfs/${e.path} differs from its publish.files)`,
        'publish the bundle again instead; remove the damaged version with eda-oci gc or by hand',
      );
  }
}
