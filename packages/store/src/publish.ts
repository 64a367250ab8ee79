// publishBundle: a verified bundle becomes a new immutable version under `<bundles-dir>/.eda-oci/<name>/`, and
// `<bundles-dir>/<name>` is switched to it with one rename(2). Readers see the old or the new version, never a mixture:
// a version is written under a staging name, checked, renamed into place, and only then pointed at.
import * as fs from 'node:fs';
import { chmod, mkdir, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BundleError, CancelledError, ConfigurationError, EdaOciError, silentLogger, type Logger } from '@eda-oci/exec';
import { LOCKFILE_NAME, ciProvenance, formatManifest, removeTree, type Manifest } from '@eda-oci/oci';
import { cleanLeftovers, runRetention, type RetentionResult } from './maintenance.js';
import {
  PUBLISH_FILES,
  PUBLISH_META,
  checkBundlesDir,
  checkStoreDir,
  stagingName,
  storePaths,
  validateBundleName,
  validateBundlesDir,
  validateKeep,
  versionName,
  type StorePaths,
} from './layout.js';
import { DEFAULT_LOCK_LIFETIME_SECONDS, acquireLock, type StoreLock } from './lock.js';
import type { InUseQuery } from './slurm-use.js';
import { LinkIndex } from './link-index.js';
import { loadSourceBundle, type SourceBundle } from './source.js';
import { checkVersionTree, publishedMode, sameMtime, writeTree, type LinkSource, type WriteProgress } from './tree.js';
import {
  appendHistory,
  currentVersion,
  listVersionNames,
  previousVersion,
  readHistory,
  readPublishFiles,
  readPublishMeta,
  swapLink,
  type PublishMeta,
} from './versions.js';

/** Inputs of {@link publishBundle}; the same for the action and `eda-oci publish`. */
export interface PublishOptions {
  /** A built bundle (build-oci-bundle's bundle-path). */
  bundle: string;
  bundlesDir: string;
  /** Default: the bundle's name from its lockfile. */
  name?: string;
  /** Versions kept by retention after the publish (default 5). */
  keep?: number;
  lockTimeoutSeconds?: number;
  /** Readable by every user (a+rX), writable by none but the owner (default true). */
  shared?: boolean;
  /** Verify and report what would be written; write nothing. */
  dryRun?: boolean;
  /** Refuse unless the bundle's digest is this one (build-oci-bundle's bundle-digest output). */
  expectedDigest?: string;
  /** Retention keeps versions that stopped being current less than this long ago (default 3600). */
  graceSeconds?: number;
  signal?: AbortSignal;
  /**
   * Files of the new version written so far (hard-linked or copied, of the total), at most 10 times per second and
   * once with `done` when all are written; not called when nothing is written (unchanged, dry run, same version
   * again). The CLI draws it on a terminal; the action does not use it.
   */
  onProgress?: (progress: PublishProgress) => void;
}

/** What {@link PublishOptions.onProgress} reports. */
export interface PublishProgress extends WriteProgress {
  phase: 'write';
}

/** Dependencies, defaulted for normal use and replaced in tests. */
export interface StoreDeps {
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Which versions queued or running Slurm jobs use (default: squeue). */
  inUse?: InUseQuery;
  /** Seconds a lock lives without heartbeat (default 60). */
  lockLifetimeSeconds?: number;
  now?: () => Date;
}

/** What a publish did; the action's outputs are these fields. */
export interface PublishResult {
  /** `<bundles-dir>/<name>` */
  path: string;
  name: string;
  version: string;
  versionPath: string;
  previousVersion: string;
  changed: boolean;
  dryRun: boolean;
  bytesWritten: number;
  filesLinked: number;
  filesCopied: number;
  bundleDigest: string;
  bundleBytes: number;
  bundleFiles: number;
  /** How the source was proven: entries trusted by metadata and entries read again. */
  verified: { trusted: number; reread: number; bytesHashed: number; usedManifest: boolean };
  retention?: RetentionResult;
  timingsMs: Record<string, number>;
  warnings: string[];
}

const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;
/** Test-only: makes a publisher print a marker and wait at a point (during-copy, before-swap, after-swap). */
export const TEST_PAUSE_ENV = 'EDA_OCI_STORE_TEST_PAUSE';
/** The line printed to stderr when pausing. */
export const TEST_PAUSE_MARKER = 'EDA_OCI_STORE_TEST_PAUSED';

/** Validated, normalized options (no side effect happened yet). */
export interface ValidPublishOptions {
  bundle: string;
  bundlesDir: string;
  keep: number;
  lockTimeoutSeconds: number;
  shared: boolean;
  dryRun: boolean;
  graceSeconds: number;
  expectedDigest?: string;
  name?: string;
  onProgress?: (progress: PublishProgress) => void;
}

/** Validates every publish option; throws ConfigurationError naming the first bad one. */
export function validatePublishOptions(o: PublishOptions): ValidPublishOptions {
  if (!o.bundle || o.bundle.includes('\0')) throw new ConfigurationError('bundle is empty', "set bundle to build-oci-bundle's bundle-path");
  const keep = validateKeep(o.keep ?? 5);
  const lockTimeoutSeconds = o.lockTimeoutSeconds ?? 600;
  if (!Number.isInteger(lockTimeoutSeconds) || lockTimeoutSeconds < 0 || lockTimeoutSeconds > 86_400)
    throw new ConfigurationError(
      `lock-timeout-seconds is '${lockTimeoutSeconds}', which is not a whole number from 0 to 86400`,
      'set e.g. 600',
    );
  const graceSeconds = o.graceSeconds ?? 3600;
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0)
    throw new ConfigurationError(`grace-seconds is '${graceSeconds}', which is not a whole number >= 0`, 'set e.g. 3600');
  if (o.expectedDigest !== undefined && o.expectedDigest !== '' && !DIGEST_RE.test(o.expectedDigest))
    throw new ConfigurationError(
      `expected-digest '${o.expectedDigest}' is not a bundle digest (sha256:<64 hex>)`,
      "pass build-oci-bundle's bundle-digest output",
    );
  if (o.name !== undefined && o.name !== '') validateBundleName(o.name);
  return {
    bundle: path.resolve(o.bundle),
    bundlesDir: validateBundlesDir(o.bundlesDir),
    keep,
    lockTimeoutSeconds,
    shared: o.shared ?? true,
    dryRun: o.dryRun ?? false,
    graceSeconds,
    expectedDigest: o.expectedDigest || undefined,
    name: o.name || undefined,
    onProgress: o.onProgress,
  };
}

/** A store directory we create: mkdir, then chmod (the umask must not make it group/other-writable or unreadable). */
async function ensureStoreDir(dir: string, uid: number): Promise<void> {
  if (await checkStoreDir(dir, uid)) return;
  try {
    await mkdir(dir, { mode: 0o755 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    await checkStoreDir(dir, uid);
    return;
  }
  await chmod(dir, 0o755);
}

function pauser(env: NodeJS.ProcessEnv, signal?: AbortSignal): (point: string) => Promise<void> {
  const want = env[TEST_PAUSE_ENV];
  return async (point) => {
    if (want !== point) return;
    process.stderr.write(`${TEST_PAUSE_MARKER} ${point} pid=${process.pid}\n`);
    await new Promise<void>((_resolve, reject) => {
      const keep = setInterval(() => undefined, 1 << 30);
      signal?.addEventListener(
        'abort',
        () => {
          clearInterval(keep);
          reject(new CancelledError(`publish cancelled at ${point}`));
        },
        { once: true },
      );
    });
  };
}

/** Counts what a publish would link and copy (dry run), from the manifests alone. */
function planCounts(source: SourceBundle, current: Manifest | undefined, shared: boolean): { link: number; copy: number; bytes: number } {
  const byPath = new Map(current?.entries.map((e) => [e.path, e]));
  const seen = new Set<string>();
  let link = 0;
  let copy = 0;
  let bytes = 0;
  for (const e of source.manifest.entries) {
    if (e.type !== 'f' || seen.has(e.ino)) continue;
    seen.add(e.ino);
    const c = byPath.get(e.path);
    if (c?.type === 'f' && c.content === e.content && c.mode === publishedMode(e.mode, 'f', shared) && sameMtime(c.mtimeNs, e.mtimeNs))
      link++;
    else {
      copy++;
      bytes += e.size;
    }
  }
  return { link, copy, bytes };
}

/**
 * Publishes a built bundle to `<bundlesDir>/<name>` (see the module comment). Unchanged (same digest current): nothing
 * is written and `changed` is false. Same digest as an older kept version: `<name>` points at it again.
 */
export async function publishBundle(options: PublishOptions, deps: StoreDeps = {}): Promise<PublishResult> {
  const log = deps.logger ?? silentLogger;
  const env = deps.env ?? process.env;
  const now = deps.now ?? (() => new Date());
  const o = validatePublishOptions(options);
  const uid = process.getuid?.() ?? 0;
  const signal = options.signal;
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const pause = pauser(env, signal);

  await checkBundlesDir(o.bundlesDir, uid);
  const source = await log.group('Verify bundle', async () => {
    const t = Date.now();
    const s = await loadSourceBundle(o.bundle);
    timings.verify = Date.now() - t;
    const v = s.stats;
    log.info(
      `${o.bundle}: ${s.digest}, ${s.lock.rootfs.files} files, ${s.lock.rootfs.bytes} bytes; ` +
        (v.usedManifest
          ? `${v.trusted} paths proven unchanged by inode+ctime, ${v.reread} read again (${v.bytesHashed} bytes hashed)`
          : `no bundle.files: every file hashed (${v.bytesHashed} bytes)`),
    );
    return s;
  });
  if (o.expectedDigest && source.digest !== o.expectedDigest)
    throw new BundleError(
      `bundle ${o.bundle} has digest ${source.digest}, not the expected ${o.expectedDigest}: it changed since it was built and tested`,
      'publish the bundle that was tested (pass the build step outputs unchanged) or test this one',
    );
  const name = o.name ?? validateBundleName(source.lock.name);
  const p = storePaths(o.bundlesDir, name);
  await checkStoreDir(p.storeDir, uid);
  await checkStoreDir(p.nameDir, uid);

  const base = {
    path: p.link,
    name,
    bundleDigest: source.digest,
    bundleBytes: source.lock.rootfs.bytes,
    bundleFiles: source.lock.rootfs.files,
    verified: source.stats,
    dryRun: o.dryRun,
    timingsMs: timings,
    warnings,
  };
  // Unchanged: decided without the lock (a concurrent publish is simply ordered after this one) and without writing.
  const cur0 = await currentVersion(p);
  const cur0Meta = cur0 ? await readPublishMeta(path.join(p.nameDir, cur0)) : undefined;
  if (cur0 && cur0Meta?.bundleDigest === source.digest) {
    timings.total = Date.now() - t0;
    log.info(`${p.link} already points at ${cur0} with digest ${source.digest}: nothing to publish`);
    return {
      ...base,
      version: cur0,
      versionPath: path.join(p.nameDir, cur0),
      previousVersion: await rollbackTarget(p, cur0, cur0Meta.previous),
      changed: false,
      bytesWritten: 0,
      filesLinked: 0,
      filesCopied: 0,
    };
  }
  if (o.dryRun) {
    const files = cur0 && cur0Meta?.publisher.uid === uid ? await readPublishFiles(path.join(p.nameDir, cur0)) : undefined;
    const plan = planCounts(source, files, o.shared);
    timings.total = Date.now() - t0;
    log.info(
      `dry run: would publish ${source.digest} as a new version, linking ${plan.link} files and copying ${plan.copy} (${plan.bytes} bytes)`,
    );
    return {
      ...base,
      version: versionName(source.digest, now()),
      versionPath: '',
      previousVersion: cur0 ?? '',
      changed: true,
      bytesWritten: plan.bytes,
      filesLinked: plan.link,
      filesCopied: plan.copy,
    };
  }

  await ensureStoreDir(p.storeDir, uid);
  await ensureStoreDir(p.nameDir, uid);
  const lifetime = deps.lockLifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS;
  const lock = await log.group('Lock', async () => {
    const t = Date.now();
    const l = await acquireLock(p.lockDir, {
      timeoutSeconds: o.lockTimeoutSeconds,
      lifetimeSeconds: lifetime,
      signal,
      logger: log,
      what: `bundle store '${name}' in ${o.bundlesDir}`,
    });
    timings.lock = Date.now() - t;
    return l;
  });
  let staging: string | undefined;
  try {
    await cleanLeftovers(p, lifetime * 1000, log);
    const result = await publishLocked(p, o, source, lock, uid, now, pause, log, timings, signal, (s) => (staging = s));
    staging = undefined;
    let retention: RetentionResult | undefined;
    if (result.changed) {
      const t = Date.now();
      retention = await log.group('Retention', () =>
        runRetention(p, { keep: o.keep, graceSeconds: o.graceSeconds, nowMs: now().getTime() }, deps.inUse, log),
      );
      timings.retention = Date.now() - t;
      if (retention.skipped) warnings.push(retention.skipped);
    }
    timings.total = Date.now() - t0;
    return { ...base, ...result, retention };
  } catch (err) {
    if (signal?.aborted && !(err instanceof CancelledError))
      throw new CancelledError('publish cancelled; nothing was switched', undefined, { cause: err });
    throw storeError(err, p);
  } finally {
    if (staging) await removeTree(staging).catch((e: unknown) => log.warning(`could not remove ${staging}: ${String(e)}`));
    await lock.release();
  }
}

type Published = Pick<
  PublishResult,
  'version' | 'versionPath' | 'previousVersion' | 'changed' | 'bytesWritten' | 'filesLinked' | 'filesCopied'
>;

async function publishLocked(
  p: StorePaths,
  o: ValidPublishOptions,
  source: SourceBundle,
  lock: StoreLock,
  uid: number,
  now: () => Date,
  pause: (point: string) => Promise<void>,
  log: Logger,
  timings: Record<string, number>,
  signal: AbortSignal | undefined,
  onStaging: (dir: string | undefined) => void,
): Promise<Published> {
  const by = `${os.userInfo().username}@${os.hostname()}`;
  const current = await currentVersion(p);
  const curDir = current ? path.join(p.nameDir, current) : undefined;
  const curMeta = curDir ? await readPublishMeta(curDir) : undefined;
  if (current && curMeta?.bundleDigest === source.digest) {
    log.info(`${p.link} already points at ${current} (published meanwhile): nothing to publish`);
    return {
      version: current,
      versionPath: curDir!,
      previousVersion: await rollbackTarget(p, current, curMeta.previous),
      changed: false,
      bytesWritten: 0,
      filesLinked: 0,
      filesCopied: 0,
    };
  }
  const switchTo = async (version: string, op: 'publish' | 'repoint'): Promise<void> => {
    await pause('before-swap');
    if (signal?.aborted) throw new CancelledError('publish cancelled before the switch');
    // The lock may have been taken over (we missed heartbeats for its whole lifetime): then someone else is
    // publishing and must not be raced. The version directory stays; the next run can use or collect it.
    if (!(await lock.stillHeld()))
      throw new BundleError(`lost the lock of ${p.nameDir} before switching ${p.link}; nothing was switched`, 'publish again');
    const t = Date.now();
    await swapLink(p, version);
    await pause('after-swap');
    // Published from here on: a history that cannot be written (disk full) only loses the rollback hint.
    await appendHistory(p, { time: now().toISOString(), version, op, by }).catch((e: unknown) =>
      log.warning(`${p.link} -> ${version}, but the history could not be written: ${String(e)}`),
    );
    timings.swap = Date.now() - t;
  };

  // The same bundle as a kept older version: point at it again (after checking it is intact).
  for (const v of (await listVersionNames(p)).reverse()) {
    if (!v.endsWith(source.digest.slice(7, 19))) continue;
    const dir = path.join(p.nameDir, v);
    const meta = await readPublishMeta(dir);
    const files = meta?.bundleDigest === source.digest && meta.shared === o.shared ? await readPublishFiles(dir) : undefined;
    if (!files) continue;
    checkVersionTree(dir, files);
    await switchTo(v, 'repoint');
    log.info(`${p.link} -> ${v} again (the same bundle was published before); nothing copied`);
    return { version: v, versionPath: dir, previousVersion: current ?? '', changed: true, bytesWritten: 0, filesLinked: 0, filesCopied: 0 };
  }

  const version = versionName(source.digest, now());
  const versionDir = path.join(p.nameDir, version);
  const staging = path.join(p.nameDir, stagingName());
  await mkdir(staging, { mode: 0o700 });
  onStaging(staging);
  let t = Date.now();
  const linkSource = await chooseLinkSource(p, current, uid, log);
  timings.prepare = Date.now() - t;
  const tree = await log.group('Write new version', async () => {
    const t = Date.now();
    const onProgress = o.onProgress;
    const r = await writeTree({
      source,
      staging,
      current: linkSource,
      shared: o.shared,
      uid,
      signal,
      midway: () => pause('during-copy'),
      onProgress: onProgress && ((p) => onProgress({ ...p, phase: 'write' })),
    });
    timings.write = Date.now() - t;
    for (const [k, v] of Object.entries(r.timingsMs)) timings[`write.${k}`] = v;
    const from = linkSource ? path.basename(linkSource.dir) : '(no earlier version)';
    log.info(`${r.filesLinked} files hard-linked from ${from}, ${r.filesCopied} copied (${r.bytesCopied} bytes)`);
    if (r.linkSourcesRejected > 0)
      log.warning(
        `${r.linkSourcesRejected} paths of ${from} differ from its publish.files (changed by hand?): copied from the bundle instead of linked`,
      );
    return r;
  });
  t = Date.now();
  const fileMode = o.shared ? 0o444 : 0o400;
  const filesText = formatManifest(tree.published);
  // Synchronous: four small files, each a few calls that take microseconds (a thread-pool round trip each costs more).
  const put = (file: string, data: string | Buffer): number => {
    const f = path.join(staging, file);
    fs.writeFileSync(f, data, { mode: fileMode, flag: 'wx' });
    fs.chmodSync(f, fileMode); // open() applied the umask
    return Buffer.byteLength(data);
  };
  let bytesWritten = tree.bytesCopied;
  bytesWritten += put('config.json', source.config);
  bytesWritten += put(LOCKFILE_NAME, source.lockText);
  bytesWritten += put(PUBLISH_FILES, filesText);
  const meta: PublishMeta = {
    formatVersion: 1,
    name: p.name,
    version,
    bundleDigest: source.digest,
    treeDigest: source.lock.rootfs.treeDigest,
    publishedTreeDigest: tree.publishedTreeDigest,
    shared: o.shared,
    files: source.lock.rootfs.files,
    bytes: source.lock.rootfs.bytes,
    bytesWritten: 0,
    filesLinked: tree.filesLinked,
    filesCopied: tree.filesCopied,
    previous: current ?? '',
    published: now().toISOString(),
    publisher: { user: os.userInfo().username, uid, host: os.hostname(), pid: process.pid },
    source: source.dir,
    ci: ciProvenance(),
  };
  const metaText = (n: number): string => `${JSON.stringify({ ...meta, bytesWritten: n }, null, 2)}\n`;
  // publish.json counts its own bytes: a fixed point reached in at most two steps.
  let total = bytesWritten;
  for (let k = 0; k < 3; k++) total = bytesWritten + Buffer.byteLength(metaText(total));
  put(PUBLISH_META, metaText(total));
  bytesWritten = total;
  await chmod(staging, o.shared ? 0o555 : 0o500);
  if (signal?.aborted) throw new CancelledError('publish cancelled before the new version was complete');
  await rename(staging, versionDir);
  timings.metadata = Date.now() - t;
  onStaging(undefined);
  log.info(`version ${version} complete (${bytesWritten} bytes written)`);
  await switchTo(version, 'publish');
  log.info(`${p.link} -> ${version}`);
  return {
    version,
    versionPath: versionDir,
    previousVersion: current ?? '',
    changed: true,
    bytesWritten,
    filesLinked: tree.filesLinked,
    filesCopied: tree.filesCopied,
  };
}

/** The previous version as list and rollback see it (history first), '' when there is none. */
async function rollbackTarget(p: StorePaths, current: string, metaPrevious: string): Promise<string> {
  return previousVersion(await readHistory(p), current, new Set(await listVersionNames(p)), metaPrevious) ?? '';
}

/**
 * The version new files are hard-linked from: the current one, else (current missing or damaged) the newest complete
 * one. Only versions this user published: their files are ours, so links need no privilege and the new version has
 * one owner.
 */
async function chooseLinkSource(p: StorePaths, current: string | undefined, uid: number, log: Logger): Promise<LinkSource | undefined> {
  const candidates = [...new Set([...(current ? [current] : []), ...(await listVersionNames(p)).reverse()])];
  for (const v of candidates) {
    const dir = path.join(p.nameDir, v);
    const meta = await readPublishMeta(dir);
    if (!meta) continue;
    if (meta.publisher.uid !== uid) {
      log.info(`version ${v} was published by uid ${meta.publisher.uid}: copying every file instead of linking`);
      return undefined;
    }
    const index = await LinkIndex.read(dir);
    if (index) return { dir, index };
  }
  return undefined;
}

/** Turns a file-system error of the store into one actionable BundleError; eda-oci's own errors pass through. */
export function storeError(err: unknown, p: StorePaths): unknown {
  if (err instanceof EdaOciError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const msg = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new BundleError(
        `no space left in ${p.bundlesDir} (${code}) while writing a new version of ${p.name}; nothing was switched, ${p.link} is unchanged`,
        `free space there (eda-oci gc --bundles-dir ${p.bundlesDir} removes old versions) and publish again`,
        { cause: err },
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new BundleError(
        `permission denied (${code}) writing to ${p.nameDir}; nothing was switched`,
        'publish as the owner of the bundles dir, on a writable file system',
        { cause: err },
      );
    default:
      return code ? new BundleError(`publishing ${p.name} failed: ${msg}; nothing was switched`, 'publish again', { cause: err }) : err;
  }
}
