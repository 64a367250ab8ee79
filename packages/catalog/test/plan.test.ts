// Pure parts of the git plan: name-status parsing, revision and catalog-dir validation (the git runs are in plan.itg).
import { describe, expect, it } from 'vitest';
import { isZeroSha, normalizeCatalogDir, parseNameStatus, validateGitRevision } from '../src/index.js';

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
