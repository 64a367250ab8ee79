// Store operations besides publish: list, rollback, gc (and the retention publish runs), and the removal of what
// crashed publishers left behind.
import { lstat, readdir, realpath, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BundleError, ConfigurationError, silentLogger, type Logger } from '@eda-oci/exec';
import { pidAlive, removeTree } from '@eda-oci/oci';
import { deleteVersions, selectVictims, versionsInUse, type GcPlan, type KeepReason } from './gc.js';
import {
  VERSION_RE,
  checkBundlesDir,
  checkStoreDir,
  hostTag,
  parseTempOwner,
  storePaths,
  validateBundleName,
  validateBundlesDir,
  validateKeep,
  type StorePaths,
} from './layout.js';
import { DEFAULT_LOCK_LIFETIME_SECONDS, acquireLock } from './lock.js';
import { SlurmUnavailableError, slurmInUse, type InUseQuery } from './slurm-use.js';
import { checkVersionTree } from './tree.js';
import {
  appendHistory,
  checkPublishedByRun,
  currentVersion,
  listVersionNames,
  previousVersion,
  readHistory,
  readPublishFiles,
  readPublishMeta,
  swapLink,
  type PublishMeta,
} from './versions.js';
import type { StoreDeps } from './publish.js';

/**
 * Removes what interrupted runs left (call under the store lock): staging dirs and swap symlinks of publishers that
 * are gone (dead pid on this host; from other hosts, older than the lock lifetime), trash and set-aside locks.
 */
export async function cleanLeftovers(p: StorePaths, lifetimeMs: number, log: Logger = silentLogger): Promise<string[]> {
  const removed: string[] = [];
  const host = hostTag();
  const gone = async (dir: string, entry: string): Promise<boolean> => {
    const owner = parseTempOwner(entry);
    if (!owner) return false;
    if (owner.host === host) return !pidAlive(owner.pid);
    const st = await lstat(path.join(dir, entry)).catch(() => undefined);
    return !!st && Date.now() - st.mtimeMs > lifetimeMs;
  };
  for (const entry of await readdir(p.nameDir).catch(() => [] as string[])) {
    const always = /^\.(trash-|lock\.stale-|lock\.released-|history\.)/.test(entry);
    if (always || (entry.startsWith('.staging-') && (await gone(p.nameDir, entry)))) {
      await removeTree(path.join(p.nameDir, entry));
      removed.push(entry);
    }
  }
  const swapPrefix = `.${p.name}.swap-`;
  for (const entry of await readdir(p.bundlesDir).catch(() => [] as string[])) {
    if (entry.startsWith(swapPrefix) && (await gone(p.bundlesDir, entry))) {
      await unlink(path.join(p.bundlesDir, entry)).catch(() => undefined);
      removed.push(entry);
    }
  }
  if (removed.length) log.info(`removed leftovers of interrupted runs: ${removed.join(', ')}`);
  return removed;
}

/** What retention or gc did for one name. */
export interface RetentionResult {
  name: string;
  deleted: string[];
  kept: { version: string; reasons: KeepReason[] }[];
  /** Set when nothing was deleted because Slurm could not be asked. */
  skipped?: string;
}

async function aliasesOf(bundlesDir: string): Promise<string[]> {
  const real = await realpath(bundlesDir).catch(() => bundlesDir);
  return real !== bundlesDir ? [real] : [];
}

/** The gc decision for one name (reads the store and asks Slurm only when something could be deleted). */
async function planFor(
  p: StorePaths,
  o: { keep: number; graceSeconds: number; nowMs: number },
  inUse: InUseQuery | undefined,
  ignoreSlurm: boolean,
  log: Logger,
): Promise<GcPlan> {
  const versions = await listVersionNames(p);
  const current = await currentVersion(p);
  const history = await readHistory(p);
  const curMeta = current ? await readPublishMeta(path.join(p.nameDir, current)) : undefined;
  const previous = previousVersion(history, current, new Set(versions), curMeta?.previous);
  const input = { versions, current, previous, history, keep: o.keep, graceMs: o.graceSeconds * 1000, nowMs: o.nowMs };
  const first = selectVictims({ ...input, inUse: new Set() });
  if (!first.delete.length || ignoreSlurm) return first;
  const uses = await (inUse ?? slurmInUse({ logger: log }))();
  const used = versionsInUse(uses, p, versions, history, current, o.nowMs, await aliasesOf(p.bundlesDir));
  return selectVictims({ ...input, inUse: used });
}

/** Retention after a publish (under its lock): like gc, but Slurm being unavailable skips it with a warning. */
export async function runRetention(
  p: StorePaths,
  o: { keep: number; graceSeconds: number; nowMs: number },
  inUse: InUseQuery | undefined,
  log: Logger,
): Promise<RetentionResult> {
  let plan: GcPlan;
  try {
    plan = await planFor(p, o, inUse, false, log);
  } catch (err) {
    if (!(err instanceof SlurmUnavailableError)) throw err;
    const skipped = `retention skipped, old versions kept: ${err.message}`;
    log.warning(skipped);
    return { name: p.name, deleted: [], kept: [], skipped };
  }
  await deleteVersions(p, plan.delete);
  if (plan.delete.length) log.info(`retention (keep ${o.keep}) deleted ${plan.delete.join(', ')}`);
  return { name: p.name, deleted: plan.delete, kept: plan.keep };
}

/** Options shared by list/rollback/gc. */
export interface StoreTarget {
  bundlesDir: string;
  /** One name, or every name in the store when undefined (list, gc). */
  name?: string;
}

async function namesOf(bundlesDir: string, name: string | undefined): Promise<string[]> {
  if (name) return [validateBundleName(name)];
  const dir = path.join(bundlesDir, '.eda-oci');
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(n)).sort();
}

/** One version in a listing. */
export interface VersionListing {
  version: string;
  path: string;
  current: boolean;
  previous: boolean;
  /** undefined when Slurm could not be asked. */
  inUse?: boolean;
  meta?: PublishMeta;
}

/** The listing of one name. */
export interface NameListing {
  name: string;
  path: string;
  current?: string;
  previous?: string;
  versions: VersionListing[];
}

/** Lists versions (newest first) with current, previous and in-use marks. Reads only. */
export async function listStore(
  t: StoreTarget & { slurm?: boolean },
  deps: StoreDeps = {},
): Promise<{ names: NameListing[]; slurm?: string }> {
  const bundlesDir = validateBundlesDir(t.bundlesDir);
  const log = deps.logger ?? silentLogger;
  const names = await namesOf(bundlesDir, t.name);
  let uses: Awaited<ReturnType<InUseQuery>> | undefined;
  let slurm: string | undefined;
  if (t.slurm !== false) {
    try {
      uses = await (deps.inUse ?? slurmInUse({ logger: log }))();
    } catch (err) {
      if (!(err instanceof SlurmUnavailableError)) throw err;
      slurm = err.message;
    }
  }
  const out: NameListing[] = [];
  const aliases = await aliasesOf(bundlesDir);
  for (const name of names) {
    const p = storePaths(bundlesDir, name);
    const versions = await listVersionNames(p);
    const current = await currentVersion(p).catch(() => undefined);
    const history = await readHistory(p);
    const metas = await Promise.all(versions.map((v) => readPublishMeta(path.join(p.nameDir, v))));
    const curMeta = current ? metas[versions.indexOf(current)] : undefined;
    const previous = previousVersion(history, current, new Set(versions), curMeta?.previous);
    const used = uses ? versionsInUse(uses, p, versions, history, current, Date.now(), aliases) : undefined;
    out.push({
      name,
      path: p.link,
      current,
      previous,
      versions: versions
        .map((v, i) => ({
          version: v,
          path: path.join(p.nameDir, v),
          current: v === current,
          previous: v === previous,
          inUse: used ? used.has(v) : undefined,
          meta: metas[i],
        }))
        .reverse(),
    });
  }
  return { names: out, slurm };
}

/** Options of {@link rollbackStore}. */
export interface RollbackOptions {
  bundlesDir: string;
  name: string;
  /** The version to make current (default: the previous one). */
  to?: string;
  lockTimeoutSeconds?: number;
  /**
   * Roll back only if the current version was published by this CI run (GITHUB_RUN_ID; and repository when given):
   * a push workflow undoes its own publish and never one that came later or a rollback a person made meanwhile.
   */
  onlyIfPublishedBy?: { runId: string; repository?: string };
}

/** What {@link rollbackStore} did. */
export interface RollbackResult {
  name: string;
  path: string;
  /** The version that was current before. */
  from?: string;
  /** The version current now (unchanged when skipped). */
  to: string;
  changed: boolean;
  /** Set when onlyIfPublishedBy refused: why nothing was done. */
  skipped?: string;
}

/** Makes `to` (default: the previous version) current again, with the same atomic swap as publish. */
export async function rollbackStore(t: RollbackOptions, deps: StoreDeps = {}): Promise<RollbackResult> {
  const log = deps.logger ?? silentLogger;
  const bundlesDir = validateBundlesDir(t.bundlesDir);
  const name = validateBundleName(t.name);
  if (t.to !== undefined && !VERSION_RE.test(t.to))
    throw new ConfigurationError(`version '${t.to}' is not a version name (YYYYMMDDTHHMMSSZ-<12 hex>)`, `pick one from 'eda-oci list'`);
  if (t.onlyIfPublishedBy) validateRunId(t.onlyIfPublishedBy.runId);
  const uid = process.getuid?.() ?? 0;
  await checkBundlesDir(bundlesDir, uid);
  const p = storePaths(bundlesDir, name);
  if (!(await checkStoreDir(p.nameDir, uid)))
    throw new ConfigurationError(`no bundle '${name}' is published in ${bundlesDir}`, 'check the name and bundles dir');
  await checkStoreDir(p.storeDir, uid);
  const lock = await acquireLock(p.lockDir, {
    timeoutSeconds: t.lockTimeoutSeconds ?? 600,
    lifetimeSeconds: deps.lockLifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS,
    logger: log,
    what: `bundle store '${name}' in ${bundlesDir}`,
  });
  try {
    const versions = await listVersionNames(p);
    const current = await currentVersion(p);
    const history = await readHistory(p);
    const curMeta = current ? await readPublishMeta(path.join(p.nameDir, current)) : undefined;
    // Decided under the lock: no publish or rollback can slip in between the check and the switch.
    if (t.onlyIfPublishedBy) {
      const check = checkPublishedByRun(history, current, curMeta, t.onlyIfPublishedBy);
      log.info(`${name}: ${check.reason}`);
      if (!check.ok) return { name, path: p.link, from: current, to: current ?? '', changed: false, skipped: check.reason };
    }
    const to = t.to ?? previousVersion(history, current, new Set(versions), curMeta?.previous);
    if (!to) throw new ConfigurationError(`'${name}' has no previous version to roll back to`, `pick one with --to from 'eda-oci list'`);
    if (!versions.includes(to))
      throw new ConfigurationError(`'${name}' has no version ${to}`, `pick one of: ${versions.join(', ') || '(none)'}`);
    if (to === current) return { name, path: p.link, from: current, to, changed: false };
    const dir = path.join(p.nameDir, to);
    const files = await readPublishFiles(dir);
    if (!files || !(await readPublishMeta(dir)))
      throw new BundleError(`version ${dir} is incomplete (no publish.json/publish.files)`, 'pick another version');
    checkVersionTree(dir, files);
    if (!(await lock.stillHeld())) throw new BundleError(`lost the lock of ${p.nameDir}; nothing was switched`, 'retry');
    await swapLink(p, to);
    await appendHistory(p, { time: (deps.now?.() ?? new Date()).toISOString(), version: to, op: 'rollback', by: userAtHost() });
    log.info(`${p.link} -> ${to} (was ${current ?? 'nothing'})`);
    return { name, path: p.link, from: current, to, changed: true };
  } finally {
    await lock.release();
  }
}

/** A GitHub Actions run id (github.run_id): digits only. */
export function validateRunId(runId: string, what = 'only-if-published-by-run'): string {
  if (!/^[1-9]\d{0,19}$/.test(runId))
    throw new ConfigurationError(`${what} '${runId}' is not a run id`, 'pass ${{ github.run_id }} (digits only)');
  return runId;
}

function userAtHost(): string {
  return `${process.env.USER ?? process.getuid?.() ?? '?'}@${hostTag()}`;
}

/** Options of {@link gcStore}. */
export interface GcOptions extends StoreTarget {
  keep: number;
  graceSeconds?: number;
  /** Delete without asking Slurm (only where no Slurm job can use the bundles dir). */
  ignoreSlurm?: boolean;
  dryRun?: boolean;
  lockTimeoutSeconds?: number;
}

/** Deletes versions beyond `keep` (see gc.ts for what is always kept), per name, under each name's lock. */
export async function gcStore(o: GcOptions, deps: StoreDeps = {}): Promise<RetentionResult[]> {
  const log = deps.logger ?? silentLogger;
  const bundlesDir = validateBundlesDir(o.bundlesDir);
  const keep = validateKeep(o.keep);
  const graceSeconds = o.graceSeconds ?? 3600;
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0)
    throw new ConfigurationError(`grace-seconds is '${graceSeconds}', which is not a whole number >= 0`, 'set e.g. 3600');
  const uid = process.getuid?.() ?? 0;
  await checkBundlesDir(bundlesDir, uid);
  const results: RetentionResult[] = [];
  const lifetime = deps.lockLifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS;
  for (const name of await namesOf(bundlesDir, o.name)) {
    const p = storePaths(bundlesDir, name);
    if (!(await checkStoreDir(p.nameDir, uid)))
      throw new ConfigurationError(`no bundle '${name}' is published in ${bundlesDir}`, 'check the name');
    const nowMs = (deps.now?.() ?? new Date()).getTime();
    if (o.dryRun) {
      const plan = await planFor(p, { keep, graceSeconds, nowMs }, deps.inUse, o.ignoreSlurm ?? false, log);
      results.push({ name, deleted: plan.delete, kept: plan.keep });
      continue;
    }
    const lock = await acquireLock(p.lockDir, {
      timeoutSeconds: o.lockTimeoutSeconds ?? 600,
      lifetimeSeconds: lifetime,
      logger: log,
      what: `bundle store '${name}' in ${bundlesDir}`,
    });
    try {
      await cleanLeftovers(p, lifetime * 1000, log);
      const plan = await planFor(p, { keep, graceSeconds, nowMs }, deps.inUse, o.ignoreSlurm ?? false, log);
      if (!(await lock.stillHeld())) throw new BundleError(`lost the lock of ${p.nameDir}; nothing deleted`, 'retry');
      await deleteVersions(p, plan.delete);
      if (plan.delete.length) log.info(`${name}: deleted ${plan.delete.join(', ')}`);
      results.push({ name, deleted: plan.delete, kept: plan.keep });
    } finally {
      await lock.release();
    }
  }
  return results;
}
