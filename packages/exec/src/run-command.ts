// The one way eda-oci runs programs: argument arrays (never a shell), timeouts, capped output, cancellation.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CancelledError, CommandFailedError } from './errors.js';
import type { Logger } from './logger.js';

/** Options shared by {@link runCommand} and {@link spawnCommand}. */
export interface CommandOptions {
  cwd?: string;
  /** Full environment for the child; defaults to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Kill the program (SIGTERM, then SIGKILL after 2 s) when it runs longer than this. */
  timeoutMs?: number;
  /** Aborting kills the program the same way and rejects with CancelledError. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Log the `[command] ...` line at info level (default) or debug level. */
  quiet?: boolean;
}

/** Options of {@link runCommand}. */
export interface RunOptions extends CommandOptions {
  /** Written to stdin, which is then closed. stdin is /dev/null otherwise. */
  input?: string | Buffer;
  /** Exit codes that are not failures (default [0]). */
  okExitCodes?: readonly number[];
  /** Bytes kept of stdout and of stderr each (default 4 MiB); the rest is dropped, counted in `truncated`. */
  maxOutputBytes?: number;
  /** Called with each complete stdout/stderr line as it arrives (streaming logs). */
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

/** What a finished program left. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
  truncated: boolean;
}

/** Signature of {@link runCommand}; domain packages take one of these so tests can fake the process layer. */
export type RunCommand = (command: string, args: readonly string[], options?: RunOptions) => Promise<CommandResult>;

const KILL_GRACE_MS = 2000;

/** Renders a command for logs only (quoted where needed); it is never executed as a string. */
export function formatCommand(command: string, args: readonly string[]): string {
  const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [command, ...args].map(quote).join(' ');
}

function checkArgs(command: string, args: readonly string[]): void {
  for (const a of [command, ...args]) {
    if (typeof a !== 'string' || a.includes('\0')) {
      throw new TypeError(`argument ${JSON.stringify(a)} of ${command} is not a NUL-free string`);
    }
  }
}

/** A running program whose stdout is consumed by the caller (e.g. a tar stream), see {@link spawnCommand}. */
export interface SpawnedCommand {
  child: ChildProcess;
  stdout: Readable;
  /** Resolves when the program ends: exit code 0 or a CommandFailedError/CancelledError rejection. */
  done: Promise<{ durationMs: number; stderr: string }>;
  /** Terminates the program (SIGTERM then SIGKILL); safe to call more than once. */
  kill(): void;
}

/** How a supervised program ended. */
interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when eda-oci stopped it. */
  reason: 'timeout' | 'cancel' | undefined;
  durationMs: number;
}

/**
 * Starts a program with an argument array (never a shell) and watches it: logs the `[command]` line, kills it
 * (SIGTERM, then SIGKILL after a grace period) on timeout or abort, and reports how it ended. A program that cannot
 * be started rejects `ended` with CommandFailedError.
 */
function supervise(
  command: string,
  args: readonly string[],
  options: CommandOptions,
  stdin: 'ignore' | 'pipe',
): { child: ChildProcess; ended: Promise<Ending>; kill: () => void } {
  checkArgs(command, args);
  const line = `[command] ${formatCommand(command, args)}`;
  if (options.quiet) options.logger?.debug(line);
  else options.logger?.info(line);
  const started = Date.now();
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: [stdin, 'pipe', 'pipe'],
    shell: false,
  });
  let reason: Ending['reason'];
  let killTimer: NodeJS.Timeout | undefined;
  const kill = (): void => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    killTimer ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    killTimer.unref();
  };
  const timer =
    options.timeoutMs !== undefined
      ? setTimeout(() => {
          reason = 'timeout';
          kill();
        }, options.timeoutMs)
      : undefined;
  timer?.unref();
  const onAbort = (): void => {
    reason ??= 'cancel';
    kill();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const cleanup = (): void => {
    if (timer) clearTimeout(timer);
    if (killTimer) clearTimeout(killTimer);
    options.signal?.removeEventListener('abort', onAbort);
  };
  const ended = new Promise<Ending>((resolve, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      const missing = err.code === 'ENOENT';
      reject(
        new CommandFailedError(
          `cannot run ${command}: ${missing ? 'program not found' : err.message}`,
          command,
          args,
          null,
          null,
          '',
          missing ? `install ${command} or put it on PATH` : undefined,
          { cause: err },
        ),
      );
    });
    child.once('close', (code, signal) => {
      cleanup();
      resolve({ code, signal, reason, durationMs: Date.now() - started });
    });
  });
  return { child, ended, kill };
}

/** The error for an ending that is not a success, or undefined when `ok` accepts the exit code. */
function endingError(command: string, args: readonly string[], e: Ending, stderr: string, options: CommandOptions, ok: readonly number[]) {
  if (e.reason === 'cancel') return new CancelledError(`${command} was cancelled`);
  if (e.reason === 'timeout') {
    return new CommandFailedError(
      `${formatCommand(command, args.slice(0, 3))} timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s and was killed`,
      command,
      args,
      e.code,
      e.signal,
      stderr,
    );
  }
  if (e.code === null || !ok.includes(e.code)) return failure(command, args, e.code, e.signal, stderr);
  return undefined;
}

/**
 * Starts a program whose stdout the caller streams. stderr is kept (capped) for the error message.
 * Use for large outputs such as `docker export`; use {@link runCommand} for everything else.
 */
export function spawnCommand(command: string, args: readonly string[], options: CommandOptions = {}): SpawnedCommand {
  const { child, ended, kill } = supervise(command, args, options, 'ignore');
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    if (stderr.length < 64 * 1024) stderr += d;
  });
  const done = ended.then((e) => {
    const err = endingError(command, args, e, stderr, options, [0]);
    if (err) throw err;
    return { durationMs: e.durationMs, stderr };
  });
  // Keep the promise from being reported unhandled when the caller only awaits stdout first.
  done.catch(() => undefined);
  return { child, stdout: child.stdout!, done, kill };
}

function failure(
  command: string,
  args: readonly string[],
  code: number | null,
  sig: NodeJS.Signals | null,
  stderr: string,
): CommandFailedError {
  const last = lastLine(stderr);
  const how = sig ? `was killed by ${sig}` : `exited with code ${code}`;
  return new CommandFailedError(
    `${formatCommand(command, args.slice(0, 3))}${args.length > 3 ? ' ...' : ''} ${how}${last ? `: ${last}` : ''}`,
    command,
    args,
    code,
    sig,
    stderr,
  );
}

/** Last non-empty line of a program's stderr, trimmed; what most CLIs put their error in. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]) return lines[i]!;
  return '';
}

/**
 * Runs a program to completion with an argument array and returns its output.
 * Rejects with CommandFailedError on a non-accepted exit code, a signal, a timeout or a missing program,
 * and with CancelledError when `signal` aborts.
 */
export const runCommand: RunCommand = async (command, args, options = {}) => {
  const { child, ended } = supervise(command, args, options, options.input !== undefined ? 'pipe' : 'ignore');
  const max = options.maxOutputBytes ?? 4 * 1024 * 1024;
  const out = collector(max, options.onStdoutLine);
  const err = collector(max, options.onStderrLine);
  child.stdout!.on('data', out.push);
  child.stderr!.on('data', err.push);
  if (options.input !== undefined) {
    child.stdin!.on('error', () => undefined); // EPIPE when the program exits early; its exit code tells.
    child.stdin!.end(options.input);
  }
  const e = await ended;
  out.flush();
  err.flush();
  const stdout = out.text();
  const stderr = err.text();
  const failed = endingError(command, args, e, stderr, options, options.okExitCodes ?? [0]);
  if (failed) throw failed;
  return { exitCode: e.code!, stdout, stderr, durationMs: e.durationMs, truncated: out.truncated || err.truncated };
};

function collector(max: number, onLine?: (line: string) => void) {
  const chunks: Buffer[] = [];
  let kept = 0;
  let truncated = false;
  let partial = '';
  return {
    push: (chunk: Buffer): void => {
      if (kept < max) {
        const take = chunk.subarray(0, max - kept);
        chunks.push(take);
        kept += take.length;
        if (take.length < chunk.length) truncated = true;
      } else truncated = true;
      if (onLine) {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const l of lines) onLine(l);
      }
    },
    flush: (): void => {
      if (onLine && partial) onLine(partial);
      partial = '';
    },
    text: (): string => Buffer.concat(chunks).toString('utf8'),
    get truncated() {
      return truncated;
    },
  };
}
