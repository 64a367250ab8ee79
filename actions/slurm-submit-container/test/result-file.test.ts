// The result-file / result-id inputs of slurm-submit-container: the record is written after a success, a failed job
// and a failed submission (the job layer faked, the verdict comes from the library's record builder).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandFailedError, ConfigurationError } from '@eda-oci/exec';
import { SlurmJobError, type ContainerJobResult, type runContainerJob } from '@eda-oci/slurm';
import { jobResult } from '../../../packages/slurm/test/helpers/job-result.js';
import { getInputs, type Inputs } from '../src/inputs.js';
import { run } from '../src/run.js';

let dir: string;
const saved = { ...process.env };
// Runner files, so @actions/core writes outputs/state there instead of printing commands (core.summary keeps the path
// it saw first: one set for the whole file).
const runnerDir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-ssc-runner-'));
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-ssc-result-'));
  for (const k of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
    process.env[k] = path.join(runnerDir, k.toLowerCase());
    writeFileSync(process.env[k]!, '');
  }
});
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => rmSync(runnerDir, { recursive: true, force: true }));

const inputs = (file: string): Inputs => ({
  bundle: '/s/tool',
  command: 'hostname',
  mode: 'srun',
  partition: 'debug',
  resultFile: file,
  resultId: 'tool/debug/srun/hostname',
});
const fake = (impl: () => Promise<ContainerJobResult>): typeof runContainerJob => impl as unknown as typeof runContainerJob;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('result-file', () => {
  it('a completed job writes an ok record (parent dirs created)', async () => {
    const file = path.join(dir, 'results/deep/cell.json');
    await run(
      inputs(file),
      undefined,
      fake(async () => jobResult({ jobId: '7' })),
    );
    expect(read(file)).toMatchObject({
      id: 'tool/debug/srun/hostname',
      bundle: 'tool',
      partition: 'debug',
      mode: 'srun',
      command: 'hostname',
      'job-id': '7',
      state: 'COMPLETED',
      'exit-code': 0,
      ok: true,
    });
  });

  it('a failed job writes a failed record and the step still fails with the job error', async () => {
    const file = path.join(dir, 'r.json');
    const r = jobResult({ jobId: '7', state: 'FAILED', exitCode: 3, outcome: { success: false, kind: 'failed', message: 'x' } });
    const err = new SlurmJobError('job 7 failed on n2 with exit code 3', r);
    await expect(
      run(
        inputs(file),
        undefined,
        fake(() => Promise.reject(err)),
      ),
    ).rejects.toBe(err);
    expect(read(file)).toMatchObject({ state: 'FAILED', 'exit-code': 3, ok: false, message: 'job 7 failed on n2 with exit code 3' });
  });

  it('a submission that failed writes a record without a job; the original error is thrown', async () => {
    const file = path.join(dir, 'r.json');
    const err = new CommandFailedError('cannot submit: slurmctld does not answer', 'sbatch', [], null, null, '');
    await expect(
      run(
        inputs(file),
        undefined,
        fake(() => Promise.reject(err)),
      ),
    ).rejects.toBe(err);
    expect(read(file)).toMatchObject({ 'job-id': '', state: '', ok: false, message: expect.stringMatching(/^cannot submit/) });
  });

  it('a record that cannot be written: after a failure a warning (the job error wins); after a success the step fails', async () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, '');
    const file = path.join(blocker, 'r.json'); // parent is a file: ENOTDIR
    const err = new SlurmJobError('job 7 failed', jobResult({ jobId: '7', state: 'FAILED' }));
    await expect(
      run(
        inputs(file),
        undefined,
        fake(() => Promise.reject(err)),
      ),
    ).rejects.toBe(err);
    await expect(
      run(
        inputs(file),
        undefined,
        fake(async () => jobResult()),
      ),
    ).rejects.toThrow(/could not write result-file .*r\.json/);
  });

  it('no result-file: nothing written', async () => {
    await run(
      { ...inputs(''), resultFile: undefined },
      undefined,
      fake(async () => jobResult()),
    );
    expect(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8')).toContain('job-id');
  });
});

describe('inputs result-file / result-id', () => {
  const set = (v: Record<string, string>): void => {
    for (const [k, x] of Object.entries(v)) process.env[`INPUT_${k.toUpperCase()}`] = x;
  };
  beforeEach(() => {
    const b = path.join(dir, 'bundle');
    mkdirSync(path.join(b, 'rootfs/.eda-oci'), { recursive: true });
    writeFileSync(path.join(b, 'config.json'), '{}');
    writeFileSync(path.join(b, 'rootfs/.eda-oci/bundle-id'), 'sha256:x\n');
    set({ bundle: b, command: 'true', mode: 'sbatch' });
  });
  it('reads both', () => {
    set({ 'result-file': 'results/a.json', 'result-id': 'tool/debug/srun/hostname' });
    expect(getInputs({})).toMatchObject({ resultFile: 'results/a.json', resultId: 'tool/debug/srun/hostname' });
  });
  it.each([
    [{ 'result-file': 'results/a.txt' }, /result-file 'results\/a.txt' does not end in .json/],
    [{ 'result-file': 'a.json', 'result-id': 'has space' }, /result-id 'has space' has spaces/],
  ])('refuses %o before anything runs', (v, msg) => {
    set(v);
    expect(() => getInputs({})).toThrow(ConfigurationError);
    expect(() => getInputs({})).toThrow(msg);
  });
});
