// Where the store keeps things under a bundles dir (DESIGN.md section 3), version names, temp names, and the
// permission checks that keep other users from replacing what is published.
import { randomBytes } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@eda-oci/exec';
import { validateBundleName } from '@eda-oci/oci';

/** The store's directory inside a bundles dir. */
export const STORE_DIR = '.eda-oci';
/** Per-version metadata written by publish (JSON), inside the version directory. */
export const PUBLISH_META = 'publish.json';
/** Per-version manifest of the published tree (bundle.files format, store-side inodes and modes). */
export const PUBLISH_FILES = 'publish.files';
/** Append-only record of which version became current when, `.eda-oci/<name>/history`. */
export const HISTORY_FILE = 'history';

/** `YYYYMMDDTHHMMSSZ-<12 hex of the bundle digest>`. */
export const VERSION_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-([0-9a-f]{12})$/;

/** Absolute paths of one bundle name's store. */
export interface StorePaths {
  bundlesDir: string;
  name: string;
  /** `<bundles-dir>/<name>`: the symlink users pass to srun --container. */
  link: string;
  /** `<bundles-dir>/.eda-oci` */
  storeDir: string;
  /** `<bundles-dir>/.eda-oci/<name>`: versions, lock, staging, history. */
  nameDir: string;
  lockDir: string;
  historyFile: string;
}

/** The store paths for `name` under an absolute `bundlesDir`. */
export function storePaths(bundlesDir: string, name: string): StorePaths {
  const storeDir = path.join(bundlesDir, STORE_DIR);
  const nameDir = path.join(storeDir, name);
  return {
    bundlesDir,
    name,
    link: path.join(bundlesDir, name),
    storeDir,
    nameDir,
    lockDir: path.join(nameDir, '.lock'),
    historyFile: path.join(nameDir, HISTORY_FILE),
  };
}

/** The version name for a bundle digest published at `when`. */
export function versionName(digest: string, when: Date = new Date()): string {
  const hex = digest.replace(/^sha256:/, '').slice(0, 12);
  if (!/^[0-9a-f]{12}$/.test(hex)) throw new Error(`not a sha256 digest: ${digest}`);
  const iso = when.toISOString(); // 2026-11-30T01:02:03.456Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z-${hex}`;
}

/** The creation time encoded in a version name, or undefined when `name` is not a version name. */
export function versionTime(version: string): Date | undefined {
  const m = VERSION_RE.exec(version);
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** The symlink target for a version: relative, so the bundles dir may be mounted anywhere. */
export function linkTarget(name: string, version: string): string {
  return `${STORE_DIR}/${name}/${version}`;
}

/** The version a `<bundles-dir>/<name>` symlink target names, or undefined when it is not one of ours. */
export function versionFromTarget(name: string, target: string): string | undefined {
  const prefix = `${STORE_DIR}/${name}/`;
  if (!target.startsWith(prefix)) return undefined;
  const v = target.slice(prefix.length).replace(/\/+$/, '');
  return VERSION_RE.test(v) ? v : undefined;
}

/** This host's name as used in temp names (characters outside [A-Za-z0-9._] replaced). */
export function hostTag(): string {
  return os.hostname().replace(/[^A-Za-z0-9._]/g, '_') || 'unknown';
}

/** `.staging-<host>-<pid>-<rand>`: a publish in progress; never pointed at. */
export function stagingName(): string {
  return `.staging-${hostTag()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Host and pid of a temp name made by {@link stagingName} or {@link swapName}. */
export function parseTempOwner(entry: string): { kind: 'staging' | 'swap'; host: string; pid: number } | undefined {
  const m = /^(?:\.staging|\..+\.swap)-([A-Za-z0-9._]+)-(\d+)-[0-9a-f]{8}$/.exec(entry);
  if (!m) return undefined;
  return { kind: entry.startsWith('.staging-') ? 'staging' : 'swap', host: m[1]!, pid: Number(m[2]) };
}

/** The temporary symlink in the bundles dir that rename(2) moves over `<name>`. */
export function swapName(name: string): string {
  return `.${name}.swap-${hostTag()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** `.trash-<version>-<rand>`: a version being deleted (renamed first, so it vanishes from the listing at once). */
export function trashName(version: string): string {
  return `.trash-${version}-${randomBytes(4).toString('hex')}`;
}

/** Validates a bundles-dir value (before any side effect) and returns it absolute. */
export function validateBundlesDir(dir: string, what = 'bundles-dir'): string {
  if (!dir || dir.includes('\0'))
    throw new ConfigurationError(`${what} is empty`, `set ${what} to the shared directory that holds the bundles`);
  if (dir.startsWith('-')) throw new ConfigurationError(`${what} '${dir}' starts with '-'`, 'use an absolute path');
  return path.resolve(dir);
}

/** Validates `keep` (versions kept by retention, at least 1). */
export function validateKeep(keep: number, what = 'keep'): number {
  if (!Number.isInteger(keep) || keep < 1 || keep > 10_000)
    throw new ConfigurationError(`${what} is '${keep}', which is not a whole number from 1 to 10000`, `set ${what} to e.g. 5`);
  return keep;
}

export { validateBundleName };

function userName(uid: number): string {
  try {
    const me = os.userInfo();
    if (me.uid === uid) return me.username;
  } catch {
    // no passwd entry
  }
  return `uid ${uid}`;
}

/**
 * Refuses a bundles dir that would let other users replace published bundles: one that is not a directory, is owned
 * by another user, or is writable by every user without the sticky bit. Returns its stat.
 */
export async function checkBundlesDir(dir: string, uid: number): Promise<void> {
  let st;
  try {
    st = await stat(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      `bundles-dir '${dir}' cannot be used (${code === 'ENOENT' ? 'it does not exist' : code})`,
      `create it as the publishing user (mkdir -p ${dir}) or fix the path`,
    );
  }
  if (!st.isDirectory()) throw new ConfigurationError(`bundles-dir '${dir}' is not a directory`, 'point bundles-dir at a directory');
  const mode = st.mode & 0o7777;
  if (st.uid !== uid) {
    throw new ConfigurationError(
      `bundles-dir '${dir}' is owned by uid ${st.uid}, not by the publishing user ${userName(uid)} (uid ${uid}), so its owner could replace what is published`,
      `publish as its owner, or as root run: chown ${uid} ${dir}`,
    );
  }
  if (mode & 0o002 && !(mode & 0o1000)) {
    throw new ConfigurationError(
      `bundles-dir '${dir}' is writable by every user (mode ${mode.toString(8).padStart(4, '0')}) without the sticky bit, so anyone could replace published bundles`,
      `run: chmod o-w ${dir}   (or chmod +t ${dir} if other users must create entries there)`,
    );
  }
}

/**
 * Checks a store directory we may create or reuse (`.eda-oci`, `.eda-oci/<name>`): when it exists it must be a real
 * directory of ours that no group or other user can write (in a sticky world-writable bundles dir another user could
 * have created it first). Returns false when it does not exist.
 */
export async function checkStoreDir(dir: string, uid: number): Promise<boolean> {
  let st;
  try {
    st = await lstat(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const fix = `remove or fix it as its owner (it must be a directory of uid ${uid} without group/other write permission)`;
  if (!st.isDirectory()) throw new ConfigurationError(`store directory '${dir}' is not a directory`, fix);
  if (st.uid !== uid) throw new ConfigurationError(`store directory '${dir}' is owned by uid ${st.uid}, not ${uid}`, fix);
  if (st.mode & 0o022)
    throw new ConfigurationError(`store directory '${dir}' is writable by group or others (mode ${(st.mode & 0o7777).toString(8)})`, fix);
  return true;
}
