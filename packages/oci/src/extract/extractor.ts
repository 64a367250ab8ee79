// Streaming, hostile-archive-safe tar extraction into a fresh rootfs (the output of `docker export`).
//
// Safety comes from construction, not from checking the disk: the rootfs starts empty and private, and every
// path this extraction creates is recorded in `records`. An entry may only be written below directories that
// are in `records` as directories, so nothing is ever written through a symlink, and no symlink is followed.
// Files are opened O_CREAT|O_EXCL|O_NOFOLLOW after any previous entry of that name was removed.
//
// Speed: the parser works on the chunks as they arrive (subarrays, no per-block copies) and does the file
// system work with synchronous calls. For many small files this is much cheaper than a promise round trip per
// syscall, and the producer (the exporter process or the read stream) keeps filling the pipe meanwhile. Only
// the content of large files is written asynchronously (positional writes on the libuv thread pool), so that
// copying it into the kernel overlaps with sha256 hashing on the main thread; `inflightBytes` bounds memory.
import { createHash, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { BundleError, CancelledError, ProgressTicker } from '@eda-oci/exec';
import { BLOCK, decodeName, isZeroBlock, parseHeader, parsePax, type PaxRecords, type RawHeader } from './tar-header.js';
import { summarizeTree, type TreeRecord } from './tree-digest.js';

/** Entry types as eda-oci names them. `socket` never comes from tar but is listed for callers' switch statements. */
export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'socket';

/** One archive entry as the filter sees it. */
export interface TarEntryInfo {
  /** Normalized relative path, no leading `./`, no trailing `/`; `.` for the root directory. */
  path: string;
  type: TarEntryType;
  /** Permission bits from the archive (& 0o7777), before setuid/setgid stripping. */
  mode: number;
  /** Content bytes (0 for everything but files). */
  size: number;
  /** Modification time in seconds (may be fractional); the filter may change it. */
  mtime: number;
  /** Symlink target (as stored) or hard link target (normalized). */
  linkname?: string;
}

export interface ExtractOptions {
  /** Abort -> stop and reject with CancelledError (the caller removes the directory). */
  signal?: AbortSignal;
  /** Called per entry before it is written; return false to skip it (not counted as skipped-special). May change entry.mtime. */
  filter?: (entry: TarEntryInfo) => boolean;
  /**
   * Treat the stream as OCI image layers applied in order: an entry `dir/.wh.NAME` deletes `dir/NAME` as extracted so
   * far, and `dir/.wh..wh..opq` empties `dir` (both are then not extracted). Off for `docker export` streams, which are
   * already flattened.
   */
  whiteouts?: boolean;
  /**
   * The source reuses its buffers once the next chunk is requested (e.g. one read buffer for every file): write all
   * content synchronously so no chunk is referenced after it was consumed. Fresh buffers for every chunk cost page
   * faults that dominate on VMs; a reused buffer stays hot in cache.
   */
  reuseBuffers?: boolean;
  /**
   * Directories that must exist after extraction (e.g. the image's WorkingDir, which runc does not create in a
   * read-only rootfs); absolute paths are taken inside the rootfs. Missing components are created 0755 with
   * mtime `ensureDirsMtime` and are part of the tree digest. A path below a symlink or file is left alone (the
   * runtime resolves it inside the container); a `..` component is rejected.
   */
  ensureDirs?: string[];
  /** mtime (seconds) of directories created for `ensureDirs`; default 0. */
  ensureDirsMtime?: number;
  /**
   * Progress so far, at most every PROGRESS_INTERVAL_MS while extracting and once more with `done` at the end of a
   * successful extraction. Not called when the extraction ends within the first interval, except for `done`.
   */
  onProgress?: (progress: ExtractProgress) => void;
}

/** What {@link ExtractOptions.onProgress} reports. */
export interface ExtractProgress {
  /** Archive entries read so far (metadata headers not counted). */
  entries: number;
  /** Content bytes of regular files written so far. */
  bytes: number;
  /** True on the last report (extraction finished). */
  done: boolean;
}

export interface ExtractResult {
  /** Distinct regular files in the resulting tree (a hard-linked file counts once). */
  files: number;
  dirs: number;
  symlinks: number;
  /** Extra names of regular files (hard links) in the resulting tree. */
  hardlinks: number;
  /** Content bytes of the distinct regular files in the resulting tree. */
  bytes: number;
  /** Device nodes, FIFOs, sockets: skipped, not created. */
  skippedSpecial: { path: string; type: string }[];
  /** Paths whose setuid/setgid bits were removed. */
  strippedSetid: string[];
  /** 'sha256:<hex>', identical to computeTreeDigest(rootfs) right after extraction. */
  treeDigest: string;
  /** Archive entries read (metadata headers not counted), including skipped ones. */
  entries: number;
  /** Every path of the resulting tree with its type, mode, size, mtime and content hash (the tree digest's input). */
  records: ReadonlyMap<string, TreeRecord>;
}

const HOSTILE_HINT = 'refusing to extract a hostile or corrupt archive; check where the image comes from';
const EARLY_HINT = 'the exporter died (daemon killed?); retry the build';
const MAX_META = 16 << 20; // PAX headers and GNU long names larger than this are not from docker export
const EMPTY_SHA256 = createHash('sha256').digest('hex');
const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = fs.constants;
const CREATE_FLAGS = O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW;
/** Files at least this large get their content written asynchronously. */
const ASYNC_FILE_SIZE = 16 << 10;
/** Stop pulling source chunks while this many content bytes wait to be written. */
export const MAX_INFLIGHT_BYTES = 32 << 20;
// process.umask() without arguments only reads the mask (documentation-only deprecation, no warning).
const UMASK = process.umask();

const enum State {
  Header,
  Body,
  Padding,
  AfterZeroBlock,
  Done,
}

const enum Sink {
  File,
  Skip,
  Pax,
  PaxGlobal,
  LongName,
  LongLink,
}

/** Normalizes an archive name: strips `./` and empty components; rejects absolute names, `..` and NUL. */
function normalizeName(name: string, what: string, entry: string): string {
  if (name.startsWith('/')) {
    throw new BundleError(`tar ${what} "${entry}" is an absolute path`, HOSTILE_HINT);
  }
  const parts = name.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new BundleError(`tar ${what} "${entry}" contains a ".." component`, HOSTILE_HINT);
    out.push(part);
  }
  return out.join('/');
}

function typeOf(flag: string, rawName: Buffer): TarEntryType | undefined {
  switch (flag) {
    case '0':
      // Pre-POSIX archives mark directories only by a trailing slash.
      return rawName[rawName.length - 1] === 0x2f ? 'dir' : 'file';
    case '7': // contiguous file: a regular file everywhere but on Masscomp
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char';
    case '4':
      return 'block';
    case '5':
      return 'dir';
    case '6':
      return 'fifo';
    default:
      return undefined;
  }
}

/** Turns a file-system error into an actionable BundleError. */
export function fsError(err: unknown, rootfs: string, where: string): Error {
  if (err instanceof BundleError || err instanceof CancelledError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const msg = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new BundleError(
        `no space left on device while extracting ${where} into ${rootfs}`,
        'free space in the output directory or choose another output-dir',
        { cause: err },
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new BundleError(
        `permission denied (${code}) while extracting ${where} into ${rootfs}`,
        'make the output directory writable by this user (and not read-only) or choose another output-dir',
        { cause: err },
      );
    case 'ENAMETOOLONG':
      return new BundleError(`path too long while extracting ${where} into ${rootfs}`, 'choose a shorter output-dir', { cause: err });
    default:
      return new BundleError(`failed to extract ${where} into ${rootfs}: ${msg}`, 'check the output directory and retry', {
        cause: err,
      });
  }
}

class Extractor {
  readonly records = new Map<string, TreeRecord>();
  readonly skippedSpecial: { path: string; type: string }[] = [];
  readonly strippedSetid: string[] = [];
  rootMeta: { mode: number; mtime: number } | undefined;
  entries = 0;
  /** Content bytes of regular files written so far (progress reports). */
  contentBytes = 0;
  current = 'the archive start';

  private state = State.Header;
  private readonly scratch = Buffer.alloc(BLOCK);
  private fill = 0;
  private remaining = 0;
  private padding = 0;
  private headers = 0;
  private nextInode = 0;
  private lastParent = '';

  private sink = Sink.Skip;
  private meta: Buffer = Buffer.alloc(0);
  private metaFill = 0;
  private pax: PaxRecords | undefined;
  private longName: Buffer | undefined;
  private longLink: Buffer | undefined;

  private fd = -1;
  private hash: Hash | undefined;
  private fileRec: TreeRecord | undefined;
  private fileMtime = 0;
  private fileAsync = false;
  private filePos = 0;

  /** Asynchronous content writes: bytes not yet written, per-fd pending write counts, first error. */
  inflightBytes = 0;
  private readonly pendingWrites = new Map<number, { count: number; close?: () => void }>();
  asyncError: unknown;
  private waiter: (() => void) | undefined;

  constructor(
    readonly root: string,
    private readonly filter: ((entry: TarEntryInfo) => boolean) | undefined,
    private readonly whiteouts: boolean,
    private readonly syncWrites: boolean,
  ) {}

  push(chunk: Buffer): void {
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      switch (this.state) {
        case State.Header:
        case State.AfterZeroBlock:
          if (this.fill === 0 && len - pos >= BLOCK) {
            const block = chunk.subarray(pos, pos + BLOCK);
            pos += BLOCK;
            this.onBlock(block);
          } else {
            const n = Math.min(BLOCK - this.fill, len - pos);
            chunk.copy(this.scratch, this.fill, pos, pos + n);
            this.fill += n;
            pos += n;
            if (this.fill === BLOCK) {
              this.fill = 0;
              this.onBlock(this.scratch);
            }
          }
          break;
        case State.Body: {
          const n = Math.min(this.remaining, len - pos);
          this.onData(chunk.subarray(pos, pos + n));
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.endBody();
          break;
        }
        case State.Padding: {
          const n = Math.min(this.padding, len - pos);
          pos += n;
          this.padding -= n;
          if (this.padding === 0) this.state = State.Header;
          break;
        }
        case State.Done:
          return; // drain whatever the writer adds after the end marker (record padding)
      }
    }
  }

  /** Called at end of stream: verifies the archive ended at the end-of-archive marker. */
  end(): void {
    if (this.state === State.Done) return;
    // Like Go's archive/tar, accept EOF right after a single zero block.
    if (this.state === State.AfterZeroBlock && this.scratch.subarray(0, this.fill).every((b) => b === 0)) return;
    const where =
      this.state === State.Body || this.state === State.Padding
        ? `in the middle of ${this.current}`
        : this.fill > 0
          ? 'in the middle of a header'
          : 'without the end-of-archive marker';
    throw new BundleError(`tar stream ended early (${where}, after ${this.entries} entries)`, EARLY_HINT);
  }

  /** Applies directory modes and mtimes, deepest first (so writing into 0555 dirs worked until now). */
  finish(): void {
    const dirs: [string, TreeRecord][] = [];
    for (const e of this.records) if (e[1].type === 'd') dirs.push(e);
    const depth = (p: string) => {
      let d = 0;
      for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 0x2f) d++;
      return d;
    };
    const keyed = dirs.map(([p, r]) => ({ p, r, d: depth(p) }));
    keyed.sort((a, b) => b.d - a.d);
    for (const { p, r } of keyed) {
      this.current = p;
      const abs = `${this.root}/${p}`;
      fs.utimesSync(abs, r.mtime, r.mtime);
      fs.chmodSync(abs, r.mode);
    }
    if (this.rootMeta) {
      this.current = '.';
      fs.utimesSync(this.root, this.rootMeta.mtime, this.rootMeta.mtime);
      fs.chmodSync(this.root, this.rootMeta.mode);
    }
  }

  /** Releases an open file after an error, once no write uses it any more (fd numbers are reused). */
  async cleanup(): Promise<void> {
    await this.drain(0, true);
    if (this.fd !== -1) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already failing; the caller removes the rootfs
      }
      this.fd = -1;
    }
  }

  private onBlock(block: Buffer): void {
    if (isZeroBlock(block)) {
      this.state = this.state === State.Header ? State.AfterZeroBlock : State.Done;
      return;
    }
    if (this.state === State.AfterZeroBlock) {
      throw new BundleError(`tar stream has data after an end-of-archive block (after ${this.current})`, HOSTILE_HINT);
    }
    this.headers++;
    const h = parseHeader(block, this.headers);
    switch (h.typeflag) {
      case 'x':
      case 'g':
      case 'L':
      case 'K': {
        if (h.size > MAX_META) {
          throw new BundleError(`tar metadata header of ${h.size} bytes at entry ${this.headers} is too large`, HOSTILE_HINT);
        }
        this.sink =
          h.typeflag === 'x' ? Sink.Pax : h.typeflag === 'g' ? Sink.PaxGlobal : h.typeflag === 'L' ? Sink.LongName : Sink.LongLink;
        this.meta = Buffer.allocUnsafe(h.size);
        this.metaFill = 0;
        this.beginBody(h.size);
        return;
      }
    }
    this.entry(h);
  }

  private beginBody(size: number): void {
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.endBody();
    else this.state = State.Body;
  }

  private onData(data: Buffer): void {
    switch (this.sink) {
      case Sink.File: {
        if (this.fileAsync) {
          this.writeAsync(this.fd, data, this.filePos);
          this.filePos += data.length;
        } else {
          let off = 0;
          while (off < data.length) off += fs.writeSync(this.fd, data, off, data.length - off);
        }
        this.hash!.update(data);
        this.contentBytes += data.length;
        break;
      }
      case Sink.Skip:
        break;
      default:
        data.copy(this.meta, this.metaFill);
        this.metaFill += data.length;
    }
  }

  private endBody(): void {
    switch (this.sink) {
      case Sink.File: {
        const rec = this.fileRec!;
        rec.content = this.hash!.digest('hex');
        this.closeFile(rec);
        break;
      }
      case Sink.Pax:
        this.pax = parsePax(this.meta, this.headers);
        break;
      case Sink.PaxGlobal:
        parsePax(this.meta, this.headers); // validated, then ignored: global defaults make no sense for an export
        break;
      case Sink.LongName:
      case Sink.LongLink: {
        let end = this.meta.length;
        while (end > 0 && this.meta[end - 1] === 0) end--;
        const name = Buffer.from(this.meta.subarray(0, end));
        if (this.sink === Sink.LongName) this.longName = name;
        else this.longLink = name;
        break;
      }
      case Sink.Skip:
        break;
    }
    this.sink = Sink.Skip;
    this.state = this.padding > 0 ? State.Padding : State.Header;
  }

  private closeFile(rec: TreeRecord): void {
    const fd = this.fd;
    const mtime = this.fileMtime;
    this.fd = -1;
    const close = () => {
      // open() applied mode & ~umask; fix up only when that differs (saves a syscall per file).
      if ((rec.mode & ~UMASK) !== rec.mode) fs.fchmodSync(fd, rec.mode);
      fs.futimesSync(fd, mtime, mtime); // after the last write, or the write would bump mtime again
      fs.closeSync(fd);
    };
    const pending = this.pendingWrites.get(fd);
    if (pending) pending.close = close;
    else close();
  }

  /** Positional write on the thread pool; the last completion of a closed file finishes it. */
  private writeAsync(fd: number, data: Buffer, position: number): void {
    let pending = this.pendingWrites.get(fd);
    if (!pending) {
      pending = { count: 0 };
      this.pendingWrites.set(fd, pending);
    }
    pending.count++;
    this.inflightBytes += data.length;
    const p = pending;
    const done = (err: NodeJS.ErrnoException | null, written: number) => {
      if (!err && written < data.length) {
        // Short write (rare on regular files): write the rest.
        fs.write(fd, data, written, data.length - written, position + written, (e2, w2) => done(e2, written + w2));
        return;
      }
      this.inflightBytes -= data.length;
      p.count--;
      if (err) this.asyncError ??= err;
      if (p.count === 0) {
        this.pendingWrites.delete(fd);
        if (p.close) {
          try {
            p.close();
          } catch (e) {
            this.asyncError ??= e;
          }
        }
      }
      this.waiter?.();
    };
    fs.write(fd, data, 0, data.length, position, done);
  }

  /** Resolves once at most `limit` content bytes wait to be written (or, unless `all`, a write failed). */
  drain(limit: number, all = false): Promise<void> | undefined {
    const ok = () => this.inflightBytes <= limit || (!all && this.asyncError !== undefined);
    if (ok()) return undefined;
    return new Promise<void>((resolve) => {
      this.waiter = () => {
        if (ok()) {
          this.waiter = undefined;
          resolve();
        }
      };
    });
  }

  private entry(h: RawHeader): void {
    const nameBytes = this.longName ?? this.pax?.path ?? h.nameBytes;
    const linkBytes = this.longLink ?? this.pax?.linkpath ?? h.linkBytes;
    const size = this.pax?.size ?? h.size;
    let mtime = this.pax?.mtime ?? h.mtime;
    this.longName = this.longLink = this.pax = undefined;

    const rawName = decodeName(nameBytes, 'entry name', this.headers);
    this.current = rawName;
    const type = typeOf(h.typeflag, nameBytes);
    if (type === undefined) {
      throw new BundleError(
        `unsupported tar entry type '${h.typeflag}' for "${rawName}"`,
        'eda-oci extracts files, directories, links and skips devices/FIFOs; export the image with docker export',
      );
    }
    const path = normalizeName(rawName, 'entry name', rawName);
    if (path === '' && type !== 'dir') {
      throw new BundleError(`tar entry "${rawName}" (${type}) would replace the rootfs directory itself`, HOSTILE_HINT);
    }
    this.current = path === '' ? '.' : path;
    const dataSize = type === 'file' ? size : 0; // like Go/GNU: other types carry no data, whatever size says
    let linkname: string | undefined;
    if (type === 'symlink') {
      linkname = decodeName(linkBytes, 'symlink target', this.headers);
      if (linkname === '') throw new BundleError(`tar symlink "${rawName}" has an empty target`, HOSTILE_HINT);
    } else if (type === 'hardlink') {
      const rawLink = decodeName(linkBytes, 'hard link target', this.headers);
      linkname = normalizeName(rawLink, `hard link target of "${rawName}":`, rawLink);
    }
    this.entries++;

    const mode = h.mode & 0o7777;
    if (this.whiteouts && this.whiteout(path)) {
      this.sink = Sink.Skip;
      this.beginBody(dataSize);
      return;
    }
    if (this.filter) {
      const info: TarEntryInfo = { path: this.current, type, mode, size: dataSize, mtime, linkname };
      if (!this.filter(info)) {
        this.sink = Sink.Skip;
        this.beginBody(dataSize);
        return;
      }
      mtime = info.mtime;
    }
    if (!Number.isFinite(mtime)) throw new BundleError(`invalid mtime for tar entry "${path}"`, HOSTILE_HINT);

    if (type === 'char' || type === 'block' || type === 'fifo' || type === 'socket') {
      this.skippedSpecial.push({ path: this.current, type });
      this.sink = Sink.Skip;
      this.beginBody(dataSize);
      return;
    }

    let finalMode = mode;
    if (mode & 0o6000) {
      finalMode = mode & ~0o6000;
      this.strippedSetid.push(this.current);
    }

    if (path === '') {
      this.rootMeta = { mode: finalMode, mtime };
      this.sink = Sink.Skip;
      this.beginBody(0);
      return;
    }

    this.ensureParents(path, mtime);
    const abs = `${this.root}/${path}`;
    switch (type) {
      case 'dir': {
        const existing = this.records.get(path);
        if (existing?.type === 'd') {
          existing.mode = finalMode;
          existing.mtime = mtime;
        } else {
          this.removeExisting(path, abs);
          fs.mkdirSync(abs, 0o700);
          this.records.set(path, { type: 'd', mode: finalMode, size: 0, mtime, content: '', inode: -1 });
        }
        this.beginBody(0);
        return;
      }
      case 'file': {
        this.removeExisting(path, abs);
        this.fd = fs.openSync(abs, CREATE_FLAGS, finalMode & 0o777);
        const rec: TreeRecord = { type: 'f', mode: finalMode, size: dataSize, mtime, content: '', inode: this.nextInode++ };
        this.records.set(path, rec);
        this.fileMtime = mtime;
        if (dataSize === 0) {
          rec.content = EMPTY_SHA256;
          this.closeFile(rec);
          this.beginBody(0);
        } else {
          this.fileRec = rec;
          this.fileAsync = !this.syncWrites && dataSize >= ASYNC_FILE_SIZE;
          this.filePos = 0;
          this.hash = createHash('sha256');
          this.sink = Sink.File;
          this.beginBody(dataSize);
        }
        return;
      }
      case 'symlink': {
        this.removeExisting(path, abs);
        fs.symlinkSync(linkname!, abs);
        fs.lutimesSync(abs, mtime, mtime);
        this.records.set(path, { type: 'l', mode: 0o777, size: 0, mtime: Math.floor(mtime), content: linkname!, inode: -1 });
        this.beginBody(0);
        return;
      }
      case 'hardlink': {
        const target = linkname!;
        const targetRec = this.records.get(target);
        if (targetRec?.type !== 'f') {
          throw new BundleError(
            `tar hard link "${path}" points to "${target}", which is not a regular file extracted earlier from this archive`,
            HOSTILE_HINT,
          );
        }
        if (target !== path) {
          if (target.startsWith(`${path}/`)) {
            throw new BundleError(`tar hard link "${path}" would replace the directory holding its target "${target}"`, HOSTILE_HINT);
          }
          this.removeExisting(path, abs);
          fs.linkSync(`${this.root}/${target}`, abs);
          this.records.set(path, { ...targetRec });
        }
        this.beginBody(0);
        return;
      }
    }
  }

  /** Applies an OCI whiteout entry (`.wh.NAME` or `.wh..wh..opq`); false when `path` is no whiteout. */
  private whiteout(path: string): boolean {
    const slash = path.lastIndexOf('/');
    const base = path.slice(slash + 1);
    if (!base.startsWith('.wh.')) return false;
    const dir = slash === -1 ? '' : path.slice(0, slash);
    if (dir !== '') {
      const rec = this.records.get(dir);
      // A whiteout below something that is not a directory we made hides nothing (and must not reach through a link).
      if (rec?.type !== 'd') return true;
    }
    if (base === '.wh..wh..opq') {
      const prefix = dir === '' ? '' : `${dir}/`;
      for (const key of [...this.records.keys()]) {
        if (key.startsWith(prefix) && key !== dir && !key.slice(prefix.length).includes('/'))
          this.removeExisting(key, `${this.root}/${key}`);
      }
      return true;
    }
    const target = `${dir === '' ? '' : `${dir}/`}${base.slice(4)}`;
    if (base.length > 4 && this.records.has(target)) this.removeExisting(target, `${this.root}/${target}`);
    return true;
  }

  /** Creates the missing components of `dir` (see ExtractOptions.ensureDirs); stops at a symlink or file. */
  ensureDir(dir: string, mtime: number): void {
    const parts = dir.split('/').filter((p) => p !== '' && p !== '.');
    if (parts.includes('..')) {
      throw new BundleError(
        `directory to create in the rootfs "${dir}" contains a ".." component`,
        'use a normalized absolute path (check the image WorkingDir)',
      );
    }
    let rel = '';
    for (const part of parts) {
      rel = rel === '' ? part : `${rel}/${part}`;
      this.current = rel;
      const rec = this.records.get(rel);
      if (rec === undefined) {
        fs.mkdirSync(`${this.root}/${rel}`, 0o700);
        this.records.set(rel, { type: 'd', mode: 0o755, size: 0, mtime, content: '', inode: -1 });
      } else if (rec.type !== 'd') {
        return;
      }
    }
  }

  /** Makes sure every parent of `path` is a directory this extraction created; creates missing ones (0755). */
  private ensureParents(path: string, mtime: number): void {
    const slash = path.lastIndexOf('/');
    if (slash === -1) return;
    const parent = path.slice(0, slash);
    if (parent === this.lastParent) return;
    let idx = path.indexOf('/');
    while (idx !== -1 && idx <= slash) {
      const dir = path.slice(0, idx);
      const rec = this.records.get(dir);
      if (rec === undefined) {
        fs.mkdirSync(`${this.root}/${dir}`, 0o700);
        this.records.set(dir, { type: 'd', mode: 0o755, size: 0, mtime, content: '', inode: -1 });
      } else if (rec.type !== 'd') {
        const what = rec.type === 'l' ? 'a symlink' : 'a file';
        throw new BundleError(`tar entry "${path}" writes through ${what} ("${dir}")`, HOSTILE_HINT);
      }
      idx = path.indexOf('/', idx + 1);
    }
    this.lastParent = parent;
  }

  /** Removes what an earlier entry created at `path` (later entries win, as with tar). */
  private removeExisting(path: string, abs: string): void {
    const rec = this.records.get(path);
    if (rec === undefined) return;
    if (rec.type === 'd') {
      fs.rmSync(abs, { recursive: true }); // our own tree: dirs are still 0700, nothing is followed
      const prefix = `${path}/`;
      for (const key of this.records.keys()) if (key.startsWith(prefix)) this.records.delete(key);
      this.lastParent = '';
    } else {
      fs.unlinkSync(abs);
    }
    this.records.delete(path);
  }
}

/**
 * Extracts a tar stream (e.g. `docker export` stdout) into `rootfs`, which must be an existing empty directory.
 * Hostile entries (absolute paths, `..`, writes through symlinks, hard links outside) reject the whole archive
 * with BundleError; device nodes/FIFOs are skipped; setuid/setgid bits are stripped; ownership is not kept.
 * On failure the rootfs is left partially written: the caller removes it.
 * The chunks of `source` are referenced until written, so the source must not reuse its buffers (Readable
 * streams never do). At most about MAX_INFLIGHT_BYTES of content is held in memory.
 */
export async function extractTar(
  source: AsyncIterable<Buffer | Uint8Array>,
  rootfs: string,
  options: ExtractOptions = {},
): Promise<ExtractResult> {
  const { signal } = options;
  const root = nodePath.resolve(rootfs);
  const cancelled = () => new CancelledError(`extraction into ${root} was cancelled`);
  if (signal?.aborted) throw cancelled();
  let entriesNow: string[];
  try {
    entriesNow = fs.readdirSync(root);
  } catch (err) {
    throw fsError(err, root, 'the archive');
  }
  if (entriesNow.length > 0) {
    throw new BundleError(
      `extraction target ${root} is not empty`,
      'extract only into a fresh empty staging directory (remove leftovers of an earlier run)',
    );
  }

  const ex = new Extractor(root, options.filter, options.whiteouts ?? false, options.reuseBuffers ?? false);
  const { onProgress } = options;
  const ticker = onProgress ? new ProgressTicker() : undefined;
  const it = source[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = signal
    ? new Promise<never>((_, reject) => {
        onAbort = () => reject(cancelled());
        signal.addEventListener('abort', onAbort, { once: true });
      })
    : undefined;
  aborted?.catch(() => undefined);
  try {
    for (;;) {
      const r = aborted ? await Promise.race([it.next(), aborted]) : await it.next();
      if (r.done) break;
      if (signal?.aborted) throw cancelled();
      const v = r.value;
      ex.push(Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));
      if (ex.inflightBytes > MAX_INFLIGHT_BYTES) await ex.drain(MAX_INFLIGHT_BYTES / 2);
      if (ex.asyncError !== undefined) throw ex.asyncError;
      if (ticker?.due()) onProgress!({ entries: ex.entries, bytes: ex.contentBytes, done: false });
    }
    ex.end();
    await ex.drain(0);
    if (ex.asyncError !== undefined) throw ex.asyncError;
    for (const dir of options.ensureDirs ?? []) ex.ensureDir(dir, options.ensureDirsMtime ?? 0);
    ex.finish();
  } catch (err) {
    await ex.cleanup();
    // Stop the producer (destroys a Readable); don't wait for it.
    Promise.resolve()
      .then(() => it.return?.())
      .catch(() => undefined);
    throw fsError(err, root, ex.current);
  } finally {
    if (onAbort) signal!.removeEventListener('abort', onAbort);
  }

  const s = summarizeTree(ex.records);
  onProgress?.({ entries: ex.entries, bytes: ex.contentBytes, done: true });
  return {
    files: s.files,
    dirs: s.dirs,
    symlinks: s.symlinks,
    hardlinks: s.hardlinks,
    bytes: s.bytes,
    skippedSpecial: ex.skippedSpecial,
    strippedSetid: ex.strippedSetid,
    treeDigest: s.treeDigest,
    entries: ex.entries,
    records: ex.records,
  };
}
