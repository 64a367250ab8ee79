// startDetached / procInfo / sessionProcesses against real processes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandFailedError, procInfo, sessionProcesses, startDetached } from '../src/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-detached-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startDetached', () => {
  it('runs the program in its own session with output in the log file and only the given environment', async () => {
    const logFile = path.join(dir, 'a.log');
    const p = await startDetached('/bin/sh', ['-c', 'echo "out $ONLY ${HOME:-nohome}"; echo err >&2; sleep 30 & wait'], {
      env: { ONLY: 'x', PATH: '/usr/bin:/bin' },
      logFile,
    });
    try {
      expect(procInfo(p.pid)).toMatchObject({ pid: p.pid, session: p.pid, ppid: process.pid, uid: process.getuid!() });
      expect(procInfo(process.pid)!.session).not.toBe(p.pid);
      await new Promise((r) => setTimeout(r, 300));
      expect(readFileSync(logFile, 'utf8')).toBe('out x nohome\nerr\n');
      // The background sleep is found as a member of the session.
      const members = sessionProcesses(p.pid);
      expect(members.map((m) => m.pid)).toContain(p.pid);
      expect(members.length).toBe(2);
      expect(p.exitStatus()).toBeUndefined();
    } finally {
      for (const m of sessionProcesses(p.pid)) process.kill(m.pid, 'SIGKILL');
    }
    expect(await p.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(p.exitStatus()).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('rejects with CommandFailedError for a program that does not exist', async () => {
    await expect(startDetached('/nonexistent/prog', [], { env: {}, logFile: path.join(dir, 'b.log') })).rejects.toBeInstanceOf(
      CommandFailedError,
    );
  });

  it('procInfo is undefined for a pid that does not exist', () => {
    expect(procInfo(999_999_999)).toBeUndefined();
  });
});
