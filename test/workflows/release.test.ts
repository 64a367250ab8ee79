// scripts/release.mjs against a real git repository: the checks that refuse a release, and the tags it creates.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../scripts/release.mjs');

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();
}

function release(repo: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args, '--no-build-check'], {
    env: { ...process.env, EDA_OCI_RELEASE_REPO: repo },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function repoWith(changelog: string, workflow: string): string {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'release-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'ci@example.com');
  git(repo, 'config', 'user.name', 'ci');
  writeFileSync(path.join(repo, 'CHANGELOG.md'), changelog);
  mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
  writeFileSync(path.join(repo, '.github', 'workflows', 'bundle-pr.yml'), workflow);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'initial');
  return repo;
}

const WORKFLOW =
  'jobs:\n  b:\n    steps:\n      - uses: org/eda-oci/actions/build-oci-bundle@v1\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4\n';
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-11-30\n\n- first\n';

describe('scripts/release.mjs', () => {
  it('tags vX.Y.Z and moves vX; a later release moves vX again', () => {
    const repo = repoWith(CHANGELOG, WORKFLOW);
    const dry = release(repo, '1.0.0', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toMatch(/would tag v1\.0\.0 and move v1/);
    expect(git(repo, 'tag')).toBe('');
    const r = release(repo, '1.0.0');
    expect(r.code, r.err).toBe(0);
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(git(repo, 'rev-parse', 'v1.0.0^{commit}')).toBe(head);
    expect(git(repo, 'rev-parse', 'v1^{commit}')).toBe(head);
    expect(r.out).toContain('git push --force origin v1');

    writeFileSync(path.join(repo, 'CHANGELOG.md'), CHANGELOG.replace('## [1.0.0]', '## [1.1.0] - 2026-12-01\n\n- more\n\n## [1.0.0]'));
    git(repo, 'commit', '-qam', 'next');
    expect(release(repo, '1.1.0').code).toBe(0);
    const next = git(repo, 'rev-parse', 'HEAD');
    expect(git(repo, 'rev-parse', 'v1^{commit}')).toBe(next);
    expect(git(repo, 'rev-parse', 'v1.0.0^{commit}')).toBe(head);
  });

  it('refuses, tagging nothing: existing tag, missing CHANGELOG section, dirty tree, wrong branch, workflows not at @v1', () => {
    const repo = repoWith(CHANGELOG, WORKFLOW);
    expect(release(repo, '1.0.0').code).toBe(0);
    const again = release(repo, '1.0.0');
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/FAIL {2}tag v1\.0\.0 is new: v1\.0\.0 already exists/);

    const noEntry = release(repo, '1.0.1');
    expect(noEntry.code).toBe(1);
    expect(noEntry.out).toMatch(/FAIL {2}CHANGELOG\.md has a section for 1\.0\.1: add '## \[1\.0\.1\] - YYYY-MM-DD'/);

    const other = repoWith(CHANGELOG, WORKFLOW.replace('build-oci-bundle@v1', 'build-oci-bundle@main'));
    const pinned = release(other, '1.0.0');
    expect(pinned.code).toBe(1);
    expect(pinned.out).toMatch(/\.github\/workflows\/bundle-pr\.yml:4 uses @main/);

    const dirty = repoWith(CHANGELOG, WORKFLOW);
    writeFileSync(path.join(dirty, 'stray.txt'), 'x');
    expect(release(dirty, '1.0.0').out).toMatch(/FAIL {2}working tree clean: uncommitted changes \(1 paths\)/);

    const branch = repoWith(CHANGELOG, WORKFLOW);
    git(branch, 'checkout', '-qb', 'feature');
    expect(release(branch, '1.0.0').out).toMatch(/FAIL {2}on the release branch: HEAD is on 'feature'/);
    for (const r of [other, dirty, branch]) expect(git(r, 'tag')).toBe('');
  });

  it('rejects a bad version or option with exit 2', () => {
    const repo = repoWith(CHANGELOG, WORKFLOW);
    for (const args of [['1.0'], ['01.0.0'], ['1.0.0', '--bogus'], []]) {
      const r = release(repo, ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: /);
    }
  });
});
