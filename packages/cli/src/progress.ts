// One self-updating progress line on stderr for long steps (extraction, publish), drawn only on a terminal.
import { formatBytes, type Logger } from '@eda-oci/exec';

/** The part of a stream the progress line needs (process.stderr, or a fake in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

// Carriage return, then the text, then "erase to end of line" (ECMA-48 EL), so a shorter text leaves no rest.
const CLEAR_LINE = '\x1b[K';

/**
 * A single line on `stream` that each update overwrites (`\r` + text + erase-to-end-of-line), ended with a newline by
 * {@link ProgressLine.done}. Every update draws: the library's progress callbacks are already rate-limited
 * (ProgressTicker), and the smoke run's cell events are few and each one changes the counts. Everything is a no-op
 * unless the stream is a TTY: a log file or a pipe gets no progress at all (no `\r` noise in CI logs).
 */
export class ProgressLine {
  readonly enabled: boolean;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    options: { enabled?: boolean } = {},
  ) {
    this.enabled = options.enabled ?? stream.isTTY === true;
  }

  /** Shows `text` in place of the line's current text. */
  update(text: string): void {
    if (!this.enabled) return;
    this.draw(text);
  }

  /** Erases the line if it is shown, so other output (a log line) starts at column 0; the next update redraws it. */
  clear(): void {
    if (!this.enabled || !this.shown) return;
    this.stream.write(`\r${CLEAR_LINE}`);
    this.shown = false;
  }

  /** Ends the line: draws `text` (always, when given) and a newline; afterwards the line is not shown. */
  done(text?: string): void {
    if (!this.enabled) return;
    if (text !== undefined) this.draw(text);
    if (this.shown) this.stream.write('\n');
    this.shown = false;
  }

  private draw(text: string): void {
    // A line longer than the terminal wraps, and `\r` then returns only to the start of its last row.
    const width = this.stream.columns;
    const fitted = width && width > 1 && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
    this.stream.write(`\r${fitted}${CLEAR_LINE}`);
    this.shown = true;
  }
}

/** A logger whose every line first erases the progress line, so log output and progress do not share a row. */
export function withProgress(logger: Logger, line: ProgressLine): Logger {
  if (!line.enabled) return logger;
  return {
    debug: (m) => (line.clear(), logger.debug(m)),
    info: (m) => (line.clear(), logger.info(m)),
    warning: (m) => (line.clear(), logger.warning(m)),
    error: (m) => (line.clear(), logger.error(m)),
    group: (title, fn) => (line.clear(), logger.group(title, fn)),
  };
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The progress text of an extraction (eda-oci build). */
export function extractText(p: { entries: number; bytes: number; done: boolean; method: string }): string {
  const how = p.method === 'layers' ? 'from the overlay2 layers' : 'from docker export';
  return `${p.done ? 'extracted' : 'extracting'} ${how}: ${count(p.entries)} entries, ${formatBytes(p.bytes)}`;
}

/** The progress text of a publish's write phase (eda-oci publish). */
export function publishText(p: {
  filesLinked: number;
  filesCopied: number;
  filesTotal: number;
  bytesCopied: number;
  done: boolean;
}): string {
  const files = p.filesLinked + p.filesCopied;
  const pct = p.filesTotal ? ` (${Math.floor((100 * files) / p.filesTotal)}%)` : '';
  return (
    `${p.done ? 'written' : 'writing'}: ${count(files)} of ${count(p.filesTotal)} files${pct}, ` +
    `${count(p.filesLinked)} hard-linked, ${count(p.filesCopied)} copied (${formatBytes(p.bytesCopied)})`
  );
}
