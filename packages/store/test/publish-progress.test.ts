// Unit tests of publishBundle's onProgress: one final report whose counts are the result's, none when nothing is
// written (unchanged, dry run), and the same publish without the option.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '@eda-oci/exec';
import { publishBundle, type PublishOptions, type PublishProgress } from '../src/index.js';
import { makeBundle, sampleTree } from './helpers/bundle.js';
import { removeStoreDir, tempStore } from './helpers/temp-store.js';

let dir: string;
let store: string;
beforeEach(() => {
  ({ dir, store } = tempStore('eda-oci-pubprog-'));
});
afterEach(() => {
  removeStoreDir(dir);
});

const publish = (bundle: string, o: Partial<PublishOptions> = {}) =>
  publishBundle({ bundle, bundlesDir: store, name: 'tool', graceSeconds: 0, ...o }, { inUse: async () => [], logger: silentLogger });

describe('publishBundle onProgress', () => {
  it('ends with one done report carrying the files linked and copied of the total', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    const first: PublishProgress[] = [];
    const r1 = await publish(b1, { onProgress: (p) => first.push(p) });
    // sampleTree: bin/tool (+ its hard link), etc/config, etc/secret, etc/group-writable, opt/big, private/x
    const BYTES = 'tool v1\n'.length + 'same in every variant\n'.length + 'private\n'.length + 'g+w\n'.length + ((1 << 20) | 17) + 1;
    expect(first).toEqual([{ phase: 'write', filesLinked: 0, filesCopied: 6, filesTotal: 6, bytesCopied: BYTES, done: true }]);
    expect(r1.filesCopied).toBe(6);

    const second: PublishProgress[] = [];
    const r2 = await publish(b2, { onProgress: (p) => second.push(p) });
    const last = second.at(-1)!;
    expect(second.filter((p) => p.done)).toEqual([last]);
    expect(last).toMatchObject({ filesLinked: r2.filesLinked, filesCopied: r2.filesCopied, filesTotal: 6, done: true });
    expect(r2.filesLinked).toBeGreaterThan(0);
    expect(last.filesLinked + last.filesCopied).toBe(last.filesTotal);
  });

  it('reports nothing when nothing is written: unchanged bundle, dry run', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    await publish(b1);
    const reports: PublishProgress[] = [];
    expect((await publish(b1, { onProgress: (p) => reports.push(p) })).changed).toBe(false);
    expect((await publish(b2, { dryRun: true, onProgress: (p) => reports.push(p) })).dryRun).toBe(true);
    expect(reports).toEqual([]);
  });
});
