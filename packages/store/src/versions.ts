// Versions of one bundle name: which exist, which is current (the `<name>` symlink), which was current before
// (the history file), each version's publish.json, and the atomic swap of the symlink.
import { randomBytes } from 'node:crypto';
import { lstat, readFile, readdir, readlink, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BundleError, ConfigurationError } from '@eda-oci/exec';
import { ciProvenance, parseManifest, type Manifest } from '@eda-oci/oci';
import {
  PUBLISH_FILES,
  PUBLISH_META,
  STORE_DIR,
  VERSION_RE,
  linkTarget,
  swapName,
  versionFromTarget,
  versionTime,
  type StorePaths,
} from './layout.js';

/** publish.json: what the store knows about a version beyond its bundle.lock.json. */
export interface PublishMeta {
  formatVersion: 1;
  name: string;
  version: string;
  bundleDigest: string;
  /** Tree digest of the source bundle (lockfile) and of the published tree (differs only by the `shared` modes). */
  treeDigest: string;
  publishedTreeDigest: string;
  shared: boolean;
  /** Regular files and content bytes of the bundle. */
  files: number;
  bytes: number;
  bytesWritten: number;
  filesLinked: number;
  filesCopied: number;
  /** The version that was current when this one was published ('' for the first). */
  previous: string;
  published: string;
  publisher: { user: string; uid: number; host: string; pid: number };
  source: string;
  ci?: Record<string, string | undefined>;
}

/** What `<bundles-dir>/<name>` is now. */
export type CurrentState =
  { kind: 'missing' } | { kind: 'version'; version: string; target: string } | { kind: 'directory' } | { kind: 'other'; detail: string };

/** Reads `<bundles-dir>/<name>`. */
export async function readCurrent(p: StorePaths): Promise<CurrentState> {
  let st;
  try {
    st = await lstat(p.link);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  if (st.isDirectory()) return { kind: 'directory' };
  if (!st.isSymbolicLink()) return { kind: 'other', detail: 'a file' };
  const target = await readlink(p.link);
  const version = versionFromTarget(p.name, target);
  if (!version) return { kind: 'other', detail: `a symlink to ${target}` };
  return { kind: 'version', version, target };
}

/** The one-time migration of an in-place bundle directory to the store layout, as exact commands. */
export function migrationCommands(p: StorePaths): string {
  const aside = `${p.link}.pre-eda-oci`;
  return (
    `${p.link} is a real directory (an in-place bundle from before the store); no atomic switch from a directory to a ` +
    `symlink exists (on NFS either), so migrate once while no job starts it: mv ${p.link} ${aside} && ` +
    `eda-oci publish --bundle ${aside} --bundles-dir ${p.bundlesDir} --name ${p.name}` +
    ` (it must have a bundle.lock.json; or rebuild it with build-oci-bundle and publish that), then remove ${aside}`
  );
}

/** Fails unless `<name>` is missing or one of our symlinks; returns the current version, if any. */
export async function currentVersion(p: StorePaths): Promise<string | undefined> {
  const cur = await readCurrent(p);
  if (cur.kind === 'missing') return undefined;
  if (cur.kind === 'version') return cur.version;
  if (cur.kind === 'directory') throw new ConfigurationError(migrationCommands(p));
  throw new ConfigurationError(
    `${p.link} is ${cur.detail}, not a symlink into ${STORE_DIR}/${p.name}/ managed by eda-oci`,
    `move it away (mv ${p.link} ${p.link}.old) or choose another name`,
  );
}

/** Version directories of the name, oldest first (names sort by time). */
export async function listVersionNames(p: StorePaths): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(p.nameDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.filter((n) => VERSION_RE.test(n)).sort();
}

/** Reads a version's publish.files; undefined when missing or not parseable. */
export async function readPublishFiles(versionDir: string): Promise<Manifest | undefined> {
  try {
    return parseManifest(await readFile(path.join(versionDir, PUBLISH_FILES), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Reads a version's publish.json; undefined when missing or unreadable. */
export async function readPublishMeta(versionDir: string): Promise<PublishMeta | undefined> {
  try {
    const m = JSON.parse(await readFile(path.join(versionDir, PUBLISH_META), 'utf8')) as PublishMeta;
    return m.formatVersion === 1 && typeof m.bundleDigest === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** The CI run that switched the symlink (GitHub Actions: GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT, GITHUB_REPOSITORY). */
export interface HistoryRun {
  runId: string;
  attempt?: string;
  repository?: string;
}

/** One line of the history file: `version` became current at `time` by `op`, done by `by` (and the CI `run`, if any). */
export interface HistoryEntry {
  time: string;
  version: string;
  op: 'publish' | 'rollback' | 'repoint';
  by: string;
  run?: HistoryRun;
}

/** The CI run this process belongs to (from the environment), for the history; undefined outside CI. */
export function historyRunFromEnv(env: NodeJS.ProcessEnv = process.env): HistoryRun | undefined {
  const ci = ciProvenance(env);
  if (!ci?.runId) return undefined;
  return { runId: ci.runId, attempt: ci.runAttempt || undefined, repository: ci.repository || undefined };
}

// The run is the history line's optional 5th field, `run=ID;attempt=N;repo=OWNER/NAME` (older lines have 4 fields).
const FIELD_SAFE = /^[^\t\n;=]*$/;

function formatRun(r: HistoryRun | undefined): string {
  if (!r || !FIELD_SAFE.test(r.runId)) return '';
  const parts = [`run=${r.runId}`];
  if (r.attempt && FIELD_SAFE.test(r.attempt)) parts.push(`attempt=${r.attempt}`);
  if (r.repository && FIELD_SAFE.test(r.repository)) parts.push(`repo=${r.repository}`);
  return `\t${parts.join(';')}`;
}

function parseRun(field: string | undefined): HistoryRun | undefined {
  if (!field) return undefined;
  const kv = new Map(field.split(';').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
  const runId = kv.get('run');
  if (!runId) return undefined;
  return { runId, attempt: kv.get('attempt') || undefined, repository: kv.get('repo') || undefined };
}

/** Reads the history (oldest first); malformed lines are skipped. */
export async function readHistory(p: StorePaths): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readFile(p.historyFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: HistoryEntry[] = [];
  for (const line of text.split('\n')) {
    const [time, version, op, by, run] = line.split('\t');
    if (time && version && VERSION_RE.test(version) && (op === 'publish' || op === 'rollback' || op === 'repoint')) {
      const r = parseRun(run);
      out.push(r ? { time, version, op, by: by ?? '', run: r } : { time, version, op, by: by ?? '' });
    }
  }
  return out;
}

const HISTORY_KEEP = 1000;

/**
 * Appends to the history (rewritten through a temp file and rename, under the store lock). An entry without `run`
 * gets the CI run of this process (GITHUB_RUN_ID...), so every switch made in CI says which run made it.
 */
export async function appendHistory(p: StorePaths, entry: HistoryEntry, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const run = entry.run ?? historyRunFromEnv(env);
  const lines = (await readHistory(p)).slice(-(HISTORY_KEEP - 1)).concat(run ? { ...entry, run } : entry);
  const tmp = path.join(p.nameDir, `.history.${randomBytes(4).toString('hex')}`);
  await writeFile(tmp, lines.map((e) => `${e.time}\t${e.version}\t${e.op}\t${e.by}${formatRun(e.run)}\n`).join(''), { mode: 0o644 });
  await rename(tmp, p.historyFile);
}

/**
 * The version the current one replaced: the latest history entry that is not the current version and still exists
 * (the history is written after the swap, so after a crash in between its last entry is exactly that); else the
 * current version's publish.json `previous`.
 */
export function previousVersion(
  history: HistoryEntry[],
  current: string | undefined,
  existing: ReadonlySet<string>,
  metaPrevious?: string,
): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const v = history[i]!.version;
    if (v !== current && existing.has(v)) return v;
  }
  return metaPrevious && metaPrevious !== current && existing.has(metaPrevious) ? metaPrevious : undefined;
}

/**
 * Points `<bundles-dir>/<name>` at `version`: a new symlink under a temporary name, then rename(2) over the old one,
 * which replaces it atomically (readers see the old or the new target, never nothing; `ln -sfn` unlinks first).
 */
export async function swapLink(p: StorePaths, version: string): Promise<void> {
  const tmp = path.join(p.bundlesDir, swapName(p.name));
  await symlink(linkTarget(p.name, version), tmp);
  try {
    await rename(tmp, p.link);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') throw new ConfigurationError(migrationCommands(p));
    throw new BundleError(`could not switch ${p.link} to version ${version} (${code})`, 'check the bundles dir permissions', {
      cause: err,
    });
  }
}

/** The creation time of a version (from its name), ms since the epoch; 0 when unknown. */
export function versionCreatedMs(version: string): number {
  return versionTime(version)?.getTime() ?? 0;
}

/** Whether the current version was put there by a given CI run, and why (for rollback's only-if-published-by-run). */
export interface RunCheck {
  ok: boolean;
  reason: string;
}

/**
 * Decides whether `current` was made current by the publish (or re-point) of CI run `want.runId` (and repository, when
 * both sides know it). The history's last line is the authority: it is written right after each switch, so it says
 * who switched last; a rollback since then (by a person or another run) means the run's publish is no longer what is
 * current. Lines from before runs were recorded (no run field), or a history that lost its last line, fall back to the
 * current version's publish.json `ci`.
 */
export function checkPublishedByRun(
  history: HistoryEntry[],
  current: string | undefined,
  meta: PublishMeta | undefined,
  want: { runId: string; repository?: string },
): RunCheck {
  if (!current) return { ok: false, reason: 'no version is current' };
  const last = history[history.length - 1];
  const runText = (r: { runId: string; repository?: string }): string => `run ${r.runId}${r.repository ? ` of ${r.repository}` : ''}`;
  if (last?.version === current && last.op === 'rollback')
    return {
      ok: false,
      reason: last.run
        ? `current version ${current} was made current by a rollback (${runText(last.run)}), not by a publish of run ${want.runId}`
        : `current version ${current} was made current by a rollback (${last.by || 'unknown user'}), not by run ${want.runId}`,
    };
  // Who published (or re-pointed) it: the history's last line when it names a run, else publish.json.
  const ci = meta?.ci;
  const by = last?.version === current && last.run ? last.run : ci?.runId ? { runId: ci.runId, repository: ci.repository } : undefined;
  if (!by)
    return { ok: false, reason: `current version ${current} records no CI run (published outside CI?), so not by run ${want.runId}` };
  if (by.runId === want.runId && (!want.repository || !by.repository || by.repository === want.repository))
    return { ok: true, reason: `current version ${current} was published by ${runText(by)}` };
  return { ok: false, reason: `current version ${current} was published by ${runText(by)}, not by run ${want.runId}` };
}
