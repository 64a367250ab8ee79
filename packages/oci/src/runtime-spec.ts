// OCI runtime-spec config.json: the rootless base runc writes, image config applied, user overlay merged.
import { ConfigurationError, parseYamlText } from '@eda-oci/exec';

/** The subset of the OCI runtime spec that eda-oci reads or writes (other fields pass through untouched). */
export interface RuntimeSpec {
  ociVersion: string;
  process: {
    terminal: boolean;
    user: { uid: number; gid: number; additionalGids?: number[] };
    args: string[];
    env: string[];
    cwd: string;
    capabilities?: Record<string, string[]>;
    rlimits?: { type: string; hard: number; soft: number }[];
    noNewPrivileges?: boolean;
    [k: string]: unknown;
  };
  root: { path: string; readonly?: boolean };
  hostname?: string;
  mounts: Mount[];
  annotations?: Record<string, string>;
  linux: {
    uidMappings?: IdMapping[];
    gidMappings?: IdMapping[];
    namespaces: { type: string; path?: string }[];
    maskedPaths?: string[];
    readonlyPaths?: string[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** A mount entry of config.json. */
export interface Mount {
  destination: string;
  type?: string;
  source?: string;
  options?: string[];
}

/** One line of linux.uidMappings / gidMappings. */
export interface IdMapping {
  containerID: number;
  hostID: number;
  size: number;
}

const CAPS = ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'];

/**
 * The spec `runc spec --rootless` (runc 1.1) writes for a user with host ids `uid`/`gid`, field for field, except
 * that eda-oci sets `process.terminal` false: batch jobs and CI runners have no tty ("open /dev/tty" otherwise).
 */
export function rootlessBaseSpec(uid: number, gid: number): RuntimeSpec {
  return {
    ociVersion: '1.0.2-dev',
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args: ['sh'],
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm'],
      cwd: '/',
      capabilities: { bounding: [...CAPS], effective: [...CAPS], permitted: [...CAPS], ambient: [...CAPS] },
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
    },
    root: { path: 'rootfs', readonly: true },
    hostname: 'runc',
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
      {
        destination: '/dev/pts',
        type: 'devpts',
        source: 'devpts',
        options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620'],
      },
      { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
      { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
      { destination: '/sys', type: 'none', source: '/sys', options: ['rbind', 'nosuid', 'noexec', 'nodev', 'ro'] },
      { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['nosuid', 'noexec', 'nodev', 'relatime', 'ro'] },
    ],
    linux: {
      uidMappings: [{ containerID: 0, hostID: uid, size: 1 }],
      gidMappings: [{ containerID: 0, hostID: gid, size: 1 }],
      namespaces: [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'user' }],
      maskedPaths: [
        '/proc/acpi',
        '/proc/asound',
        '/proc/kcore',
        '/proc/keys',
        '/proc/latency_stats',
        '/proc/timer_list',
        '/proc/timer_stats',
        '/proc/sched_debug',
        '/sys/firmware',
        '/proc/scsi',
      ],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
  };
}

/** A subordinate id range from /etc/subuid or /etc/subgid. */
export interface SubIdRange {
  start: number;
  count: number;
}

/**
 * User-namespace mappings for running as host `uid`/`gid`: container root is the caller (as `runc spec --rootless`);
 * with a subordinate range, container ids 1..count map onto it (runc then uses newuidmap/newgidmap), which is what lets
 * an image's non-root USER exist inside the container.
 */
export function idMappings(hostId: number, sub: SubIdRange | undefined): IdMapping[] {
  const maps: IdMapping[] = [{ containerID: 0, hostID: hostId, size: 1 }];
  if (sub && sub.count > 0 && hostId !== 0) maps.push({ containerID: 1, hostID: sub.start, size: Math.min(sub.count, 65536) });
  // Root needs no subordinate range: it may map any host ids; identity keeps file ownership readable on the host.
  if (hostId === 0) maps[0]!.size = 65536;
  return maps;
}

/** The image configuration fields applied to the spec (from `docker image inspect`). */
export interface ImageRuntimeConfig {
  env: string[];
  entrypoint: string[];
  cmd: string[];
  workingDir: string;
  user: string;
}

/** A resolved process user: numeric ids inside the container. */
export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids: number[];
  /** Home directory from the image's /etc/passwd, used for HOME when the image sets none. */
  home?: string;
}

/**
 * Applies the image's Env (merged over runc's defaults, image wins), WorkingDir, resolved User (uid/gid) and Entrypoint+Cmd.
 * Mirrors what `docker run` would do: args = Entrypoint ++ Cmd; no args at all keeps runc's `sh` default.
 */
export function applyImageConfig(spec: RuntimeSpec, image: ImageRuntimeConfig, user: ResolvedUser): RuntimeSpec {
  const out = structuredClone(spec);
  out.process.env = mergeEnv(out.process.env, image.env);
  if (!out.process.env.some((e) => e.startsWith('HOME='))) out.process.env.push(`HOME=${user.home ?? '/'}`);
  if (image.workingDir) out.process.cwd = image.workingDir;
  const args = [...image.entrypoint, ...image.cmd];
  if (args.length > 0) out.process.args = args;
  // No additionalGids: runc 1.1 refuses them in rootless containers ("cannot set any additional groups in a
  // rootless container"), measured with runc 1.1.5 even with newgidmap ranges.
  out.process.user = { uid: user.uid, gid: user.gid };
  return out;
}

/** Merges KEY=value lists; later lists override earlier keys, order of first appearance kept. */
export function mergeEnv(base: readonly string[], over: readonly string[]): string[] {
  const map = new Map<string, string>();
  for (const e of [...base, ...over]) {
    const eq = e.indexOf('=');
    const key = eq < 0 ? e : e.slice(0, eq);
    map.set(key, e);
  }
  return [...map.values()];
}

/** The `config` input: a small, validated overlay onto config.json. */
export interface ConfigOverlay {
  env?: Record<string, string>;
  cwd?: string;
  args?: string[];
  hostname?: string;
  mounts?: Mount[];
  annotations?: Record<string, string>;
}

const OVERLAY_KEYS = ['env', 'cwd', 'args', 'hostname', 'mounts', 'annotations'];
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Validates the parsed `config` input (YAML/JSON object) into a ConfigOverlay; errors name the field. */
export function validateOverlay(value: unknown): ConfigOverlay {
  if (value === undefined || value === null) return {};
  const fix = 'config accepts only env (map), cwd (absolute path), args (list), hostname, mounts (list), annotations (map)';
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigurationError('config must be a YAML/JSON mapping', fix);
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) {
    if (!OVERLAY_KEYS.includes(k)) throw new ConfigurationError(`config has an unknown key '${k}'`, fix);
  }
  const out: ConfigOverlay = {};
  if (v.env !== undefined) out.env = stringMap(v.env, 'config.env', (k) => ENV_KEY.test(k), 'variable names are letters, digits and _');
  if (v.cwd !== undefined) {
    if (typeof v.cwd !== 'string' || !v.cwd.startsWith('/') || v.cwd.includes('\0')) {
      throw new ConfigurationError(
        `config.cwd must be an absolute path inside the container, got ${JSON.stringify(v.cwd)}`,
        'e.g. cwd: /work',
      );
    }
    out.cwd = v.cwd;
  }
  if (v.args !== undefined) {
    if (!Array.isArray(v.args) || v.args.length === 0 || !v.args.every((a) => typeof a === 'string' || typeof a === 'number')) {
      throw new ConfigurationError('config.args must be a non-empty list of strings', 'e.g. args: [/bin/sh, -c, "echo hi"]');
    }
    out.args = v.args.map(String);
  }
  if (v.hostname !== undefined) {
    if (typeof v.hostname !== 'string' || !HOSTNAME.test(v.hostname)) {
      throw new ConfigurationError(
        `config.hostname ${JSON.stringify(v.hostname)} is not a valid host name`,
        'use letters, digits and -, up to 63 characters',
      );
    }
    out.hostname = v.hostname;
  }
  if (v.mounts !== undefined) {
    if (!Array.isArray(v.mounts))
      throw new ConfigurationError(
        'config.mounts must be a list',
        'e.g. mounts: [{destination: /tools, type: none, source: /opt/tools, options: [rbind, ro]}]',
      );
    out.mounts = v.mounts.map((m, i) => validateMount(m, i));
  }
  if (v.annotations !== undefined)
    out.annotations = stringMap(v.annotations, 'config.annotations', (k) => k.length > 0 && k.length <= 253, 'keys are non-empty strings');
  return out;
}

function stringMap(v: unknown, where: string, keyOk: (k: string) => boolean, rule: string): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ConfigurationError(`${where} must be a mapping of names to values`, `e.g. ${where.split('.')[1]}: {KEY: value}`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!keyOk(k)) throw new ConfigurationError(`${where} has an invalid key '${k}'`, rule);
    if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
      throw new ConfigurationError(`${where}.${k} must be a string, got ${JSON.stringify(val)}`, 'quote the value');
    }
    if (String(val).includes('\0')) throw new ConfigurationError(`${where}.${k} contains a NUL byte`, 'remove it');
    out[k] = String(val);
  }
  return out;
}

function validateMount(m: unknown, i: number): Mount {
  const where = `config.mounts[${i}]`;
  if (typeof m !== 'object' || m === null || Array.isArray(m))
    throw new ConfigurationError(`${where} must be a mapping`, 'give destination, and optionally type, source, options');
  const r = m as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!['destination', 'type', 'source', 'options'].includes(k))
      throw new ConfigurationError(`${where} has an unknown key '${k}'`, 'allowed: destination, type, source, options');
  }
  if (typeof r.destination !== 'string' || !r.destination.startsWith('/')) {
    throw new ConfigurationError(`${where}.destination must be an absolute path inside the container`, 'e.g. destination: /tools');
  }
  const out: Mount = { destination: r.destination };
  if (r.type !== undefined) {
    if (typeof r.type !== 'string' || !/^[a-z0-9_.-]+$/.test(r.type))
      throw new ConfigurationError(`${where}.type is not a file system type`, 'e.g. type: none (bind), tmpfs');
    out.type = r.type;
  }
  if (r.source !== undefined) {
    if (typeof r.source !== 'string' || r.source === '')
      throw new ConfigurationError(`${where}.source must be a path or a file system name`, 'e.g. source: /opt/tools');
    out.source = r.source;
  }
  if (r.options !== undefined) {
    if (!Array.isArray(r.options) || !r.options.every((o) => typeof o === 'string'))
      throw new ConfigurationError(`${where}.options must be a list of strings`, 'e.g. options: [rbind, ro]');
    out.options = r.options as string[];
  }
  return out;
}

/** Merges a validated overlay into a spec: env keys override, mounts append (same destination replaced). */
export function applyOverlay(spec: RuntimeSpec, overlay: ConfigOverlay): RuntimeSpec {
  const out = structuredClone(spec);
  if (overlay.env)
    out.process.env = mergeEnv(
      out.process.env,
      Object.entries(overlay.env).map(([k, v]) => `${k}=${v}`),
    );
  if (overlay.cwd) out.process.cwd = overlay.cwd;
  if (overlay.args) out.process.args = [...overlay.args];
  if (overlay.hostname) out.hostname = overlay.hostname;
  if (overlay.mounts) {
    const dests = new Set(overlay.mounts.map((m) => m.destination));
    out.mounts = [...out.mounts.filter((m) => !dests.has(m.destination)), ...overlay.mounts];
  }
  if (overlay.annotations) out.annotations = { ...(out.annotations ?? {}), ...overlay.annotations };
  return out;
}

/** Serializes a spec the way eda-oci writes it (stable key order as built, tab indent like runc). */
export function serializeSpec(spec: RuntimeSpec): string {
  return `${JSON.stringify(spec, null, '\t')}\n`;
}

/** Parses `config` text (YAML or JSON) and validates it; syntax errors name the line. */
export function parseConfigOverlay(text: string | undefined): ConfigOverlay {
  if (text === undefined || text.trim() === '') return {};
  return validateOverlay(parseYamlText(text, 'config', 'fix the YAML/JSON syntax'));
}
