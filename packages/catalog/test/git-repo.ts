// Test helper: a real git repository with a catalog history (added, modified, renamed, deleted catalog files, plus
// changes that must be ignored: a non-catalog file, a file in a subdirectory, a change on main after the branch point).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Runs git in `repo` with a fixed identity and no user/system configuration. */
export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.name=Catalog Test', '-c', 'user.email=catalog@example.com', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' },
  }).trim();
}

/** A valid catalog file for `image`, with `partitions`. */
export function entryText(image: string, partitions = ['debug'], extra = ''): string {
  return `# catalog entry
image: ${image}
description: test entry
smoke:
  partitions: [${partitions.join(', ')}]
  commands:
    - { name: hostname, run: hostname }
${extra}`;
}

function write(repo: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

/** SHAs of the history built by {@link makeCatalogRepo}. */
export interface CatalogRepo {
  dir: string;
  /** The branch point (main's first commit). */
  c0: string;
  /** main after the branch point: keep.yml modified there (must not show up in the feature plan). */
  mainTip: string;
  /** feature: tool.yml modified, new.yaml added, old.yml deleted, mover.yml renamed to moved.yml, README and sub/ changed. */
  feature: string;
}

/**
 * Builds the repository in `dir` (created): main with tool, old, mover, keep, sub/nested.yml and README.md; branch
 * `feature` with the changes listed in {@link CatalogRepo}; main advanced by one commit after the branch point.
 */
export function makeCatalogRepo(dir: string): CatalogRepo {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'README.md', 'catalog test\n');
  write(dir, 'bundles/tool.yml', entryText('registry.example.com:5000/cad/tool:1.0', ['debug', 'interactive']));
  // Much longer than new.yaml, so git does not pair the deletion of old.yml with the addition of new.yaml as a rename.
  write(
    dir,
    'bundles/old.yml',
    entryText('registry.example.com:5000/cad/old:3.1', ['debug'], '# retired tool, kept for old flows\n'.repeat(12)),
  );
  // A long, distinctive body so git -M pairs the rename (R100) instead of a delete + add.
  write(dir, 'bundles/mover.yml', entryText('registry.example.com:5000/cad/mover:2.0', ['debug'], '# moved around\n'.repeat(5)));
  write(dir, 'bundles/keep.yml', entryText('registry.example.com:5000/cad/keep:1.0'));
  write(dir, 'bundles/sub/nested.yml', entryText('registry.example.com:5000/cad/nested:1.0'));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'c0');
  const c0 = git(dir, 'rev-parse', 'HEAD');

  git(dir, 'checkout', '-q', '-b', 'feature');
  write(dir, 'bundles/tool.yml', entryText('registry.example.com:5000/cad/tool:1.1', ['debug', 'interactive']));
  write(dir, 'bundles/new.yaml', entryText('registry.example.com:5000/cad/new@sha256:' + 'a'.repeat(64)));
  git(dir, 'rm', '-q', 'bundles/old.yml');
  git(dir, 'mv', 'bundles/mover.yml', 'bundles/moved.yml');
  write(dir, 'README.md', 'catalog test, changed\n');
  write(dir, 'bundles/sub/nested.yml', entryText('registry.example.com:5000/cad/nested:2.0'));
  write(dir, 'bundles/notes.txt', 'not a catalog file\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'feature');
  const feature = git(dir, 'rev-parse', 'HEAD');

  git(dir, 'checkout', '-q', 'main');
  write(dir, 'bundles/keep.yml', entryText('registry.example.com:5000/cad/keep:1.1'));
  git(dir, 'commit', '-q', '-am', 'main moves on');
  const mainTip = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', 'feature');
  return { dir, c0, mainTip, feature };
}
