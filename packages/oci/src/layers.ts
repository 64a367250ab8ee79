// The fast path of a build: read the image's overlay2 layer directories directly (where the daemon's storage is readable
// by this user) instead of `docker export`, producing the same tree. The layers are turned into an OCI-layer tar stream
// (whiteouts as `.wh.` entries) that goes through the same safe extractor, followed by the entries docker's init layer
// adds to every container, so the result is identical to what `docker export` of a created container gives.
import { constants as fsc } from 'node:fs';
import { access } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { BundleError, runCommand } from '@eda-oci/exec';
import type { ImageInspect } from '@eda-oci/docker';
import { BLOCK, CTRL, INIT_DIRS, INIT_EMPTY_FILES, INIT_FILES, INIT_SYMLINKS, STATE, tarHeader } from './layers-worker.mjs';

/** GraphDriver data of `docker image inspect` (overlay2). */
interface GraphDriver {
  Name?: string;
  Data?: { LowerDir?: string; UpperDir?: string } | null;
}

/**
 * The image's layer directories, bottom first, when the storage driver is overlay2 or fuse-overlayfs and every layer directory is
 * readable and searchable by this process; otherwise undefined (use `docker export`).
 */
export async function readableLayerDirs(image: ImageInspect & { GraphDriver?: GraphDriver }): Promise<string[] | undefined> {
  const gd = image.GraphDriver;
  // fuse-overlayfs (rootless Docker on kernels before 5.11) keeps the same diff-directory layout; its whiteouts and
  // opaque markers are `.wh.` files (what the OCI layer format uses), which the extractor applies the same way.
  if ((gd?.Name !== 'overlay2' && gd?.Name !== 'fuse-overlayfs') || !gd.Data?.UpperDir) return undefined;
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

/** True when `getfattr` can be run (needed for images with more than one layer). */
export async function haveGetfattr(): Promise<boolean> {
  try {
    await runCommand('getfattr', ['--version'], { quiet: true, timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}

const SLOTS = 8;
const SLOT_SIZE = 1 << 20;

/** The entries docker's init layer adds to every container, as the topmost layer. */
function* initLayerEntries(mtime: number): Generator<Buffer> {
  for (const d of INIT_DIRS) yield tarHeader(d, '5', 0o755, 0, mtime);
  for (const f of INIT_EMPTY_FILES) yield tarHeader(f, '0', 0o755, 0, mtime);
  for (const [l, target] of Object.entries(INIT_SYMLINKS)) yield tarHeader(l, '2', 0o777, 0, mtime, target);
}

/** Every path docker's init layer adds or replaces (their mtimes are the container's creation time). */
export const INIT_LAYER_PATHS: ReadonlySet<string> = new Set([...INIT_DIRS, ...INIT_FILES]);

/** Reading the layer directories failed (permissions, a layer removed meanwhile): the caller may use docker export. */
export class LayerReadError extends BundleError {
  override name = 'LayerReadError';
  constructor(readonly reason: string) {
    super(
      `cannot read the image layers directly: ${reason}`,
      'use the docker export path (--extract auto or export, EDA_OCI_EXTRACT=export), or make the daemon storage readable by this user',
    );
  }
}

/**
 * Streams the layers (bottom first) as one tar archive for extractTar(..., { whiteouts: true, reuseBuffers: true }),
 * followed by docker's init-layer entries. A worker thread (layers-worker.mjs) reads the layers into a ring of shared
 * buffers; each chunk yielded is a view of one ring slot, handed back when the next chunk is requested. overlay2
 * whiteouts (character devices 0/0) become `.wh.NAME` entries and opaque directories `DIR/.wh..wh..opq`; symlinks are
 * never followed and files are opened with O_NOFOLLOW.
 */
export async function* layersArchive(layers: string[], initMtime: number): AsyncGenerator<Buffer> {
  const data = new SharedArrayBuffer(SLOTS * SLOT_SIZE);
  const ctrlBuf = new SharedArrayBuffer(4 * 4);
  const lengthsBuf = new SharedArrayBuffer(4 * SLOTS);
  const errorBuf = new SharedArrayBuffer(4096);
  const ctrl = new Int32Array(ctrlBuf);
  const lengths = new Int32Array(lengthsBuf);
  const worker = new Worker(new URL('./layers-worker.mjs', import.meta.url), {
    workerData: { edaOciLayers: { layers, data, ctrl: ctrlBuf, lengths: lengthsBuf, error: errorBuf, slots: SLOTS, slotSize: SLOT_SIZE } },
  });
  let crashed: Error | undefined;
  worker.on('error', (err) => {
    crashed = err;
    Atomics.store(ctrl, CTRL.state, STATE.failed);
    Atomics.notify(ctrl, CTRL.published);
  });
  const fail = (why: string): LayerReadError => new LayerReadError(why);
  try {
    let consumed = 0;
    for (;;) {
      const published = Atomics.load(ctrl, CTRL.published);
      if (published > consumed) {
        const slot = consumed % SLOTS;
        yield Buffer.from(data, slot * SLOT_SIZE, lengths[slot]!);
        // The consumer asked for more, so it is done with that slot (reuseBuffers): hand it back to the worker.
        consumed++;
        Atomics.store(ctrl, CTRL.consumed, consumed);
        Atomics.notify(ctrl, CTRL.consumed);
        continue;
      }
      const state = Atomics.load(ctrl, CTRL.state);
      if (state === STATE.done && Atomics.load(ctrl, CTRL.published) === consumed) break;
      if (state === STATE.failed) {
        if (crashed) throw fail(crashed.message);
        throw fail(Buffer.from(errorBuf, 0, Atomics.load(ctrl, CTRL.errorLength)).toString());
      }
      const wait = Atomics.waitAsync(ctrl, CTRL.published, published, 1000);
      if (wait.async) await wait.value;
    }
  } finally {
    await worker.terminate();
  }
  yield* initLayerEntries(initMtime);
  yield Buffer.alloc(BLOCK * 2);
}
