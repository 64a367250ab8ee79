// Every action's committed dist refuses pull_request_target and pull requests from forks before it does anything, and
// runs normally for a pull request from a branch of the same repository.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterEnv, preserveDockerConfig, tempDirFor } from '../helpers/cluster.js';
import { REPO_ROOT, runAction } from './runner.js';

/** Every action folder with an action.yml and a built main entry. */
const ACTIONS = readdirSync(path.join(REPO_ROOT, 'actions')).filter(
  (a) =>
    existsSync(path.join(REPO_ROOT, 'actions', a, 'action.yml')) &&
    existsSync(path.join(REPO_ROOT, 'actions', a, 'dist', 'main', 'index.js')),
);

/** Inputs that would make each action do real work (create directories, start daemons, submit jobs) if it ran. */
function sideEffectInputs(action: string, dir: string): Record<string, string> {
  const env = clusterEnv();
  const out = path.join(dir, 'out');
  const common: Record<string, Record<string, string>> = {
    'build-oci-bundle': { image: env.EDA_OCI_IMG_BUSYBOX1 ?? '127.0.0.1:5000/eda-oci/busybox:1', name: 'guarded', 'output-dir': out },
    'publish-oci-bundle': { bundle: path.join(dir, 'bundle'), 'bundles-dir': out, name: 'guarded' },
    'rollback-oci-bundle': { 'bundles-dir': out, name: 'guarded' },
    'setup-rootless-docker': { 'data-root': out, start: 'false' },
    'slurm-submit-container': { bundle: path.join(dir, 'bundle'), command: 'true', 'result-file': path.join(out, 'result.json') },
    'test-bundle-runc': { bundle: path.join(dir, 'bundle'), run: 'true', 'junit-file': path.join(out, 'junit.xml') },
    'plan-bundles': { 'catalog-dir': out, all: 'true' },
    'smoke-report': { 'results-dir': out },
  };
  return common[action] ?? {};
}

function eventFile(dir: string, name: string, headRepo: string | null): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      repository: { full_name: 'org/eda-oci-e2e' },
      pull_request: {
        number: 12,
        head: { sha: 'a'.repeat(40), repo: headRepo === null ? null : { full_name: headRepo } },
        base: { sha: 'b'.repeat(40), repo: { full_name: 'org/eda-oci-e2e' } },
      },
    }),
  );
  return file;
}

describe('every action refuses untrusted events before any side effect', () => {
  it('finds the actions', () => {
    expect(ACTIONS).toEqual(
      expect.arrayContaining([
        'build-oci-bundle',
        'publish-oci-bundle',
        'setup-rootless-docker',
        'slurm-submit-container',
        'test-bundle-runc',
      ]),
    );
  });

  for (const action of ACTIONS) {
    it(`${action}: pull_request_target and a fork pull request are refused with one line; a same-repository pull request is not`, async () => {
      const dir = tempDirFor('edaoci');
      const events = [
        {
          name: 'pull_request_target',
          file: eventFile(dir, 'target', 'org/eda-oci-e2e'),
          refused: /refusing to run on the 'pull_request_target' event/,
        },
        {
          name: 'pull_request',
          file: eventFile(dir, 'fork', 'mallory/eda-oci-e2e'),
          refused: /refusing to run on a pull request from the fork 'mallory\/eda-oci-e2e'/,
        },
      ];
      for (const ev of events) {
        const r = await runAction(action, {
          user: 'edaoci',
          post: false,
          with: sideEffectInputs(action, dir),
          env: { GITHUB_EVENT_NAME: ev.name, GITHUB_EVENT_PATH: ev.file },
        });
        expect(r.main.exitCode, r.main.stdout + r.main.stderr).toBe(1);
        expect(r.main.errors).toHaveLength(1);
        expect(r.main.errors[0]).toMatch(new RegExp(`^${action} failed: `));
        expect(r.main.errors[0]).toMatch(ev.refused);
        expect(r.main.outputs).toEqual({});
        expect(r.main.state).toEqual({});
        // Nothing was created: not the output/bundles dir, not anything in RUNNER_TEMP.
        expect(existsSync(path.join(dir, 'out'))).toBe(false);
        expect(readdirSync(r.runnerTemp)).toEqual([]);
      }
      // The same step for a pull request from a branch of the repository gets past the guard (it may still fail on
      // its inputs here, e.g. a missing bundle, but not with the refusal).
      mkdirSync(path.join(dir, 'same'), { recursive: true });
      const restoreDockerConfig = preserveDockerConfig('edaoci');
      const same = await runAction(action, {
        user: 'edaoci',
        post: false,
        with: sideEffectInputs(action, path.join(dir, 'same')),
        env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile(dir, 'same', 'org/eda-oci-e2e') },
        timeoutMs: 120_000,
      }).finally(restoreDockerConfig);
      expect(same.main.stdout + same.main.stderr).not.toMatch(/refusing to run/);
    });
  }
});
