// Unit tests of smoke result records: building them from a job's end, atomic writing, reading a results tree, judging.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, CommandFailedError, ConfigurationError } from '@eda-oci/exec';
import {
  SlurmJobError,
  bundleNameOf,
  jobOutputs,
  judgeSmokeResults,
  parseExpectedCells,
  readSmokeRecords,
  resultOf,
  smokeRecord,
  validateResultFile,
  writeSmokeRecord,
  type ExpectedSmokeCell,
  type SmokeResultRecord,
} from '../src/index.js';
import { jobResult } from './helpers/job-result.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-smoke-results-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const base = {
  id: 'tool/debug/srun/version',
  bundle: '/shared/bundles/tool/',
  partition: 'debug',
  mode: 'srun',
  command: 'tool --version',
};

describe('jobOutputs / resultOf', () => {
  it('the outputs of a result, keys in order; the result of a return or a SlurmJobError, none of another error', () => {
    const r = jobResult({ elapsedSeconds: 3, outputFile: '/w/eda-oci-42.out' });
    expect(Object.entries(jobOutputs(r))).toEqual([
      ['job-id', '42'],
      ['state', 'COMPLETED'],
      ['exit-code', 0],
      ['signal', 0],
      ['elapsed-seconds', 3],
      ['nodes', 'n1'],
      ['output-file', '/w/eda-oci-42.out'],
    ]);
    expect(resultOf({ result: r })).toBe(r);
    expect(resultOf({ error: new SlurmJobError('failed', r) })).toBe(r);
    expect(resultOf({ error: new Error('no job') })).toBeUndefined();
  });
});

describe('smokeRecord', () => {
  it('a completed job: every field, bundle name from the path as given, ok', () => {
    const r = jobResult({ elapsedSeconds: 3, bundlePath: '/shared/bundles/.eda-oci/tool/20260101T000000Z-aaaaaaaaaaaa' });
    expect(smokeRecord(base, { result: r })).toEqual({
      id: 'tool/debug/srun/version',
      bundle: 'tool',
      'bundle-path': '/shared/bundles/.eda-oci/tool/20260101T000000Z-aaaaaaaaaaaa',
      partition: 'debug',
      mode: 'srun',
      command: 'tool --version',
      'job-id': '42',
      state: 'COMPLETED',
      'exit-code': 0,
      signal: 0,
      'elapsed-seconds': 3,
      nodes: 'n1',
      verified: true,
      ok: true,
      message: 'completed on n1 with exit code 0',
    });
  });
  it('a failed job (SlurmJobError): the job result and the error message, not ok', () => {
    const r = jobResult({ state: 'FAILED', exitCode: 3, outcome: { success: false, kind: 'failed', message: 'failed' } });
    const rec = smokeRecord(base, { error: new SlurmJobError('job 42 failed on n1 with exit code 3', r, 'see the output above') });
    expect(rec).toMatchObject({ 'job-id': '42', state: 'FAILED', 'exit-code': 3, ok: false });
    expect(rec.message).toBe('job 42 failed on n1 with exit code 3; see the output above');
  });
  it('a submission that failed: no job fields, the error as message; defaults for id and command', () => {
    const rec = smokeRecord(
      { bundle: '/b/tool', mode: 'sbatch', script: 'job.sh' },
      { error: new CommandFailedError('cannot submit: slurmctld does not answer', 'sbatch', [], null, null, '') },
    );
    expect(rec).toMatchObject({
      id: 'tool/default/sbatch',
      bundle: 'tool',
      'bundle-path': '/b/tool',
      partition: '',
      command: 'script: job.sh',
      'job-id': '',
      state: '',
      'exit-code': null,
      signal: null,
      'elapsed-seconds': null,
      verified: null,
      ok: false,
    });
    expect(rec.message).toMatch(/^cannot submit: slurmctld does not answer/);
  });
  it('a cancelled run says so', () => {
    expect(smokeRecord(base, { error: new CancelledError('cancelled; job 42 was cancelled (scancel)') }).message).toBe(
      'cancelled: cancelled; job 42 was cancelled (scancel)',
    );
  });
  it('bundleNameOf', () => {
    expect(bundleNameOf('/s/bundles/tool')).toBe('tool');
    expect(bundleNameOf('tool//')).toBe('tool');
    expect(bundleNameOf('/')).toBe('/');
  });
});

describe('writeSmokeRecord / validateResultFile', () => {
  it('creates the parent directories, writes JSON, replaces an earlier record, leaves no temp file', async () => {
    const file = path.join(dir, 'a/b/cell.json');
    const rec = smokeRecord(base, { result: jobResult() });
    await writeSmokeRecord(file, { ...rec, ok: false });
    await writeSmokeRecord(file, rec);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(rec);
    expect(readdirSync(path.dirname(file))).toEqual(['cell.json']);
  });
  it('fails (and cleans up) when the target is a directory', async () => {
    const file = path.join(dir, 'd.json');
    mkdirSync(path.join(file, 'x'), { recursive: true });
    await expect(writeSmokeRecord(file, smokeRecord(base, { result: jobResult() }))).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['d.json']);
  });
  it.each(['results/x.txt', 'results/.json', 'x.json\0'])('refuses %j with one line', (f) => {
    expect(() => validateResultFile(f)).toThrow(ConfigurationError);
  });
  it('accepts a .json path', () => expect(validateResultFile('results/tool.json')).toBe('results/tool.json'));
});

const cell = (bundle: string, partition: string, mode: string, command = 'hostname'): ExpectedSmokeCell => ({
  id: `${bundle}/${partition}/${mode}/${command}`,
  bundle,
  partition,
  mode,
  command,
});
function record(c: ExpectedSmokeCell, over: Partial<SmokeResultRecord> = {}): SmokeResultRecord {
  return {
    ...smokeRecord(
      { id: c.id, bundle: `/s/${c.bundle}`, partition: c.partition, mode: c.mode, command: 'hostname -s' },
      { result: jobResult() },
    ),
    ...over,
  };
}

describe('parseExpectedCells', () => {
  it("takes plan-bundles' smokes output, ignoring extra keys", () => {
    const text = JSON.stringify([{ ...cell('tool', 'debug', 'srun'), run: 'hostname', 'time-limit': '5' }]);
    expect(parseExpectedCells(text)).toEqual([cell('tool', 'debug', 'srun')]);
  });
  it.each([
    ['not json', /expected is not valid JSON/],
    ['{}', /expected is not a JSON array/],
    ['[{"id":"a"}]', /expected\[0\]\.bundle is missing or not a string/],
    ['[null]', /expected\[0\]\.id is missing/],
  ])('refuses %s', (text, msg) => {
    expect(() => parseExpectedCells(text)).toThrow(msg);
  });
});

describe('readSmokeRecords + judgeSmokeResults', () => {
  const a = cell('alpha', 'debug', 'srun');
  const b = cell('alpha', 'interactive', 'sbatch');
  const c = cell('beta', 'debug', 'srun');
  const d = cell('gamma', 'debug', 'sbatch');

  function put(rel: string, value: unknown): void {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), typeof value === 'string' ? value : JSON.stringify(value));
  }

  it('reads *.json recursively as download-artifact lays them out; other files ignored; a missing dir is empty', async () => {
    put('smoke-1/r.json', record(a));
    put('smoke-2/deep/r.json', record(b));
    put('smoke-2/notes.txt', 'x');
    const found = await readSmokeRecords(dir);
    expect(found.map((f) => f.file)).toEqual(['smoke-1/r.json', path.join('smoke-2', 'deep', 'r.json')]);
    expect(await readSmokeRecords(path.join(dir, 'nope'))).toEqual([]);
  });

  it('passes, failures, missing results, bad files: counts, failed bundles, verdicts', async () => {
    put('1/a.json', record(a));
    put('2/b.json', record(b, { state: 'FAILED', 'exit-code': 3, ok: false, message: 'job 42 failed on n1 with exit code 3' }));
    put('3/c.json', record(c));
    put('4/bad.json', '{"id": "x"');
    put('5/odd.json', { hello: 'world' });
    const report = judgeSmokeResults(await readSmokeRecords(dir), [a, b, c, d]);
    expect(report).toMatchObject({ passed: 2, failed: 4, total: 6, failedBundles: ['alpha', 'gamma'] });
    const by = new Map(report.rows.map((r) => [r.id, r]));
    expect(by.get(a.id)).toMatchObject({ passed: true, verdict: 'passed', command: 'hostname', jobId: '42', state: 'COMPLETED' });
    expect(by.get(b.id)).toMatchObject({ passed: false, verdict: 'job 42 failed on n1 with exit code 3', exitCode: 3 });
    expect(by.get(d.id)).toMatchObject({ passed: false, bundle: 'gamma', file: '', verdict: expect.stringMatching(/^no result/) });
    expect(report.rows.find((r) => r.file === path.join('4', 'bad.json'))?.verdict).toMatch(
      /unreadable result 4\/bad.json: not valid JSON/,
    );
    expect(report.rows.find((r) => r.file === path.join('5', 'odd.json'))?.verdict).toMatch(
      /not a smoke result record: 'id' is not a string/,
    );
  });

  it('a record that says ok but disagrees with its state, exit code or verification fails', () => {
    const rows = judgeSmokeResults([
      { file: '1', record: record(a, { state: 'CANCELLED' }) },
      { file: '2', record: record(b, { 'exit-code': 1 }) },
      { file: '3', record: record(c, { verified: false }) },
      { file: '4', record: record(d, { verified: null }) },
    ]).rows;
    expect(rows.map((r) => [r.passed, r.verdict])).toEqual([
      [false, 'record says ok but CANCELLED, exit code 0'],
      [false, 'record says ok but COMPLETED, exit code 1'],
      [false, 'record says ok but the job did not run inside the container'],
      [true, 'passed'],
    ]);
  });

  it('without expected cells: the records alone, display fields from the record', () => {
    const r = judgeSmokeResults([{ file: 'x.json', record: record(a, { id: 'custom', partition: '' }) }]);
    expect(r).toMatchObject({ passed: 1, failed: 0, total: 1, failedBundles: [] });
    expect(r.rows[0]).toMatchObject({ id: 'custom', bundle: 'alpha', partition: 'default', command: 'hostname -s' });
    expect(judgeSmokeResults([], [])).toMatchObject({ total: 0, passed: 0, failed: 0 });
  });
});
