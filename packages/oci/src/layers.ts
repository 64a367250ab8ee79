// The fast path of a build: read the image's overlay2 layer directories directly (where the daemon's storage is readable
// by this user) instead of `docker export`, producing the same tree. The layers are turned into an OCI-layer tar stream
// (whiteouts as `.wh.` entries) that goes through the same safe extractor, followed by the entries docker's init layer
// adds to every container, so the result is identical to what `docker export` of a created container gives.
import { constants as fsc, closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { BundleError, runCommand, silentLogger, type Logger } from '@eda-oci/exec';
import type { ImageInspect } from '@eda-oci/docker';

/** GraphDriver data of `docker image inspect` (overlay2). */
interface GraphDriver {
  Name?: string;
  Data?: { LowerDir?: string; UpperDir?: string } | null;
}

/**
 * The image's layer directories, bottom first, when the storage driver is overlay2 and every layer directory is
 * readable and searchable by this process; otherwise undefined (use `docker export`).
 */
export async function readableLayerDirs(image: ImageInspect & { GraphDriver?: GraphDriver }): Promise<string[] | undefined> {
  const gd = image.GraphDriver;
  if (gd?.Name !== 'overlay2' || !gd.Data?.UpperDir) return undefined;
  const lower = gd.Data.LowerDir ? gd.Data.LowerDir.split(':').filter(Boolean).reverse() : [];
  const layers = [...lower, gd.Data.UpperDir];
  for (const dir of layers) {
    if (!path.isAbsolute(dir)) return undefined;
    try {
      await access(dir, fsc.R_OK | fsc.X_OK);
    } catch {
      return undefined;
    }
  }
  return layers;
}

/**
 * Directories marked opaque in an overlay2 layer (xattr trusted.overlay.opaque or user.overlay.opaque = y), as paths
 * relative to the layer. Node has no getxattr, so this runs `getfattr` (package attr) once per layer.
 */
export async function opaqueDirs(layer: string, logger: Logger = silentLogger): Promise<Set<string>> {
  const r = await runCommand(
    'getfattr',
    ['--recursive', '--absolute-names', '--dump', '--match', '^(trusted|user)\\.overlay\\.opaque$', '--', layer],
    {
      logger,
      quiet: true,
      timeoutMs: 120_000,
      okExitCodes: [0, 1],
    },
  );
  const out = new Set<string>();
  let current: string | undefined;
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('# file: ')) current = unescapeGetfattr(line.slice(8));
    else if (current !== undefined && /^(trusted|user)\.overlay\.opaque="y"$/.test(line)) {
      const rel = path.relative(layer, current);
      out.add(rel === '' ? '.' : rel);
    }
  }
  return out;
}

/** getfattr escapes unusual bytes in names as backslash + three octal digits. */
function unescapeGetfattr(s: string): string {
  return Buffer.from(
    s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8))),
    'latin1',
  ).toString('utf8');
}

/** True when `getfattr` can be run (needed for images with more than one layer). */
export async function haveGetfattr(): Promise<boolean> {
  try {
    await runCommand('getfattr', ['--version'], { quiet: true, timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

const BLOCK = 512;
const READ_CHUNK = 1 << 20;

function octal(buf: Buffer, value: number, off: number, len: number): void {
  buf.write(`${value.toString(8).padStart(len - 1, '0')}\0`, off, len, 'latin1');
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

/** One tar entry (headers, PAX header when names or sizes do not fit ustar). */
function header(name: string, type: string, mode: number, size: number, mtime: number, linkname = ''): Buffer {
  const records: string[] = [];
  if (Buffer.byteLength(name) > 100 || /[^\x20-\x7e]/.test(name)) records.push(paxRecord('path', name));
  if (Buffer.byteLength(linkname) > 100 || /[^\x20-\x7e]/.test(linkname)) records.push(paxRecord('linkpath', linkname));
  if (size >= 8 ** 11) records.push(paxRecord('size', String(size)));
  const parts: Buffer[] = [];
  if (records.length) {
    const body = Buffer.from(records.join(''));
    parts.push(rawHeader('PaxHeader', 'x', 0o644, body.length, 0, ''), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  parts.push(rawHeader(name, type, mode, size >= 8 ** 11 ? 0 : size, mtime, linkname));
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

function rawHeader(name: string, type: string, mode: number, size: number, mtime: number, linkname: string): Buffer {
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
  for (let i = 0; i < BLOCK; i++) sum += h[i]!;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return h;
}

/** Non-directories docker's init layer (daemon/initlayer) puts in every container; they hide whatever the image has there. */
const INIT_FILES = new Set(['dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf', 'etc/mtab']);

/** The entries docker's init layer adds to every container, as the topmost layer. */
function* initLayerEntries(mtime: number): Generator<Buffer> {
  for (const d of ['dev', 'dev/pts', 'dev/shm', 'etc', 'proc', 'sys']) yield header(d, '5', 0o755, 0, mtime);
  for (const f of ['dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf']) yield header(f, '0', 0o755, 0, mtime);
  yield header('etc/mtab', '2', 0o777, 0, mtime, '/proc/mounts');
}

/**
 * Streams the layers (bottom first) as one tar archive for extractTar(..., { whiteouts: true }): overlay2 whiteouts
 * (character devices 0/0) become `.wh.NAME` entries and opaque directories `DIR/.wh..wh..opq`. Never follows symlinks;
 * file content is read with O_NOFOLLOW into one reused buffer: consume with extractTar(..., { reuseBuffers: true }).
 */
export async function* layersArchive(
  layers: string[],
  opaque: (layer: string, index: number) => Promise<Set<string>>,
  initMtime: number,
): AsyncGenerator<Buffer> {
  try {
    yield* walkLayers(layers, opaque);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new LayerReadError(`cannot read the image layers directly (${e.code ?? e.message})`, 'falling back to docker export', {
      cause: err,
    });
  }
  yield* initLayerEntries(initMtime);
  yield Buffer.alloc(BLOCK * 2);
}

/** Reading the layer directories failed (permissions, a layer removed meanwhile): the caller may use docker export. */
export class LayerReadError extends BundleError {
  override name = 'LayerReadError';
}

async function* walkLayers(layers: string[], opaque: (layer: string, index: number) => Promise<Set<string>>): AsyncGenerator<Buffer> {
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const opaqueSet = i === 0 ? new Set<string>() : await opaque(layer, i);
    const seen = new Map<number, string>();
    const stack: string[] = [''];
    while (stack.length) {
      const rel = stack.pop()!;
      const names = readdirSync(rel === '' ? layer : path.join(layer, rel)).sort();
      // Depth-first in name order, like the daemon's own walk; children pushed in reverse to pop in order.
      const dirs: string[] = [];
      for (const name of names) {
        const relPath = rel === '' ? name : `${rel}/${name}`;
        // Hidden by the init layer in a container, so absent from docker export too (with anything below it).
        if (INIT_FILES.has(relPath)) continue;
        const abs = path.join(layer, relPath);
        const st = lstatSync(abs);
        yield* entryFor(abs, relPath, st, seen);
        // Let completed asynchronous writes of the extractor run now and then (this loop is otherwise synchronous).
        if (st.size >= READ_CHUNK) await new Promise<void>((r) => setImmediate(r));
        if (st.isDirectory()) {
          if (opaqueSet.has(relPath)) yield header(`${relPath}/.wh..wh..opq`, '0', 0o644, 0, 0);
          dirs.push(relPath);
        }
      }
      for (let j = dirs.length - 1; j >= 0; j--) stack.push(dirs[j]!);
    }
  }
}

function* entryFor(abs: string, rel: string, st: Stats, seen: Map<number, string>): Generator<Buffer> {
  const mtime = st.mtimeMs / 1000;
  const mode = st.mode & 0o7777;
  if (st.isDirectory()) {
    yield header(rel, '5', mode, 0, mtime);
  } else if (st.isSymbolicLink()) {
    yield header(rel, '2', 0o777, 0, mtime, readlinkSync(abs, 'utf8'));
  } else if (st.isCharacterDevice() && st.rdev === 0) {
    // overlay2 whiteout: the name is deleted from the layers below.
    const slash = rel.lastIndexOf('/');
    yield header(`${rel.slice(0, slash + 1)}.wh.${rel.slice(slash + 1)}`, '0', 0o644, 0, 0);
  } else if (st.isCharacterDevice() || st.isBlockDevice() || st.isFIFO()) {
    // Passed on so the extractor skips and counts them exactly as with docker export.
    yield header(rel, st.isFIFO() ? '6' : st.isBlockDevice() ? '4' : '3', mode, 0, mtime);
  } else if (st.isFile()) {
    const first = st.nlink > 1 ? seen.get(st.ino) : undefined;
    if (first !== undefined) {
      yield header(rel, '1', mode, 0, mtime, first);
      return;
    }
    if (st.nlink > 1) seen.set(st.ino, rel);
    yield header(rel, '0', mode, st.size, mtime);
    if (st.size > 0) yield* fileContent(abs, st.size);
  }
  // Sockets are not representable in tar; the daemon's export leaves them out too.
}

/**
 * One read buffer for all file content: the consumer (extractTar with reuseBuffers) has written each chunk before it
 * asks for the next. Fresh buffers per chunk cost a page fault per 4 KiB, which dominated the build time on VMs.
 */
const readBuffer = Buffer.allocUnsafe(READ_CHUNK);

function* fileContent(abs: string, size: number): Generator<Buffer> {
  const fd = openSync(abs, fsc.O_RDONLY | fsc.O_NOFOLLOW);
  try {
    let left = size;
    while (left > 0) {
      const want = Math.min(left, READ_CHUNK);
      const buf = readBuffer.subarray(0, want);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, buf, got, want - got, null);
        if (n === 0) throw new Error(`${abs} shrank while it was read`);
        got += n;
      }
      left -= want;
      yield buf;
    }
  } finally {
    closeSync(fd);
  }
  const pad = (BLOCK - (size % BLOCK)) % BLOCK;
  if (pad) yield Buffer.alloc(pad);
}
