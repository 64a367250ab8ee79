// Unit tests of eda-oci smoke without Slurm: the concurrency limit, rows from job results and errors, the table, and
// every input mistake refused before any job (usage errors exit 2, a bad catalog or bundle exits 1).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellResult, type SmokeCell } from '@eda-oci/catalog';
import { CommandFailedError } from '@eda-oci/exec';
import { SlurmJobError } from '@eda-oci/slurm';
import { jobResult } from '../../slurm/test/helpers/job-result.js';
import { formatSmokeTable } from '../src/commands/smoke.js';
import { runMain } from './helpers/run-main.js';

const cell: SmokeCell = {
  id: 'bb/debug/srun/hello',
  bundle: 'bb',
  partition: 'debug',
  mode: 'srun',
  command: 'hello',
  run: 'echo hi',
  timeLimit: '5',
};

describe('cellResult and the table', () => {
  it('a passed job, a failed job (SlurmJobError), a failed submission', () => {
    const ok = cellResult(cell, { result: jobResult() });
    expect(ok).toEqual({
      id: cell.id,
      partition: 'debug',
      mode: 'srun',
      command: 'hello',
      run: 'echo hi',
      jobId: '42',
      state: 'COMPLETED',
      exitCode: 0,
      signal: 0,
      elapsedSeconds: 1,
      nodes: 'n1',
      verified: true,
      ok: true,
      message: 'completed on n1 with exit code 0',
    });
    const failed = cellResult(
      { ...cell, id: 'bb/debug/sbatch/fail', mode: 'sbatch' },
      {
        error: new SlurmJobError(
          'job 43 failed on n2 with exit code 3',
          jobResult({ jobId: '43', state: 'FAILED', exitCode: 3, nodes: 'n2', outcome: { success: false, kind: 'failed', message: 'x' } }),
          'see the output',
        ),
      },
    );
    expect(failed).toMatchObject({
      jobId: '43',
      state: 'FAILED',
      exitCode: 3,
      ok: false,
      message: 'job 43 failed on n2 with exit code 3; see the output',
    });
    const lost = cellResult(cell, { error: new CommandFailedError('sbatch failed:\nno controller', 'sbatch', [], 1, null, '') });
    expect(lost).toMatchObject({
      jobId: '',
      state: '',
      exitCode: null,
      elapsedSeconds: null,
      verified: null,
      ok: false,
      message: 'sbatch failed: no controller',
    });
    expect(formatSmokeTable([ok, failed, lost]).split('\n')).toEqual([
      'CELL                  JOB  STATE      EXIT  ELAPSED  RESULT',
      'bb/debug/srun/hello   42   COMPLETED  0     1 s      ok',
      'bb/debug/sbatch/fail  43   FAILED     3     1 s      FAILED',
      'bb/debug/srun/hello   -    -          -     -        FAILED',
    ]);
  });
});

describe('eda-oci smoke refuses bad input before any job', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eda-oci-smoke-unit-'));
    fs.mkdirSync(path.join(dir, 'bundles'));
    fs.writeFileSync(
      path.join(dir, 'bundles', 'bb.yml'),
      'image: 127.0.0.1:5000/eda-oci/busybox:1\nsmoke:\n  partitions: [debug, interactive]\n  commands:\n    - { name: hello, run: echo hi }\n',
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const smoke = (...args: string[]) => runMain(['smoke', '--catalog-dir', path.join(dir, 'bundles'), ...args]);

  it.each([
    [['--bundles-dir', '/x'], /--name is required/],
    [['--name', 'bb', '--bundles-dir', '/x', '--bundle', '/y'], /give --bundles-dir or --bundle, not both/],
    [['--name', 'bb', '--bundle', '/y', '--mode', 'salloc'], /--mode is 'salloc', not srun or sbatch/],
    [
      ['--name', 'bb', '--bundle', '/y', '--partition', 'gpu'],
      /--partition 'gpu' is not one of .*bb\.yml's partitions \(debug, interactive\)/,
    ],
    [['--name', 'bb', '--bundle', '/y', '--parallel', '0'], /--parallel is '0', which is not a whole number from 1 to 16/],
    [['--name', 'bb'], /--bundles-dir is required \(or set EDA_OCI_BUNDLES_DIR\)/],
  ])('usage error %j: exit 2, one line', async (args, message) => {
    const saved = process.env.EDA_OCI_BUNDLES_DIR;
    delete process.env.EDA_OCI_BUNDLES_DIR;
    try {
      const r = await smoke(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n')).toHaveLength(2);
    } finally {
      if (saved !== undefined) process.env.EDA_OCI_BUNDLES_DIR = saved;
    }
  });

  it.each([
    [['--name', '../bb', '--bundle', '/y'], /bundle name '..\/bb' is invalid/],
    [['--name', 'nope', '--bundle', '/y'], /no catalog file for bundle 'nope' \(neither nope\.yml nor nope\.yaml in .*\)/],
    [['--name', 'bb', '--bundle', '/does/not/exist'], /bundle \/does\/not\/exist does not exist/],
  ])('error %j: exit 1, one line, no job', async (args, message) => {
    const r = await smoke(...args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('an invalid catalog file: exit 1 naming file, line and field', async () => {
    fs.writeFileSync(
      path.join(dir, 'bundles', 'bb.yml'),
      'image: 127.0.0.1:5000/eda-oci/busybox:1\nsmoke:\n  partitions: [debug, "de bug"]\n  commands:\n    - { name: hello, run: echo hi }\n',
    );
    const r = await smoke('--name', 'bb', '--bundle', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bb\.yml:3: smoke\.partitions\[1\]: /);
  });

  it('both bb.yml and bb.yaml: exit 1', async () => {
    fs.copyFileSync(path.join(dir, 'bundles', 'bb.yml'), path.join(dir, 'bundles', 'bb.yaml'));
    const r = await smoke('--name', 'bb', '--bundle', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bundle 'bb' is also defined by .*bb\.yaml/);
  });

  it('a directory that is not a bundle: exit 1 before any job', async () => {
    const r = await smoke('--name', 'bb', '--bundle', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no config\.json/);
  });
});
