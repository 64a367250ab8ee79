// E2E: the tail of bundle-pr.yml's push flow, chained like the workflow's jobs with the committed dists, as the
// unprivileged runner user edaoci on the real Slurm test cluster: two versions of a bundle published (CI runs 1001 and
// 1002) -> two smoke cells of <bundles-dir>/<name> through slurm-submit-container with result-file (one passes, one
// fails) -> the records collected as download-artifact lays them out -> smoke-report (fails, failed-bundles) ->
// rollback-oci-bundle of each failed bundle with only-if-published-by-run of run 1002 -> the symlink is back on the
// first version.
import { cpSync, mkdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, clusterEnv, isRoot, tempDirFor } from '../helpers/cluster.js';
import { runAction } from './runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const userEnv = { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR! };

function buildAndPublish(store: string, image: string, runId: string): string {
  const out = tempDirFor(USER);
  const b = cli(
    ['build', '--image', image, '--name', 'bb', '--output-dir', out, '--docker-host', env.EDA_OCI_ROOTLESS_DOCKER_HOST!, '--pull', 'never'],
    { user: USER, env: userEnv },
  );
  expect(b.status, b.stderr).toBe(0);
  const p = cli(['publish', '--bundle', path.join(out, 'bb'), '--bundles-dir', store, '--json'], {
    user: USER,
    env: { ...userEnv, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'org/eda-oci-e2e' },
  });
  expect(p.status, p.stderr).toBe(0);
  return JSON.parse(p.stdout).version as string;
}

describe.runIf(isRoot)('push flow tail: smoke -> report -> rollback with the dists, as edaoci on Slurm (needs root for runuser)', () => {
  it('a failing smoke cell of the version run 1002 published rolls the bundle back to run 1001s version', async () => {
    const store = tempDirFor(USER);
    const v1 = buildAndPublish(store, env.EDA_OCI_IMG_BUSYBOX1!, '1001');
    const v2 = buildAndPublish(store, env.EDA_OCI_IMG_BUSYBOX2!, '1002');
    expect(readlinkSync(path.join(store, 'bb'))).toBe(`.eda-oci/bb/${v2}`);

    // plan-bundles' smokes output for this bundle (two cells).
    const cells = [
      { id: 'bb/debug/srun/ok', bundle: 'bb', partition: 'debug', mode: 'srun', command: 'ok', run: 'true', 'time-limit': '2' },
      {
        id: 'bb/interactive/sbatch/broken',
        bundle: 'bb',
        partition: 'interactive',
        mode: 'sbatch',
        command: 'broken',
        run: 'exit 1',
        'time-limit': '2',
      },
    ];
    // The smoke matrix: one runner job per cell, each with its own RUNNER_TEMP, uploading its record as artifact i.
    const results = tempDirFor(USER);
    for (const [i, c] of cells.entries()) {
      const work = tempDirFor(USER);
      const { main } = await runAction('slurm-submit-container', {
        user: USER,
        workDir: work,
        with: {
          bundle: path.join(store, c.bundle),
          command: c.run,
          mode: c.mode,
          partition: c.partition,
          'time-limit': c['time-limit'],
          'job-name': 'eda-oci-smoke',
          'timeout-seconds': '120', // a drained partition fails the test in 2 min instead of hanging it
          'result-file': path.join(work, 'runner_temp/eda-oci-smoke/result.json'),
          'result-id': c.id,
        },
        env: { EDA_OCI_SLURM_OUTPUT_DIR: work },
      });
      expect(main.exitCode, main.stdout).toBe(c.run === 'true' ? 0 : 1);
      // download-artifact: <path>/<artifact name>/<file>
      mkdirSync(path.join(results, `eda-oci-smoke-${i}`));
      cpSync(path.join(work, 'runner_temp/eda-oci-smoke/result.json'), path.join(results, `eda-oci-smoke-${i}`, 'result.json'));
    }

    const report = await runAction('smoke-report', {
      user: USER,
      with: { 'results-dir': results, expected: JSON.stringify(cells), title: 'Slurm smoke tests of the published bundles' },
    });
    expect(report.main.exitCode).toBe(1);
    expect(report.main.outputs).toEqual({ passed: '1', failed: '1', total: '2', 'failed-bundles': '["bb"]' });
    expect(report.main.errors[0]).toMatch(/^job \d+ failed on n\d with exit code 1/);
    expect(report.main.summary).toMatch(/<td>bb<\/td><td>debug<\/td><td>srun<\/td><td>ok<\/td><td>\d+<\/td><td>COMPLETED<\/td><td>0<\/td>/);

    // The rollback matrix over failed-bundles, guarded by this run's id (the runner stand-in's run is 1002 here).
    for (const name of JSON.parse(report.main.outputs['failed-bundles']!) as string[]) {
      const { main } = await runAction('rollback-oci-bundle', {
        user: USER,
        with: { 'bundles-dir': store, name, 'only-if-published-by-run': '1002' },
        env: { GITHUB_RUN_ID: '1002' },
      });
      expect(main.exitCode, main.stdout).toBe(0);
      expect(main.outputs).toEqual({ 'rolled-back': 'true', current: v1, previous: v2 });
    }
    expect(readlinkSync(path.join(store, 'bb'))).toBe(`.eda-oci/bb/${v1}`);
  });
});
