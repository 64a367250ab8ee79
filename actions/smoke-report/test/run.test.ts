// smoke-report's run() on crafted record files (the real reader and judge): outputs, one table, an error annotation
// per failure, the step's verdict with and without fail-on-failure.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExpectedSmokeCell, SmokeResultRecord } from '@eda-oci/slurm';
import { run, SmokeFailedError } from '../src/run.js';

// One set of runner files for the whole file (core.summary keeps the path it saw first).
const runner = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-smoke-report-runner-'));
let results: string;
beforeEach(() => {
  for (const [k, f] of Object.entries({ GITHUB_OUTPUT: 'out', GITHUB_STEP_SUMMARY: 'summary.md' })) {
    process.env[k] = path.join(runner, f);
    writeFileSync(process.env[k]!, '');
  }
  results = mkdtempSync(path.join(runner, 'results-'));
});
afterAll(() => rmSync(runner, { recursive: true, force: true }));

const cell = (bundle: string, partition: string, mode: string, command: string): ExpectedSmokeCell => ({
  id: `${bundle}/${partition}/${mode}/${command}`,
  bundle,
  partition,
  mode,
  command,
});
function put(rel: string, c: ExpectedSmokeCell, over: Partial<SmokeResultRecord> = {}): void {
  const rec: SmokeResultRecord = {
    id: c.id,
    bundle: c.bundle,
    'bundle-path': `/s/${c.bundle}`,
    partition: c.partition,
    mode: c.mode,
    command: 'the command line',
    'job-id': '11',
    state: 'COMPLETED',
    'exit-code': 0,
    signal: 0,
    'elapsed-seconds': 2,
    nodes: 'n1',
    verified: true,
    ok: true,
    message: 'completed on n1 with exit code 0',
    ...over,
  };
  mkdirSync(path.dirname(path.join(results, rel)), { recursive: true });
  writeFileSync(path.join(results, rel), JSON.stringify(rec));
}
function captured(fn: () => Promise<unknown>): Promise<string> {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return fn()
    .catch((e: unknown) => {
      spy.mockRestore();
      throw e;
    })
    .then(() => {
      const text = spy.mock.calls.map((c) => String(c[0])).join('');
      spy.mockRestore();
      return text;
    });
}
const outputs = (): string => readFileSync(process.env.GITHUB_OUTPUT!, 'utf8');
const summary = (): string => readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8');

const A = cell('alpha', 'debug', 'srun', 'hostname');
const B = cell('alpha', 'interactive', 'sbatch', 'hostname');
const C = cell('beta', 'debug', 'srun', 'version');

describe('smoke-report run', () => {
  it('all passed: outputs, one table with every column, no annotation', async () => {
    put('smoke-a/r.json', A);
    put('smoke-b/r.json', B);
    const log = await captured(() => run({ resultsDir: results, expected: [A, B], title: 'PR smoke <1>', failOnFailure: true }));
    expect(log).not.toContain('::error');
    expect(outputs()).toMatch(/passed<<.*\n2\n/);
    expect(outputs()).toMatch(/failed<<.*\n0\n/);
    expect(outputs()).toMatch(/failed-bundles<<.*\n\[\]\n/);
    const s = summary();
    expect(s).toContain('<h3>PR smoke &lt;1&gt;</h3>');
    expect(s).toContain('2 passed, 0 failed, 2 in all');
    expect(s).toContain(
      '<tr><th>Bundle</th><th>Partition</th><th>Mode</th><th>Command</th><th>Job id</th><th>State</th><th>Exit</th><th>Elapsed</th><th>Verdict</th></tr>',
    );
    expect(s).toContain(
      '<tr><td>alpha</td><td>debug</td><td>srun</td><td>hostname</td><td>11</td><td>COMPLETED</td><td>0</td><td>2 s</td><td>passed</td></tr>',
    );
    expect(s.match(/<table>/g)).toHaveLength(1);
  });

  it('a failed job and a missing result: annotations with titles, failed-bundles, and the step fails after reporting', async () => {
    put('smoke-a/r.json', A, { state: 'FAILED', 'exit-code': 3, ok: false, message: 'job 11 failed on n1 with exit code 3' });
    put('smoke-b/r.json', B);
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let err: unknown;
    try {
      await run({ resultsDir: results, expected: [A, B, C], title: 'Smoke', failOnFailure: true });
    } catch (e) {
      err = e;
    }
    const log = spy.mock.calls.map((c) => String(c[0])).join('');
    spy.mockRestore();
    expect(err).toBeInstanceOf(SmokeFailedError);
    expect((err as Error).message).toBe('2 of 3 smoke cells failed (bundles: alpha, beta); see the annotations and the summary table');
    const errors = log.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toEqual([
      '::error title=smoke failed%3A alpha on debug (srun%2C hostname)::job 11 failed on n1 with exit code 3',
      expect.stringMatching(/^::error title=smoke failed%3A beta on debug \(srun%2C version\)::no result/),
    ]);
    expect(outputs()).toMatch(/failed-bundles<<.*\n\["alpha","beta"\]\n/);
    expect(outputs()).toMatch(/total<<.*\n3\n/);
    expect(summary()).toContain('<td>FAILED</td><td>3</td><td>2 s</td><td>FAILED: job 11 failed on n1 with exit code 3</td>');
    expect(summary()).toContain(
      '<td>beta</td><td>debug</td><td>srun</td><td>version</td><td>-</td><td>-</td><td>-</td><td>-</td><td>FAILED: no result',
    );
  });

  it('fail-on-failure false: the same report, the step succeeds', async () => {
    put('x/r.json', C, { ok: false, state: 'TIMEOUT', 'exit-code': 0, message: 'job 11 reached its time limit' });
    const log = await captured(() => run({ resultsDir: results, expected: [], title: 'Nightly', failOnFailure: false }));
    expect(log).toContain('::error title=smoke failed%3A beta on debug (srun%2C the command line)::job 11 reached its time limit');
    expect(outputs()).toMatch(/failed<<.*\n1\n/);
  });

  it('no results and nothing expected: a warning, zero counts, success', async () => {
    const log = await captured(() => run({ resultsDir: path.join(results, 'missing'), expected: [], title: 'T', failOnFailure: true }));
    expect(log).toMatch(/::warning::no smoke results in .* and no expected cells/);
    expect(outputs()).toMatch(/total<<.*\n0\n/);
  });
});
