// E2E: the committed dist of plan-bundles run the way the GitHub runner runs it, as the unprivileged test user, on a
// real git checkout with pull_request and push event payloads (incl. a new branch's all-zero before), all +
// published-only, an invalid catalog file (annotated at its line) and a shallow checkout.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryText, git, makeCatalogRepo, type CatalogRepo } from '../../packages/catalog/test/git-repo.js';
import { clusterEnv, isRoot, tempDirFor } from '../helpers/cluster.js';
import { runAction } from './runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const ZERO = '0'.repeat(40);
const REPO_NAME = 'org/eda-oci-e2e';

let repo: CatalogRepo;
let home: string;
let badHead: string;

/** Writes an event payload readable by the test user; returns its path. */
function event(name: string, payload: unknown): string {
  const f = path.join(home, `${name}.json`);
  writeFileSync(f, JSON.stringify(payload));
  execFileSync('chown', [USER, f]);
  return f;
}

function pullRequest(base: string, head: string): unknown {
  const r = { full_name: REPO_NAME };
  return { pull_request: { number: 7, base: { sha: base, repo: r }, head: { sha: head, repo: r } }, repository: r };
}

/** Runs the dist as the test user in the checkout `dir` with the event. */
function plan(dir: string, eventName: string, payloadFile: string, inputs: Record<string, string> = {}) {
  return runAction('plan-bundles', {
    user: USER,
    with: inputs,
    env: { GITHUB_WORKSPACE: dir, GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: payloadFile, GITHUB_REPOSITORY: REPO_NAME },
  });
}

describe.runIf(isRoot)('plan-bundles dist as the unprivileged test user on a real checkout (needs root for runuser)', () => {
  beforeAll(() => {
    home = tempDirFor(USER, 'e2e-plan-');
    repo = makeCatalogRepo(path.join(home, 'checkout'));
    // Built as root before the checkout is handed to the test user (git refuses repositories of other owners).
    git(repo.dir, 'checkout', '-q', '-b', 'e2e-bad', repo.feature);
    writeFileSync(
      path.join(repo.dir, 'bundles/tool.yml'),
      entryText('registry.example.com:5000/cad/tool:1.2', ['debug', "'inter active'"]),
    );
    git(repo.dir, 'commit', '-q', '-am', 'bad partition');
    badHead = git(repo.dir, 'rev-parse', 'HEAD');
    git(repo.dir, 'checkout', '-q', 'feature');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, path.join(home, 'shallow')]);
    execFileSync('chown', ['-R', `${USER}:`, home]);
  });

  it('pull_request: the changed bundles as matrix JSON, removed names, smoke cells, a summary table', async () => {
    const { main } = await plan(repo.dir, 'pull_request', event('pr', pullRequest(repo.mainTip, repo.feature)));
    expect(main.stderr + main.errors.join('\n')).toBe('');
    expect(main.exitCode).toBe(0);
    expect(JSON.parse(main.outputs.names!)).toEqual(['moved', 'new', 'tool']);
    expect(JSON.parse(main.outputs.removed!)).toEqual(['mover', 'old']);
    expect(main.outputs.count).toBe('3');
    const bundles = JSON.parse(main.outputs.bundles!) as Record<string, string>[];
    expect(bundles.find((b) => b.name === 'tool')).toEqual({
      name: 'tool',
      file: 'bundles/tool.yml',
      image: 'registry.example.com:5000/cad/tool:1.1',
      platform: '',
      config: '',
      tests: '',
    });
    const smokes = JSON.parse(main.outputs.smokes!) as Record<string, string>[];
    // tool: 2 partitions x 2 modes; moved and new: 1 x 2; one command each.
    expect(main.outputs['smoke-count']).toBe('8');
    expect(smokes.length).toBe(8);
    expect(smokes[0]).toEqual({
      id: 'moved/debug/srun/hostname',
      bundle: 'moved',
      partition: 'debug',
      mode: 'srun',
      command: 'hostname',
      run: 'hostname',
      'time-limit': '5',
    });
    expect(main.summary).toContain('plan-bundles');
    expect(main.summary).toContain('build tool');
    expect(main.summary).toContain('renamed from bundles/mover.yml');
    expect(main.summary).toContain('removed old');
    expect(main.summary).toMatch(/Merge-base<\/td><td>[0-9a-f]{40}/);
  });

  it('push: before..after; a new branch (all-zero before) plans every bundle at after', async () => {
    const push = await plan(repo.dir, 'push', event('push', { before: repo.c0, after: repo.feature }));
    expect(push.main.exitCode).toBe(0);
    expect(JSON.parse(push.main.outputs.names!)).toEqual(['moved', 'new', 'tool']);
    const created = await plan(repo.dir, 'push', event('push-new', { before: ZERO, after: repo.feature, created: true }));
    expect(created.main.exitCode).toBe(0);
    expect(JSON.parse(created.main.outputs.names!)).toEqual(['keep', 'moved', 'new', 'tool']);
    expect(JSON.parse(created.main.outputs.removed!)).toEqual([]);
  });

  it('all + published-only on a schedule: only bundles present in bundles-dir', async () => {
    const bundlesDir = tempDirFor(USER, 'e2e-plan-bundles-');
    mkdirSync(path.join(bundlesDir, 'tool'));
    mkdirSync(path.join(bundlesDir, 'keep'));
    const { main } = await plan(repo.dir, 'schedule', event('schedule', { schedule: '0 3 * * *' }), {
      all: 'true',
      'published-only': 'true',
      'bundles-dir': bundlesDir,
    });
    expect(main.exitCode).toBe(0);
    expect(JSON.parse(main.outputs.names!)).toEqual(['keep', 'tool']);
    expect(main.outputs['smoke-count']).toBe(String(1 * 2 + 2 * 2));
  });

  it('an invalid catalog file fails the step with file:line: field, annotated on that line', async () => {
    const { main } = await plan(repo.dir, 'pull_request', event('pr-bad', pullRequest(repo.feature, badHead)));
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toContain('::error title=invalid catalog file,file=bundles/tool.yml,line=5::');
    expect(main.errors).toContain(
      "plan-bundles failed: bundles/tool.yml:5: smoke.partitions[1]: partition 'inter active' is not valid; use a partition name as sinfo shows it (letters, digits, _ . -)",
    );
    expect(main.outputs.bundles).toBeUndefined();
  });

  it('a shallow checkout without the base commit fails naming fetch-depth: 0', async () => {
    const shallow = path.join(home, 'shallow');
    const { main } = await plan(shallow, 'pull_request', event('pr-shallow', pullRequest(repo.mainTip, repo.feature)));
    expect(main.exitCode).toBe(1);
    expect(main.errors.join('\n')).toMatch(
      /base '[0-9a-f]{40}' is not a commit in .* \(the clone is shallow\); .*actions\/checkout with fetch-depth: 0/,
    );
  });
});
