// Unit tests of extractTar's onProgress: reports while a slow stream is extracted (at most every 100 ms, growing),
// one final report with `done`, nothing at all without the option.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractTar, type ExtractProgress } from '../src/extract/index.js';
import { tar, type TarSpec } from '../../../test/fixtures/tar/tar-writer.js';

let base: string;
let rootfs: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'eda-oci-progress-'));
  rootfs = path.join(base, 'rootfs');
  fs.mkdirSync(rootfs);
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const spec: TarSpec[] = [
  { name: 'd/', type: '5', mode: 0o755 },
  ...Array.from({ length: 40 }, (_, i) => ({ name: `d/f${i}`, data: Buffer.alloc(1000 + i, i), mode: 0o644 })),
];
const contentBytes = spec.reduce((n, e) => n + (e.data ? Buffer.from(e.data).length : 0), 0);

/** The archive in 40 chunks, one every 15 ms (about 600 ms in all), like a slow exporter. */
async function* slow(buf: Buffer): AsyncGenerator<Buffer> {
  const size = Math.ceil(buf.length / 40);
  for (let i = 0; i < buf.length; i += size) {
    await new Promise((r) => setTimeout(r, 15));
    yield buf.subarray(i, Math.min(buf.length, i + size));
  }
}

describe('extractTar onProgress', () => {
  it('reports growing counts at most every 100 ms while extracting, then once with done and the final counts', async () => {
    const reports: (ExtractProgress & { at: number })[] = [];
    const r = await extractTar(slow(tar(spec)), rootfs, { onProgress: (p) => reports.push({ ...p, at: performance.now() }) });
    const during = reports.filter((p) => !p.done);
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during.length).toBeLessThanOrEqual(7);
    for (let i = 1; i < during.length; i++) {
      expect(during[i]!.at - during[i - 1]!.at).toBeGreaterThanOrEqual(99);
      expect(during[i]!.entries).toBeGreaterThanOrEqual(during[i - 1]!.entries);
      expect(during[i]!.bytes).toBeGreaterThanOrEqual(during[i - 1]!.bytes);
    }
    expect(during[0]!.entries).toBeLessThan(r.entries);
    expect(during[0]!.bytes).toBeLessThan(contentBytes);
    const last = reports.at(-1)!;
    expect(reports.filter((p) => p.done)).toEqual([last]);
    expect(last).toMatchObject({ entries: r.entries, bytes: contentBytes, done: true });
    expect(r.bytes).toBe(contentBytes);
  });

  it('a fast extraction reports only its end; a failed one never reports done', async () => {
    const reports: ExtractProgress[] = [];
    await extractTar(
      (async function* () {
        yield tar(spec.slice(0, 2));
      })(),
      rootfs,
      { onProgress: (p) => reports.push(p) },
    );
    expect(reports).toEqual([{ entries: 2, bytes: 1000, done: true }]);
    const again = path.join(base, 'again');
    fs.mkdirSync(again);
    const failed: ExtractProgress[] = [];
    const truncated = tar(spec).subarray(0, 5000);
    await expect(extractTar(slow(truncated), again, { onProgress: (p) => failed.push(p) })).rejects.toThrow(/ended early/);
    expect(failed.some((p) => p.done)).toBe(false);
  });
});
