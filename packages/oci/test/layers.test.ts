// The layer reader (worker thread + shared ring) against hand-made overlay2-style layer directories.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, linkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LayerReadError, extractTar, layersArchive } from '../src/index.js';

const isRoot = process.getuid?.() === 0;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'layers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function haveSetfattr(): boolean {
  try {
    execFileSync('setfattr', ['--version'], { stdio: 'ignore' });
    execFileSync('getfattr', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('layersArchive', () => {
  it('streams one layer: files (large ones across ring slots), dirs, symlinks, hard links', async () => {
    const layer = path.join(tmp, 'one');
    mkdirSync(path.join(layer, 'usr/bin'), { recursive: true });
    const big = Buffer.alloc(3 * 1024 * 1024 + 123, 7); // larger than one 1 MiB ring slot
    writeFileSync(path.join(layer, 'usr/bin/big'), big);
    writeFileSync(path.join(layer, 'usr/bin/small'), 'hello\n', { mode: 0o755 });
    linkSync(path.join(layer, 'usr/bin/small'), path.join(layer, 'usr/bin/small-link'));
    symlinkSync('small', path.join(layer, 'usr/bin/sym'));
    const out = path.join(tmp, 'one-out');
    mkdirSync(out);
    const r = await extractTar(layersArchive([layer], 1_700_000_000), out, { whiteouts: true, reuseBuffers: true });
    expect(readFileSync(path.join(out, 'usr/bin/big')).equals(big)).toBe(true);
    expect(readFileSync(path.join(out, 'usr/bin/small'), 'utf8')).toBe('hello\n');
    expect(statSync(path.join(out, 'usr/bin/small-link')).ino).toBe(statSync(path.join(out, 'usr/bin/small')).ino);
    expect(r.hardlinks).toBe(1);
    // docker's init-layer entries come last, as in a container.
    expect(readdirSync(path.join(out, 'etc')).sort()).toEqual(['hostname', 'hosts', 'mtab', 'resolv.conf']);
    expect(statSync(path.join(out, 'dev/console')).isFile()).toBe(true);
  });

  it.runIf(isRoot && haveSetfattr())(
    'applies upper layers: whiteouts (0/0 devices) and opaque directories (needs root for mknod and trusted.* xattrs, and setfattr)',
    async () => {
      const lower = path.join(tmp, 'lower');
      const upper = path.join(tmp, 'upper');
      mkdirSync(path.join(lower, 'a'), { recursive: true });
      writeFileSync(path.join(lower, 'a/old'), 'old');
      writeFileSync(path.join(lower, 'gone'), 'x');
      writeFileSync(path.join(lower, 'kept'), 'k');
      mkdirSync(path.join(upper, 'a'), { recursive: true });
      writeFileSync(path.join(upper, 'a/new'), 'new');
      execFileSync('setfattr', ['-n', 'trusted.overlay.opaque', '-v', 'y', path.join(upper, 'a')]);
      execFileSync('mknod', [path.join(upper, 'gone'), 'c', '0', '0']);
      const out = path.join(tmp, 'two-out');
      mkdirSync(out);
      await extractTar(layersArchive([lower, upper], 0), out, { whiteouts: true, reuseBuffers: true });
      expect(readdirSync(path.join(out, 'a'))).toEqual(['new']);
      expect(readdirSync(out)).not.toContain('gone');
      expect(readFileSync(path.join(out, 'kept'), 'utf8')).toBe('k');
    },
  );

  it('a layer that cannot be read is a LayerReadError (the build then falls back to docker export)', async () => {
    const out = path.join(tmp, 'missing-out');
    mkdirSync(out);
    const err = await extractTar(layersArchive([path.join(tmp, 'no-such-layer')], 0), out, { whiteouts: true, reuseBuffers: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LayerReadError);
    expect((err as Error).message).toMatch(/cannot read the image layers directly: ENOENT.*--extract auto or export/);
  });
});
