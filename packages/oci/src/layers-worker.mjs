// Worker thread of the layer fast path: walks the image's overlay2 layer directories and writes them as one tar stream
// (whiteouts as `.wh.` entries, opaque directories as `.wh..wh..opq`) into a shared-memory ring that the main thread
// extracts from. Reading the layers here and writing the bundle there uses both cores: all the per-file system calls
// of the source side (lstat, open, read, close) leave the main thread. Plain JavaScript with only Node built-ins, so
// it runs as a worker both from the sources (tests) and from ncc's bundle, which copies it next to index.js.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';

export const BLOCK = 512;

/**
 * What docker's init layer (daemon/initlayer) puts in every container, above the image: directories (0755), empty
 * files (0755) and the etc/mtab symlink. Its non-directories hide whatever the image has at those paths.
 */
export const INIT_DIRS = ['dev', 'dev/pts', 'dev/shm', 'etc', 'proc', 'sys'];
export const INIT_EMPTY_FILES = ['dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf'];
export const INIT_SYMLINKS = { 'etc/mtab': '/proc/mounts' };
export const INIT_FILES = new Set([...INIT_EMPTY_FILES, ...Object.keys(INIT_SYMLINKS)]);

/** Ring control words (Int32Array over a SharedArrayBuffer). */
export const CTRL = { published: 0, consumed: 1, state: 2, errorLength: 3 };
/** Ring states. */
export const STATE = { running: 0, done: 1, failed: 2 };

function octal(buf, value, off, len) {
  buf.write(`${value.toString(8).padStart(len - 1, '0')}\0`, off, len, 'latin1');
}

function paxRecord(key, value) {
  const body = ` ${key}=${value}\n`;
  const bodyLen = Buffer.byteLength(body);
  let len = bodyLen + 1;
  while (String(len).length + bodyLen !== len) len = String(len).length + bodyLen;
  return `${len}${body}`;
}

function rawHeader(name, type, mode, size, mtime, linkname) {
  const h = Buffer.alloc(BLOCK);
  const n = Buffer.from(name);
  n.copy(h, 0, 0, Math.min(100, n.length));
  octal(h, mode & 0o7777, 100, 8);
  octal(h, 0, 108, 8);
  octal(h, 0, 116, 8);
  octal(h, size, 124, 12);
  octal(h, Math.max(0, Math.floor(mtime)), 136, 12);
  h.fill(0x20, 148, 156);
  h.write(type, 156, 'latin1');
  const l = Buffer.from(linkname);
  l.copy(h, 157, 0, Math.min(100, l.length));
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += h[i];
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return h;
}

/** A tar entry header (with a PAX header first when the name, link or size does not fit ustar). */
export function tarHeader(name, type, mode, size, mtime, linkname = '') {
  const records = [];
  const plain = /^[\x20-\x7e]*$/;
  if (Buffer.byteLength(name) > 100 || !plain.test(name)) records.push(paxRecord('path', name));
  if (Buffer.byteLength(linkname) > 100 || !plain.test(linkname)) records.push(paxRecord('linkpath', linkname));
  const big = size >= 8 ** 11;
  if (big) records.push(paxRecord('size', String(size)));
  const main = rawHeader(name, type, mode, big ? 0 : size, mtime, linkname);
  if (!records.length) return main;
  const body = Buffer.from(records.join(''));
  const pad = Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK);
  return Buffer.concat([rawHeader('PaxHeader', 'x', 0o644, body.length, 0, ''), body, pad, main]);
}

/** The writing end of the ring: fills slots in order, waits while all slots are unread. */
class RingWriter {
  constructor(data, ctrl, lengths, slots, slotSize) {
    this.bytes = new Uint8Array(data);
    this.buf = Buffer.from(data);
    this.ctrl = ctrl;
    this.lengths = lengths;
    this.slots = slots;
    this.slotSize = slotSize;
    this.published = 0;
    this.fill = 0;
    this.ready = false;
  }

  /** Makes sure the current slot may be written (the reader has consumed it). */
  claim() {
    if (this.ready) return;
    for (;;) {
      const consumed = Atomics.load(this.ctrl, CTRL.consumed);
      if (this.published - consumed < this.slots) break;
      Atomics.wait(this.ctrl, CTRL.consumed, consumed, 1000);
    }
    this.ready = true;
  }

  get offset() {
    return (this.published % this.slots) * this.slotSize + this.fill;
  }

  publish() {
    this.lengths[this.published % this.slots] = this.fill;
    this.published++;
    this.fill = 0;
    this.ready = false;
    Atomics.store(this.ctrl, CTRL.published, this.published);
    Atomics.notify(this.ctrl, CTRL.published);
  }

  write(src) {
    let off = 0;
    while (off < src.length) {
      this.claim();
      const n = Math.min(src.length - off, this.slotSize - this.fill);
      src.copy(this.buf, this.offset, off, off + n);
      this.fill += n;
      off += n;
      if (this.fill === this.slotSize) this.publish();
    }
  }

  /** Reads `size` bytes of a file straight into the ring (no intermediate copy). */
  readFrom(fd, size, what) {
    let left = size;
    while (left > 0) {
      this.claim();
      const want = Math.min(left, this.slotSize - this.fill);
      const n = readSync(fd, this.bytes, this.offset, want, null);
      if (n === 0) throw new Error(`${what} shrank while it was read`);
      this.fill += n;
      left -= n;
      if (this.fill === this.slotSize) this.publish();
    }
  }

  finish() {
    if (this.fill > 0) this.publish();
  }
}

/** Opaque directories of a layer marked by xattr (trusted.overlay.opaque, user.overlay.opaque, user.fuseoverlayfs.opaque = y). */
function opaqueDirs(layer) {
  let out;
  try {
    out = execFileSync(
      'getfattr',
      ['--recursive', '--absolute-names', '--dump', '--match', '^((trusted|user)\\.overlay|user\\.fuseoverlayfs)\\.opaque$', '--', layer],
      { encoding: 'latin1', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch (err) {
    // Exit status 1 only means some files could not be read for attributes; the dump is still complete for the rest.
    if (err.status !== 1 || typeof err.stdout !== 'string') throw err;
    out = err.stdout;
  }
  const dirs = new Set();
  let current;
  for (const line of out.split('\n')) {
    if (line.startsWith('# file: ')) {
      const name = line.slice(8).replace(/\\([0-7]{3})/g, (_m, o) => String.fromCharCode(parseInt(o, 8)));
      current = Buffer.from(name, 'latin1').toString('utf8');
    } else if (current !== undefined && /^((trusted|user)\.overlay|user\.fuseoverlayfs)\.opaque="y"$/.test(line)) {
      const rel = path.relative(layer, current);
      dirs.add(rel === '' ? '.' : rel);
    }
  }
  return dirs;
}

/** Writes one layer entry (header, and content for regular files) to the ring. */
function writeEntry(ring, abs, rel, st, seen) {
  const mtime = st.mtimeMs / 1000;
  const mode = st.mode & 0o7777;
  if (st.isDirectory()) {
    ring.write(tarHeader(rel, '5', mode, 0, mtime));
  } else if (st.isSymbolicLink()) {
    ring.write(tarHeader(rel, '2', 0o777, 0, mtime, readlinkSync(abs, 'utf8')));
  } else if (st.isCharacterDevice() && st.rdev === 0) {
    // overlay2 whiteout: the name is deleted from the layers below.
    const slash = rel.lastIndexOf('/');
    ring.write(tarHeader(`${rel.slice(0, slash + 1)}.wh.${rel.slice(slash + 1)}`, '0', 0o644, 0, 0));
  } else if (st.isCharacterDevice() || st.isBlockDevice() || st.isFIFO()) {
    // Passed on so the extractor skips and counts them exactly as with docker export.
    ring.write(tarHeader(rel, st.isFIFO() ? '6' : st.isBlockDevice() ? '4' : '3', mode, 0, mtime));
  } else if (st.isFile()) {
    const first = st.nlink > 1 ? seen.get(st.ino) : undefined;
    if (first !== undefined) {
      ring.write(tarHeader(rel, '1', mode, 0, mtime, first));
      return;
    }
    if (st.nlink > 1) seen.set(st.ino, rel);
    ring.write(tarHeader(rel, '0', mode, st.size, mtime));
    if (st.size === 0) return;
    const fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      ring.readFrom(fd, st.size, abs);
    } finally {
      closeSync(fd);
    }
    const pad = (BLOCK - (st.size % BLOCK)) % BLOCK;
    if (pad) ring.write(Buffer.alloc(pad));
  }
  // Sockets are not representable in tar; the daemon's export leaves them out too.
}

/** Walks the layers bottom first, depth-first in name order, into the ring. */
export function writeLayers(ring, layers) {
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const opaque = i === 0 ? new Set() : opaqueDirs(layer);
    const seen = new Map();
    const stack = [''];
    while (stack.length) {
      const rel = stack.pop();
      const names = readdirSync(rel === '' ? layer : path.join(layer, rel)).sort();
      // An opaque marker stored as a file (fuse-overlayfs) must come before the directory's other entries, which it
      // would otherwise delete again: names such as '-x' sort before '.wh..wh..opq'.
      const marker = names.indexOf('.wh..wh..opq');
      if (marker > 0) names.unshift(...names.splice(marker, 1));
      const dirs = [];
      for (const name of names) {
        const relPath = rel === '' ? name : `${rel}/${name}`;
        // Hidden by the init layer in a container, so absent from docker export too (with anything below it).
        if (INIT_FILES.has(relPath)) continue;
        const abs = path.join(layer, relPath);
        const st = lstatSync(abs);
        writeEntry(ring, abs, relPath, st, seen);
        if (st.isDirectory()) {
          if (opaque.has(relPath)) ring.write(tarHeader(`${relPath}/.wh..wh..opq`, '0', 0o644, 0, 0));
          dirs.push(relPath);
        }
      }
      for (let j = dirs.length - 1; j >= 0; j--) stack.push(dirs[j]);
    }
  }
  ring.finish();
}

if (!isMainThread && workerData?.edaOciLayers) {
  const { layers, data, ctrl: ctrlBuf, lengths: lengthsBuf, error: errorBuf, slots, slotSize } = workerData.edaOciLayers;
  const ctrl = new Int32Array(ctrlBuf);
  try {
    writeLayers(new RingWriter(data, ctrl, new Int32Array(lengthsBuf), slots, slotSize), layers);
    Atomics.store(ctrl, CTRL.state, STATE.done);
  } catch (err) {
    const text = Buffer.from(String(err.message)).subarray(0, errorBuf.byteLength);
    text.copy(Buffer.from(errorBuf));
    Atomics.store(ctrl, CTRL.errorLength, text.length);
    Atomics.store(ctrl, CTRL.state, STATE.failed);
  }
  Atomics.notify(ctrl, CTRL.published);
}
