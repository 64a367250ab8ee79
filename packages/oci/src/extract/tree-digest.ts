// The rootfs tree digest: one sha256 over sorted per-path records, computed during extraction or from disk.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { BundleError } from '@eda-oci/exec';

/** One path of the tree as it ends up on disk. `inode` groups hard links (same inode, counted once). */
export interface TreeRecord {
  type: 'f' | 'd' | 'l';
  mode: number;
  size: number;
  mtime: number;
  /** sha256 hex of the content (files), the link target (symlinks), '' (dirs). */
  content: string;
  inode: number;
}

export interface TreeSummary {
  treeDigest: string;
  /** Distinct regular files (hard links to an already counted file are not counted again). */
  files: number;
  /** Extra names of already counted files (hard links). */
  hardlinks: number;
  dirs: number;
  symlinks: number;
  /** Content bytes of distinct regular files. */
  bytes: number;
}

/**
 * Feeds the digest lines and counts of a tree, one path at a time in sorted order (UTF-8 byte order of the path).
 * Digest format, one line per path:
 * `path \0 f|d|l \0 octal(mode & 0o7777) \0 size(files, else '') \0 mtime(integer s) \0 sha256|target|'' \n`.
 * summarizeTree (extraction records) and summarizeManifest (bundle.files entries) both use it, so the two agree.
 */
export class TreeDigestBuilder {
  private readonly hash = createHash('sha256');
  private readonly seen = new Set<number | string>();
  private batch = '';
  private files = 0;
  private hardlinks = 0;
  private dirs = 0;
  private symlinks = 0;
  private bytes = 0;

  /** Adds one path; `inode` groups hard links (a file counts once per inode). */
  add(p: string, type: 'f' | 'd' | 'l', mode: number, size: number, mtimeSeconds: number, content: string, inode: number | string): void {
    this.batch += `${p}\0${type}\0${(mode & 0o7777).toString(8)}\0${type === 'f' ? size : ''}\0${mtimeSeconds}\0${content}\n`;
    if (this.batch.length > 65536) {
      this.hash.update(this.batch, 'utf8');
      this.batch = '';
    }
    if (type === 'd') this.dirs++;
    else if (type === 'l') this.symlinks++;
    else if (this.seen.has(inode)) this.hardlinks++;
    else {
      this.seen.add(inode);
      this.files++;
      this.bytes += size;
    }
  }

  finish(): TreeSummary {
    this.hash.update(this.batch, 'utf8');
    this.batch = '';
    const { files, hardlinks, dirs, symlinks, bytes } = this;
    return { treeDigest: `sha256:${this.hash.digest('hex')}`, files, hardlinks, dirs, symlinks, bytes };
  }
}

/** The tree digest and counts of extraction records (sorted here; see {@link TreeDigestBuilder} for the format). */
export function summarizeTree(records: Map<string, TreeRecord>): TreeSummary {
  const keyed = [...records.keys()].map((p) => ({ p, b: Buffer.from(p, 'utf8') }));
  keyed.sort((x, y) => Buffer.compare(x.b, y.b));
  const digest = new TreeDigestBuilder();
  for (const { p } of keyed) {
    const r = records.get(p)!;
    digest.add(p, r.type, r.mode, r.size, Math.floor(r.mtime), r.content, r.inode);
  }
  return digest.finish();
}

function floorSeconds(ns: bigint): number {
  let s = ns / 1_000_000_000n;
  if (ns % 1_000_000_000n < 0n) s -= 1n;
  return Number(s);
}

/** sha256 hex of a file's content, read with `buf`, never following a symlink. */
export function hashFile(path: string, buf: Buffer): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Recomputes the tree digest of an extracted rootfs from disk, without following symlinks. `exclude` names
 * top-level entries to leave out (e.g. `.eda-oci`, which the build writes after extraction).
 */
export async function computeTreeDigest(
  rootfs: string,
  options: { exclude?: string[] } = {},
): Promise<{ treeDigest: string; files: number; bytes: number }> {
  const exclude = new Set(options.exclude ?? []);
  const records = new Map<string, TreeRecord>();
  const inodes = new Map<string, { id: number; content: string }>();
  const buf = Buffer.allocUnsafe(1 << 20);
  const walk = (rel: string): void => {
    const dir = rel === '' ? rootfs : `${rootfs}/${rel}`;
    for (const name of fs.readdirSync(dir)) {
      if (rel === '' && exclude.has(name)) continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const abs = `${rootfs}/${childRel}`;
      const st = fs.lstatSync(abs, { bigint: true });
      const mode = Number(st.mode & 0o7777n);
      const mtime = floorSeconds(st.mtimeNs);
      if (st.isDirectory()) {
        records.set(childRel, { type: 'd', mode, size: 0, mtime, content: '', inode: -1 });
        walk(childRel);
      } else if (st.isSymbolicLink()) {
        records.set(childRel, { type: 'l', mode: 0o777, size: 0, mtime, content: fs.readlinkSync(abs), inode: -1 });
      } else if (st.isFile()) {
        const key = `${st.dev}:${st.ino}`;
        let ino = inodes.get(key);
        if (!ino) {
          ino = { id: inodes.size, content: hashFile(abs, buf) };
          inodes.set(key, ino);
        }
        records.set(childRel, { type: 'f', mode, size: Number(st.size), mtime, content: ino.content, inode: ino.id });
      } else {
        throw new BundleError(
          `unexpected special file ${abs} in the rootfs`,
          'eda-oci never extracts device nodes, FIFOs or sockets; rebuild the bundle',
        );
      }
    }
  };
  walk('');
  const s = summarizeTree(records);
  return { treeDigest: s.treeDigest, files: s.files, bytes: s.bytes };
}
