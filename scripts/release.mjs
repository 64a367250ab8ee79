#!/usr/bin/env node
// Tags a release: checks that the commit is releasable (clean main, fresh dists and usage tables, a CHANGELOG entry,
// workflows referring to our actions by the moving major tag), then creates vX.Y.Z and moves vX to it. See RELEASING.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanWorkflows } from './workflow-refs.mjs';

const USAGE = `usage: node scripts/release.mjs X.Y.Z [--dry-run] [--branch main] [--no-build-check]
  Checks that HEAD can be released as vX.Y.Z, creates the annotated tag vX.Y.Z and moves the major tag vX to it.
  --dry-run         check only, create no tag
  --branch NAME     the branch releases are made from (default main)
  --no-build-check  skip the dist and usage-table freshness checks (CI already ran them on this commit)
  Exit codes: 0 tagged (or would tag), 1 a check failed, 2 usage error.`;

const root = process.env.EDA_OCI_RELEASE_REPO ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function usage(message) {
  process.stderr.write(`error: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

function git(...args) {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function gitOk(...args) {
  try {
    git(...args);
    return true;
  } catch {
    return false;
  }
}

const args = process.argv.slice(2);
if (args.includes('-h') || args.includes('--help')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
let version;
let branch = 'main';
let dryRun = false;
let buildCheck = true;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--dry-run') dryRun = true;
  else if (a === '--no-build-check') buildCheck = false;
  else if (a === '--branch') branch = args[++i] ?? usage('--branch needs a value');
  else if (a.startsWith('-')) usage(`unknown option '${a}'`);
  else if (version === undefined) version = a;
  else usage(`unexpected argument '${a}'`);
}
if (version === undefined) usage('give the version to release, e.g. 1.2.0');
const m = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(version);
if (!m) usage(`version '${version}' is not X.Y.Z (semantic versioning, e.g. 1.2.0)`);
version = `${m[1]}.${m[2]}.${m[3]}`;
const tag = `v${version}`;
const major = `v${m[1]}`;
if (!/^[A-Za-z0-9._/-]+$/.test(branch) || branch.startsWith('-')) usage(`branch '${branch}' is not a branch name`);

const checks = [];
function check(name, fn) {
  const problem = fn();
  checks.push({ name, problem });
  process.stdout.write(`${problem ? 'FAIL' : 'ok  '}  ${name}${problem ? `: ${problem}` : ''}\n`);
}

check('on the release branch', () => {
  const current = git('rev-parse', '--abbrev-ref', 'HEAD');
  return current === branch ? '' : `HEAD is on '${current}'; check out ${branch} (releases are tagged on ${branch})`;
});
check('working tree clean', () => {
  const dirty = git('status', '--porcelain', '--untracked-files=normal');
  return dirty === '' ? '' : `uncommitted changes (${dirty.split('\n').length} paths); commit or remove them first`;
});
check('up to date with upstream', () => {
  if (!gitOk('rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{u}')) return '';
  const [ahead, behind] = git('rev-list', '--left-right', '--count', 'HEAD...@{u}').split(/\s+/).map(Number);
  if (behind > 0) return `${behind} commit(s) behind upstream; pull first`;
  if (ahead > 0) return `${ahead} commit(s) not pushed; push ${branch} and let CI pass first`;
  return '';
});
check(`tag ${tag} is new`, () =>
  gitOk('rev-parse', '-q', '--verify', `refs/tags/${tag}`) ? `${tag} already exists; pick the next version` : '',
);
check(`CHANGELOG.md has a section for ${version}`, () => {
  const file = path.join(root, 'CHANGELOG.md');
  if (!existsSync(file)) return 'CHANGELOG.md is missing';
  const re = new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm');
  return re.test(readFileSync(file, 'utf8')) ? '' : `add '## [${version}] - YYYY-MM-DD' with the changes (move them from [Unreleased])`;
});
check(`workflows use our actions and workflows at @${major}`, () => {
  const bad = [];
  for (const { rel, error, refs } of scanWorkflows(root, major)) {
    if (error) bad.push(`${rel} is not valid YAML`);
    for (const r of refs) if (r.ref !== major) bad.push(`${r.line ? `${rel}:${r.line}` : r.where} uses @${r.ref ?? '(none)'}`);
  }
  return bad.length === 0 ? '' : `${bad.join(', ')}; refer to eda-oci's own actions and workflows as @${major}`;
});
if (buildCheck) {
  for (const [name, script, extra] of [
    ['dists are fresh', 'scripts/build.mjs', ['--check']],
    ['README usage tables are fresh', 'scripts/usage-docs.mjs', ['--check']],
  ]) {
    check(name, () => {
      try {
        execFileSync(process.execPath, [path.join(root, script), ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        return '';
      } catch (err) {
        return `${String(err.stderr ?? err.message)
          .trim()
          .split('\n')
          .pop()}; run 'npm run build' / 'node scripts/usage-docs.mjs' and commit`;
      }
    });
  }
}

const failed = checks.filter((c) => c.problem);
if (failed.length > 0) fail(`${failed.length} check(s) failed; ${tag} was not tagged`);
const head = git('rev-parse', 'HEAD');
if (dryRun) {
  process.stdout.write(`would tag ${tag} and move ${major} to ${head}\n`);
  process.exit(0);
}
git('tag', '-a', tag, '-m', `eda-oci ${tag}`, head);
git('tag', '-f', '-a', major, '-m', `eda-oci ${major} (currently ${tag})`, head);
process.stdout.write(
  `tagged ${tag} and moved ${major} to ${head}\nnow publish them:\n  git push origin ${tag}\n  git push --force origin ${major}\nthen create the GitHub release for ${tag} with its CHANGELOG section\n`,
);
