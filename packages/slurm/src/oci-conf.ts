// oci.conf per Slurm release: the keys and pattern characters each version accepts, a generator wired to the eda-oci
// runtime shim, and a linter that finds what breaks container steps on that version before a user hits it.
//
// Sources: the oci.conf(5) man pages and NEWS of each release (SchedMD/slurm), and tests on Slurm 22.05.8 here:
// - 21.08/22.05 know only ContainerPath, CreateEnvFile (boolean) and the six RunTime* keys; any other key is a parse
//   error that fails every container step; %U is fatal ("unexpected replacement character: U").
// - 22.05 needs RunTimeQuery, RunTimeKill and RunTimeDelete besides RunTimeRun (or Create+Start) and rejects the file
//   otherwise; 23.02 dropped the RunTimeQuery requirement.
// - 23.02 added DisableHooks, EnvExclude, RunTimeEnvExclude, MountSpoolDir (default /var/run/slurm/), SrunPath,
//   SrunArgs, DisableCleanup, StdIODebug, SyslogDebug, FileDebug, DebugFlags, IgnoreFileConfigJson, CreateEnvFile
//   values null|newline|disabled, and the patterns %m, %p, %U.
// - 25.05 changed the MountSpoolDir default to the ContainerPath (the host spool path, mounted at the same path).
// - 26.05 added %Z (the step's original working directory).
// - RunTimeCreate + RunTimeStart left `runc init` hanging with runc 1.1.5 on 22.05; RunTimeRun works.
import { ConfigurationError } from '@eda-oci/exec';

/** Where setup puts the runtime shim on compute nodes (the generator's default). */
export const DEFAULT_SHIM_PATH = '/usr/local/libexec/eda-oci/oci-runtime-shim';
/** Per-user runc state root: below /tmp, which exists on every node, unlike /run/user/UID (login sessions only). */
export const DEFAULT_STATE_ROOT = '/tmp/eda-oci-runc-%u';
/** The container id pattern of the Slurm documentation: unique per node, user, job, step and task. */
export const CONTAINER_ID_PATTERN = '%n.%u.%j.%s.%t';

type KeyType = 'pattern' | 'boolean' | 'string' | 'regex' | 'list' | 'createEnvFile';

/** What one Slurm release accepts in oci.conf. */
export interface OciConfRelease {
  /** Major release, e.g. "22.05". */
  version: string;
  /** Accepted keys (canonical spelling; Slurm compares case-insensitively) and their value kind. */
  keys: Readonly<Record<string, KeyType>>;
  /** Pattern characters after '%' (besides '%'). */
  patterns: string;
  /** RunTimeQuery is required alongside RunTimeRun (22.05 and older). */
  runNeedsQuery: boolean;
  /** Default of MountSpoolDir, when the key exists. */
  mountSpoolDirDefault?: string;
}

const KEYS_2108: Record<string, KeyType> = {
  ContainerPath: 'pattern',
  CreateEnvFile: 'boolean',
  RunTimeCreate: 'pattern',
  RunTimeDelete: 'pattern',
  RunTimeKill: 'pattern',
  RunTimeQuery: 'pattern',
  RunTimeRun: 'pattern',
  RunTimeStart: 'pattern',
};
const KEYS_2302: Record<string, KeyType> = {
  ...KEYS_2108,
  CreateEnvFile: 'createEnvFile',
  DebugFlags: 'string',
  DisableCleanup: 'boolean',
  DisableHooks: 'string',
  EnvExclude: 'regex',
  FileDebug: 'string',
  IgnoreFileConfigJson: 'boolean',
  MountSpoolDir: 'pattern',
  RunTimeEnvExclude: 'regex',
  SrunArgs: 'list',
  SrunPath: 'string',
  StdIODebug: 'string',
  SyslogDebug: 'string',
};
const P_2108 = '@bejnrstu';
const P_2302 = `${P_2108}mpU`;

/** The releases eda-oci knows, oldest first. */
export const OCI_CONF_RELEASES: readonly OciConfRelease[] = [
  { version: '21.08', keys: KEYS_2108, patterns: P_2108, runNeedsQuery: true },
  { version: '22.05', keys: KEYS_2108, patterns: P_2108, runNeedsQuery: true },
  ...['23.02', '23.11', '24.05', '24.11'].map((version) => ({
    version,
    keys: KEYS_2302,
    patterns: P_2302,
    runNeedsQuery: false,
    mountSpoolDirDefault: '/var/run/slurm/',
  })),
  ...['25.05', '25.11'].map((version) => ({
    version,
    keys: KEYS_2302,
    patterns: P_2302,
    runNeedsQuery: false,
    mountSpoolDirDefault: '(the ContainerPath)',
  })),
  { version: '26.05', keys: KEYS_2302, patterns: `${P_2302}Z`, runNeedsQuery: false, mountSpoolDirDefault: '(the ContainerPath)' },
];

const PATTERN_SINCE: Record<string, string> = { m: '23.02', p: '23.02', U: '23.02', Z: '26.05' };

function versionNumber(v: string): number {
  const [a, b] = v.split('.').map(Number);
  return a! * 100 + b!;
}

/**
 * The table for a Slurm version ("22.05", "22.05.8", "slurm 23.11.4"). A release newer than the newest known uses the
 * newest table (`approximate` true); anything older than 21.08 (no container support) is a ConfigurationError.
 */
export function ociConfRelease(version: string): OciConfRelease & { approximate: boolean } {
  const m = /(\d{2})\.(\d{2})/.exec(version);
  if (!m) {
    throw new ConfigurationError(
      `Slurm version '${version}' is not a release number`,
      `give the major release like 22.05 or 23.11 (see 'scontrol --version')`,
    );
  }
  const want = `${m[1]}.${m[2]}`;
  const exact = OCI_CONF_RELEASES.find((r) => r.version === want);
  if (exact) return { ...exact, approximate: false };
  const n = versionNumber(want);
  const newest = OCI_CONF_RELEASES[OCI_CONF_RELEASES.length - 1]!;
  if (n > versionNumber(newest.version)) return { ...newest, approximate: true };
  if (n < versionNumber(OCI_CONF_RELEASES[0]!.version)) {
    throw new ConfigurationError(`Slurm ${want} has no container support (oci.conf arrived in 21.08)`, 'upgrade Slurm to 21.08 or newer');
  }
  // A release between known ones (e.g. a renumbered one): the newest known release not after it.
  const before = [...OCI_CONF_RELEASES].reverse().find((r) => versionNumber(r.version) <= n)!;
  return { ...before, approximate: true };
}

/** Options of {@link generateOciConf}. */
export interface GenerateOciConfOptions {
  /** Slurm release the file is for, e.g. "22.05" or "23.11.4". */
  slurmVersion: string;
  /** Absolute path of the eda-oci runtime shim on compute nodes. */
  shimPath?: string;
  /** runc on compute nodes (absolute path or a name on slurmstepd's PATH). */
  runcPath?: string;
  /** Per-user runc state root; must contain %u (or %U from 23.02) and must not be below /run/user. */
  stateRoot?: string;
}

// Only what a shell word may contain unquoted in oci.conf: slurmstepd runs every RunTime* line with /bin/sh -c.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

function checkWord(what: string, value: string, absolute: boolean): void {
  if (!SAFE_WORD.test(value) || (absolute && !value.startsWith('/'))) {
    throw new ConfigurationError(
      `${what} '${value}' is not ${absolute ? 'an absolute path' : 'a path'} of plain characters`,
      `use letters, digits and / . _ - (slurmstepd runs the RunTime* lines through /bin/sh)`,
    );
  }
}

/**
 * An oci.conf that works on `slurmVersion`: run mode through the eda-oci runtime shim (shared bundles run for every
 * user), a per-user runc root that exists without a login session, and EnvExclude where the release has it.
 */
export function generateOciConf(options: GenerateOciConfOptions): string {
  const rel = ociConfRelease(options.slurmVersion);
  const shim = options.shimPath ?? DEFAULT_SHIM_PATH;
  const runc = options.runcPath ?? 'runc';
  const root = options.stateRoot ?? DEFAULT_STATE_ROOT;
  checkWord('shim path', shim, true);
  checkWord('runc path', runc, false);
  checkWord('state root', root, true);
  const rootProblem = stateRootProblem(root, rel);
  if (rootProblem) throw new ConfigurationError(`state root '${root}': ${rootProblem.message}`, rootProblem.hint);
  const id = CONTAINER_ID_PATTERN;
  const g = `--rootless=true --root=${root}`;
  const lines = [
    `# oci.conf for Slurm ${rel.version}${rel.approximate ? ` (tables of ${rel.version}, the closest release eda-oci knows)` : ''}, generated by eda-oci oci-conf.`,
    `# Check an edited copy with: eda-oci oci-conf --slurm-version ${rel.version} --check /etc/slurm/oci.conf`,
    '# RunTimeRun goes through the eda-oci runtime shim: it maps container root to the calling user, so one shared',
    '# bundle runs for every user (runc alone fails for all but the builder: "fchown fd 7: operation not permitted").',
    '# The shim also answers RunTimeQuery for a container that is gone with a "stopped" state (runc prints an error',
    '# that slurmstepd would log into every job). RunTimeKill goes through the shim too: the container process is PID 1',
    '# of its namespace and ignores SIGTERM without a handler, so the shim sends SIGKILL when the container still runs',
    '# after the grace period (else scancel left it running and slurmstepd drained the node). Delete calls runc.',
    `# runc state lives below ${root}: /run/user/<uid> exists only during a login session, not in batch jobs.`,
    '# Run mode only: RunTimeCreate/RunTimeStart left "runc init" hanging (Slurm 22.05, runc 1.1.5).',
  ];
  if (versionNumber(rel.version) >= 2302) {
    lines.push(
      '# The step spool directory is mounted at /dev/slurm: /dev is a fresh tmpfs in every container, so runc can create',
      '# the mount point even for users who cannot write the shared (read-only) rootfs.',
      'MountSpoolDir="/dev/slurm"',
      '# The host paths of the Slurm configuration mean nothing inside the container.',
      'EnvExclude="^(SLURM_CONF|SLURM_CONF_SERVER)="',
      'RunTimeEnvExclude="^(SLURM_CONF|SLURM_CONF_SERVER)="',
    );
  }
  lines.push(
    `RunTimeQuery="${shim} --runc=${runc} ${g} state ${id}"`,
    `RunTimeKill="${shim} --runc=${runc} ${g} kill -a ${id}"`,
    `RunTimeDelete="${runc} ${g} delete --force ${id}"`,
    `RunTimeRun="${shim} --runc=${runc} ${g} run ${id} -b %b"`,
  );
  return `${lines.join('\n')}\n`;
}

/** One finding of {@link checkOciConf}. */
export interface OciConfIssue {
  severity: 'error' | 'warning';
  /** 1-based line, 0 for the file as a whole. */
  line: number;
  key?: string;
  message: string;
  hint: string;
}

/** Result of {@link checkOciConf}: `ok` when there are no errors. */
export interface OciConfCheck {
  version: string;
  approximate: boolean;
  ok: boolean;
  issues: OciConfIssue[];
  /** Parsed key -> value (last one wins; canonical key spelling where known). */
  values: Record<string, string>;
}

/** Why a runtime root pattern fails on compute nodes, or undefined when it is fine. */
function stateRootProblem(root: string, rel: OciConfRelease): { message: string; hint: string } | undefined {
  if (/^\/run\/user(\/|$)/.test(root)) {
    return {
      message: 'is below /run/user, which exists only while the user has a login session (not for batch jobs on compute nodes)',
      hint: `use a per-user directory that always exists, e.g. --root=${DEFAULT_STATE_ROOT}`,
    };
  }
  if (!root.includes('%u') && !(root.includes('%U') && rel.patterns.includes('U'))) {
    return {
      message: 'is not per user (no %u), so users share one runc state directory',
      hint: `put %u in it, e.g. --root=${DEFAULT_STATE_ROOT}`,
    };
  }
  return undefined;
}

/** Splits one oci.conf line into key and value; undefined for blank/comment lines; null when malformed. */
function parseLine(raw: string): { key: string; value: string } | undefined | null {
  let line = raw;
  // '#' starts a comment outside quotes.
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQuote = !inQuote;
    else if (line[i] === '#' && !inQuote) {
      line = line.slice(0, i);
      break;
    }
  }
  line = line.trim();
  if (!line) return undefined;
  const m = /^([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*)$/.exec(line);
  if (!m) return null;
  let value = m[2]!.trim();
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2) return null;
    value = value.slice(1, -1);
  }
  return { key: m[1]!, value };
}

/** Words of a shell-like command line (enough for option scanning; quotes removed, no expansion). */
function words(command: string): string[] {
  return command.match(/'[^']*'|"[^"]*"|\S+/g)?.map((w) => w.replace(/^['"]|['"]$/g, '')) ?? [];
}

/** The value of runc's global --root option in a runtime command, '' when absent. */
function rootOption(command: string): string {
  const w = words(command);
  for (let i = 0; i < w.length; i++) {
    if (w[i] === '--root') return w[i + 1] ?? '';
    if (w[i]!.startsWith('--root=')) return w[i]!.slice('--root='.length);
  }
  return '';
}

const RUNTIME_KEYS = ['RunTimeRun', 'RunTimeQuery', 'RunTimeKill', 'RunTimeDelete', 'RunTimeCreate', 'RunTimeStart'];

/**
 * Lints an oci.conf for a Slurm release: unknown keys (a parse error that fails every container step), unknown or
 * too-new pattern characters (fatal), bad booleans/enums, missing or conflicting RunTime* keys, create/start mode,
 * runc state roots that do not exist on compute nodes, and RunTimeRun without the eda-oci shim.
 */
export function checkOciConf(text: string, slurmVersion: string): OciConfCheck {
  const rel = ociConfRelease(slurmVersion);
  const issues: OciConfIssue[] = [];
  const values: Record<string, string> = {};
  const lineOf: Record<string, number> = {};
  const canonical = new Map(Object.keys(rel.keys).map((k) => [k.toLowerCase(), k]));
  const allKnown = new Map(Object.keys(KEYS_2302).map((k) => [k.toLowerCase(), k]));
  const err = (line: number, message: string, hint: string, key?: string): void => {
    issues.push({ severity: 'error', line, key, message, hint });
  };
  const warn = (line: number, message: string, hint: string, key?: string): void => {
    issues.push({ severity: 'warning', line, key, message, hint });
  };

  text.split('\n').forEach((raw, idx) => {
    const n = idx + 1;
    const parsed = parseLine(raw);
    if (parsed === undefined) return;
    if (parsed === null) {
      err(n, `cannot parse '${raw.trim()}'`, 'write Key=Value or Key="value with spaces"');
      return;
    }
    const key = canonical.get(parsed.key.toLowerCase());
    if (!key) {
      const later = allKnown.get(parsed.key.toLowerCase());
      err(
        n,
        later
          ? `${later} is not known to Slurm ${rel.version}: a parse error that fails every container step`
          : `unknown key ${parsed.key} for Slurm ${rel.version}: a parse error that fails every container step`,
        later ? `remove it (it exists from Slurm 23.02)` : `remove it or fix its spelling`,
        parsed.key,
      );
      return;
    }
    if (key in values && rel.keys[key] !== 'list') {
      warn(n, `${key} is set again (line ${lineOf[key]} is overridden)`, 'keep one', key);
    }
    values[key] = parsed.value;
    lineOf[key] = n;
    checkValue(rel, key, parsed.value, n, err, warn);
  });

  const has = (k: string): boolean => values[k] !== undefined && values[k] !== '';
  if (!RUNTIME_KEYS.some(has)) {
    err(0, 'no RunTime* command is set: Slurm rejects the file and --container is ignored', 'set RunTimeRun, RunTimeKill, RunTimeDelete');
  } else if (has('RunTimeRun')) {
    if (has('RunTimeCreate') || has('RunTimeStart')) {
      err(
        lineOf.RunTimeCreate ?? lineOf.RunTimeStart ?? 0,
        'RunTimeRun and RunTimeCreate/RunTimeStart are mutually exclusive',
        'remove RunTimeCreate and RunTimeStart',
      );
    }
    const needed = rel.runNeedsQuery ? ['RunTimeQuery', 'RunTimeKill', 'RunTimeDelete'] : ['RunTimeKill', 'RunTimeDelete'];
    for (const k of needed.filter((k) => !has(k))) {
      err(0, `${k} is missing: Slurm ${rel.version} requires it with RunTimeRun`, `add ${k} (see eda-oci oci-conf)`, k);
    }
  } else {
    err(
      lineOf.RunTimeCreate ?? lineOf.RunTimeStart ?? 0,
      'RunTimeCreate/RunTimeStart without RunTimeRun: with runc this left "runc init" hanging (Slurm 22.05, runc 1.1.5)',
      'use RunTimeRun="... run %n.%u.%j.%s.%t -b %b" instead',
    );
  }
  if (values.IgnoreFileConfigJson && /^(true|yes|1)$/i.test(values.IgnoreFileConfigJson) && has('RunTimeStart')) {
    err(lineOf.IgnoreFileConfigJson!, 'IgnoreFileConfigJson=true and RunTimeStart are mutually exclusive (slurmstepd exits)', 'remove one');
  }

  // runc state roots: present, per user, outside /run/user, the same in every command.
  const roots = new Map<string, string>();
  for (const k of RUNTIME_KEYS.filter(has)) {
    const cmd = values[k]!;
    if (!/\brunc\b|oci-runtime-shim/.test(cmd)) continue;
    const root = rootOption(cmd);
    if (!root) {
      err(
        lineOf[k]!,
        `${k} runs runc without --root: its default $XDG_RUNTIME_DIR/runc does not exist on compute nodes without a login session`,
        `add --root=${DEFAULT_STATE_ROOT} to every RunTime* command`,
        k,
      );
      continue;
    }
    roots.set(k, root);
    const problem = stateRootProblem(root, rel);
    if (problem) err(lineOf[k]!, `${k}: --root=${root} ${problem.message}`, problem.hint, k);
  }
  if (new Set(roots.values()).size > 1) {
    err(0, `the RunTime* commands use different runc roots (${[...new Set(roots.values())].join(', ')})`, 'use one --root in all of them');
  }
  if (has('RunTimeKill') && !/oci-runtime-shim/.test(values.RunTimeKill!)) {
    warn(
      lineOf.RunTimeKill!,
      'RunTimeKill does not go through the eda-oci runtime shim: runc kill sends SIGTERM, which a container process without a handler ignores (it is PID 1), so scancel leaves it running and slurmstepd drains the node ("Kill task failed")',
      'use the RunTimeKill line of eda-oci oci-conf',
      'RunTimeKill',
    );
  }
  if (has('RunTimeRun')) {
    const run = values.RunTimeRun!;
    if (!/oci-runtime-shim/.test(run)) {
      warn(
        lineOf.RunTimeRun!,
        'RunTimeRun does not go through the eda-oci runtime shim: a shared bundle runs only for the user who built it (others get "fchown fd 7: operation not permitted")',
        'use the RunTimeRun line of eda-oci oci-conf',
        'RunTimeRun',
      );
    }
    if (!/%b/.test(run)) err(lineOf.RunTimeRun!, 'RunTimeRun does not pass the bundle (%b)', 'end it with "-b %b"', 'RunTimeRun');
    if (/\brunc\b/.test(run) && !/--rootless[= ]true/.test(run)) {
      warn(
        lineOf.RunTimeRun!,
        'RunTimeRun runs runc without --rootless=true',
        'add --rootless=true (jobs run as the user, not root)',
        'RunTimeRun',
      );
    }
  }
  if (rel.keys.EnvExclude && !has('EnvExclude')) {
    warn(
      0,
      `EnvExclude is not set: SLURM_CONF and SLURM_CONF_SERVER (host paths) reach the container`,
      'add EnvExclude="^(SLURM_CONF|SLURM_CONF_SERVER)="',
    );
  }
  if (rel.approximate) {
    warn(
      0,
      `Slurm ${slurmVersion} is not in eda-oci's tables; checked against ${rel.version}`,
      'check the oci.conf man page of your release',
    );
  }
  return { version: rel.version, approximate: rel.approximate, ok: !issues.some((i) => i.severity === 'error'), issues, values };
}

function checkValue(
  rel: OciConfRelease,
  key: string,
  value: string,
  line: number,
  err: (l: number, m: string, h: string, k?: string) => void,
  warn: (l: number, m: string, h: string, k?: string) => void,
): void {
  const type = rel.keys[key]!;
  if (type === 'boolean' && !/^(true|false|yes|no|1|0)$/i.test(value)) {
    err(line, `${key}=${value} is not a boolean`, 'use true or false', key);
  }
  if (type === 'createEnvFile' && !/^(null|newline|disabled|true|false)$/i.test(value)) {
    err(line, `CreateEnvFile=${value} is not one of null, newline, disabled (or true/false)`, 'use null, newline or disabled', key);
  }
  if (type === 'regex') {
    try {
      new RegExp(value);
    } catch {
      err(line, `${key} is not a valid regular expression: ${value}`, 'fix the extended regular expression', key);
    }
  }
  if (type !== 'pattern') return;
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== '%') continue;
    const c = value[i + 1];
    i++;
    if (c === '%') continue;
    if (c === undefined) {
      err(line, `${key} ends with a lone %`, 'write %% for a literal %', key);
    } else if (!rel.patterns.includes(c)) {
      const since = PATTERN_SINCE[c];
      err(
        line,
        since
          ? `${key} uses %${c}, which Slurm ${rel.version} does not know (from ${since}): slurmstepd fails with "unexpected replacement character: ${c}"`
          : `${key} uses %${c}, which no Slurm release knows: slurmstepd fails with "unexpected replacement character: ${c}"`,
        c === 'U' ? 'use %u (user name) instead of %U' : `remove %${c} (write %% for a literal %)`,
        key,
      );
    } else if (c === 'p' && key !== 'RunTimeKill' && key !== 'RunTimeDelete') {
      warn(line, `${key} uses %p, which Slurm replaces only in RunTimeKill and RunTimeDelete`, 'remove %p here', key);
    }
  }
}

/** Parses `scontrol --version` / `sinfo -V` output ("slurm 22.05.8") into "22.05.8". */
export function parseSlurmVersionOutput(text: string): string {
  const m = /slurm(?:-wlm)?\s+(\d+\.\d+(?:\.\d+)?)/i.exec(text);
  if (!m) throw new ConfigurationError(`cannot read the Slurm version from '${text.trim()}'`, 'pass --slurm-version, e.g. 22.05');
  return m[1]!;
}
