// The catalog plan: which bundles a change touches, from real git history (merge-base of base and head, then the
// renamed-aware diff of the catalog directory); file contents come from `head`, never from the working tree.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CommandFailedError, ConfigurationError, runCommand, silentLogger, type Logger, type RunCommand } from '@eda-oci/exec';
import {
  CatalogError,
  catalogName,
  combineCatalogErrors,
  duplicateNameErrors,
  loadCatalog,
  MAX_CATALOG_FILE_BYTES,
  parseCatalogText,
  smokeCells,
  type CatalogEntry,
  type SmokeCell,
} from './catalog.js';

/** One changed catalog file between the merge-base and head. */
export interface CatalogChange {
  status: 'added' | 'modified' | 'renamed' | 'deleted';
  /** Path relative to the repository root (the new path of a rename). */
  file: string;
  /** The old path of a rename. */
  oldFile?: string;
}

/** A bundle whose catalog file is gone at head. */
export interface RemovedBundle {
  name: string;
  file: string;
}

/** What a change means for the bundles: build these, these are gone. */
export interface CatalogPlan {
  /** Commit SHA of base (all zeros: no base, every bundle at head is planned). */
  base: string;
  /** Commit SHA of head. */
  head: string;
  /** Merge-base of base and head; null when base is all zeros. */
  mergeBase: string | null;
  /** Added, modified and renamed entries, read and validated from head, sorted by name. */
  bundles: CatalogEntry[];
  removed: RemovedBundle[];
  changes: CatalogChange[];
}

/** Options of {@link planCatalog}. */
export interface PlanOptions {
  /** A directory inside the git work tree (usually its root: the checkout). */
  repo: string;
  /** Catalog directory relative to the repository root, e.g. `bundles`. */
  catalogDir: string;
  /** Base revision (PR base SHA, push `before`); 40 or 64 zeros means "no base": every bundle at head. */
  base: string;
  /** Head revision (PR head SHA, push `after`). */
  head: string;
}

/** Process layer and logging of {@link planCatalog}. */
export interface PlanDeps {
  run?: RunCommand;
  logger?: Logger;
  signal?: AbortSignal;
}

const ZERO_SHA = /^(0{40}|0{64})$/;
const GIT_TIMEOUT_MS = 60_000;
const FETCH_DEPTH_HINT =
  'the checkout lacks history: use actions/checkout with fetch-depth: 0 (or git fetch --unshallow) so base and head are both present';

/** True for the all-zero SHA GitHub sends as `before` when a branch is created. */
export function isZeroSha(ref: string): boolean {
  return ZERO_SHA.test(ref);
}

/**
 * Validates a git revision given by a user (a SHA, branch, tag, HEAD~1, origin/main): refuses what git would read as
 * an option (leading '-'), ranges (..), the rev:path syntax and characters git's ref grammar forbids.
 */
export function validateGitRevision(value: string, what: string): string {
  const fix = `give a commit SHA, branch, tag or an expression such as HEAD~1 for ${what}`;
  if (value === '') throw new ConfigurationError(`${what} is empty`, fix);
  if (value.startsWith('-')) throw new ConfigurationError(`${what} '${value}' starts with '-', which git would read as an option`, fix);
  if (value.length > 256 || !/^[A-Za-z0-9_./@{}~^+-]+$/.test(value) || value.includes('..') || value.includes('@{-')) {
    throw new ConfigurationError(
      `${what} '${value}' is not a git revision (letters, digits and / . _ - ~ ^ @ {} +; no ranges, spaces or ':')`,
      fix,
    );
  }
  return value;
}

/** Normalizes a catalog directory relative to the repository root: `bundles/` -> `bundles`, `.` -> ``. */
export function normalizeCatalogDir(dir: string): string {
  const fix = 'give the catalog directory relative to the repository root, e.g. bundles';
  if (dir === '' || dir.includes('\0') || dir.startsWith('-')) throw new ConfigurationError(`catalog directory '${dir}' is not valid`, fix);
  const p = dir.replace(/\\/g, '/');
  if (p.startsWith('/')) throw new ConfigurationError(`catalog directory '${dir}' is absolute`, fix);
  const n = path.posix.normalize(p).replace(/\/+$/, '');
  if (n === '..' || n.startsWith('../')) throw new ConfigurationError(`catalog directory '${dir}' is outside the repository`, fix);
  return n === '.' ? '' : n;
}

/** True when `file` (repo-relative) is a catalog file directly in `dir` (normalized). */
function inCatalogDir(file: string, dir: string): boolean {
  const parent = path.posix.dirname(file);
  return (parent === '.' ? '' : parent) === dir && catalogName(file) !== undefined;
}

/** Parses `git diff --name-status -z` output into changes (R<score> has old and new path). */
export function parseNameStatus(out: string): { status: string; file: string; oldFile?: string }[] {
  const f = out.split('\0');
  const res: { status: string; file: string; oldFile?: string }[] = [];
  for (let i = 0; i < f.length && f[i] !== '';) {
    const st = f[i++]!;
    if (st.startsWith('R') || st.startsWith('C')) {
      const oldFile = f[i++]!;
      const file = f[i++]!;
      res.push({ status: st[0]!, file, oldFile });
    } else {
      res.push({ status: st[0]!, file: f[i++]! });
    }
  }
  return res;
}

/**
 * Plans a change of the catalog between `base` and `head`: the merge-base of both, then `git diff --name-status -M`
 * restricted to catalog files directly in `catalogDir`. Added, modified and renamed files become `bundles` (read from
 * head and validated: one bad file fails the plan with its file:line error), deleted ones `removed` (a rename's old
 * name too). An all-zero base plans every bundle at head.
 */
export async function planCatalog(o: PlanOptions, deps: PlanDeps = {}): Promise<CatalogPlan> {
  const run = deps.run ?? runCommand;
  const logger = deps.logger ?? silentLogger;
  const zeroBase = isZeroSha(o.base);
  if (!zeroBase) validateGitRevision(o.base, 'base');
  validateGitRevision(o.head, 'head');
  const dir = normalizeCatalogDir(o.catalogDir);
  if (!o.repo || o.repo.includes('\0'))
    throw new ConfigurationError(`repository directory '${o.repo}' is not valid`, 'give the checkout directory');

  const git = async (args: string[], okExitCodes: number[] = [0], maxOutputBytes = 16 * 1024 * 1024) => {
    try {
      return await run('git', ['-C', o.repo, ...args], {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
        timeoutMs: GIT_TIMEOUT_MS,
        okExitCodes,
        maxOutputBytes,
        signal: deps.signal,
        logger,
        quiet: true,
      });
    } catch (err) {
      if (err instanceof CommandFailedError) {
        const why = err.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? err.message;
        const dubious = /dubious ownership/.test(err.stderr);
        throw new ConfigurationError(
          `git ${args[0]} failed in '${o.repo}': ${why}`,
          dubious
            ? `the checkout belongs to another user: git config --global --add safe.directory ${o.repo}`
            : /not a git repository/.test(err.stderr)
              ? 'run in the repository checkout (actions/checkout) or pass its directory'
              : 'check the repository and the revisions',
        );
      }
      throw err;
    }
  };

  const shallow = async (): Promise<boolean> => (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
  const resolve = async (ref: string, what: string): Promise<string> => {
    const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], [0, 1]);
    if (r.exitCode !== 0) {
      const isShallow = await shallow();
      throw new ConfigurationError(
        `${what} '${ref}' is not a commit in ${o.repo}${isShallow ? ' (the clone is shallow)' : ''}`,
        isShallow || /^[0-9a-f]{7,64}$/.test(ref) ? FETCH_DEPTH_HINT : `check the ${what} revision (git log shows the commits)`,
      );
    }
    return r.stdout.trim();
  };

  const head = await resolve(o.head, 'head');
  const listing = await headListing(git, head, dir);
  let mergeBase: string | null = null;
  let base = o.base;
  let raw: { status: string; file: string; oldFile?: string }[];
  if (zeroBase) {
    raw = listing.map((file) => ({ status: 'A', file }));
  } else {
    base = await resolve(o.base, 'base');
    const mb = await git(['merge-base', base, head], [0, 1]);
    if (mb.exitCode !== 0) {
      const isShallow = await shallow();
      throw new ConfigurationError(
        `base ${base.slice(0, 12)} and head ${head.slice(0, 12)} have no common ancestor in ${o.repo}${isShallow ? ' (the clone is shallow)' : ''}`,
        isShallow ? FETCH_DEPTH_HINT : 'compare revisions of the same history (the pull request base and head)',
      );
    }
    mergeBase = mb.stdout.trim();
    const diff = await git([
      'diff',
      '--name-status',
      '-z',
      '-M',
      '--no-ext-diff',
      mergeBase,
      head,
      '--',
      `:(top,literal)${dir === '' ? '.' : dir}`,
    ]);
    raw = parseNameStatus(diff.stdout);
  }
  logger.debug(`catalog plan: ${raw.length} changed path(s) under '${dir || '.'}' between ${mergeBase ?? '(none)'} and ${head}`);

  const changes: CatalogChange[] = [];
  for (const c of raw) {
    const newIn = inCatalogDir(c.file, dir);
    if (c.status === 'R' || c.status === 'C') {
      const oldIn = c.status === 'R' && inCatalogDir(c.oldFile!, dir);
      if (newIn && oldIn) changes.push({ status: 'renamed', file: c.file, oldFile: c.oldFile });
      else if (newIn) changes.push({ status: 'added', file: c.file });
      else if (oldIn) changes.push({ status: 'deleted', file: c.oldFile! });
    } else if (newIn) {
      const status = c.status === 'A' ? 'added' : c.status === 'D' ? 'deleted' : 'modified';
      changes.push({ status, file: c.file });
    }
  }
  changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const changedNames = new Set(changes.filter((c) => c.status !== 'deleted').map((c) => catalogName(c.file)!));
  const errors: CatalogError[] = duplicateNameErrors(listing).filter((e) => changedNames.has(catalogName(e.file)!));
  const bundles: CatalogEntry[] = [];
  for (const c of changes) {
    if (c.status === 'deleted') continue;
    const show = await git(['cat-file', 'blob', `${head}:${c.file}`], [0], MAX_CATALOG_FILE_BYTES + 1);
    try {
      if (show.truncated || show.stdout.length > MAX_CATALOG_FILE_BYTES) {
        throw new CatalogError(
          c.file,
          undefined,
          undefined,
          'the file is larger than a catalog file needs',
          `keep it under ${MAX_CATALOG_FILE_BYTES} bytes`,
        );
      }
      bundles.push(parseCatalogText(show.stdout, c.file));
    } catch (err) {
      if (err instanceof CatalogError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length) throw combineCatalogErrors(errors.sort((a, b) => a.file.localeCompare(b.file)));
  bundles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // A name is removed only when no catalog file for it is left at head (tool.yml deleted while tool.yaml stays is not).
  const atHead = new Set(listing.map((f) => catalogName(f)!));
  const removed: RemovedBundle[] = [];
  for (const c of changes) {
    const gone = c.status === 'deleted' ? c.file : c.status === 'renamed' ? c.oldFile! : undefined;
    if (gone === undefined) continue;
    const name = catalogName(gone)!;
    if (!atHead.has(name) && !removed.some((r) => r.name === name)) removed.push({ name, file: gone });
  }
  removed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { base, head, mergeBase, bundles, removed, changes };
}

/** Options of {@link planBundles}: every bundle of the working tree (`all`), or a git plan from `base` to `head`. */
export type PlanBundlesOptions = {
  /** The repository checkout. */
  repo: string;
  /** Catalog directory relative to the repository root, e.g. `bundles` (normalized by {@link normalizeCatalogDir}). */
  catalogDir: string;
  /** When set, only bundles published in this bundles directory (`<publishedIn>/<name>` exists). */
  publishedIn?: string;
} & ({ all: true } | { all?: false; base: string; head: string });

/** What `eda-oci plan --json` prints and plan-bundles outputs: the planned bundles with their smoke cells. */
export interface BundlePlan {
  bundles: CatalogEntry[];
  smokes: SmokeCell[];
  removed: RemovedBundle[];
  changes: CatalogChange[];
  /** The base and head revisions as resolved (the all-zero head as given); null for `all`. */
  base: string | null;
  head: string | null;
  mergeBase: string | null;
}

/**
 * Plans the bundles to build and their smoke cells: with `all` every catalog file of the working tree (named relative
 * to the repository, as in a git plan), else {@link planCatalog} from `base` to `head`; an all-zero head (a push that
 * deleted the branch) is an empty plan. With `publishedIn` only the bundles present there are kept.
 */
export async function planBundles(o: PlanBundlesOptions, deps: PlanDeps = {}): Promise<BundlePlan> {
  let plan: BundlePlan;
  if (o.all) {
    const dir = normalizeCatalogDir(o.catalogDir);
    const bundles = await loadCatalog(path.join(o.repo, dir), { as: dir });
    plan = { bundles, smokes: [], removed: [], changes: [], base: null, head: null, mergeBase: null };
  } else if (isZeroSha(o.head)) {
    // No head commit, nothing to build; base and catalog directory are still checked as planCatalog would.
    if (!isZeroSha(o.base)) validateGitRevision(o.base, 'base');
    normalizeCatalogDir(o.catalogDir);
    plan = { base: o.base, head: o.head, mergeBase: null, bundles: [], removed: [], changes: [], smokes: [] };
  } else {
    plan = { ...(await planCatalog({ repo: o.repo, catalogDir: o.catalogDir, base: o.base, head: o.head }, deps)), smokes: [] };
  }
  const published = o.publishedIn;
  if (published !== undefined) plan.bundles = plan.bundles.filter((b) => existsSync(path.join(published, b.name)));
  plan.smokes = smokeCells(plan.bundles);
  return plan;
}

type Git = (args: string[], okExitCodes?: number[]) => Promise<{ exitCode: number; stdout: string }>;

/** Catalog files directly in `dir` at commit `head` (repo-relative paths; blobs and symlinks, no trees). */
async function headListing(git: Git, head: string, dir: string): Promise<string[]> {
  const r = await git(['ls-tree', '-z', dir === '' ? `${head}^{tree}` : `${head}:${dir}`], [0, 128]);
  if (r.exitCode !== 0) return []; // No catalog directory at head: nothing to plan.
  const files: string[] = [];
  for (const line of r.stdout.split('\0')) {
    // "<mode> <type> <object>\t<name>"
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [, type] = line.slice(0, tab).split(' ');
    const name = line.slice(tab + 1);
    const file = dir === '' ? name : `${dir}/${name}`;
    if (type === 'blob' && catalogName(name) !== undefined) files.push(file);
  }
  return files.sort();
}
