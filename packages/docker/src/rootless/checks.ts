// Prerequisite checks for rootless Docker: one table row per check, each failure with the exact one-line fix.
import { constants, existsSync } from 'node:fs';
import { access, lstat, open, readdir, readFile, stat, statfs } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError, runCommand, silentLogger } from '@eda-oci/exec';

/** One row of the prerequisite table (`eda-oci doctor`, the action's log and job summary). */
export interface CheckRow {
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** One actionable line for a failed check ('' when ok). */
  fix: string;
}

/** Everything the checks read from the system; tests replace parts of it. */
export interface CheckDeps {
  uid: number;
  /** Primary and supplementary groups (for permission bits). */
  gids: number[];
  username: string;
  env: NodeJS.ProcessEnv;
  subuidFile: string;
  subgidFile: string;
  statfs: (p: string) => Promise<{ type: number }>;
  tunDevice: string;
  /** Opens a path read-write and closes it again; throws the errno error. */
  openReadWrite: (p: string) => Promise<void>;
  /** A sysctl below /proc/sys (`user/max_user_namespaces`), trimmed; undefined when the kernel has no such knob. */
  readSysctl: (name: string) => Promise<string | undefined>;
  /**
   * The file capabilities of a program as raw `security.capability` xattr bytes; undefined when it has none or they
   * cannot be read (RHEL/Fedora/SUSE install newuidmap/newgidmap with `cap_setuid=ep` / `cap_setgid=ep`, not setuid).
   */
  readFileCaps: (p: string) => Promise<Buffer | undefined>;
  apparmorDir: string;
  /** Where distributions put dockerd-rootless.sh besides PATH. */
  searchDirs: string[];
  /** Standard program dirs searched after PATH (runner PATHs often lack the sbin dirs). */
  systemDirs: string[];
  /** Parent of the per-user runtime dirs (/run/user). */
  runUserDir: string;
  /** Where a private runtime dir is made when no usable one exists (/tmp). */
  tmpDir: string;
  packageManager: PackageManager | undefined;
}

/** What the checks need to know about the planned setup. */
export interface CheckOptions {
  /** Docker's data-root; default {@link defaultDataRoot}. */
  dataRoot?: string;
}

/** The runtime directory (XDG_RUNTIME_DIR of the daemon) the setup will use. */
export interface RuntimeDirPlan {
  path: string;
  /** True when the directory does not exist yet and setup creates it (0700). */
  create: boolean;
}

/** The table plus what the setup needs from it. */
export interface CheckReport {
  ok: boolean;
  rows: CheckRow[];
  dataRoot: string;
  /** Undefined only when no usable runtime dir could be planned (the row failed). */
  runtimeDir?: RuntimeDirPlan;
  /** PATH given to the daemon: the caller's PATH plus the standard system dirs (runners often lack the sbin dirs). */
  daemonPath: string;
  dockerdRootless?: string;
  /** ~/.config/docker/daemon.json (or under XDG_CONFIG_HOME), the file rootless dockerd reads. */
  configFile: string;
  /** Parsed content of configFile when it exists and is a JSON object. */
  existingConfig?: Record<string, unknown>;
  home: string;
}

/** Package managers whose install commands the fixes name. */
export type PackageManager = 'apt' | 'dnf' | 'zypper';

/** Subordinate ids rootless Docker needs (uid/gid 0..65535 inside the user namespace). */
export const SUBID_MIN = 65536;

const STANDARD_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const CONTRIB_DIRS = ['/usr/share/docker.io/contrib', '/usr/share/docker/contrib', '/usr/libexec/docker', '/usr/lib/docker'];

/** statfs f_type magic numbers of network/cluster file systems (linux/magic.h and the vendors' sources). */
const NETWORK_FS: Record<number, string> = {
  0x6969: 'NFS',
  0x517b: 'SMB',
  0xff534d42: 'CIFS',
  0xfe534d42: 'SMB2',
  0x0bd00bd0: 'Lustre',
  0x47504653: 'GPFS',
  0x19830326: 'BeeGFS',
  0x5346414f: 'AFS',
  0x6b414653: 'AFS (kAFS)',
  0x00c36400: 'CephFS',
  0x564c: 'NCP',
  0x73757245: 'Coda',
};
const FUSE_MAGIC = 0x65735546;
const LOCAL_FS: Record<number, string> = {
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x01021994: 'tmpfs',
  0x794c7630: 'overlay',
  0x2fc12fc1: 'zfs',
};

const PACKAGES: Record<string, Record<PackageManager, string>> = {
  uidmap: { apt: 'uidmap', dnf: 'shadow-utils', zypper: 'shadow' },
  dockerd: { apt: 'docker.io', dnf: 'docker-ce', zypper: 'docker' },
  'dockerd-rootless.sh': { apt: 'docker.io', dnf: 'docker-ce-rootless-extras', zypper: 'docker-rootless-extras' },
  rootlesskit: { apt: 'rootlesskit', dnf: 'docker-ce-rootless-extras', zypper: 'rootlesskit' },
  slirp4netns: { apt: 'slirp4netns', dnf: 'slirp4netns', zypper: 'slirp4netns' },
  docker: { apt: 'docker.io', dnf: 'docker-ce-cli', zypper: 'docker' },
};

/** `as root: apt-get install X` for the package providing `what` (Debian names when the manager is unknown). */
function installFix(what: keyof typeof PACKAGES, pm: PackageManager | undefined): string {
  const pkg = PACKAGES[what]![pm ?? 'apt'];
  const cmd = pm === 'dnf' ? 'dnf install' : pm === 'zypper' ? 'zypper install' : 'apt-get install';
  return `as root: ${cmd} ${pkg}`;
}

/** The data-root the action uses when none is given: local disk, per user (daemon.json paths are literal). */
export function defaultDataRoot(username: string): string {
  return `/var/tmp/${username}/containers/storage`;
}

/** Validates a data-root path: absolute, normalized, no control characters, not `/`. */
export function validateDataRoot(dir: string): string {
  const fix = 'use an absolute directory on a local disk, e.g. /var/tmp/$USER/containers/storage';
  if (!path.isAbsolute(dir)) throw new ConfigurationError(`data-root '${dir}' is not an absolute path`, fix);
  if ([...dir].some((c) => c.charCodeAt(0) < 0x20))
    throw new ConfigurationError(`data-root '${JSON.stringify(dir)}' contains control characters`, fix);
  const normal = path.normalize(dir).replace(/\/+$/, '') || '/';
  if (normal === '/') throw new ConfigurationError(`data-root '${dir}' is the root directory`, fix);
  if (dir.split('/').includes('..')) throw new ConfigurationError(`data-root '${dir}' contains '..'`, fix);
  return normal;
}

function detectPackageManager(): PackageManager | undefined {
  if (existsSync('/usr/bin/apt-get')) return 'apt';
  if (existsSync('/usr/bin/dnf') || existsSync('/usr/bin/yum')) return 'dnf';
  if (existsSync('/usr/bin/zypper')) return 'zypper';
  return undefined;
}

function currentUsername(env: NodeJS.ProcessEnv, uid: number): string {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (e.g. an arbitrary uid in a container).
    return env.USER ?? String(uid);
  }
}

/** The real system: this process's user, /etc/sub[ug]id, /proc/sys, /dev/net/tun, PATH. */
export function defaultCheckDeps(env: NodeJS.ProcessEnv = process.env): CheckDeps {
  const uid = process.getuid?.() ?? -1;
  return {
    uid,
    gids: [...new Set([process.getgid?.() ?? -1, ...(process.getgroups?.() ?? [])])],
    username: currentUsername(env, uid),
    env,
    subuidFile: '/etc/subuid',
    subgidFile: '/etc/subgid',
    statfs: (p) => statfs(p),
    tunDevice: '/dev/net/tun',
    openReadWrite: async (p) => {
      const fh = await open(p, constants.O_RDWR);
      await fh.close();
    },
    readSysctl: async (name) => {
      try {
        return (await readFile(path.join('/proc/sys', name), 'utf8')).trim();
      } catch {
        return undefined;
      }
    },
    readFileCaps: readCapabilityXattr,
    apparmorDir: '/etc/apparmor.d',
    searchDirs: CONTRIB_DIRS,
    systemDirs: STANDARD_DIRS,
    runUserDir: '/run/user',
    tmpDir: '/tmp',
    packageManager: detectPackageManager(),
  };
}

/** True when the checked user is this process's user, so real access()/open() results apply to them. */
function isSelf(deps: CheckDeps): boolean {
  return deps.uid === process.getuid?.();
}

/** Permission bits for `want` (4 r, 2 w, 1 x) as the kernel evaluates them: owner class first, then group, then other. */
function modeAllows(st: Stats, deps: CheckDeps, want: number): boolean {
  if (deps.uid === 0) return true;
  const bits = st.uid === deps.uid ? (st.mode >> 6) & 7 : deps.gids.includes(st.gid) ? (st.mode >> 3) & 7 : st.mode & 7;
  return (bits & want) === want;
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

/** PATH for the daemon: the caller's absolute PATH entries plus the standard dirs that are missing. */
export function daemonSearchPath(envPath: string | undefined, systemDirs: string[] = STANDARD_DIRS): string {
  const dirs = (envPath ?? '').split(':').filter((d) => d.startsWith('/'));
  for (const d of systemDirs) if (!dirs.includes(d)) dirs.push(d);
  return dirs.join(':');
}

/** First executable regular file `name` in `dirs`. */
async function findExecutable(name: string, dirs: string[]): Promise<string | undefined> {
  for (const d of dirs) {
    const p = path.join(d, name);
    try {
      const st = await stat(p);
      if (st.isFile() && (st.mode & 0o111) !== 0) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

function ok(name: string, detail: string): CheckRow {
  return { name, ok: true, detail, fix: '' };
}
function fail(name: string, detail: string, fix: string): CheckRow {
  return { name, ok: false, detail, fix };
}

/** Not root: rootless Docker runs as an ordinary user (dockerd-rootless.sh refuses uid 0). */
export function checkUser(deps: CheckDeps): CheckRow {
  if (deps.uid === 0) {
    return fail(
      'user',
      'running as root (uid 0); rootless Docker needs an ordinary user',
      'run the job as an ordinary user (e.g. the runner service account), or use the system dockerd when root',
    );
  }
  return ok('user', `${deps.username} (uid ${deps.uid})`);
}

interface SubIdLine {
  owner: string;
  start: number;
  count: number;
}

function parseSubIds(text: string): SubIdLine[] {
  const out: SubIdLine[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(':');
    if (f.length !== 3 || !/^\d+$/.test(f[1]!) || !/^\d+$/.test(f[2]!)) continue;
    out.push({ owner: f[0]!, start: Number(f[1]), count: Number(f[2]) });
  }
  return out;
}

/** A /etc/subuid or /etc/subgid range of >= 65536 ids for the user (by name or uid); the fix names a free range. */
export async function checkSubIds(kind: 'uid' | 'gid', deps: CheckDeps): Promise<CheckRow> {
  const file = kind === 'uid' ? deps.subuidFile : deps.subgidFile;
  const name = `sub${kind}`;
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // Missing file: same as no line.
  }
  const lines = parseSubIds(text);
  const mine = lines.filter((l) => l.owner === deps.username || l.owner === String(deps.uid));
  const best = mine.sort((a, b) => b.count - a.count)[0];
  if (best && best.count >= SUBID_MIN) {
    return ok(name, `${best.owner}:${best.start}:${best.count} in ${file}`);
  }
  // Next free start above every range in the file, at least 100000 (what useradd picks).
  const start = Math.max(100000, ...lines.map((l) => l.start + l.count));
  const fix = `as root: usermod --add-sub${kind}s ${start}-${start + SUBID_MIN - 1} ${deps.username}`;
  const detail = best
    ? `${deps.username} has only ${best.count} subordinate ${kind}s in ${file} (${best.start}:${best.count}); rootless Docker needs ${SUBID_MIN}`
    : `no line for ${deps.username} (uid ${deps.uid}) in ${file}`;
  return fail(name, detail, fix);
}

/** CAP_SETGID and CAP_SETUID bit numbers (linux/capability.h). */
const CAP_BIT = { newgidmap: 6, newuidmap: 7 } as const;

/**
 * Reads `security.capability` with getfattr (package attr; Node has no xattr API). Undefined when the file has no
 * capabilities or getfattr is missing; the check then reports what it could see.
 */
export async function readCapabilityXattr(p: string): Promise<Buffer | undefined> {
  const r = await runCommand('getfattr', ['--absolute-names', '-e', 'hex', '-n', 'security.capability', p], {
    timeoutMs: 5_000,
    logger: silentLogger,
    quiet: true,
    okExitCodes: [0, 1],
  }).catch(() => undefined);
  const hex = r?.exitCode === 0 ? /^security\.capability=0x([0-9a-f]+)$/im.exec(r.stdout)?.[1] : undefined;
  return hex ? Buffer.from(hex, 'hex') : undefined;
}

/**
 * True when raw vfs_cap_data grants capability `bit` as permitted and effective (`cap_X=ep`): le32 magic_etc whose
 * low bit is the effective flag, then le32 permitted/inheritable pairs (the first pair covers bits 0..31).
 */
export function capabilityGranted(raw: Buffer | undefined, bit: number): boolean {
  if (!raw || raw.length < 12) return false;
  const magicEtc = raw.readUInt32LE(0);
  const permitted = raw.readUInt32LE(4);
  return (magicEtc & 0x1) === 1 && (permitted & (1 << bit)) !== 0;
}

/** newuidmap/newgidmap present and able to map ids: setuid root, or file capability cap_setuid/cap_setgid=ep. */
export async function checkIdMapper(program: 'newuidmap' | 'newgidmap', deps: CheckDeps): Promise<CheckRow> {
  const dirs = daemonSearchPath(deps.env.PATH, deps.systemDirs).split(':');
  const found = await findExecutable(program, dirs);
  if (!found) return fail(program, `${program} not found in ${dirs.join(':')}`, installFix('uidmap', deps.packageManager));
  const st = await stat(found);
  if ((st.mode & 0o4000) !== 0 && st.uid === 0) return ok(program, `${found} (setuid root)`);
  const cap = program === 'newuidmap' ? 'cap_setuid' : 'cap_setgid';
  if (capabilityGranted(await deps.readFileCaps(found), CAP_BIT[program])) {
    return ok(program, `${found} (file capability ${cap}=ep)`);
  }
  return fail(
    program,
    `${found} is neither setuid root nor has ${cap}=ep (mode ${octal(st.mode)}, owner uid ${st.uid}; getfattr reads capabilities)`,
    `as root: chown root ${found} && chmod u+s ${found}  (or: setcap ${cap}=ep ${found})`,
  );
}

/** Unprivileged user namespaces allowed (max_user_namespaces, Debian's unprivileged_userns_clone, Ubuntu's AppArmor knob). */
export async function checkUserNamespaces(deps: CheckDeps): Promise<CheckRow> {
  const name = 'user namespaces';
  const max = await deps.readSysctl('user/max_user_namespaces');
  if (max !== undefined && Number(max) === 0) {
    return fail(name, 'user.max_user_namespaces is 0 (user namespaces disabled)', 'as root: sysctl -w user.max_user_namespaces=28633');
  }
  const clone = await deps.readSysctl('kernel/unprivileged_userns_clone');
  if (clone !== undefined && clone === '0') {
    return fail(
      name,
      'kernel.unprivileged_userns_clone is 0 (unprivileged user namespaces disabled)',
      'as root: sysctl -w kernel.unprivileged_userns_clone=1',
    );
  }
  // Ubuntu 23.10+: unprivileged user namespaces are refused unless AppArmor has a profile for the program.
  const apparmor = await deps.readSysctl('kernel/apparmor_restrict_unprivileged_userns');
  if (apparmor === '1') {
    const profiles = await readdir(deps.apparmorDir).catch(() => [] as string[]);
    if (!profiles.some((p) => p.includes('rootlesskit'))) {
      return fail(
        name,
        `kernel.apparmor_restrict_unprivileged_userns is 1 and ${deps.apparmorDir} has no rootlesskit profile`,
        `as root: install an AppArmor profile for rootlesskit (https://docs.docker.com/go/rootless/) or sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`,
      );
    }
  }
  const parts = [`user.max_user_namespaces=${max ?? '?'}`];
  if (clone !== undefined) parts.push(`kernel.unprivileged_userns_clone=${clone}`);
  return ok(name, parts.join(', '));
}

/** /dev/net/tun openable read-write: rootlesskit's slirp4netns (and vpnkit) network creates a tap device through it. */
export async function checkTun(deps: CheckDeps): Promise<CheckRow> {
  const name = '/dev/net/tun';
  const dev = deps.tunDevice;
  let st: Stats;
  try {
    st = await stat(dev);
  } catch {
    return fail(name, `${dev} does not exist`, `as root: modprobe tun (or mknod ${dev} c 10 200) && chmod 666 ${dev}`);
  }
  if (!modeAllows(st, deps, 6)) {
    return fail(
      name,
      `${dev} is mode ${octal(st.mode)} owner ${st.uid}:${st.gid}: ${deps.username} cannot open it read-write (rootlesskit needs it for tap0)`,
      `as root: chmod 666 ${dev}`,
    );
  }
  if (isSelf(deps)) {
    try {
      await deps.openReadWrite(dev);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      return fail(
        name,
        `cannot open ${dev} read-write: ${e.code ?? e.message}`,
        `as root: chmod 666 ${dev} (in a container also pass the device: --device ${dev})`,
      );
    }
  }
  return ok(name, `${dev} is usable read-write`);
}

/** Why a directory cannot serve as this user's runtime dir, or undefined when it can (ours, a directory, exactly 0700). */
async function runtimeDirProblem(dir: string, deps: CheckDeps): Promise<string | undefined> {
  let st: Stats;
  try {
    st = await lstat(dir);
  } catch {
    return 'does not exist';
  }
  if (st.isSymbolicLink()) return 'is a symbolic link';
  if (!st.isDirectory()) return 'is not a directory';
  if (st.uid !== deps.uid) return `is owned by uid ${st.uid}, another user`;
  if ((st.mode & 0o777) !== 0o700) return `has mode ${octal(st.mode)}, not 0700`;
  return undefined;
}

/**
 * The runtime dir (XDG_RUNTIME_DIR) for the daemon's socket and state. An unset XDG_RUNTIME_DIR or one that belongs to
 * another user (left over after su/sudo) is not a failure: /run/user/<uid> is used when it is ours, else a private 0700
 * directory below /tmp. Another user's directory is never touched.
 */
export async function planRuntimeDir(deps: CheckDeps): Promise<{ row: CheckRow; plan?: RuntimeDirPlan }> {
  const name = 'XDG_RUNTIME_DIR';
  const given = deps.env.XDG_RUNTIME_DIR;
  let why = 'XDG_RUNTIME_DIR is unset';
  if (given) {
    const problem = path.isAbsolute(given) ? await runtimeDirProblem(given, deps) : 'is not an absolute path';
    if (!problem) return { row: ok(name, `${given} (ours, 0700)`), plan: { path: given, create: false } };
    why = `XDG_RUNTIME_DIR=${given} ${problem}; not touched`;
  }
  const runUser = path.join(deps.runUserDir, String(deps.uid));
  if (!(await runtimeDirProblem(runUser, deps))) {
    return { row: ok(name, `${runUser} (${why})`), plan: { path: runUser, create: false } };
  }
  const priv = path.join(deps.tmpDir, `eda-oci-runtime-${deps.uid}`);
  const problem = await runtimeDirProblem(priv, deps);
  if (!problem) return { row: ok(name, `${priv} (private; ${why})`), plan: { path: priv, create: false } };
  if (problem === 'does not exist') {
    return { row: ok(name, `${priv} (private, created 0700; ${why})`), plan: { path: priv, create: true } };
  }
  return {
    row: fail(
      name,
      `${why}, and the private fallback ${priv} ${problem}`,
      `set XDG_RUNTIME_DIR to a 0700 directory owned by ${deps.username}, or as root: rm -rf ${priv}`,
    ),
  };
}

/**
 * data-root on a local file system (Docker's overlay storage does not work on NFS/CIFS/Lustre/GPFS...), owned by us
 * when it exists, else creatable: its nearest existing ancestor is writable and belongs to us or root.
 */
export async function checkDataRoot(dataRoot: string, deps: CheckDeps): Promise<CheckRow> {
  const name = 'data-root';
  const fixDir = `set data-root to a directory on a local disk owned by ${deps.username}, e.g. ${defaultDataRoot(deps.username)}`;
  let dir = dataRoot;
  let st: Stats | undefined;
  for (;;) {
    try {
      st = await stat(dir);
      break;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  if (!st) return fail(name, `no existing ancestor of ${dataRoot}`, fixDir);
  const exists = dir === dataRoot;
  if (exists) {
    if (!st.isDirectory()) return fail(name, `${dataRoot} exists and is not a directory`, fixDir);
    if (st.uid !== deps.uid) {
      return fail(
        name,
        `${dataRoot} is owned by uid ${st.uid}; the rootless daemon runs as ${deps.username} (uid ${deps.uid})`,
        `${fixDir}, or as root: chown -R ${deps.username} ${dataRoot}`,
      );
    }
  } else {
    if (!st.isDirectory()) return fail(name, `${dir} (an ancestor of ${dataRoot}) is not a directory`, fixDir);
    if (st.uid !== deps.uid && st.uid !== 0) {
      return fail(
        name,
        `${dir} (an ancestor of ${dataRoot}) is owned by uid ${st.uid}, another user who could tamper with the Docker storage`,
        fixDir,
      );
    }
  }
  let writable = modeAllows(st, deps, 3);
  if (writable && isSelf(deps))
    writable = await access(dir, constants.W_OK | constants.X_OK).then(
      () => true,
      () => false,
    );
  if (!writable) {
    return fail(name, `${dir} is not writable by ${deps.username} (mode ${octal(st.mode)}, owner uid ${st.uid})`, fixDir);
  }
  let type: number;
  try {
    type = (await deps.statfs(dir)).type >>> 0;
  } catch (err) {
    return fail(name, `cannot statfs ${dir}: ${(err as Error).message}`, fixDir);
  }
  const magic = `0x${type.toString(16)}`;
  const network = NETWORK_FS[type];
  if (network) {
    return fail(
      name,
      `${dataRoot} is on ${network} (statfs type ${magic}); Docker storage must be on a local file system`,
      `set data-root to a directory on a local disk, e.g. ${defaultDataRoot(deps.username)}`,
    );
  }
  const fsName = type === FUSE_MAGIC ? 'FUSE (make sure it is a local file system, not sshfs or similar)' : (LOCAL_FS[type] ?? magic);
  return ok(name, `${dataRoot} (${fsName}${exists ? '' : ', will be created'})`);
}

/** The daemon.json rootless dockerd reads: $XDG_CONFIG_HOME/docker or ~/.config/docker. */
export function daemonConfigFile(env: NodeJS.ProcessEnv, home: string): string {
  const base = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(base, 'docker', 'daemon.json');
}

/** HOME exists (dockerd-rootless.sh requires it) and an existing daemon.json is a JSON object without `hosts`. */
export async function checkDaemonConfig(
  deps: CheckDeps,
  dataRoot: string,
): Promise<{ row: CheckRow; file: string; home: string; config?: Record<string, unknown> }> {
  const name = 'daemon.json';
  const home = deps.env.HOME ?? '';
  const file = daemonConfigFile(deps.env, home || '/nonexistent');
  if (
    !home ||
    !path.isAbsolute(home) ||
    !(await stat(home).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    return {
      row: fail(name, `HOME '${home}' is not an existing directory`, `set HOME to the home directory of ${deps.username}`),
      file,
      home,
    };
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { row: ok(name, `${file} (will be created)`), file, home };
    return { row: fail(name, `cannot read ${file}: ${code}`, `as root: chown ${deps.username} ${file}`), file, home };
  }
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch (err) {
    return {
      row: fail(name, `${file} is not valid JSON: ${(err as Error).message}`, `fix the JSON syntax in ${file} or move it aside`),
      file,
      home,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { row: fail(name, `${file} is not a JSON object`, `make ${file} a JSON object ({...}) or move it aside`), file, home };
  }
  const config = parsed as Record<string, unknown>;
  if ('hosts' in config) {
    return {
      row: fail(
        name,
        `${file} sets "hosts"; setup-rootless-docker needs the daemon on its default socket in XDG_RUNTIME_DIR`,
        `remove "hosts" from ${file}`,
      ),
      file,
      home,
      config,
    };
  }
  const current = config['data-root'];
  const note = current !== undefined && current !== dataRoot ? `; data-root ${JSON.stringify(current)} will become ${dataRoot}` : '';
  return { row: ok(name, `${file}${note}`), file, home, config };
}

async function checkProgram(name: string, candidates: string[], dirs: string[], fix: string): Promise<{ row: CheckRow; found?: string }> {
  for (const c of candidates) {
    const found = await findExecutable(c, dirs);
    if (found) return { row: ok(name, found), found };
  }
  return { row: fail(name, `${candidates.join(' or ')} not found in ${dirs.join(':')}`, fix) };
}

/**
 * Runs every prerequisite check (none has a side effect) and returns the table, plus what the setup needs: the runtime
 * dir plan, the daemon's PATH, dockerd-rootless.sh and the daemon.json path and content.
 */
export async function runChecks(options: CheckOptions = {}, deps: CheckDeps = defaultCheckDeps()): Promise<CheckReport> {
  const dataRoot = validateDataRoot(options.dataRoot ?? defaultDataRoot(deps.username));
  const daemonPath = daemonSearchPath(deps.env.PATH, deps.systemDirs);
  const pathDirs = daemonPath.split(':');
  const pm = deps.packageManager;
  const runtime = await planRuntimeDir(deps);
  const config = await checkDaemonConfig(deps, dataRoot);
  const script = await checkProgram(
    'dockerd-rootless.sh',
    ['dockerd-rootless.sh'],
    [...pathDirs, ...deps.searchDirs],
    `${installFix('dockerd-rootless.sh', pm)}${pm === 'apt' || !pm ? ' (or docker-ce-rootless-extras from the Docker repository)' : ''}`,
  );
  const dockerCli = deps.env.EDA_OCI_DOCKER;
  const docker =
    dockerCli && path.isAbsolute(dockerCli)
      ? await checkProgram(
          'docker CLI',
          [path.basename(dockerCli)],
          [path.dirname(dockerCli)],
          `set EDA_OCI_DOCKER to an existing docker program`,
        )
      : await checkProgram('docker CLI', [dockerCli || 'docker'], pathDirs, installFix('docker', pm));
  const rows = [
    checkUser(deps),
    await checkSubIds('uid', deps),
    await checkSubIds('gid', deps),
    await checkIdMapper('newuidmap', deps),
    await checkIdMapper('newgidmap', deps),
    await checkUserNamespaces(deps),
    await checkTun(deps),
    runtime.row,
    await checkDataRoot(dataRoot, deps),
    config.row,
    script.row,
    (await checkProgram('dockerd', ['dockerd'], pathDirs, installFix('dockerd', pm))).row,
    (await checkProgram('rootlesskit', ['rootlesskit', 'docker-rootlesskit'], pathDirs, installFix('rootlesskit', pm))).row,
    (await checkProgram('slirp4netns', ['slirp4netns', 'vpnkit'], pathDirs, installFix('slirp4netns', pm))).row,
    docker.row,
  ];
  return {
    ok: rows.every((r) => r.ok),
    rows,
    dataRoot,
    runtimeDir: runtime.plan,
    daemonPath,
    dockerdRootless: script.found,
    configFile: config.file,
    existingConfig: config.config,
    home: config.home,
  };
}

/** The table as plain text: `ok`/`FAIL`, name, detail, and an indented `fix:` line under each failure. */
export function formatCheckTable(rows: CheckRow[]): string {
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  return rows
    .map((r) => `${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(width)}${r.detail}${r.ok ? '' : `\n      ${''.padEnd(width)}fix: ${r.fix}`}`)
    .join('\n');
}

/** Thrown when prerequisites fail: one line per failed check with its fix; `rows` is the whole table. */
export class PrerequisiteError extends ConfigurationError {
  override name = 'PrerequisiteError';
  constructor(readonly rows: CheckRow[]) {
    const user = rows.find((r) => r.name === 'user' && !r.ok);
    // Running as root makes every per-user check moot: report only that.
    const failed = user ? [user] : rows.filter((r) => !r.ok);
    const line = failed.map((r) => `${r.name}: ${r.detail}; fix: ${r.fix}`).join(' | ');
    super(
      failed.length === 1
        ? `rootless Docker prerequisite failed: ${line}`
        : `${failed.length} rootless Docker prerequisites failed: ${line}`,
    );
  }
}
