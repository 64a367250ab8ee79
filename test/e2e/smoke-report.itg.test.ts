// E2E: the committed dist of smoke-report run the way the GitHub runner runs it, as the unprivileged user edaoci2, on
// crafted result records laid out as download-artifact does (one folder per artifact): all passed; a failed job, an
// unreadable record and a missing cell (annotations, outputs, one table, the step fails); fail-on-failure false; bad
// input.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterEnv, isRoot, runAs, tempDirFor } from '../helpers/cluster.js';
import { runAction } from './runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER2!;

const cell = (bundle: string, partition: string, mode: string, command: string) => ({
  id: `${bundle}/${partition}/${mode}/${command}`,
  bundle,
  partition,
  mode,
  command,
  run: command,
  'time-limit': '5',
});
const A = cell('tool', 'debug', 'srun', 'version');
const B = cell('tool', 'interactive', 'sbatch', 'version');
const C = cell('lib', 'debug', 'srun', 'hostname');

/** Writes records as the smoke jobs would (one artifact folder each), owned by the job user. */
function results(records: Record<string, object | string>): string {
  const dir = tempDirFor(USER);
  for (const [rel, rec] of Object.entries(records)) {
    const text = typeof rec === 'string' ? rec : JSON.stringify(rec);
    const r = runAs(USER, 'sh', ['-c', 'mkdir -p "$(dirname "$1")" && cat > "$1"', 'sh', path.join(dir, rel)]);
    expect(r.status, r.stderr).toBe(0);
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
const record = (c: ReturnType<typeof cell>, over: object = {}) => ({
  id: c.id,
  bundle: c.bundle,
  'bundle-path': `/shared/bundles/${c.bundle}`,
  partition: c.partition,
  mode: c.mode,
  command: c.run,
  'job-id': '123',
  state: 'COMPLETED',
  'exit-code': 0,
  signal: 0,
  'elapsed-seconds': 1,
  nodes: 'n1',
  verified: true,
  ok: true,
  message: 'completed on n1 with exit code 0',
  ...over,
});

describe.runIf(isRoot)('smoke-report dist as edaoci2 on crafted result records (needs root for runuser)', () => {
  it('every cell passed: outputs, one table, no annotation', async () => {
    const dir = results({ 'smoke-tool-debug-srun-version/r.json': record(A), 'smoke-tool-interactive-sbatch-version/r.json': record(B) });
    const { main } = await runAction('smoke-report', { user: USER, with: { 'results-dir': dir, expected: JSON.stringify([A, B]) } });
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.errors).toEqual([]);
    expect(main.outputs).toEqual({ passed: '2', failed: '0', total: '2', 'failed-bundles': '[]' });
    expect(main.summary).toContain('<h3>Slurm smoke tests</h3>');
    expect(main.summary).toContain(
      '<td>tool</td><td>interactive</td><td>sbatch</td><td>version</td><td>123</td><td>COMPLETED</td><td>0</td><td>1 s</td><td>passed</td>',
    );
    expect(main.summary.match(/<table>/g)).toHaveLength(1);
  });

  it('a failed job, an unreadable record and a missing cell: an annotation each, failed-bundles, the step fails', async () => {
    const dir = results({
      'smoke-1/r.json': record(A),
      'smoke-2/r.json': record(B, { state: 'FAILED', 'exit-code': 2, ok: false, message: 'job 124 failed on n2 with exit code 2' }),
      'smoke-3/r.json': '{"id": "broken"',
    });
    const { main } = await runAction('smoke-report', {
      user: USER,
      with: { 'results-dir': dir, expected: JSON.stringify([A, B, C]), title: 'PR smoke' },
    });
    expect(main.exitCode).toBe(1);
    expect(main.outputs).toEqual({ passed: '1', failed: '3', total: '4', 'failed-bundles': '["lib","tool"]' });
    expect(main.errors).toEqual([
      // Rows (and annotations) in id order: lib/..., the unreadable file (named by its path), tool/...
      expect.stringMatching(/^no result/),
      expect.stringMatching(/^unreadable result smoke-3\/r.json: not valid JSON/),
      'job 124 failed on n2 with exit code 2',
      'smoke-report failed: 3 of 4 smoke cells failed (bundles: lib, tool); see the annotations and the summary table',
    ]);
    expect(main.stdout).toContain('::error title=smoke failed%3A tool on interactive (sbatch%2C version)::job 124 failed');
    expect(main.stdout).toContain('::error title=smoke failed%3A lib on debug (srun%2C hostname)::no result');
    expect(main.summary).toContain('1 passed, 3 failed, 4 in all');
    expect(main.summary).toContain('<td>FAILED: job 124 failed on n2 with exit code 2</td>');
  });

  it('fail-on-failure false reports the failure and succeeds', async () => {
    const dir = results({ 'a/r.json': record(C, { ok: false, state: 'TIMEOUT', message: 'job 125 reached its time limit' }) });
    const { main } = await runAction('smoke-report', { user: USER, with: { 'results-dir': dir, 'fail-on-failure': 'false' } });
    expect(main.exitCode).toBe(0);
    expect(main.outputs).toMatchObject({ failed: '1', 'failed-bundles': '["lib"]' });
    expect(main.errors).toEqual(['job 125 reached its time limit']);
  });

  it('bad expected input: one error line, nothing judged', async () => {
    const { main } = await runAction('smoke-report', {
      user: USER,
      with: { 'results-dir': '/nonexistent', expected: '{"not": "an array"}' },
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([
      "smoke-report failed: input 'expected' is not a JSON array; pass plan-bundles' smokes output (a JSON array)",
    ]);
    expect(main.outputs).toEqual({});
  });
});
