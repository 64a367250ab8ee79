// Rate limit for progress callbacks: long library steps (extraction, publish) report at most ~10 times per second.

/** The default interval between progress reports: at most 10 per second. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Says when the next progress report is due. `due()` is true at most once per `intervalMs` (the first time
 * `intervalMs` after creation, so a step that ends quickly reports nothing but its final state). Callers check it
 * before building a report, which keeps the cost of an unwanted report to one clock read.
 */
export class ProgressTicker {
  private last: number;
  constructor(
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.last = now();
  }

  /** True when at least the interval passed since the last time it was true (or since creation). */
  due(): boolean {
    const t = this.now();
    if (t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}
