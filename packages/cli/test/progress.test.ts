// Unit tests of the CLI's progress line: drawn only on a TTY, at every update (the library's callbacks are throttled
// where they are made), erased before log lines, ended with a newline.
import { describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '@eda-oci/exec';
import { extractText, ProgressLine, publishText, withProgress } from '../src/progress.js';

function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  return { isTTY, columns, writes, write: (s: string) => writes.push(s) };
}

describe('ProgressLine', () => {
  it('on a TTY: \\r + text + erase-to-end-of-line at every update, done ends the line', () => {
    const s = fakeStream(true);
    const line = new ProgressLine(s);
    expect(line.enabled).toBe(true);
    line.update('a');
    line.update('b');
    line.update('c');
    line.done('final');
    expect(s.writes).toEqual(['\ra\x1b[K', '\rb\x1b[K', '\rc\x1b[K', '\rfinal\x1b[K', '\n']);
  });

  it('draws every update in a burst, so the last one shown is the current state (4 smoke cells starting at once)', () => {
    const s = fakeStream(true);
    const line = new ProgressLine(s);
    for (let running = 1; running <= 4; running++) line.update(`smoke tool: 0 of 4 done, 0 failed, ${running} running`);
    expect(s.writes.length).toBe(4);
    expect(s.writes.at(-1)).toBe('\rsmoke tool: 0 of 4 done, 0 failed, 4 running\x1b[K');
  });

  it('not a TTY (a pipe, a CI log): writes nothing at all', () => {
    const s = fakeStream(false);
    const line = new ProgressLine(s);
    expect(line.enabled).toBe(false);
    line.update('a');
    line.clear();
    line.done('final');
    line.done();
    expect(s.writes).toEqual([]);
    const noFlag = { write: (x: string) => s.writes.push(x) }; // a stream without isTTY at all
    new ProgressLine(noFlag).done('x');
    expect(s.writes).toEqual([]);
  });

  it('done without text after nothing was drawn writes nothing; done twice ends the line once', () => {
    const s = fakeStream(true);
    const line = new ProgressLine(s);
    line.done();
    expect(s.writes).toEqual([]);
    line.update('x');
    line.done();
    line.done();
    expect(s.writes).toEqual(['\rx\x1b[K', '\n']);
  });

  it('clear erases a shown line and the next update redraws it', () => {
    const s = fakeStream(true);
    const line = new ProgressLine(s);
    line.clear(); // nothing shown: nothing to erase
    line.update('a');
    line.clear();
    line.update('b');
    expect(s.writes).toEqual(['\ra\x1b[K', '\r\x1b[K', '\rb\x1b[K']);
  });

  it('cuts text that would wrap on a narrow terminal', () => {
    const s = fakeStream(true, 10);
    const line = new ProgressLine(s);
    line.update('0123456789abcdef');
    expect(s.writes).toEqual(['\r01234567…\x1b[K']);
  });

  it('withProgress erases the line before every log line (none of that when not a TTY)', async () => {
    const s = fakeStream(true);
    const line = new ProgressLine(s);
    const logged: string[] = [];
    const base: Logger = {
      ...silentLogger,
      info: (m) => void logged.push(`${s.writes.length}:${m}`),
      warning: (m) => void logged.push(`${s.writes.length}:w:${m}`),
    };
    const logger = withProgress(base, line);
    line.update('p');
    logger.info('hello');
    logger.warning('careful');
    expect(await logger.group('g', async () => 7)).toBe(7);
    expect(s.writes).toEqual(['\rp\x1b[K', '\r\x1b[K']);
    expect(logged).toEqual(['2:hello', '2:w:careful']);
    const plain = new ProgressLine(fakeStream(false));
    expect(withProgress(base, plain)).toBe(base);
  });
});

describe('progress texts', () => {
  it('extraction: entries and bytes so far, then the final line', () => {
    expect(extractText({ entries: 1234, bytes: 5 * 1024 * 1024, done: false, method: 'export' })).toBe(
      'extracting from docker export: 1,234 entries, 5.0 MiB',
    );
    expect(extractText({ entries: 7, bytes: 10, done: true, method: 'layers' })).toBe(
      'extracted from the overlay2 layers: 7 entries, 10 B',
    );
  });

  it('publish: files written of the total, linked and copied', () => {
    expect(publishText({ filesLinked: 10, filesCopied: 15, filesTotal: 100, bytesCopied: 2048, done: false })).toBe(
      'writing: 25 of 100 files (25%), 10 hard-linked, 15 copied (2.0 KiB)',
    );
    expect(publishText({ filesLinked: 0, filesCopied: 0, filesTotal: 0, bytesCopied: 0, done: true })).toBe(
      'written: 0 of 0 files, 0 hard-linked, 0 copied (0 B)',
    );
  });
});
