// `eda-oci plan` (the committed CLI dist) as the unprivileged test user on a real git checkout: text and --json
// output, --all with --published-only, a bad revision and a bad catalog file (exit codes 2 and 1).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryText, git, makeCatalogRepo, type CatalogRepo } from '../../catalog/test/git-repo.js';
import { cli, clusterEnv, isRoot, tempDirFor } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
let repo: CatalogRepo;

describe.runIf(isRoot)('eda-oci plan as the unprivileged test user (needs root for runuser)', () => {
  beforeAll(() => {
    const home = tempDirFor(USER, 'cli-plan-');
    repo = makeCatalogRepo(path.join(home, 'repo'));
    // A working-tree-only mistake: plan reads head, so it must not matter; --all reads the working tree, so it does.
    writeFileSync(path.join(repo.dir, 'bundles/keep.yml'), entryText('registry.example.com:5000/cad/keep:1.0', ['debug'], 'extra: 1\n'));
    execFileSync('chown', ['-R', `${USER}:`, home]);
  });

  it('--base/--head: one line per bundle and removed name, then the counts; exit 0', () => {
    const r = cli(['plan', '--repo', repo.dir, '--base', 'main', '--head', 'feature'], { user: USER });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'build   moved  bundles/moved.yml (renamed)  registry.example.com:5000/cad/mover:2.0',
      `build   new    bundles/new.yaml (added)  registry.example.com:5000/cad/new@sha256:${'a'.repeat(64)}`,
      'build   tool   bundles/tool.yml (modified)  registry.example.com:5000/cad/tool:1.1',
      'remove  mover  bundles/mover.yml',
      'remove  old    bundles/old.yml',
      '3 bundle(s) to build, 2 removed, 8 smoke cell(s)',
      '',
    ]);
  });

  it('--json: the plan object with bundles, smokes, removed, changes', () => {
    const r = cli(['plan', '--repo', repo.dir, '--base', repo.c0, '--head', repo.feature, '--json'], { user: USER });
    expect(r.status).toBe(0);
    const p = JSON.parse(r.stdout) as Record<string, unknown[]> & { mergeBase: string };
    expect(Object.keys(p).sort()).toEqual(['base', 'bundles', 'changes', 'head', 'mergeBase', 'removed', 'smokes']);
    expect(p.mergeBase).toBe(repo.c0);
    expect(p.bundles!.map((b) => (b as { name: string }).name)).toEqual(['moved', 'new', 'tool']);
    expect(p.smokes!.length).toBe(8);
    expect(p.changes!.length).toBe(4);
  });

  it('--all reads the working tree and reports its mistake with file:line: field; exit 1', () => {
    const r = cli(['plan', '--repo', repo.dir, '--all'], { user: USER });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "eda-oci plan: error: bundles/keep.yml:8: extra: unknown key 'extra'; allowed here: image, platform, description, config, tests, smoke\n",
    );
  });

  it('--all --published-only keeps bundles present in --bundles-dir', () => {
    git(repo.dir, '-c', 'safe.directory=*', 'checkout', '-q', '--', 'bundles/keep.yml');
    const bundlesDir = tempDirFor(USER, 'cli-plan-bundles-');
    mkdirSync(path.join(bundlesDir, 'tool'));
    const r = cli(['plan', '--repo', repo.dir, '--all', '--bundles-dir', bundlesDir, '--published-only', '--json'], { user: USER });
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { bundles: { name: string }[] }).bundles.map((b) => b.name)).toEqual(['tool']);
  });

  it('usage errors exit 2; an unknown revision exits 1 with one line', () => {
    expect(cli(['plan', '--repo', repo.dir], { user: USER }).status).toBe(2);
    expect(cli(['plan', '--repo', repo.dir, '--all', '--base', 'main'], { user: USER }).status).toBe(2);
    expect(cli(['plan', '--repo', repo.dir, '--all', '--published-only'], { user: USER, env: {} }).status).toBe(2);
    const r = cli(['plan', '--repo', repo.dir, '--base', 'nope', '--head', 'feature'], { user: USER });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `eda-oci plan: error: base 'nope' is not a commit in ${repo.dir}; check the base revision (git log shows the commits)\n`,
    );
  });
});
