// Pure parts of the git plan: name-status parsing, revision and catalog-dir validation, planBundles without git
// (--all from the working tree, the all-zero head); the git runs are in plan.itg.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunCommand } from '@eda-oci/exec';
import { isZeroSha, normalizeCatalogDir, parseNameStatus, planBundles, validateGitRevision } from '../src/index.js';
import { entryText } from './git-repo.js';

describe('parseNameStatus', () => {
  it('parses -z output with renames (two paths) and odd file names', () => {
    const out = ['M', 'bundles/a.yml', 'R097', 'bundles/old.yml', 'bundles/new.yml', 'A', 'bundles/sp ace\ttab.yml', 'D', 'x', ''].join(
      '\0',
    );
    expect(parseNameStatus(out)).toEqual([
      { status: 'M', file: 'bundles/a.yml' },
      { status: 'R', file: 'bundles/new.yml', oldFile: 'bundles/old.yml' },
      { status: 'A', file: 'bundles/sp ace\ttab.yml' },
      { status: 'D', file: 'x' },
    ]);
    expect(parseNameStatus('')).toEqual([]);
  });
});

describe('validateGitRevision', () => {
  it('accepts SHAs, branches, tags and HEAD~1 / main^ / @{u}', () => {
    for (const r of ['a'.repeat(40), 'main', 'origin/main', 'v1.2.3', 'HEAD~1', 'main^', 'feature/x-y_z', 'HEAD@{1}']) {
      expect(validateGitRevision(r, 'base')).toBe(r);
    }
  });
  it('refuses options, ranges, rev:path, spaces and empties with one line', () => {
    expect(() => validateGitRevision('--all', 'base')).toThrow("base '--all' starts with '-', which git would read as an option");
    expect(() => validateGitRevision('a..b', 'head')).toThrow("head 'a..b' is not a git revision");
    expect(() => validateGitRevision('HEAD:bundles/a.yml', 'head')).toThrow('is not a git revision');
    expect(() => validateGitRevision('main branch', 'head')).toThrow('is not a git revision');
    expect(() => validateGitRevision('@{-1}', 'head')).toThrow('is not a git revision');
    expect(() => validateGitRevision('', 'base')).toThrow('base is empty');
  });
  it('isZeroSha: 40 or 64 zeros only', () => {
    expect([isZeroSha('0'.repeat(40)), isZeroSha('0'.repeat(64)), isZeroSha('0'.repeat(39)), isZeroSha('main')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('normalizeCatalogDir', () => {
  it('normalizes relative directories and refuses escapes', () => {
    expect(normalizeCatalogDir('bundles/')).toBe('bundles');
    expect(normalizeCatalogDir('./cad//bundles')).toBe('cad/bundles');
    expect(normalizeCatalogDir('.')).toBe('');
    expect(() => normalizeCatalogDir('/abs')).toThrow("catalog directory '/abs' is absolute");
    expect(() => normalizeCatalogDir('a/../../x')).toThrow('is outside the repository');
    expect(() => normalizeCatalogDir('-x')).toThrow('is not valid');
  });
});

describe('planBundles', () => {
  const noGit: RunCommand = () => {
    throw new Error('git must not run');
  };

  it('all: every catalog file of the working tree, named relative to the repository, with its smoke cells', async () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'catalog-plan-all-'));
    mkdirSync(path.join(repo, 'cad/bundles'), { recursive: true });
    writeFileSync(path.join(repo, 'cad/bundles/tool.yml'), entryText('registry.example.com:5000/cad/tool:1.0', ['debug', 'batch']));
    writeFileSync(path.join(repo, 'cad/bundles/sim.yaml'), entryText('registry.example.com:5000/cad/sim:2.0'));
    const p = await planBundles({ repo, catalogDir: './cad/bundles/', all: true }, { run: noGit });
    // The key order is what `eda-oci plan --all --json` prints.
    expect(Object.keys(p)).toEqual(['bundles', 'smokes', 'removed', 'changes', 'base', 'head', 'mergeBase']);
    expect(p.bundles.map((b) => [b.name, b.file])).toEqual([
      ['sim', 'cad/bundles/sim.yaml'],
      ['tool', 'cad/bundles/tool.yml'],
    ]);
    expect(p.smokes.map((c) => c.id)).toEqual([
      'sim/debug/srun/hostname',
      'sim/debug/sbatch/hostname',
      'tool/debug/srun/hostname',
      'tool/debug/sbatch/hostname',
      'tool/batch/srun/hostname',
      'tool/batch/sbatch/hostname',
    ]);
    expect([p.removed, p.changes, p.base, p.head, p.mergeBase]).toEqual([[], [], null, null, null]);

    // publishedIn keeps the bundles present in the bundles directory, and only their smoke cells.
    const bundlesDir = mkdtempSync(path.join(os.tmpdir(), 'catalog-plan-published-'));
    mkdirSync(path.join(bundlesDir, 'tool'));
    const published = await planBundles({ repo, catalogDir: 'cad/bundles', all: true, publishedIn: bundlesDir }, { run: noGit });
    expect(published.bundles.map((b) => b.name)).toEqual(['tool']);
    expect(published.smokes.map((c) => c.bundle)).toEqual(['tool', 'tool', 'tool', 'tool']);
  });

  it('an all-zero head (a deleted branch) is an empty plan without git; base and catalog dir are still checked', async () => {
    const zero = '0'.repeat(40);
    const p = await planBundles({ repo: '/nonexistent', catalogDir: 'bundles', base: 'a'.repeat(40), head: zero }, { run: noGit });
    expect(p).toEqual({ base: 'a'.repeat(40), head: zero, mergeBase: null, bundles: [], removed: [], changes: [], smokes: [] });
    // The key order is what `eda-oci plan --json` prints for a git plan.
    expect(Object.keys(p)).toEqual(['base', 'head', 'mergeBase', 'bundles', 'removed', 'changes', 'smokes']);
    await expect(planBundles({ repo: '/nonexistent', catalogDir: 'bundles', base: '-x', head: zero })).rejects.toThrow(
      "base '-x' starts with '-', which git would read as an option",
    );
    await expect(planBundles({ repo: '/nonexistent', catalogDir: '/abs', base: zero, head: zero })).rejects.toThrow(
      "catalog directory '/abs' is absolute",
    );
  });
});
