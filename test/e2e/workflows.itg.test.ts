// E2E: the reusable workflows bundle-pr.yml and nightly-smoke.yml RUN by the local workflow runner
// (test/workflows/local-runner.ts) against the real components, as the runner user edaoci: a real catalog git repository
// (two busybox bundles), edaoci's rootless Docker, runc, the Slurm test cluster (partition debug, srun + sbatch) and a
// fresh shared bundles dir. A pull request stages only its changed bundle; a push publishes both; the nightly smokes
// what is published; a push whose new image breaks a smoke command is rolled back; a fork pull request and
// pull_request_target run nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../packages/catalog/test/git-repo.js';
import { clusterEnv, isRoot, preserveDockerConfig, removeTestTree, tempDirFor } from '../helpers/cluster.js';
import { ranCells, runWorkflow, type LocalRunOptions, type WorkflowRun } from '../workflows/local-runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const REPO_NAME = 'org/eda-oci-e2e-site';
const LABELS = '["self-hosted","linux","eda-oci"]';

let home: string;
let bundles: string;
let catalog: string;
let restoreDockerConfig: () => void;
const sha: Record<'c0' | 'prA' | 'c1' | 'c2', string> = { c0: '', prA: '', c1: '', c2: '' };

/** A catalog entry: a runc test that any busybox passes, and a smoke that needs release 1 of the test images. */
function entry(image: string, description: string): string {
  return `image: ${image}
description: ${description}
tests:
  - { name: shell, run: echo ok, expect-stdout: '^ok' }
smoke:
  partitions: [debug]
  modes: [srun, sbatch]
  time-limit: '2'
  commands:
    - { name: release, run: grep -qx 1 /etc/eda-oci-release }
`;
}

function commit(file: string, text: string, message: string): string {
  mkdirSync(path.dirname(path.join(catalog, file)), { recursive: true });
  writeFileSync(path.join(catalog, file), text);
  git(catalog, 'add', '--', file);
  git(catalog, 'commit', '-q', '-m', message);
  return git(catalog, 'rev-parse', 'HEAD');
}

let runNumber = 6000;
function run(workflow: 'bundle-pr' | 'nightly-smoke', eventName: string, payload: Record<string, unknown>, runSha: string) {
  const runId = String(++runNumber);
  const o: LocalRunOptions = {
    workflow: `.github/workflows/${workflow}.yml`,
    inputs:
      workflow === 'bundle-pr'
        ? // The rootless daemon cannot reach the registry on the host's loopback; it already has the test images.
          { 'runner-labels': LABELS, 'bundles-dir': bundles, pull: 'missing' }
        : { 'runner-labels': LABELS, 'bundles-dir': bundles },
    eventName,
    payload: { repository: { full_name: REPO_NAME }, ...payload },
    repository: REPO_NAME,
    runId,
    sha: runSha,
    checkoutRepo: catalog,
    user: USER,
    workDir: tempDirFor(USER, `e2e-wf-${runId}-`),
    runnerEnv: { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR! },
    stepTimeoutMs: 180_000,
  };
  return runWorkflow(o);
}

function pullRequest(number: number, base: string, head: string, headRepo = REPO_NAME): Record<string, unknown> {
  return {
    number,
    pull_request: {
      number,
      base: { sha: base, repo: { full_name: REPO_NAME } },
      head: { sha: head, repo: { full_name: headRepo } },
    },
  };
}

/** Every failed step's output, so a failing assertion shows why. */
function failures(r: WorkflowRun): string {
  const out: string[] = [];
  for (const j of Object.values(r.jobs)) {
    if (j.error) out.push(`${j.id}: ${j.error}`);
    for (const c of j.cells) {
      for (const s of c.steps) {
        if (s.outcome === 'failure') out.push(`${c.name} / ${s.name}: exit ${s.exitCode}\n${s.stdout}\n${s.stderr}`);
      }
    }
  }
  return out.join('\n---\n');
}

function results(r: WorkflowRun): Record<string, string> {
  return Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]));
}

const current = (name: string): string => readlinkSync(path.join(bundles, name));

describe.runIf(isRoot)('reusable workflows run locally against Docker, runc, Slurm and a bundles dir, as edaoci (needs root)', () => {
  beforeAll(() => {
    restoreDockerConfig = preserveDockerConfig(USER);
    home = tempDirFor(USER, 'e2e-workflows-');
    bundles = path.join(home, 'bundles');
    mkdirSync(bundles, { mode: 0o755 });
    catalog = path.join(home, 'catalog');
    git(home, 'init', '-q', '-b', 'main', catalog);
    sha.c0 = commit('bundles/README.md', 'one file per bundle\n', 'empty catalog');
    git(catalog, 'checkout', '-q', '-b', 'add-a');
    sha.prA = commit('bundles/a.yml', entry(env.EDA_OCI_IMG_BUSYBOX1!, 'bundle a (pull request)'), 'add a');
    git(catalog, 'checkout', '-q', 'main');
    commit('bundles/a.yml', entry(env.EDA_OCI_IMG_BUSYBOX1!, 'bundle a'), 'add a');
    sha.c1 = commit('bundles/b.yml', entry(env.EDA_OCI_IMG_BUSYBOX1!, 'bundle b'), 'add b');
    // b moves to an image with another release: its runc test still passes, its smoke command fails.
    sha.c2 = commit('bundles/b.yml', entry(env.EDA_OCI_IMG_BUSYBOX2!, 'bundle b, new image'), 'b: busybox 2');
    execFileSync('chown', ['-R', `${USER}:`, home]);
  });

  afterAll(() => {
    restoreDockerConfig?.();
    if (home) removeTestTree(home);
  });

  it('pull_request from a branch: only the changed bundle, built, tested, staged in pr-7, smoked from staging', async () => {
    const r = await run('bundle-pr', 'pull_request', pullRequest(7, sha.c0, sha.prA), sha.prA);
    expect(results(r), failures(r)).toEqual({
      plan: 'success',
      build: 'success',
      smoke: 'success',
      report: 'success',
      rollback: 'skipped',
    });
    expect(JSON.parse(r.jobs.plan!.outputs.bundles!).map((b: { name: string }) => b.name)).toEqual(['a']);
    const build = ranCells(r, 'build');
    expect(build.map((c) => c.name)).toEqual(['build, test, publish a']);
    expect(build[0]!.recorded.environment).toBe('bundles-staging');
    expect(build[0]!.steps.map((s) => s.outcome)).toEqual(['success', 'success', 'success', 'success', 'success']);
    expect(build[0]!.steps[1]!.with.pull).toBe('missing');
    // setup-rootless-docker reused edaoci's running daemon; its post step (at the end of the job) left it running.
    expect(build[0]!.steps[0]!.outputs.started).toBe('false');
    expect(build[0]!.steps[0]!.post?.exitCode).toBe(0);
    expect(build[0]!.recorded.concurrency).toEqual({
      group: `eda-oci-publish-${bundles}-pr-7-a`,
      'cancel-in-progress': false,
    });
    expect(r.concurrency).toEqual({ group: 'eda-oci-bundles-pr-7', 'cancel-in-progress': true });
    const staged = path.join(bundles, '.staging', 'pr-7');
    expect(readlinkSync(path.join(staged, 'a'))).toMatch(/^\.eda-oci\/a\//);
    const smoke = ranCells(r, 'smoke');
    expect(smoke.map((c) => c.name)).toEqual(['smoke a/debug/srun/release', 'smoke a/debug/sbatch/release']);
    for (const c of smoke) {
      expect(c.steps[0]!.with.bundle).toBe(path.join(staged, 'a'));
      expect(c.steps[0]!.outputs.state).toBe('COMPLETED');
    }
    expect(readdirSync(r.artifactsDir).sort()).toEqual(['eda-oci-smoke-0', 'eda-oci-smoke-1']);
    const report = ranCells(r, 'report')[0]!.steps[1]!;
    expect(report.outputs).toMatchObject({ passed: '2', failed: '0', total: '2', 'failed-bundles': '[]' });
    expect(report.summary).toMatch(/Slurm smoke tests of the staged bundles/);
    expect(r.outputs['failed-bundles']).toBe('[]');
    expect(existsSync(path.join(bundles, 'a'))).toBe(false);
  });

  let a1 = '';
  let b1 = '';
  it('push adding both bundles: published to the bundles dir, smoke passes, no rollback', async () => {
    const r = await run('bundle-pr', 'push', { ref: 'refs/heads/main', before: sha.c0, after: sha.c1 }, sha.c1);
    expect(results(r), failures(r)).toEqual({
      plan: 'success',
      build: 'success',
      smoke: 'success',
      report: 'success',
      rollback: 'skipped',
    });
    expect(ranCells(r, 'build').map((c) => [c.name, c.recorded.environment])).toEqual([
      ['build, test, publish a', 'bundles'],
      ['build, test, publish b', 'bundles'],
    ]);
    a1 = current('a');
    b1 = current('b');
    expect(a1).toMatch(/^\.eda-oci\/a\//);
    expect(b1).toMatch(/^\.eda-oci\/b\//);
    expect(ranCells(r, 'smoke').map((c) => [c.steps[0]!.with.bundle, c.result])).toEqual([
      [path.join(bundles, 'a'), 'success'],
      [path.join(bundles, 'a'), 'success'],
      [path.join(bundles, 'b'), 'success'],
      [path.join(bundles, 'b'), 'success'],
    ]);
    expect(r.outputs['failed-bundles']).toBe('[]');
  });

  it('nightly-smoke on the published bundles: every cell passes, one report', async () => {
    const r = await run('nightly-smoke', 'schedule', { schedule: '0 3 * * *' }, sha.c1);
    expect(results(r), failures(r)).toEqual({ plan: 'success', smoke: 'success', report: 'success' });
    expect(ranCells(r, 'smoke').map((c) => c.matrix!.smoke)).toHaveLength(4);
    expect(r.outputs).toEqual({ 'failed-bundles': '[]', passed: '4', failed: '0' });
    expect(ranCells(r, 'report')[0]!.steps[1]!.summary).toMatch(new RegExp(`Nightly Slurm smoke tests of ${bundles}`));
  });

  it('push whose new image fails its smoke: published, smoke and report fail, the rollback job restores the previous version', async () => {
    const r = await run('bundle-pr', 'push', { ref: 'refs/heads/main', before: sha.c1, after: sha.c2 }, sha.c2);
    expect(results(r), failures(r)).toEqual({
      plan: 'success',
      build: 'success',
      smoke: 'failure',
      report: 'failure',
      rollback: 'success',
    });
    expect(JSON.parse(r.jobs.plan!.outputs.bundles!).map((b: { name: string }) => b.name)).toEqual(['b']);
    const smoke = ranCells(r, 'smoke');
    expect(smoke.map((c) => c.result)).toEqual(['failure', 'failure']);
    // The failed cells still uploaded their records (upload-artifact runs on !cancelled()).
    expect(smoke.map((c) => c.steps[1]!.outcome)).toEqual(['success', 'success']);
    const report = ranCells(r, 'report')[0]!.steps[1]!;
    expect(report.outputs).toMatchObject({ passed: '0', failed: '2', 'failed-bundles': '["b"]' });
    // One annotation per failed cell, and the step's own failure.
    expect(report.errors.filter((e) => /^job \d+ failed on n\d with exit code 1/.test(e))).toHaveLength(2);
    expect(report.errors.at(-1)).toMatch(/^smoke-report failed: 2 of 2 smoke cells failed \(bundles: b\)/);
    expect(r.outputs['failed-bundles']).toBe('["b"]');
    const rollback = ranCells(r, 'rollback');
    expect(rollback.map((c) => c.name)).toEqual(['roll back b']);
    const rb = rollback[0]!.steps[0]!;
    expect(rb.with['only-if-published-by-run']).toBe(String(runNumber));
    expect(rb.outputs['rolled-back']).toBe('true');
    expect(`.eda-oci/b/${rb.outputs.previous}`).not.toBe(b1);
    expect(current('b')).toBe(b1);
    expect(current('a')).toBe(a1);
  });

  it.each([
    ['a fork pull request', 'pull_request', REPO_NAME.replace('org/', 'fork/')],
    ['pull_request_target', 'pull_request_target', REPO_NAME],
  ])('%s: every job of both workflows is skipped, nothing is built', async (_what, eventName, headRepo) => {
    const before = readdirSync(bundles).sort();
    for (const wf of ['bundle-pr', 'nightly-smoke'] as const) {
      const r = await run(wf, eventName, pullRequest(8, sha.c1, sha.c2, headRepo), sha.c2);
      expect(Object.values(r.jobs).map((j) => j.result)).toEqual(
        wf === 'bundle-pr' ? ['skipped', 'skipped', 'skipped', 'skipped', 'skipped'] : ['skipped', 'skipped', 'skipped'],
      );
      expect(Object.values(r.jobs).flatMap((j) => j.cells)).toEqual([]);
      expect(readdirSync(r.artifactsDir)).toEqual([]);
    }
    expect(readdirSync(bundles).sort()).toEqual(before);
    expect(existsSync(path.join(bundles, '.staging', 'pr-8'))).toBe(false);
  });
});
