// Writing a new version's tree into its staging directory: hard links to the current version for every file whose
// content and metadata are unchanged, copies (reflink / copy_file_range, or read+hash+write for small files) for the
// rest, then directory modes and times, then a check of the whole tree against the manifest before anything can point
// at it. Synchronous fs calls in the per-file loops: for thousands of small files they cost a fraction of a promise
// round trip each; the loop yields every few ms so signals and the lock heartbeat still run.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { chmod, copyFile, lstat, utimes } from 'node:fs/promises';
import { BundleError, CancelledError } from '@eda-oci/exec';
import { BUNDLE_META_DIR, nsToSeconds, summarizeManifest, type Manifest, type ManifestEntry } from '@eda-oci/oci';
import { childCounts, type SourceBundle } from './source.js';

/** Files at least this large are copied with copyFile (reflink where the file system can, else copy_file_range). */
export const BIG_FILE = 1 << 20;
const { O_RDONLY, O_NOFOLLOW, O_CREAT, O_EXCL, O_WRONLY } = fs.constants;

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

/** The current version, as a source of hard links. */
export interface LinkSource {
  dir: string;
  files: Manifest;
}

/** What {@link writeTree} did. */
export interface TreeResult {
  /** The published tree (store-side modes, mtimes and inodes), to be saved as publish.files. */
  published: Manifest;
  /** Its tree digest: the lockfile's, unless `shared` changed modes. */
  publishedTreeDigest: string;
  /** Phases: directories, links and small copies; large copies; directory modes and times; the check. */
  timingsMs: { entries: number; bigFiles: number; dirs: number; check: number };
  filesLinked: number;
  filesCopied: number;
  symlinksLinked: number;
  bytesCopied: number;
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
}

function changedDuring(dir: string, rel: string, what: string): BundleError {
  return new BundleError(
    `bundle ${dir} changed while it was being published (rootfs/${rel}: ${what})`,
    'do not modify a bundle while publishing it; publish again',
  );
}

function curKey(e: ManifestEntry): string {
  return `${e.content}\0${e.mode}\0${e.mtimeNs}`;
}

/** Copies one small file by read + hash + write; the hash must be the recorded one. */
function copySmall(src: string, dst: string, e: ManifestEntry, mode: number, buf: Buffer, sourceDir: string): void {
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
  } finally {
    fs.closeSync(fin);
    if (fout !== -1) fs.closeSync(fout);
  }
}

/** The kernel refused a hard link where a copy does the job (another user's file, another file system, link limit). */
function linkRefused(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'EACCES' || code === 'EXDEV' || code === 'EMLINK' || code === 'ENOENT';
}

/**
 * Writes the source bundle's rootfs into `<staging>/rootfs`, linking unchanged files from the current version, then
 * checks every path against the manifest (types, modes, sizes, times, owner, hard-link structure, entry counts and the
 * tree digest after the mode transform).
 */
export async function writeTree(o: TreeOptions): Promise<TreeResult> {
  const { source, staging, current, shared, signal } = o;
  const entries = source.manifest.entries;
  const srcRoot = `${source.dir}/rootfs`;
  const root = `${staging}/rootfs`;
  const curRoot = current ? `${current.dir}/rootfs` : '';
  const byPath = new Map<string, ManifestEntry>();
  for (const e of current?.files.entries ?? []) byPath.set(e.path, e);
  // Files that moved to another path are found by content, mode and mtime; built on the first miss only.
  let byContent: Map<string, ManifestEntry> | undefined;
  const contentMatch = (key: string): ManifestEntry | undefined => {
    if (!byContent) {
      byContent = new Map();
      for (const e of current?.files.entries ?? []) if (e.type === 'f') byContent.set(curKey(e), e);
    }
    return byContent.get(key);
  };
  const buf = Buffer.allocUnsafe(1 << 20);
  const modes = entries.map((e) => publishedMode(e.mode, e.type, shared));
  // Store inode each source file group (source inode) is expected to end up on: a current inode when linked.
  const groupLinkedTo = new Map<string, string>();
  const usedStoreInodes = new Set<string>();
  const groupFirst = new Map<string, number>();
  const mates: number[] = [];
  const bigCopies: number[] = [];
  let filesLinked = 0;
  let filesCopied = 0;
  let symlinksLinked = 0;
  let bytesCopied = 0;
  let lastYield = performance.now();
  const half = entries.length >> 1;

  const t0 = performance.now();
  fs.mkdirSync(root, 0o700);
  for (let i = 0; i < entries.length; i++) {
    if ((i & 63) === 0 && performance.now() - lastYield > 20) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
      if (signal?.aborted) throw new CancelledError('publish cancelled while writing the new version');
    }
    if (i === half && o.midway) await o.midway();
    const e = entries[i]!;
    const dst = `${root}/${e.path}`;
    if (e.type === 'd') {
      fs.mkdirSync(dst, 0o700);
      continue;
    }
    const cur = byPath.get(e.path);
    if (e.type === 'l') {
      if (cur?.type === 'l' && cur.content === e.content && sameMtime(cur.mtimeNs, e.mtimeNs)) {
        try {
          fs.linkSync(`${curRoot}/${e.path}`, dst); // a hard link to the symlink itself (linkat without FOLLOW)
          symlinksLinked++;
          continue;
        } catch (err) {
          if (!linkRefused(err)) throw err;
        }
      }
      fs.symlinkSync(e.content, dst);
      const t = nsToUtime(e.mtimeNs);
      fs.lutimesSync(dst, t, t);
      continue;
    }
    if (groupFirst.has(e.ino)) {
      mates.push(i);
      continue;
    }
    groupFirst.set(e.ino, i);
    let cand =
      cur?.type === 'f' && cur.content === e.content && cur.mode === modes[i] && sameMtime(cur.mtimeNs, e.mtimeNs) ? cur : undefined;
    if (!cand && current) cand = contentMatch(`${e.content}\0${modes[i]}\0${e.mtimeNs}`);
    // Two files that are separate in the bundle must stay separate: never link both to one current inode.
    if (cand && !usedStoreInodes.has(cand.ino)) {
      try {
        fs.linkSync(`${curRoot}/${cand.path}`, dst);
        groupLinkedTo.set(e.ino, cand.ino);
        usedStoreInodes.add(cand.ino);
        filesLinked++;
        continue;
      } catch (err) {
        if (!linkRefused(err)) throw err;
      }
    }
    if (e.size >= BIG_FILE) {
      bigCopies.push(i);
      continue;
    }
    copySmall(`${srcRoot}/${e.path}`, dst, e, modes[i]!, buf, source.dir);
    filesCopied++;
    bytesCopied += e.size;
  }

  const tLinked = performance.now();
  // Large files through the thread pool, two at a time: the event loop (heartbeat, signals) stays free.
  const copyBig = async (i: number): Promise<void> => {
    if (signal?.aborted) throw new CancelledError('publish cancelled while copying');
    const e = entries[i]!;
    const src = `${srcRoot}/${e.path}`;
    await copyFile(src, `${root}/${e.path}`, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
    const st = await lstat(src, { bigint: true });
    // Content was proven at verification time (by metadata or by hashing); the same inode and ctime now prove it
    // did not change while it was copied.
    if (st.ino !== source.seenIno[i] || st.ctimeNs !== source.seenCtime[i] || Number(st.size) !== e.size)
      throw changedDuring(source.dir, e.path, 'modified during the copy');
    await chmod(`${root}/${e.path}`, modes[i]!);
    const t = nsToUtime(e.mtimeNs);
    await utimes(`${root}/${e.path}`, t, t);
    filesCopied++;
    bytesCopied += e.size;
  };
  const queue = [...bigCopies];
  await Promise.all(
    [0, 1].map(async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await copyBig(i);
    }),
  );
  if (signal?.aborted) throw new CancelledError('publish cancelled while writing the new version');
  for (const i of mates) {
    const e = entries[i]!;
    fs.linkSync(`${root}/${entries[groupFirst.get(e.ino)!]!.path}`, `${root}/${e.path}`);
  }

  // rootfs/.eda-oci/bundle-id: outside the tree digest, proven against the lockfile when the source was loaded.
  const meta = `${root}/${BUNDLE_META_DIR}`;
  fs.mkdirSync(meta, 0o700);
  const idText = `${source.digest}\n`;
  fs.writeFileSync(`${meta}/bundle-id`, idText, { mode: 0o444, flag: 'wx' });
  fs.chmodSync(`${meta}/bundle-id`, 0o444);
  fs.chmodSync(meta, 0o555);
  bytesCopied += idText.length;

  const tDirs = performance.now();
  // Directory modes and times last, deepest first (children change a directory's mtime; 0555 dirs must stay
  // writable until their children exist). Reverse path order visits every directory after all its descendants.
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.type !== 'd') continue;
    const t = nsToUtime(e.mtimeNs);
    fs.utimesSync(`${root}/${e.path}`, t, t);
    fs.chmodSync(`${root}/${e.path}`, modes[i]!);
  }
  const r = source.manifest.root;
  const rootMode = publishedMode(r.mode, 'd', shared);
  const rt = nsToUtime(r.mtimeNs);
  fs.utimesSync(root, rt, rt);
  fs.chmodSync(root, rootMode);

  const tCheck = performance.now();
  const checked = checkTree(o, modes, groupLinkedTo);
  const ms = (a: number, b: number): number => Math.round(b - a);
  return {
    published: checked.manifest,
    publishedTreeDigest: checked.treeDigest,
    filesLinked,
    filesCopied,
    symlinksLinked,
    bytesCopied,
    timingsMs: { entries: ms(t0, tLinked), bigFiles: ms(tLinked, tDirs), dirs: ms(tDirs, tCheck), check: ms(tCheck, performance.now()) },
  };
}

/** Walks the written tree and compares every path with the manifest; returns the store-side manifest. */
function checkTree(o: TreeOptions, modes: number[], groupLinkedTo: Map<string, string>): { manifest: Manifest; treeDigest: string } {
  const { source, staging, uid, shared } = o;
  const entries = source.manifest.entries;
  const root = `${staging}/rootfs`;
  const bad = (rel: string, what: string): BundleError =>
    new BundleError(`the new version failed its check before going live (rootfs/${rel}: ${what})`, 'nothing was published; retry');
  const children = childCounts(entries);
  const out: ManifestEntry[] = new Array(entries.length);
  const groupIno = new Map<string, string>();
  const inoGroup = new Map<string, string>();
  const count = (rel: string): void => {
    const n = fs.readdirSync(rel === '' ? root : `${root}/${rel}`).length;
    if (n !== (children.get(rel) ?? 0)) throw bad(rel || '.', `${n} entries, expected ${children.get(rel) ?? 0}`);
  };
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const st = fs.lstatSync(`${root}/${e.path}`, { bigint: true, throwIfNoEntry: false });
    if (!st) throw bad(e.path, 'missing');
    const type = st.isFile() ? 'f' : st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : '?';
    if (type !== e.type) throw bad(e.path, `type ${type}, expected ${e.type}`);
    if (Number(st.uid) !== uid) throw bad(e.path, `owned by uid ${st.uid}, expected ${uid}`);
    const mode = type === 'l' ? 0o777 : Number(st.mode & 0o7777n);
    if (mode !== modes[i]) throw bad(e.path, `mode ${mode.toString(8)}, expected ${modes[i]!.toString(8)}`);
    if (type === 'f' && Number(st.size) !== e.size) throw bad(e.path, `size ${st.size}, expected ${e.size}`);
    const mtime = st.mtimeNs.toString();
    if (!sameMtime(mtime, e.mtimeNs)) throw bad(e.path, 'modification time');
    const ino = st.ino.toString();
    if (type === 'f') {
      // One store inode per source file: names that share an inode in the bundle share one here, and no others.
      const seen = groupIno.get(e.ino);
      if (seen === undefined) {
        if (inoGroup.has(ino)) throw bad(e.path, 'hard-linked to a file it is not linked to in the bundle');
        const linked = groupLinkedTo.get(e.ino);
        if (linked !== undefined && linked !== ino) throw bad(e.path, 'not the current version file it was linked to');
        groupIno.set(e.ino, ino);
        inoGroup.set(ino, e.ino);
      } else if (seen !== ino) throw bad(e.path, 'not hard-linked like in the bundle');
    } else if (type === 'l') {
      if (fs.readlinkSync(`${root}/${e.path}`) !== e.content) throw bad(e.path, 'symlink target');
    } else count(e.path);
    // The bundle's exact mtime (the file system's is within a microsecond of it, checked above): the next publish
    // compares it with the next bundle's by string equality.
    out[i] = { path: e.path, type: e.type, mode, size: e.size, mtimeNs: e.mtimeNs, content: e.content, ino, ctimeNs: '' };
  }
  count('');
  const rootSt = fs.lstatSync(root, { bigint: true });
  const published: Manifest = {
    root: { mode: Number(rootSt.mode & 0o7777n), mtimeNs: rootSt.mtimeNs.toString(), ino: rootSt.ino.toString(), ctimeNs: '' },
    statted: 0n,
    entries: out,
  };
  // Every record equals the bundle's but for the `shared` mode transform (checked one by one above), so the digest of
  // the published tree is the lockfile's when modes are kept; the counts must be the lockfile's either way.
  const got = summarizeManifest(out);
  const want = source.lock.rootfs;
  if (got.files !== want.files || got.hardlinks !== want.hardlinks || got.dirs !== want.dirs || got.symlinks !== want.symlinks)
    throw bad(
      '.',
      `${got.files} files, ${got.hardlinks} hard links, ${got.dirs} dirs, ${got.symlinks} symlinks; the lockfile has ${want.files}, ${want.hardlinks}, ${want.dirs}, ${want.symlinks}`,
    );
  if (!shared && got.treeDigest !== want.treeDigest) throw bad('.', `tree digest ${got.treeDigest}, the lockfile has ${want.treeDigest}`);
  return { manifest: published, treeDigest: got.treeDigest };
}

/**
 * Proves an existing version is intact before it is made current again (re-point, rollback): every path of its
 * publish.files exists with the recorded type, mode, size, mtime and inode.
 */
export function checkVersionTree(versionDir: string, files: Manifest): void {
  const root = `${versionDir}/rootfs`;
  for (const e of files.entries) {
    const st = fs.lstatSync(`${root}/${e.path}`, { bigint: true, throwIfNoEntry: false });
    const type = st?.isFile() ? 'f' : st?.isDirectory() ? 'd' : st?.isSymbolicLink() ? 'l' : '?';
    const mode = type === 'l' ? 0o777 : Number((st?.mode ?? 0n) & 0o7777n);
    if (
      !st ||
      type !== e.type ||
      mode !== e.mode ||
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
