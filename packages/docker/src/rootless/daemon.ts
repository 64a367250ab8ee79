// Rootless dockerd of the current user: checks, daemon.json merge, start (or reuse a running one), wait until healthy, stop.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, link, lstat, mkdir, open, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  CancelledError,
  ConfigurationError,
  EdaOciError,
  procInfo,
  sessionProcesses,
  silentLogger,
  startDetached,
  type Logger,
} from '@eda-oci/exec';
import { defaultCheckDeps, PrerequisiteError, runChecks, type CheckDeps, type CheckRow } from './checks.js';

/** What identifies a daemon this run started, saved for the post step (pid plus start time: pids get reused). */
export interface DaemonState {
  /** The process started (dockerd-rootless.sh, which becomes rootlesskit); leader of its own session. */
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  startTime: number;
  runtimeDir: string;
  socket: string;
}

/** Options of {@link setupRootlessDocker}. */
export interface SetupOptions {
  /** Docker's data-root, written to daemon.json; default /var/tmp/<user>/containers/storage. */
  dataRoot?: string;
  /** Merged into daemon.json over the user's keys (keys not named stay as they are). */
  daemonConfig?: Record<string, unknown>;
  /** Start the daemon when none is running (default true); false only checks and writes daemon.json. */
  start?: boolean;
  /** How long to wait for the started daemon to answer (default 60). */
  waitSeconds?: number;
  /** The daemon should outlive the CI job: it is started without the runner's RUNNER_TRACKING_ID (orphan clean-up). */
  keepRunning?: boolean;
  /** Aborting stops a daemon this call started and rejects with CancelledError. */
  signal?: AbortSignal;
  /** Called right after the daemon process exists, before waiting (save it for a post step). */
  onStarted?: (state: DaemonState) => void;
}

/** Injectable parts (tests). */
export interface SetupDeps {
  checks?: CheckDeps;
  logger?: Logger;
  now?: () => Date;
}

/** What {@link setupRootlessDocker} did. */
export interface SetupResult {
  /** unix://<runtime dir>/docker.sock */
  dockerHost: string;
  /** The daemon's data-root (of a reused daemon: what it actually uses). */
  dataRoot: string;
  /** True when this call started the daemon; false when a healthy one was reused (or start was false). */
  started: boolean;
  /** Pid of the started daemon's session leader. */
  pid?: number;
  logFile?: string;
  checks: CheckRow[];
  runtimeDir: string;
  daemonJson: { file: string; changed: boolean; backup?: string };
  state?: DaemonState;
  serverVersion?: string;
  warnings: string[];
  startMs?: number;
}

/** The parts of the Engine API's /info the setup looks at. */
export interface DaemonInfo {
  rootless: boolean;
  dockerRootDir: string;
  serverVersion: string;
}

const LOCK_NAME = 'eda-oci-setup-rootless-docker.lock';
const LOG_NAME = 'eda-oci-dockerd-rootless.log';
/** Environment passed through to the daemon (proxies for pulls, rootlesskit knobs); everything else is dropped. */
const PASS_ENV = /^(XDG_CONFIG_HOME|DOCKERD_ROOTLESS_[A-Z0-9_]+|HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy|TZ|LANG|LC_ALL)$/;

/** Parses the daemon-config input: a JSON object; `hosts` is refused (the daemon must stay on its default socket). */
export function parseDaemonConfig(text: string | undefined, where = 'daemon-config'): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigurationError(`${where} is not valid JSON: ${(err as Error).message}`, `give a JSON object, e.g. {"log-level": "warn"}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError(`${where} is not a JSON object`, `give a JSON object, e.g. {"log-level": "warn"}`);
  }
  if ('hosts' in value) {
    throw new ConfigurationError(`${where} sets "hosts"`, 'remove it: the rootless daemon listens on unix://$XDG_RUNTIME_DIR/docker.sock');
  }
  return value as Record<string, unknown>;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * daemon.json content: the user's keys, then `overlay` on top, then data-root. `changed` is false when the file already
 * says the same (it is then left alone, formatting included).
 */
export function mergeDaemonConfig(
  existing: Record<string, unknown> | undefined,
  overlay: Record<string, unknown>,
  dataRoot: string,
): { config: Record<string, unknown>; changed: boolean } {
  if (overlay['data-root'] !== undefined && overlay['data-root'] !== dataRoot) {
    throw new ConfigurationError(
      `daemon-config sets data-root ${JSON.stringify(overlay['data-root'])}, which differs from data-root ${dataRoot}`,
      'set the data-root input instead',
    );
  }
  const config = { ...existing, ...overlay, 'data-root': dataRoot };
  return { config, changed: existing === undefined || canonical(existing) !== canonical(config) };
}

/**
 * Writes daemon.json atomically (temp file in the same directory, fsync, rename) after copying the previous file to
 * `<file>.eda-oci-backup-<time>`. A symlinked daemon.json (dotfile managers) is written through to its target.
 */
export async function writeDaemonJson(file: string, config: Record<string, unknown>, now: Date = new Date()): Promise<{ backup?: string }> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let target = file;
  let mode = 0o644;
  let backup: string | undefined;
  const st = await lstat(file).catch(() => undefined);
  if (st) {
    target = st.isSymbolicLink() ? await realpath(file) : file;
    mode = (await lstat(target)).mode & 0o777;
    backup = `${target}.eda-oci-backup-${now.toISOString().replace(/[-:.]/g, '')}`;
    await copyFile(target, backup, constants.COPYFILE_EXCL);
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(`${JSON.stringify(config, null, 2)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return { backup };
}

/** GET /info on a daemon's unix socket; undefined when nothing answers (no socket, refused, timeout, not Docker). */
export function probeDaemon(socket: string, timeoutMs = 3000): Promise<DaemonInfo | undefined> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: socket, path: '/info', headers: { Host: 'docker' }, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('error', () => resolve(undefined));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(undefined);
        try {
          const info = JSON.parse(body) as { SecurityOptions?: string[]; DockerRootDir?: string; ServerVersion?: string };
          resolve({
            rootless: (info.SecurityOptions ?? []).some((s) => s.split(',').includes('name=rootless')),
            dockerRootDir: info.DockerRootDir ?? '',
            serverVersion: info.ServerVersion ?? '',
          });
        } catch {
          resolve(undefined);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError('rootless Docker setup was cancelled'));
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new CancelledError('rootless Docker setup was cancelled'));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The holder recorded in a lock file is alive (same pid and start time). */
function holderAlive(text: string): { alive: boolean; pid?: number } {
  try {
    const h = JSON.parse(text) as { pid?: number; startTime?: number };
    if (typeof h.pid !== 'number') return { alive: false };
    const p = procInfo(h.pid);
    return { alive: Boolean(p && !p.zombie && (h.startTime === undefined || p.startTime === h.startTime)), pid: h.pid };
  } catch {
    return { alive: false };
  }
}

/**
 * Serializes setups of one user: an O_EXCL lock file with our pid and start time in the runtime dir. A lock whose
 * holder is dead is taken over (re-read just before removal, so a lock a third run just took is not removed).
 * Resolves with the release function.
 */
export async function acquireSetupLock(
  dir: string,
  opts: { signal?: AbortSignal; timeoutMs: number; logger?: Logger },
): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_NAME);
  const me = JSON.stringify({ pid: process.pid, startTime: procInfo(process.pid)?.startTime, host: os.hostname() });
  const deadline = Date.now() + opts.timeoutMs;
  let announced = false;
  for (;;) {
    // The lock appears with its content (written to a temp file, then hard-linked into place; link fails when the lock
    // exists): an O_EXCL create followed by a write would show other runs an empty lock they could take for stale.
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
    await writeFile(tmp, me, { mode: 0o600 });
    try {
      await link(tmp, file);
      return async () => {
        if ((await readFile(file, 'utf8').catch(() => '')) === me) await unlink(file).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const holder = holderAlive(text);
    if (!holder.alive) {
      if ((await readFile(file, 'utf8').catch(() => undefined)) === text) {
        opts.logger?.info(`taking over the setup lock ${file} of a run that is gone${holder.pid ? ` (pid ${holder.pid})` : ''}`);
        await unlink(file).catch(() => undefined);
      }
      continue;
    }
    if (!announced) {
      opts.logger?.info(`waiting for another setup-rootless-docker run of this user (pid ${holder.pid}, lock ${file})`);
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new EdaOciError(
        `another setup-rootless-docker run of this user (pid ${holder.pid}) still holds ${file} after ${Math.round(opts.timeoutMs / 1000)} s`,
        `wait for it to finish, or stop pid ${holder.pid}`,
      );
    }
    await sleep(200, opts.signal);
  }
}

/** Creates the private runtime dir (0700) or verifies an existing one is ours and a real directory. */
export async function ensureRuntimeDir(dir: string, uid: number): Promise<void> {
  await mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err;
  });
  const st = await lstat(dir);
  if (!st.isDirectory() || st.uid !== uid) {
    throw new ConfigurationError(`runtime dir ${dir} is not a directory owned by uid ${uid}`, `as root: rm -rf ${dir}`);
  }
  if ((st.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}

/** The daemon answers on `socket`, which belongs to `uid` (another user's socket is never reused). */
async function probeOwnDaemon(socket: string, uid: number): Promise<DaemonInfo | undefined> {
  const st = await lstat(socket).catch(() => undefined);
  if (!st || !st.isSocket() || st.uid !== uid) return undefined;
  return probeDaemon(socket);
}

/** The last lines of a log file (empty when unreadable). */
export async function logTail(file: string, lines = 200): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((l, i, a) => l !== '' || i < a.length - 1)
    .slice(-lines);
}

/** The most telling line of a failed start-up log (rootlesskit/dockerd errors), without shell trace lines. */
export function salientLogLine(lines: string[]): string {
  const interesting = /level=(error|fatal)|\berror\b|failed|denied|needs to be|must be|not found|cannot|No such/i;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!.trim();
    if (l && !l.startsWith('+') && interesting.test(l)) return l.length > 300 ? `${l.slice(0, 300)}...` : l;
  }
  return '';
}

/** Environment of the daemon: a clean one with what dockerd-rootless.sh needs, plus pass-through knobs. */
function daemonEnv(
  env: NodeJS.ProcessEnv,
  v: { home: string; user: string; runtimeDir: string; path: string; keepRunning: boolean },
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {
    HOME: v.home,
    USER: v.user,
    LOGNAME: v.user,
    PATH: v.path,
    XDG_RUNTIME_DIR: v.runtimeDir,
  };
  for (const [k, val] of Object.entries(env)) if (PASS_ENV.test(k) && val !== undefined) out[k] = val;
  // The GitHub runner kills processes carrying its RUNNER_TRACKING_ID when the job ends (orphan clean-up); a daemon that
  // must outlive the job is started without it, one that must not is left with it as a safety net.
  if (!v.keepRunning && env.RUNNER_TRACKING_ID) out.RUNNER_TRACKING_ID = env.RUNNER_TRACKING_ID;
  return out;
}

/**
 * Makes a rootless Docker daemon of the current user available: runs the prerequisite checks (failing with
 * PrerequisiteError before touching anything), merges daemon.json, then reuses a healthy rootless daemon already
 * answering on $XDG_RUNTIME_DIR/docker.sock or starts dockerd-rootless.sh detached and waits until `/info` answers and
 * reports rootless. A daemon that fails to come up, or a cancellation, stops what this call started. Concurrent calls
 * of one user are serialized with a lock in the runtime dir.
 */
export async function setupRootlessDocker(options: SetupOptions = {}, deps: SetupDeps = {}): Promise<SetupResult> {
  const logger = deps.logger ?? silentLogger;
  const checkDeps = deps.checks ?? defaultCheckDeps();
  const waitSeconds = options.waitSeconds ?? 60;
  const report = await logger.group('Check rootless Docker prerequisites', async () => {
    const r = await runChecks({ dataRoot: options.dataRoot }, checkDeps);
    // One line per check; the failure itself is reported once, by the caller, from the PrerequisiteError.
    for (const row of r.rows)
      logger.info(row.ok ? `ok    ${row.name}: ${row.detail}` : `FAIL  ${row.name}: ${row.detail}; fix: ${row.fix}`);
    return r;
  });
  if (!report.ok) throw new PrerequisiteError(report.rows);
  const merged = mergeDaemonConfig(report.existingConfig, options.daemonConfig ?? {}, report.dataRoot);
  const plan = report.runtimeDir!;
  const socket = path.join(plan.path, 'docker.sock');
  const base = {
    dockerHost: `unix://${socket}`,
    checks: report.rows,
    runtimeDir: plan.path,
    warnings: [] as string[],
  };
  if (plan.create) await ensureRuntimeDir(plan.path, checkDeps.uid);
  const release = await acquireSetupLock(plan.path, { signal: options.signal, timeoutMs: (waitSeconds + 60) * 1000, logger });
  try {
    const running = await probeOwnDaemon(socket, checkDeps.uid);
    if (running && !running.rootless) {
      throw new ConfigurationError(`the Docker daemon answering on ${socket} is not rootless`, `stop it, or set XDG_RUNTIME_DIR elsewhere`);
    }
    if (running) {
      logger.info(`reusing the rootless Docker daemon already running at ${base.dockerHost} (version ${running.serverVersion})`);
      const wanted = await realpath(report.dataRoot).catch(() => report.dataRoot);
      if (running.dockerRootDir !== wanted) {
        base.warnings.push(
          `the running daemon uses data-root ${running.dockerRootDir}, not ${report.dataRoot}; stop it to start one with the requested data-root`,
        );
      }
      if (merged.changed) {
        base.warnings.push(`${report.configFile} was left unchanged: the running daemon would not read it until it is restarted`);
      }
      for (const w of base.warnings) logger.warning(w);
      return {
        ...base,
        dataRoot: running.dockerRootDir || report.dataRoot,
        started: false,
        daemonJson: { file: report.configFile, changed: false },
        serverVersion: running.serverVersion,
      };
    }
    const daemonJson: SetupResult['daemonJson'] = { file: report.configFile, changed: merged.changed };
    if (merged.changed) {
      const { backup } = await writeDaemonJson(report.configFile, merged.config, deps.now?.());
      daemonJson.backup = backup;
      logger.info(`wrote ${report.configFile}${backup ? ` (previous content in ${backup})` : ''}`);
    }
    await mkdir(report.dataRoot, { recursive: true, mode: 0o700 });
    if (options.start === false) {
      return { ...base, dataRoot: report.dataRoot, started: false, daemonJson };
    }
    const logFile = path.join(plan.path, LOG_NAME);
    await rename(logFile, `${logFile}.1`).catch(() => undefined);
    const env = daemonEnv(checkDeps.env, {
      home: report.home,
      user: checkDeps.username,
      runtimeDir: plan.path,
      path: report.daemonPath,
      keepRunning: options.keepRunning ?? false,
    });
    const t0 = Date.now();
    const info = await logger.group('Start rootless dockerd', async () => {
      const proc = await startDetached(report.dockerdRootless!, [], { env, logFile, logger });
      const state: DaemonState = { pid: proc.pid, startTime: procInfo(proc.pid)?.startTime ?? 0, runtimeDir: plan.path, socket };
      options.onStarted?.(state);
      const failStart = async (err: Error): Promise<never> => {
        // On cancellation the runner (or runuser, after 2 s) kills this step soon: a short grace, then SIGKILL. A daemon
        // that has not finished starting holds nothing worth a clean shutdown.
        await stopRootlessDocker(state, { logger, graceMs: err instanceof CancelledError ? 1000 : 5000 });
        if (!(err instanceof CancelledError)) {
          const lines = await logTail(logFile);
          await logger.group(`rootless dockerd log (${logFile})`, async () => {
            for (const l of lines) logger.info(l);
          });
        }
        throw err;
      };
      const deadline = t0 + waitSeconds * 1000;
      for (;;) {
        const up = await probeDaemon(socket, 2000);
        // Cancelled while starting: stop it even when it has just come up (nobody will use it).
        if (options.signal?.aborted) {
          return failStart(new CancelledError('rootless Docker setup was cancelled; the daemon it started was stopped'));
        }
        if (up?.rootless) return { up, state };
        if (up) {
          return failStart(
            new EdaOciError(
              `the daemon answering on ${socket} does not report rootless mode`,
              `check ${report.dockerdRootless} and the daemon log above`,
            ),
          );
        }
        const ended = proc.exitStatus();
        if (ended) {
          const why = salientLogLine(await logTail(logFile));
          const how = ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.code}`;
          return failStart(
            new EdaOciError(`rootless dockerd ${how} during start-up${why ? `: ${why}` : ''}`, `see the daemon log above (${logFile})`),
          );
        }
        if (Date.now() > deadline) {
          const why = salientLogLine(await logTail(logFile));
          return failStart(
            new EdaOciError(
              `rootless dockerd did not answer on ${socket} within ${waitSeconds} s${why ? ` (last error in its log: ${why})` : ''}`,
              `see the daemon log above (${logFile}); raise wait-seconds on a slow machine`,
            ),
          );
        }
        await sleep(250, options.signal).catch(() => undefined); // an abort is handled at the top of the loop
      }
    });
    const startMs = Date.now() - t0;
    logger.info(`rootless dockerd ${info.up.serverVersion} answers at ${base.dockerHost} after ${(startMs / 1000).toFixed(1)} s`);
    const wanted = await realpath(report.dataRoot).catch(() => report.dataRoot);
    if (info.up.dockerRootDir !== wanted) {
      base.warnings.push(`the daemon reports data-root ${info.up.dockerRootDir}, not ${wanted}`);
      logger.warning(base.warnings.at(-1)!);
    }
    return {
      ...base,
      dataRoot: info.up.dockerRootDir || report.dataRoot,
      started: true,
      pid: info.state.pid,
      logFile,
      daemonJson,
      state: info.state,
      serverVersion: info.up.serverVersion,
      startMs,
    };
  } finally {
    await release();
  }
}

/** Parses a saved {@link DaemonState} (the post step's input); throws on anything else. */
export function parseDaemonState(text: string): DaemonState {
  const v = JSON.parse(text) as Partial<DaemonState>;
  const ok =
    Number.isInteger(v.pid) &&
    v.pid! > 1 &&
    Number.isInteger(v.startTime) &&
    typeof v.runtimeDir === 'string' &&
    path.isAbsolute(v.runtimeDir) &&
    typeof v.socket === 'string' &&
    path.isAbsolute(v.socket);
  if (!ok) throw new EdaOciError(`saved daemon state ${JSON.stringify(text)} is not valid`, 'nothing was stopped');
  return { pid: v.pid!, startTime: v.startTime!, runtimeDir: v.runtimeDir!, socket: v.socket! };
}

function alive(pid: number, startTime: number): boolean {
  const p = procInfo(pid);
  return Boolean(p && !p.zombie && p.startTime === startTime);
}

async function waitGone(procs: { pid: number; startTime: number }[], ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (!procs.some((p) => alive(p.pid, p.startTime))) return true;
    if (Date.now() > until) return false;
    await sleep(100);
  }
}

/**
 * Stops a daemon that {@link setupRootlessDocker} started, and only that one: SIGTERM to rootlesskit (which forwards it
 * to dockerd for a clean shutdown that removes the socket), then SIGTERM and finally SIGKILL to whatever of its session
 * and descendants is left (containerd runs in a session of its own). Idempotent: a daemon that is gone is reported as such.
 */
export async function stopRootlessDocker(
  state: DaemonState,
  opts: { logger?: Logger; graceMs?: number } = {},
): Promise<{ stopped: boolean; detail: string }> {
  const logger = opts.logger ?? silentLogger;
  const uid = process.getuid?.();
  const t0 = Date.now();
  // Processes of that session started after it: a later process reusing the pid cannot match both.
  const tree = () => sessionProcesses(state.pid).filter((p) => p.uid === uid && p.startTime >= state.startTime && p.pid !== process.pid);
  const seen = new Map(tree().map((p) => [p.pid, p]));
  const leaderAlive = alive(state.pid, state.startTime);
  if (!leaderAlive && seen.size === 0) {
    await removeStaleSocket(state.socket, uid);
    return { stopped: false, detail: `rootless dockerd (pid ${state.pid}) is not running` };
  }
  if (leaderAlive) {
    try {
      process.kill(state.pid, 'SIGTERM');
    } catch {
      // exited meanwhile
    }
    await waitGone([{ pid: state.pid, startTime: state.startTime }], opts.graceMs ?? 20_000);
  }
  for (const p of tree()) seen.set(p.pid, p);
  let left = [...seen.values()].filter((p) => alive(p.pid, p.startTime));
  for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
    if (left.length === 0) break;
    logger.info(`sending ${sig} to ${left.length} leftover process(es) of the rootless daemon: ${left.map((p) => p.pid).join(' ')}`);
    for (const p of left) {
      try {
        process.kill(p.pid, sig);
      } catch {
        // exited meanwhile
      }
    }
    await waitGone(left, sig === 'SIGTERM' ? Math.min(3000, opts.graceMs ?? 3000) : 2000);
    left = left.filter((p) => alive(p.pid, p.startTime));
  }
  await removeStaleSocket(state.socket, uid);
  const detail = `stopped rootless dockerd (pid ${state.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
  logger.info(detail);
  return { stopped: true, detail };
}

/** A socket of ours that no daemon answers on any more (dockerd killed hard) would make the next reuse check wait. */
async function removeStaleSocket(socket: string, uid: number | undefined): Promise<void> {
  const st = await lstat(socket).catch(() => undefined);
  if (!st || !st.isSocket() || st.uid !== uid) return;
  if (await probeDaemon(socket, 1000)) return;
  await unlink(socket).catch(() => undefined);
}
