// Test helper: the temp dir a store unit test starts from (an empty bundles dir inside it) and its removal, which has
// to open the read-only directories a publish leaves (a version's rootfs dirs keep their image modes, e.g. 0555).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh `<tmp>/<prefix>XXXXXX` with an empty bundles dir `bundles` (0755) in it. */
export function tempStore(prefix: string): { dir: string; store: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const store = path.join(dir, 'bundles');
  fs.mkdirSync(store, 0o755);
  return { dir, store };
}

/** Makes `dir` and every directory below it 0755, so that what is in them can be removed. */
export function openDirs(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) openDirs(path.join(dir, e.name));
}

/** Removes `dir` and all below it, read-only directories included. */
export function removeStoreDir(dir: string): void {
  openDirs(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}
