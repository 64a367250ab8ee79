// Unit tests of ProgressTicker: the rate limit of library progress callbacks.
import { describe, expect, it } from 'vitest';
import { PROGRESS_INTERVAL_MS, ProgressTicker } from '../src/index.js';

describe('ProgressTicker', () => {
  it('is due at most once per interval, first one interval after creation', () => {
    let t = 1000;
    const ticker = new ProgressTicker(100, () => t);
    expect(ticker.due()).toBe(false);
    t = 1099;
    expect(ticker.due()).toBe(false);
    t = 1100;
    expect(ticker.due()).toBe(true);
    expect(ticker.due()).toBe(false);
    t = 1150;
    expect(ticker.due()).toBe(false);
    t = 1260;
    expect(ticker.due()).toBe(true);
    t = 1359;
    expect(ticker.due()).toBe(false);
  });

  it('allows at most 10 reports per second by default', () => {
    let t = 0;
    const ticker = new ProgressTicker(undefined, () => t);
    let n = 0;
    for (t = 0; t <= 1000; t += 1) if (ticker.due()) n++;
    expect(PROGRESS_INTERVAL_MS).toBe(100);
    expect(n).toBe(10);
  });
});
