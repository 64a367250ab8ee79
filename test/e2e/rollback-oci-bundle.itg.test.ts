// E2E: the committed dist of rollback-oci-bundle run the way the GitHub runner runs it, as the unprivileged test user
// edaoci, on a bundles dir where edaoci published two versions with the CLI (as CI runs 1001 and 1002 would): the
// run-id guard refuses another run's publish and another repository's run, accepts the run that published the current
// version, refuses a re-run after its own rollback; without the guard it rolls back (forward again); bad input is one
// error line.
import { readlinkSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, clusterEnv, isRoot, tempDirFor } from '../helpers/cluster.js';
import { runAction } from './runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const REPO = 'org/eda-oci-e2e'; // GITHUB_REPOSITORY of the runner stand-in
let store = '';
let v1 = '';
let v2 = '';

function buildAndPublish(image: string, runId: string): string {
  const out = tempDirFor(USER);
  const userEnv = { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR! };
  const b = cli(
    ['build', '--image', image, '--name', 'bb', '--output-dir', out, '--docker-host', env.EDA_OCI_ROOTLESS_DOCKER_HOST!, '--pull', 'never'],
    { user: USER, env: userEnv },
  );
  expect(b.status, b.stderr).toBe(0);
  // What publish-oci-bundle would see inside workflow run `runId`.
  const ci = { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: REPO };
  const p = cli(['publish', '--bundle', path.join(out, 'bb'), '--bundles-dir', store, '--name', 'bb', '--json'], {
    user: USER,
    env: { ...userEnv, ...ci },
  });
  expect(p.status, p.stderr).toBe(0);
  return JSON.parse(p.stdout).version as string;
}

const link = (): string => readlinkSync(path.join(store, 'bb'));
const rollback = (w: Record<string, string>, e: Record<string, string> = {}) =>
  runAction('rollback-oci-bundle', { user: USER, with: { 'bundles-dir': store, name: 'bb', ...w }, env: e });

describe.runIf(isRoot)('rollback-oci-bundle dist as edaoci on a store published by the CLI (needs root for runuser)', () => {
  beforeAll(() => {
    store = tempDirFor(USER);
    v1 = buildAndPublish(env.EDA_OCI_IMG_BUSYBOX1!, '1001');
    v2 = buildAndPublish(env.EDA_OCI_IMG_BUSYBOX2!, '1002');
    expect(v1).not.toBe(v2);
    expect(link()).toBe(`.eda-oci/bb/${v2}`);
  });

  it('only-if-published-by-run of another run: nothing changes, a notice says why, the step succeeds', async () => {
    const { main } = await rollback({ 'only-if-published-by-run': '1001' });
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.outputs).toEqual({ 'rolled-back': 'false', current: v2, previous: v2 });
    expect(main.stdout).toMatch(
      new RegExp(
        `::notice title=rollback-oci-bundle did nothing::bb: not rolled back: current version ${v2} was published by run 1002 of ${REPO}, not by run 1001`,
      ),
    );
    expect(main.summary).toContain('<td>Rolled back</td><td>no: current version');
    expect(link()).toBe(`.eda-oci/bb/${v2}`);
  });

  it('the same run id from another repository does not match', async () => {
    const { main } = await rollback({ 'only-if-published-by-run': '1002' }, { GITHUB_REPOSITORY: 'someone/else' });
    expect(main.exitCode).toBe(0);
    expect(main.outputs['rolled-back']).toBe('false');
    expect(link()).toBe(`.eda-oci/bb/${v2}`);
  });

  it('the run that published the current version rolls it back; a re-run of that job then does nothing', async () => {
    const { main } = await rollback({ 'only-if-published-by-run': '1002' });
    expect(main.exitCode, main.stdout).toBe(0);
    expect(main.errors).toEqual([]);
    expect(main.outputs).toEqual({ 'rolled-back': 'true', current: v1, previous: v2 });
    expect(link()).toBe(`.eda-oci/bb/${v1}`);
    expect(main.summary).toContain('<td>Rolled back</td><td>yes</td>');
    expect(main.summary).toContain(`<td>Only if published by run</td><td>1002 (${REPO})</td>`);

    const again = await rollback({ 'only-if-published-by-run': '1002' });
    expect(again.main.exitCode).toBe(0);
    expect(again.main.outputs['rolled-back']).toBe('false');
    expect(again.main.stdout).toMatch(/made current by a rollback/);
    expect(link()).toBe(`.eda-oci/bb/${v1}`);
  });

  it('without the guard it switches to the previous version (forward again); to: a given version', async () => {
    const fwd = await rollback({});
    expect(fwd.main.exitCode, fwd.main.stdout).toBe(0);
    expect(fwd.main.outputs).toEqual({ 'rolled-back': 'true', current: v2, previous: v1 });
    expect(link()).toBe(`.eda-oci/bb/${v2}`);
    const to = await rollback({ to: v2 });
    expect(to.main.outputs).toEqual({ 'rolled-back': 'false', current: v2, previous: v2 });
  });

  it('bad inputs fail before anything with one error line', async () => {
    const bad = await rollback({ 'only-if-published-by-run': 'abc' });
    expect(bad.main.exitCode).toBe(1);
    expect(bad.main.errors).toEqual([expect.stringMatching(/^rollback-oci-bundle failed: only-if-published-by-run 'abc' is not a run id/)]);
    const missing = await runAction('rollback-oci-bundle', { user: USER, with: { 'bundles-dir': store, name: 'nope' } });
    expect(missing.main.errors).toEqual([expect.stringMatching(/^rollback-oci-bundle failed: no bundle 'nope' is published in /)]);
    expect(link()).toBe(`.eda-oci/bb/${v2}`);
  });
});
