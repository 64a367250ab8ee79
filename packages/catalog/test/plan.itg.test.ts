// planCatalog against real git histories: added, modified, renamed (-M) and deleted catalog files, ignored paths,
// merge-base semantics, contents from head, an invalid changed file, new-branch pushes and a shallow clone.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planCatalog } from '../src/index.js';
import { testTmp } from '../../../test/helpers/cluster.js';
import { entryText, git, makeCatalogRepo, type CatalogRepo } from './git-repo.js';

let repo: CatalogRepo;
const ZERO = '0'.repeat(40);

beforeAll(() => {
  repo = makeCatalogRepo(mkdtempSync(path.join(testTmp(), 'catalog-git-')));
});

describe('planCatalog on a real git history', () => {
  it('plans added, modified and renamed files as bundles and deleted/renamed-away names as removed', async () => {
    const p = await planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: 'main', head: 'feature' });
    expect(p.head).toBe(repo.feature);
    expect(p.base).toBe(repo.mainTip);
    // The merge-base, not main's tip: keep.yml changed on main after the branch point and is not part of this change.
    expect(p.mergeBase).toBe(repo.c0);
    expect(p.changes).toEqual([
      { status: 'renamed', file: 'bundles/moved.yml', oldFile: 'bundles/mover.yml' },
      { status: 'added', file: 'bundles/new.yaml' },
      { status: 'deleted', file: 'bundles/old.yml' },
      { status: 'modified', file: 'bundles/tool.yml' },
    ]);
    expect(p.bundles.map((b) => [b.name, b.file, b.image])).toEqual([
      ['moved', 'bundles/moved.yml', 'registry.example.com:5000/cad/mover:2.0'],
      ['new', 'bundles/new.yaml', `registry.example.com:5000/cad/new@sha256:${'a'.repeat(64)}`],
      ['tool', 'bundles/tool.yml', 'registry.example.com:5000/cad/tool:1.1'],
    ]);
    expect(p.removed).toEqual([
      { name: 'mover', file: 'bundles/mover.yml' },
      { name: 'old', file: 'bundles/old.yml' },
    ]);
    expect(p.bundles.find((b) => b.name === 'tool')!.smoke.partitions).toEqual(['debug', 'interactive']);
  });

  it('reads catalog files from head, not from the working tree', async () => {
    writeFileSync(path.join(repo.dir, 'bundles/tool.yml'), 'image: [broken\n');
    try {
      const p = await planCatalog({ repo: repo.dir, catalogDir: 'bundles/', base: repo.c0, head: 'HEAD' });
      expect(p.bundles.find((b) => b.name === 'tool')!.image).toBe('registry.example.com:5000/cad/tool:1.1');
    } finally {
      git(repo.dir, 'checkout', '-q', '--', 'bundles/tool.yml');
    }
  });

  it('an all-zero base (a new branch push) plans every bundle at head, subdirectories excluded', async () => {
    const p = await planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: ZERO, head: 'feature' });
    expect(p.mergeBase).toBeNull();
    expect(p.bundles.map((b) => b.name)).toEqual(['keep', 'moved', 'new', 'tool']);
    expect(p.changes.every((c) => c.status === 'added')).toBe(true);
    expect(p.removed).toEqual([]);
  });

  it('nothing changed: empty plan; a missing catalog directory: empty plan', async () => {
    const same = await planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: 'feature', head: 'feature' });
    expect([same.bundles, same.removed, same.changes]).toEqual([[], [], []]);
    const none = await planCatalog({ repo: repo.dir, catalogDir: 'no-such-dir', base: ZERO, head: 'feature' });
    expect(none.bundles).toEqual([]);
  });

  it('only files directly in the catalog dir count: a change in bundles/sub is a change of catalog dir bundles/sub', async () => {
    const p = await planCatalog({ repo: repo.dir, catalogDir: 'bundles/sub', base: 'main', head: 'feature' });
    expect(p.bundles.map((b) => b.name)).toEqual(['nested']);
    expect(p.changes).toEqual([{ status: 'modified', file: 'bundles/sub/nested.yml' }]);
  });

  it('an invalid changed file fails the plan with its file:line: field error (read from head)', async () => {
    git(repo.dir, 'checkout', '-q', '-b', 'bad', 'feature');
    try {
      writeFileSync(path.join(repo.dir, 'bundles/tool.yml'), entryText('registry.example.com:5000/cad/tool:1.2', ['debug', "'de bug'"]));
      writeFileSync(path.join(repo.dir, 'bundles/new.yml'), entryText('registry.example.com:5000/cad/new:1'));
      git(repo.dir, 'add', '-A');
      git(repo.dir, 'commit', '-q', '-m', 'bad');
      const err = await planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: 'feature', head: 'bad' }).catch((e: Error) => e);
      // Two bad files: new.yml duplicates new.yaml (reported first, by file name), tool.yml has a bad partition.
      expect((err as Error).message).toBe(
        "bundles/new.yml: bundle 'new' is also defined by bundles/new.yaml; keep one of new.yaml and new.yml (1 more file with errors: bundles/tool.yml)",
      );
      git(repo.dir, 'rm', '-q', 'bundles/new.yml');
      git(repo.dir, 'commit', '-q', '-m', 'one name once');
      await expect(planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: 'feature', head: 'bad' })).rejects.toThrow(
        "bundles/tool.yml:5: smoke.partitions[1]: partition 'de bug' is not valid; use a partition name as sinfo shows it",
      );
    } finally {
      git(repo.dir, 'checkout', '-q', 'feature');
    }
  });

  it('a rename into the catalog dir is an addition, a rename out of it a removal', async () => {
    git(repo.dir, 'checkout', '-q', '-b', 'moves', 'feature');
    try {
      git(repo.dir, 'mv', 'bundles/sub/nested.yml', 'bundles/nested.yml');
      git(repo.dir, 'mv', 'bundles/keep.yml', 'bundles/sub/keep.yml');
      git(repo.dir, 'commit', '-q', '-m', 'moves');
      const p = await planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: 'feature', head: 'moves' });
      expect(p.changes).toEqual([
        { status: 'deleted', file: 'bundles/keep.yml' },
        { status: 'added', file: 'bundles/nested.yml' },
      ]);
      expect(p.bundles.map((b) => b.name)).toEqual(['nested']);
      expect(p.removed).toEqual([{ name: 'keep', file: 'bundles/keep.yml' }]);
    } finally {
      git(repo.dir, 'checkout', '-q', 'feature');
    }
  });

  it('refuses revisions that git would read as options or ranges, and names unknown ones', async () => {
    await expect(planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: '--output=/tmp/x', head: 'HEAD' })).rejects.toThrow(
      "base '--output=/tmp/x' starts with '-'",
    );
    await expect(planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: 'main..feature', head: 'HEAD' })).rejects.toThrow(
      "base 'main..feature' is not a git revision",
    );
    await expect(planCatalog({ repo: repo.dir, catalogDir: '../x', base: 'main', head: 'HEAD' })).rejects.toThrow('outside the repository');
    await expect(planCatalog({ repo: repo.dir, catalogDir: 'bundles', base: 'no-such-branch', head: 'HEAD' })).rejects.toThrow(
      "base 'no-such-branch' is not a commit in",
    );
    const notRepo = mkdtempSync(path.join(testTmp(), 'catalog-norepo-'));
    await expect(planCatalog({ repo: notRepo, catalogDir: 'bundles', base: 'main', head: 'HEAD' })).rejects.toThrow(/not a git repository/);
  });

  it('a shallow clone without the base commit says actions/checkout needs fetch-depth: 0', async () => {
    const shallow = path.join(mkdtempSync(path.join(testTmp(), 'catalog-shallow-')), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, shallow]);
    const err = await planCatalog({ repo: shallow, catalogDir: 'bundles', base: repo.c0, head: 'HEAD' }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      new RegExp(`^base '${repo.c0}' is not a commit in .* \\(the clone is shallow\\); .*actions/checkout with fetch-depth: 0`),
    );
    // The new-branch case still works in a shallow clone: it needs only head.
    const all = await planCatalog({ repo: shallow, catalogDir: 'bundles', base: ZERO, head: 'HEAD' });
    expect(all.bundles.map((b) => b.name)).toEqual(['keep', 'moved', 'new', 'tool']);
  });
});
