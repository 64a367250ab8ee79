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
 * Digest format, one line per path sorted by UTF-8 byte order of the path:
 * `path \0 f|d|l \0 octal(mode & 0o7777) \0 size(files, else '') \0 mtime(integer s) \0 sha256|target|'' \n`.
 */
export function summarizeTree(records: Map<string, TreeRecord>): TreeSummary {
  const keyed = [...records.keys()].map((p) => ({ p, b: Buffer.from(p, 'utf8') }));
  keyed.sort((x, y) => Buffer.compare(x.b, y.b));
  const hash = createHash('sha256');
  const seen = new Set<number>();
  let files = 0;
  let hardlinks = 0;
  let dirs = 0;
  let symlinks = 0;
  let bytes = 0;
  let batch = '';
  for (const { p } of keyed) {
    const r = records.get(p)!;
    const size = r.type === 'f' ? String(r.size) : '';
    batch += `${p}\0${r.type}\0${(r.mode & 0o7777).toString(8)}\0${size}\0${Math.floor(r.mtime)}\0${r.content}\n`;
    if (batch.length > 65536) {
      hash.update(batch, 'utf8');
      batch = '';
    }
    if (r.type === 'd') dirs++;
    else if (r.type === 'l') symlinks++;
    else if (seen.has(r.inode)) hardlinks++;
    else {
      seen.add(r.inode);
      files++;
      bytes += r.size;
    }
  }
  hash.update(batch, 'utf8');
  return { treeDigest: `sha256:${hash.digest('hex')}`, files, hardlinks, dirs, symlinks, bytes };
}

function floorSeconds(ns: bigint): number {
  let s = ns / 1_000_000_000n;
  if (ns % 1_000_000_000n < 0n) s -= 1n;
  return Number(s);
}

function hashFile(path: string, buf: Buffer): string {
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
