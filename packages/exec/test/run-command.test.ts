// runCommand/spawnCommand against real programs: exit codes, timeouts, cancellation, no shell.
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError, CommandFailedError, formatCommand, runCommand, spawnCommand } from '../src/index.js';

describe('runCommand', () => {
  it('returns output of a successful program', async () => {
    const r = await runCommand('printf', ['%s|', 'a b', '$(id)']);
    expect(r.stdout).toBe('a b|$(id)|');
  });
  it('never involves a shell: metacharacters stay literal', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'noshell-'));
    await runCommand('echo', [`x; touch ${dir}/pwned`]);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('rejects with CommandFailedError carrying exit code and stderr', async () => {
    const err = await runCommand('sh', ['-c', 'echo boom >&2; exit 3']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailedError);
    expect((err as CommandFailedError).exitCode).toBe(3);
    expect((err as Error).message).toMatch(/exited with code 3: boom/);
  });
  it('accepts listed exit codes', async () => {
    expect((await runCommand('sh', ['-c', 'exit 3'], { okExitCodes: [0, 3] })).exitCode).toBe(3);
  });
  it('kills a program that exceeds its timeout', async () => {
    const t = Date.now();
    await expect(runCommand('sleep', ['30'], { timeoutMs: 200 })).rejects.toThrow(/timed out/);
    expect(Date.now() - t).toBeLessThan(5000);
  });
  it('cancels on abort', async () => {
    const c = new AbortController();
    setTimeout(() => c.abort(), 100);
    await expect(runCommand('sleep', ['30'], { signal: c.signal })).rejects.toBeInstanceOf(CancelledError);
  });
  it('reports a missing program', async () => {
    await expect(runCommand('eda-oci-no-such-program', [])).rejects.toThrow(/program not found/);
  });
  it('streams lines and caps kept output', async () => {
    const lines: string[] = [];
    const r = await runCommand('sh', ['-c', 'echo one; echo two'], { onStdoutLine: (l) => lines.push(l), maxOutputBytes: 4 });
    expect(lines).toEqual(['one', 'two']);
    expect(r.stdout).toBe('one\n');
    expect(r.truncated).toBe(true);
  });
  it('refuses NUL in arguments', async () => {
    await expect(runCommand('echo', ['a\0b'])).rejects.toThrow(TypeError);
  });
});

describe('spawnCommand', () => {
  it('streams stdout and resolves done', async () => {
    const s = spawnCommand('sh', ['-c', 'echo hello']);
    let out = '';
    for await (const c of s.stdout) out += String(c);
    await s.done;
    expect(out).toBe('hello\n');
  });
  it('rejects done on failure', async () => {
    const s = spawnCommand('sh', ['-c', 'echo bad >&2; exit 4']);
    s.stdout.resume();
    await expect(s.done).rejects.toThrow(/code 4: bad/);
  });
});

describe('formatCommand', () => {
  it('quotes for display', () => {
    expect(formatCommand('docker', ['pull', 'a b', "it's"])).toBe(`docker pull 'a b' 'it'\\''s'`);
  });
});
