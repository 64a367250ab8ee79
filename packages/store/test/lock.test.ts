// Unit tests of the mkdir store lock: exclusion, timeout message, stale takeover (dead pid, missed heartbeat,
// ownerless), lost-lock detection, release, heartbeat, cancellation.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError } from '@eda-oci/exec';
import { LockTimeoutError, acquireLock, readLockOwner, staleReason, type LockOwner } from '../src/index.js';

let dir: string;
let lockDir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eda-oci-lock-'));
  lockDir = path.join(dir, '.lock');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const what = 'bundle store t';

/** Writes a lock as another process would have left it. */
function plantLock(owner: Partial<LockOwner>, heartbeatAgoSeconds = 0): LockOwner {
  const o: LockOwner = {
    host: os.hostname(),
    pid: process.pid,
    user: 'someone',
    token: 'f'.repeat(32),
    created: new Date(Date.now() - heartbeatAgoSeconds * 1000).toISOString(),
    lifetimeSeconds: 60,
    ...owner,
  };
  fs.mkdirSync(lockDir);
  fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify(o));
  const t = new Date(Date.now() - heartbeatAgoSeconds * 1000);
  fs.utimesSync(lockDir, t, t);
  return o;
}

/** A pid that certainly does not exist now (a child that has exited). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('store lock', () => {
  it('is exclusive; a second taker times out with one line naming the holder and the fix', async () => {
    const a = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    expect(await a.stillHeld()).toBe(true);
    expect((await readLockOwner(lockDir))?.pid).toBe(process.pid);
    const err = await acquireLock(lockDir, { timeoutSeconds: 0.3, what }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockTimeoutError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^bundle store t is locked by ${os.userInfo().username} \\(pid ${process.pid} on ${os.hostname()}\\) since \\d+ s, last heartbeat \\d+ s ago; waited \\d+ s; let that publish finish and retry, or raise lock-timeout-seconds`,
      ),
    );
    expect((err as Error).message).not.toContain('\n');
    await a.release();
    expect(fs.existsSync(lockDir)).toBe(false);
    const b = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    await b.release();
    await b.release(); // idempotent
  });

  it('a waiter gets the lock as soon as the holder releases it', async () => {
    const a = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    const waiting = acquireLock(lockDir, { timeoutSeconds: 10, what });
    setTimeout(() => void a.release(), 200);
    const t = Date.now();
    const b = await waiting;
    expect(Date.now() - t).toBeLessThan(3000);
    expect(await b.stillHeld()).toBe(true);
    await b.release();
  });

  it('takes over the lock of a dead process on this host at once', async () => {
    plantLock({ pid: deadPid() });
    const l = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    expect((await readLockOwner(lockDir))?.token).toBe(l.owner.token);
    expect(fs.readdirSync(dir).filter((e) => e.startsWith('.lock.stale-'))).toEqual([]);
    await l.release();
  });

  it('takes over a lock from another host only after its lifetime without heartbeat', async () => {
    plantLock({ host: 'elsewhere.example', pid: 1, lifetimeSeconds: 60 }, 30);
    await expect(acquireLock(lockDir, { timeoutSeconds: 0, what })).rejects.toThrow(/pid 1 on elsewhere.example/);
    fs.rmSync(lockDir, { recursive: true });
    plantLock({ host: 'elsewhere.example', pid: 1, lifetimeSeconds: 60 }, 61);
    const l = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    expect(await l.stillHeld()).toBe(true);
    await l.release();
  });

  it('staleReason: dead pid here, missed heartbeat anywhere, live otherwise', () => {
    const now = Date.now();
    const o = { host: os.hostname(), pid: process.pid, user: 'u', token: 't', created: '', lifetimeSeconds: 10 };
    expect(staleReason(o, now, now)).toBeUndefined();
    expect(staleReason({ ...o, pid: deadPid() }, now, now)).toMatch(/is gone/);
    expect(staleReason({ ...o, host: 'x' }, now - 11_000, now)).toMatch(/no heartbeat for 11 s/);
    expect(staleReason({ ...o, host: 'x', pid: 999_999_999 }, now - 5000, now)).toBeUndefined();
  });

  it('an ownerless lock dir (holder died between mkdir and owner.json) is taken over after the lifetime', async () => {
    fs.mkdirSync(lockDir);
    let clock = Date.now();
    const l = await acquireLock(lockDir, {
      timeoutSeconds: 1000,
      lifetimeSeconds: 5,
      what,
      now: () => clock,
      sleep: async () => {
        clock += 1000;
      },
    });
    expect(await l.stillHeld()).toBe(true);
    await l.release();
  });

  it('the holder notices when its lock was taken over and release leaves the new lock alone', async () => {
    const a = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    // Someone judged it stale: moved it aside and took a fresh one.
    fs.renameSync(lockDir, path.join(dir, '.lock.stale-00000000'));
    const b = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    expect(await a.stillHeld()).toBe(false);
    await a.release();
    expect(await b.stillHeld()).toBe(true);
    await b.release();
  });

  it('the heartbeat keeps the lock fresh', async () => {
    const a = await acquireLock(lockDir, { timeoutSeconds: 0, lifetimeSeconds: 1, what });
    const old = new Date(Date.now() - 5000);
    fs.utimesSync(lockDir, old, old);
    await new Promise((r) => setTimeout(r, 600));
    expect(Date.now() - fs.statSync(lockDir).mtimeMs).toBeLessThan(1000);
    await a.release();
  });

  it('waiting is cancellable', async () => {
    const a = await acquireLock(lockDir, { timeoutSeconds: 0, what });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await expect(acquireLock(lockDir, { timeoutSeconds: 30, what, signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
    await a.release();
  });
});
