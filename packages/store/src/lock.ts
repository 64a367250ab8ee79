// The per-name store lock: a directory created with mkdir(2), which is atomic on NFS (unlike flock/fcntl locks, which
// NFS clients emulate unreliably and which die silently with the lock daemon). The owner is described in owner.json;
// the holder touches the lock directory's mtime as a heartbeat; a lock without heartbeat for its lifetime, or held by
// a dead process on this host, is taken over. Safety does not rest on timing alone: the holder re-reads owner.json
// right before it swaps the published symlink and gives up when its token is no longer there.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CancelledError, EdaOciError, silentLogger, type Logger } from '@eda-oci/exec';
import { pidAlive, removeTree } from '@eda-oci/oci';

/** What owner.json says about the holder. */
export interface LockOwner {
  host: string;
  pid: number;
  user: string;
  token: string;
  /** ISO time the lock was taken (holder's clock). */
  created: string;
  /** Seconds without heartbeat after which others may take the lock over. */
  lifetimeSeconds: number;
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  /** Give up after this many seconds of waiting (0: try once). */
  timeoutSeconds: number;
  /** Lifetime written to owner.json; the heartbeat runs every lifetime/4. Default 60. */
  lifetimeSeconds?: number;
  signal?: AbortSignal;
  logger?: Logger;
  /** What the lock protects, for messages (e.g. "bundle store vcs in /shared/bundles"). */
  what: string;
  /** Called while waiting, once per holder seen. */
  onWait?: (owner: LockOwner | undefined) => void;
  /** Clock and sleep, replaced by tests. */
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** The lock could not be taken in time. */
export class LockTimeoutError extends EdaOciError {
  override name = 'LockTimeoutError';
}

/** Default lifetime of a lock without heartbeat. */
export const DEFAULT_LOCK_LIFETIME_SECONDS = 60;
const OWNER_FILE = 'owner.json';

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError('cancelled while waiting for the store lock'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new CancelledError('cancelled while waiting for the store lock'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads owner.json of a lock directory; undefined when missing or unreadable (being written, or a crash). */
export async function readLockOwner(lockDir: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(path.join(lockDir, OWNER_FILE), 'utf8')) as LockOwner;
    return typeof o.token === 'string' && typeof o.pid === 'number' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Why a lock held by `owner` (heartbeat at `heartbeatMs`) may be taken over, or undefined when it is live. */
export function staleReason(owner: LockOwner | undefined, heartbeatMs: number, nowMs: number, host = os.hostname()): string | undefined {
  const lifetime = (owner?.lifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS) * 1000;
  if (owner && owner.host === host && !pidAlive(owner.pid)) return `its holder (pid ${owner.pid} on this host) is gone`;
  if (nowMs - heartbeatMs > lifetime)
    return `it had no heartbeat for ${Math.round((nowMs - heartbeatMs) / 1000)} s (lifetime ${lifetime / 1000} s)`;
  return undefined;
}

/** A held store lock. */
export class StoreLock {
  private timer: NodeJS.Timeout | undefined;
  private released = false;

  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
    private readonly now: () => number,
  ) {}

  /** Starts touching the lock directory every lifetime/4 so waiters see it is alive. */
  startHeartbeat(): void {
    const every = Math.max(250, (this.owner.lifetimeSeconds * 1000) / 4);
    this.timer = setInterval(() => {
      const t = new Date(this.now());
      // Touching a lock that another process took over (after we missed our lifetime) only keeps theirs fresh.
      utimes(this.dir, t, t).catch(() => undefined);
    }, every);
    this.timer.unref();
  }

  /** True when owner.json still carries our token (nobody took the lock over). */
  async stillHeld(): Promise<boolean> {
    const o = await readLockOwner(this.dir);
    return o?.token === this.owner.token;
  }

  /** Releases the lock if it is still ours; idempotent. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    if (!(await this.stillHeld())) return;
    // Renaming first makes the release one atomic step for waiters (no ownerless lock dir in between).
    const gone = path.join(path.dirname(this.dir), `.lock.released-${randomBytes(4).toString('hex')}`);
    try {
      await rename(this.dir, gone);
    } catch {
      return;
    }
    const o = await readLockOwner(gone);
    if (o && o.token !== this.owner.token) {
      // Taken over between the check and the rename: put it back for its holder.
      await rename(gone, this.dir).catch(() => undefined);
      return;
    }
    await removeTree(gone).catch(() => undefined);
  }
}

/**
 * Takes the lock at `lockDir` (whose parent must exist), waiting with backoff up to `timeoutSeconds`. A stale lock is
 * renamed aside, checked to still be the stale one seen (else put back), and removed.
 */
export async function acquireLock(lockDir: string, o: LockOptions): Promise<StoreLock> {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? defaultSleep;
  const log = o.logger ?? silentLogger;
  const lifetimeSeconds = o.lifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS;
  const start = now();
  const deadline = start + o.timeoutSeconds * 1000;
  let delay = 25;
  let lastToken: string | undefined = '';
  // A lock dir without owner.json (holder between mkdir and write, or crashed there): time it by our own clock.
  let ownerlessSince: number | undefined;
  for (;;) {
    if (o.signal?.aborted) throw new CancelledError('cancelled while waiting for the store lock');
    const owner: LockOwner = {
      host: os.hostname(),
      pid: process.pid,
      user: os.userInfo().username,
      token: randomBytes(16).toString('hex'),
      created: new Date(now()).toISOString(),
      lifetimeSeconds,
    };
    try {
      await mkdir(lockDir, { mode: 0o755 });
      try {
        const tmp = path.join(lockDir, `.${OWNER_FILE}.${owner.token}`);
        await writeFile(tmp, `${JSON.stringify(owner)}\n`, { mode: 0o644 });
        await rename(tmp, path.join(lockDir, OWNER_FILE));
        const t = new Date(now());
        await utimes(lockDir, t, t);
      } catch (err) {
        await rm(lockDir, { recursive: true, force: true }).catch(() => undefined);
        throw err;
      }
      const lock = new StoreLock(lockDir, owner, now);
      lock.startHeartbeat();
      return lock;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const held = await readLockOwner(lockDir);
    let heartbeat: number;
    try {
      heartbeat = (await stat(lockDir)).mtimeMs;
    } catch {
      continue; // released meanwhile: try again at once
    }
    if (!held) ownerlessSince ??= now();
    else ownerlessSince = undefined;
    const why = held
      ? staleReason(held, heartbeat, now())
      : now() - ownerlessSince! > lifetimeSeconds * 1000
        ? `it has no owner.json since ${Math.round((now() - ownerlessSince!) / 1000)} s`
        : undefined;
    if (why) {
      log.warning(`taking over the lock of ${o.what}: ${why}${held ? ` (was ${describeOwner(held, heartbeat, now())})` : ''}`);
      await takeOver(lockDir, held?.token);
      ownerlessSince = undefined;
      continue;
    }
    if (held?.token !== lastToken) {
      lastToken = held?.token;
      o.onWait?.(held);
      log.info(`waiting for the lock of ${o.what}: ${held ? describeOwner(held, heartbeat, now()) : 'being taken'}`);
    }
    if (now() >= deadline) {
      const waited = Math.round((now() - start) / 1000);
      throw new LockTimeoutError(
        `${o.what} is locked by ${held ? describeOwner(held, heartbeat, now()) : 'a publisher that has not written its owner.json yet'}; waited ${waited} s`,
        `let that publish finish and retry, or raise lock-timeout-seconds; if that process is gone the lock expires ${held?.lifetimeSeconds ?? lifetimeSeconds} s after its last heartbeat (or remove ${lockDir} after checking)`,
      );
    }
    const jitter = Math.random() * delay * 0.5;
    await sleep(Math.min(delay + jitter, Math.max(0, deadline - now())), o.signal);
    delay = Math.min(1000, delay * 1.5);
  }
}

function describeOwner(h: LockOwner, heartbeatMs: number, nowMs: number): string {
  const age = Math.max(0, Math.round((nowMs - Date.parse(h.created)) / 1000));
  const beat = Math.max(0, Math.round((nowMs - heartbeatMs) / 1000));
  return `${h.user} (pid ${h.pid} on ${h.host}) since ${age} s, last heartbeat ${beat} s ago`;
}

/** Moves a stale lock aside; if what was moved is not the lock judged stale, puts it back. */
async function takeOver(lockDir: string, staleToken: string | undefined): Promise<void> {
  const aside = path.join(path.dirname(lockDir), `.lock.stale-${randomBytes(4).toString('hex')}`);
  try {
    await rename(lockDir, aside);
  } catch {
    return; // someone else moved or released it: just retry
  }
  const moved = await readLockOwner(aside);
  if (moved?.token !== staleToken) {
    // Someone else took over in between and this is their fresh lock: give it back (fails if a third one exists now;
    // then that holder's token check before its swap stops it, which is safe).
    await rename(aside, lockDir).catch(() => undefined);
    return;
  }
  await removeTree(aside).catch(() => undefined);
}
