// Starting a long-lived daemon detached from the caller (own session, output to a log file), and finding what it spawned.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { CommandFailedError } from './errors.js';
import type { Logger } from './logger.js';
import { formatCommand } from './run-command.js';

/** Options of {@link startDetached}. */
export interface DetachedOptions {
  /** Full environment of the daemon (nothing is inherited). */
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** stdout and stderr are appended to this file (created 0600). */
  logFile: string;
  logger?: Logger;
}

/** A daemon started by {@link startDetached}. */
export interface DetachedProcess {
  pid: number;
  /** Resolves when the program exits while this process still watches it (how it ended). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** How it ended, once it has; undefined while it runs. */
  exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/**
 * Starts `command` in its own session (setsid: it survives the caller and a SIGINT to the caller's process group) with
 * stdin from /dev/null and output appended to a log file, so it holds no pipe of the caller open. Resolves once the
 * program was started; rejects with CommandFailedError when it cannot be started.
 */
export async function startDetached(command: string, args: readonly string[], options: DetachedOptions): Promise<DetachedProcess> {
  for (const a of [command, ...args]) {
    if (a.includes('\0')) throw new TypeError(`argument ${JSON.stringify(a)} of ${command} is not a NUL-free string`);
  }
  options.logger?.info(`[command] ${formatCommand(command, args)} (detached, log ${options.logFile})`);
  const fd = openSync(options.logFile, 'a', 0o600);
  try {
    const child = spawn(command, [...args], {
      cwd: options.cwd ?? '/',
      env: options.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      shell: false,
    });
    let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => {
        status = { code, signal };
        resolve(status);
      }),
    );
    await new Promise<void>((resolve, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(new CommandFailedError(`cannot start ${command}: ${err.message}`, command, args, null, null, '', undefined, { cause: err })),
      );
      child.once('spawn', () => resolve());
    });
    // Do not keep the caller alive for the daemon's sake.
    child.unref();
    return { pid: child.pid!, exited, exitStatus: () => status };
  } finally {
    closeSync(fd);
  }
}

/** One process as /proc shows it; `startTime` (clock ticks since boot) tells a pid apart from a later reuse of it. */
export interface ProcInfo {
  pid: number;
  ppid: number;
  session: number;
  startTime: number;
  uid: number;
  /** Zombie: exited, not yet reaped. */
  zombie: boolean;
}

/** Reads /proc/<pid>/stat (and the owner); undefined when the process does not exist. */
export function procInfo(pid: number, procDir = '/proc'): ProcInfo | undefined {
  try {
    const stat = readFileSync(`${procDir}/${pid}/stat`, 'utf8');
    // comm (field 2) may contain spaces and parentheses: the fields after it follow the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`${procDir}/${pid}/status`, 'utf8');
    return {
      pid,
      ppid: Number(rest[1]),
      session: Number(rest[3]),
      startTime: Number(rest[19]),
      uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1),
      zombie: rest[0] === 'Z',
    };
  } catch {
    return undefined;
  }
}

/**
 * Processes of a session started by {@link startDetached} (session id = its pid) and all their descendants, including
 * ones that started a session of their own (containerd does setsid). Zombies are left out.
 */
export function sessionProcesses(sid: number, procDir = '/proc'): ProcInfo[] {
  const all: ProcInfo[] = [];
  for (const name of readdirSync(procDir)) {
    if (!/^\d+$/.test(name)) continue;
    const p = procInfo(Number(name), procDir);
    if (p && !p.zombie) all.push(p);
  }
  const keep = new Set(all.filter((p) => p.session === sid).map((p) => p.pid));
  for (let added = true; added;) {
    added = false;
    for (const p of all) {
      if (!keep.has(p.pid) && keep.has(p.ppid)) {
        keep.add(p.pid);
        added = true;
      }
    }
  }
  return all.filter((p) => keep.has(p.pid));
}
