// bundle.files: the per-file manifest a build writes next to bundle.lock.json, so that publishing can verify a bundle
// and find unchanged files from metadata alone instead of re-hashing every file.
//
// Format (UTF-8 text, one record per line, fields separated by TAB; `\`, TAB, LF and CR inside a path or symlink target
// are written as `\\`, `\t`, `\n`, `\r`):
//   eda-oci-files 1
//   root  <mode octal> <mtime ns> <inode> <ctime ns>      (the rootfs directory itself; not part of the tree digest)
//   statted <ns>                                          (from this wall-clock time on, recorded ctimes are reliable)
//   <blank line>
//   <path> <f|d|l> <mode octal> <size> <mtime ns> <sha256 hex | link target | -> <inode> <ctime ns>
// Records are sorted by the UTF-8 bytes of the path, like the tree digest. `inode` and `ctime` are what one lstat after
// the build's last change gave: a later lstat with the same inode and ctime (which no user can set) proves the file
// was not modified since, except for changes in the same clock tick as that lstat; see RACY_WINDOW_NS. The build
// records `statted` = end of its lstat pass + RACY_WINDOW_NS and makes the bundle visible only after that time, so a
// later change always lands in a later tick and no entry of a built bundle is racy.
import { constants, lstatSync, type BigIntStats } from 'node:fs';
import { BundleError } from '@eda-oci/exec';
import { TreeDigestBuilder, type TreeRecord, type TreeSummary } from './extract/tree-digest.js';

/** The manifest's file name inside a bundle directory. */
export const MANIFEST_NAME = 'bundle.files';
/** The first line of a manifest (and of the store's publish.files). */
export const MANIFEST_MAGIC = 'eda-oci-files 1';

/**
 * Entries whose ctime is at most this much before `statted` (or later) are "racy": a write right after the build's
 * lstat can leave ctime unchanged, because the kernel stamps times from a clock that advances once per tick (1-10 ms),
 * so such entries must be re-read before their recorded content is trusted (git's racy-clean rule).
 */
export const RACY_WINDOW_NS = 50_000_000n;

/** One path of a manifest. */
export interface ManifestEntry {
  path: string;
  type: 'f' | 'd' | 'l';
  /** Permission bits (& 0o7777); 0o777 for symlinks. */
  mode: number;
  /** Content bytes of files; 0 otherwise. */
  size: number;
  /** Modification time in ns, decimal (kept as a string: exact, and compared as text). */
  mtimeNs: string;
  /** sha256 hex of a file, the target of a symlink, '' for a directory. */
  content: string;
  /** Inode number as decimal text; names of one hard-linked file share it. */
  ino: string;
  /** ctime in ns, decimal; '' when unknown (a manifest not made by a build, e.g. the store's). */
  ctimeNs: string;
}

const { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK } = constants;

/** The manifest type of a path, or undefined for what a bundle never holds (device nodes, FIFOs, sockets). */
export function manifestType(st: BigIntStats): ManifestEntry['type'] | undefined {
  // From one conversion of the mode: BigIntStats' isFile() and friends allocate BigInts per call, and the store
  // calls this once per path of a bundle.
  const fmt = Number(st.mode) & S_IFMT;
  return fmt === S_IFREG ? 'f' : fmt === S_IFDIR ? 'd' : fmt === S_IFLNK ? 'l' : undefined;
}

/** The mode a manifest records for a path: its permission bits, 0o777 for a symlink (whose own mode means nothing). */
export function manifestMode(type: ManifestEntry['type'], st: BigIntStats): number {
  return type === 'l' ? 0o777 : Number(st.mode) & 0o7777;
}

/** A manifest entry from one lstat of the path and its content (file sha256, symlink target, '' for a directory). */
export function manifestEntry(
  path: string,
  type: ManifestEntry['type'],
  st: BigIntStats,
  content: string,
  ctimeNs = st.ctimeNs.toString(),
): ManifestEntry {
  return {
    path,
    type,
    mode: manifestMode(type, st),
    size: type === 'f' ? Number(st.size) : 0,
    mtimeNs: st.mtimeNs.toString(),
    content,
    ino: st.ino.toString(),
    ctimeNs,
  };
}

/** A parsed manifest. */
export interface Manifest {
  root: { mode: number; mtimeNs: string; ino: string; ctimeNs: string };
  /** Wall-clock ns after which every change to the tree shows in ctime (see RACY_WINDOW_NS); 0n when unknown. */
  statted: bigint;
  /** Sorted by UTF-8 bytes of the path. */
  entries: ManifestEntry[];
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

function escapeField(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : s;
}

/** A path or symlink target of a manifest line with its escapes undone; undefined when it has an invalid escape. */
export function unescapeManifestField(s: string): string | undefined {
  if (!s.includes('\\')) return s;
  let bad = false;
  const out = s.replace(/\\(.?)/g, (_m, c: string) => {
    const u = UNESCAPES[c];
    if (u === undefined) bad = true;
    return u ?? '';
  });
  return bad ? undefined : out;
}

const REBUILD_HINT = 'the file is damaged or was edited; rebuild the bundle with build-oci-bundle';

/** Sorts by the UTF-8 bytes of the path (the tree digest's order). */
export function sortByPathBytes<T extends { path: string }>(items: T[]): T[] {
  // For ASCII paths (nearly always) JavaScript's string order is the byte order, and much cheaper.
  if (!items.some((i) => NON_ASCII.test(i.path))) return [...items].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const keyed = items.map((item) => ({ item, b: Buffer.from(item.path, 'utf8') }));
  keyed.sort((x, y) => Buffer.compare(x.b, y.b));
  return keyed.map((k) => k.item);
}

/** Renders a manifest; entries must already be sorted (see {@link sortByPathBytes}). */
export function formatManifest(m: Manifest): string {
  const r = m.root;
  const parts = [`${MANIFEST_MAGIC}\nroot\t${r.mode.toString(8)}\t${r.mtimeNs}\t${r.ino}\t${r.ctimeNs || '-'}\nstatted\t${m.statted}\n\n`];
  for (const e of m.entries) {
    const content = e.type === 'd' ? '-' : escapeField(e.content);
    parts.push(
      `${escapeField(e.path)}\t${e.type}\t${e.mode.toString(8)}\t${e.size}\t${e.mtimeNs}\t${content}\t${e.ino}\t${e.ctimeNs || '-'}\n`,
    );
  }
  return parts.join('');
}

const DIGITS = /^\d+$/;
const SIGNED = /^-?\d+$/;
const OCTAL = /^[0-7]{1,5}$/;
const SHA_HEX = /^[0-9a-f]{64}$/;

/** True when `a` sorts before `b` in UTF-8 byte order (UTF-16 order agrees unless a surrogate pair is involved). */
function beforeInBytes(a: string, b: string): boolean {
  if (!NON_ASCII.test(a) && !NON_ASCII.test(b)) return a < b;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;
}
const NON_ASCII = /[^ -~\t\n\r]/;
/** An empty, `.` or `..` component, or a leading slash. */
const BAD_PATH = /(^|\/)\.{0,2}(\/|$)/;

/** Whether a manifest path is relative and has no empty, `.` or `..` component (cannot lead out of the rootfs). */
export function isManifestPath(path: string): boolean {
  return path !== '' && !BAD_PATH.test(path);
}

/**
 * Parses one entry line of a manifest (or publish.files): the entry, or why the line is not one (what follows
 * "line N" in parseManifest's message). With `after` (the previous line's path) the path must sort after it.
 * `checkFields: false` checks only the field count, the type and the escapes, not the numeric fields, the content
 * (sha256 of a file, '-' of a directory) or the path ({@link isManifestPath}): for a reader that proves what it uses
 * by other means (the store's link index compares paths and lstat-s every candidate).
 */
export function parseManifestLine(line: string, checkFields: boolean, after?: string): ManifestEntry | string {
  const f = line.split('\t');
  if (f.length !== 8) return `has ${f.length} fields, not 8`;
  const [p, type, mode, size, mtime, content, ino, ctime] = f as [string, string, string, string, string, string, string, string];
  if (type !== 'f' && type !== 'd' && type !== 'l') return `has the unknown type '${type}'`;
  if (checkFields) {
    if (!OCTAL.test(mode) || !DIGITS.test(size) || !SIGNED.test(mtime) || !DIGITS.test(ino) || (ctime !== '-' && !DIGITS.test(ctime)))
      return 'has a non-numeric field';
    if (type === 'f' ? !SHA_HEX.test(content) : type === 'd' && content !== '-')
      return type === 'f' ? 'has no sha256 for a file' : "has content for a directory (expected '-')";
  }
  const path = unescapeManifestField(p);
  if (path === undefined) return 'has an invalid escape';
  if (checkFields && !isManifestPath(path)) return `has an invalid path '${path}'`;
  // The order proves there are no duplicates and matches the digest's order.
  if (after !== undefined && !beforeInBytes(after, path)) return `is out of order or repeats a path ('${path}')`;
  const target = type === 'l' ? unescapeManifestField(content) : type === 'd' ? '' : content;
  if (target === undefined) return 'has an invalid escape';
  return {
    path,
    type,
    mode: parseInt(mode, 8),
    size: +size,
    mtimeNs: mtime,
    content: target,
    ino,
    ctimeNs: ctime === '-' ? '' : ctime,
  };
}

/** Parses a manifest; a malformed one is a BundleError naming the line. */
export function parseManifest(text: string): Manifest {
  const lines = text.split('\n');
  const bad = (line: number, why: string): BundleError => new BundleError(`${MANIFEST_NAME} line ${line} ${why}`, REBUILD_HINT);
  if (lines[0] !== MANIFEST_MAGIC) throw bad(1, `is not '${MANIFEST_MAGIC}'`);
  const rootF = (lines[1] ?? '').split('\t');
  if (rootF.length !== 5 || rootF[0] !== 'root' || !OCTAL.test(rootF[1]!) || !SIGNED.test(rootF[2]!) || !DIGITS.test(rootF[3]!))
    throw bad(2, 'is not a valid root record');
  const st = (lines[2] ?? '').split('\t');
  if (st.length !== 2 || st[0] !== 'statted' || !DIGITS.test(st[1]!)) throw bad(3, 'is not a valid statted record');
  if (lines[3] !== '') throw bad(4, 'is not empty');
  if (lines[lines.length - 1] !== '') throw bad(lines.length, 'is not terminated by a newline');
  const entries: ManifestEntry[] = new Array(Math.max(0, lines.length - 5));
  let prev: string | undefined;
  for (let i = 4; i < lines.length - 1; i++) {
    const e = parseManifestLine(lines[i]!, true, prev);
    if (typeof e === 'string') throw bad(i + 1, e);
    prev = e.path;
    entries[i - 4] = e;
  }
  return {
    root: { mode: parseInt(rootF[1]!, 8), mtimeNs: rootF[2]!, ino: rootF[3]!, ctimeNs: rootF[4] === '-' ? '' : rootF[4]! },
    statted: BigInt(st[1]!),
    entries,
  };
}

/** Whole seconds (floor) of a decimal ns string, as the tree digest records mtimes. */
export function nsToSeconds(ns: string): number {
  if (ns.startsWith('-')) {
    const b = BigInt(ns);
    return Number(b / 1_000_000_000n - (b % 1_000_000_000n < 0n ? 1n : 0n));
  }
  return ns.length <= 9 ? 0 : Number(ns.slice(0, -9));
}

/**
 * The tree digest and counts of a manifest's entries (sorted, as parseManifest and manifestFromRecords return them),
 * computed exactly as summarizeTree computes them, without sorting again.
 */
export function summarizeManifest(entries: readonly ManifestEntry[]): TreeSummary {
  const digest = new TreeDigestBuilder();
  for (const e of entries) digest.add(e.path, e.type, e.mode, e.size, nsToSeconds(e.mtimeNs), e.content, e.ino);
  return digest.finish();
}

/**
 * Reads inode, ctime and exact mtime of every recorded path under `rootfs` (one lstat each) and returns the manifest.
 * Call after the last change to the tree (modes and times applied); `records` are the extractor's (content hashes are
 * taken from them, nothing is re-read). `statted` is set to the end of the pass plus RACY_WINDOW_NS: the caller must
 * not let anything else change the tree before that time.
 */
export function manifestFromRecords(rootfs: string, records: ReadonlyMap<string, TreeRecord>): Manifest {
  const rootSt = lstatSync(rootfs, { bigint: true });
  const entries: ManifestEntry[] = [];
  for (const [p, r] of records) {
    const st = lstatSync(`${rootfs}/${p}`, { bigint: true });
    const type = manifestType(st);
    if (type !== r.type)
      throw new BundleError(`${rootfs}/${p} changed type during the build`, 'something else writes into the staging directory; retry');
    entries.push(manifestEntry(p, type, st, r.content));
  }
  const statted = (BigInt(Date.now()) + 1n) * 1_000_000n + RACY_WINDOW_NS;
  return {
    root: {
      mode: Number(rootSt.mode & 0o7777n),
      mtimeNs: rootSt.mtimeNs.toString(),
      ino: rootSt.ino.toString(),
      ctimeNs: rootSt.ctimeNs.toString(),
    },
    statted,
    entries: sortByPathBytes(entries),
  };
}
