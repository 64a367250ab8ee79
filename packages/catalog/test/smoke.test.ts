// Unit tests of the smoke runner's concurrency limit (the Slurm jobs themselves: packages/cli/test/smoke.itg.test.ts).
import { describe, expect, it } from 'vitest';
import { runLimited } from '../src/smoke.js';

describe('runLimited', () => {
  it('runs at most `limit` at a time, all of them, results in input order', async () => {
    let now = 0;
    let peak = 0;
    const r = await runLimited([5, 1, 4, 2, 3, 1, 2], 3, new AbortController().signal, async (ms, i) => {
      peak = Math.max(peak, ++now);
      await new Promise((res) => setTimeout(res, ms * 5));
      now--;
      return i * 10;
    });
    expect(peak).toBe(3);
    expect(r).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('starts nothing more once the signal aborted; the running ones finish', async () => {
    const ac = new AbortController();
    const started: number[] = [];
    const r = await runLimited([1, 2, 3, 4, 5, 6], 2, ac.signal, async (n) => {
      started.push(n);
      if (n === 2) ac.abort();
      await new Promise((res) => setTimeout(res, 5));
      return n;
    });
    expect(started).toEqual([1, 2]);
    expect(r).toEqual([1, 2, undefined, undefined, undefined, undefined]);
  });
});
