// runc version policy: `runc --version` outputs of upstream and distribution builds, accepted or refused by CVE.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError, type Logger, type RunCommand } from '@eda-oci/exec';
import { checkRunc, evaluateRuncVersion, parseRuncVersion, resolveRunc, runcAdvisoryWarnings, upstreamVersion } from '../src/index.js';

const out = (version: string, commit = `v${version}-0-g51d5e94`): string =>
  `runc version ${version}\ncommit: ${commit}\nspec: 1.0.2-dev\ngo: go1.20.13\nlibseccomp: 2.5.4\n`;
const DEBIAN = 'runc version 1.1.5+ds1\ncommit: 1.1.5+ds1-1+deb12u1\nspec: 1.0.2-dev\ngo: go1.19.8\nlibseccomp: 2.5.4\n';

const dir = mkdtempSync(path.join(os.tmpdir(), 'runc-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A fake runc program (an executable file) for resolveRunc, and a fake process layer printing `text`. */
function fake(text: string): { runc: string; run: RunCommand } {
  const runc = path.join(dir, `runc-${Math.random().toString(16).slice(2)}`);
  writeFileSync(runc, '#!/bin/sh\n');
  chmodSync(runc, 0o755);
  const run: RunCommand = async (cmd, args) => {
    expect([cmd, ...args]).toEqual([runc, '--version']);
    return { exitCode: 0, stdout: text, stderr: '', durationMs: 1, truncated: false };
  };
  return { runc, run };
}
function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: () => undefined,
    info: (m) => lines.push(`info: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    group: (_t, fn) => fn(),
  };
}

describe('parseRuncVersion', () => {
  it('reads version, commit and spec', () => {
    expect(parseRuncVersion(DEBIAN)).toEqual({ version: '1.1.5+ds1', commit: '1.1.5+ds1-1+deb12u1', spec: '1.0.2-dev' });
    expect(parseRuncVersion('runc version 1.1.7-0ubuntu1~22.04.2\ncommit: \nspec: 1.0.2-dev\n')).toEqual({
      version: '1.1.7-0ubuntu1~22.04.2',
      commit: undefined,
      spec: '1.0.2-dev',
    });
  });
  it('refuses output without a version line', () => {
    expect(() => parseRuncVersion('crun version 1.8\n')).toThrow(
      /cannot read the runc version: 'runc --version' printed "crun version 1.8"/,
    );
  });
  it('upstreamVersion reads the leading release and pre-release marks', () => {
    expect(upstreamVersion('1.2.0-rc.1')).toEqual({ triple: [1, 2, 0], prerelease: true });
    expect(upstreamVersion('1.1.5+ds1')).toEqual({ triple: [1, 1, 5], prerelease: false });
    expect(upstreamVersion('unknown')).toBeUndefined();
  });
});

describe('evaluateRuncVersion', () => {
  it.each([
    ['1.1.12', /upstream 1\.1\.12 >= 1\.1\.12/],
    ['1.1.15', /upstream 1\.1\.15/],
    ['1.2.0', /upstream 1\.2\.0/],
    ['1.2.5', /upstream 1\.2\.5/],
    ['1.2.0-rc.1', /upstream 1\.2\.0/],
    ['2.0.0', /upstream 2\.0\.0/],
  ])('accepts upstream %s', (v, re) => {
    const r = evaluateRuncVersion(parseRuncVersion(out(v)));
    expect(r.ok).toBe(true);
    expect(r.reason).toMatch(re);
  });

  it.each(['1.1.11', '1.1.5', '1.0.0', '1.0.0-rc93', '1.1.12-rc.1', '0.1.1'])('refuses upstream %s naming CVE-2024-21626', (v) => {
    const r = evaluateRuncVersion(parseRuncVersion(out(v)));
    expect(r.ok).toBe(false);
    expect(r.cves).toEqual(['CVE-2024-21626']);
    expect(r.reason).toMatch(/CVE-2024-21626 .*Leaky Vessels.* is fixed in runc 1\.1\.12/);
  });

  it("accepts this machine's Debian bookworm build 1.1.5+ds1-1+deb12u1 (fix backported) and later deb12uN", () => {
    const r = evaluateRuncVersion(parseRuncVersion(DEBIAN));
    expect(r.ok).toBe(true);
    expect(r.reason).toMatch(/Debian 12 \(bookworm\) build with the CVE-2024-21626 fix backported \(1\.1\.5\+ds1-1\+deb12u1 or later/);
    expect(evaluateRuncVersion({ version: '1.1.5+ds1', commit: '1.1.5+ds1-1+deb12u3' }).ok).toBe(true);
  });

  it.each([
    ['Debian bookworm before the fix', { version: '1.1.5+ds1', commit: '1.1.5+ds1-1' }],
    ['Debian with deb12u0', { version: '1.1.5+ds1', commit: '1.1.5+ds1-1+deb12u0' }],
    ['upstream 1.1.5 (no distribution build)', { version: '1.1.5', commit: 'v1.1.5-0-gf19387a' }],
    ['Ubuntu 22.04 before the fix', { version: '1.1.7-0ubuntu1~22.04.1' }],
    ['an unreadable version', { version: 'dev-build' }],
  ])('refuses %s', (_n, v) => {
    const r = evaluateRuncVersion(v);
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/CVE-2024-21626/);
  });

  it.each(['1.1.7-0ubuntu1~22.04.2', '1.1.7-0ubuntu1~20.04.2', '1.1.7-0ubuntu2.2', '1.1.4-0ubuntu1~18.04.2+esm1'])(
    'accepts the Ubuntu build %s (USN-6619-1)',
    (v) => {
      const r = evaluateRuncVersion({ version: v });
      expect(r.ok).toBe(true);
      expect(r.reason).toMatch(/Ubuntu .* per USN-6619-1/);
    },
  );
});

describe('runcAdvisoryWarnings (warned, not refused)', () => {
  it.each([
    ['1.1.5+ds1', 1],
    ['1.1.12', 1],
    ['1.2.7', 1],
    ['1.2.8', 0],
    ['1.3.2', 1],
    ['1.3.3', 0],
    ['1.4.0-rc.2', 1],
    ['1.4.0', 0],
    ['1.5.1', 0],
    ['unknown', 1],
  ])('runc %s -> %i warning(s)', (version, n) => {
    const w = runcAdvisoryWarnings({ version });
    expect(w).toHaveLength(n);
    if (n) expect(w[0]).toMatch(/CVE-2025-31133, CVE-2025-52565, CVE-2025-52881 .*fixed in runc 1\.2\.8 \/ 1\.3\.3 \/ 1\.4\.0/);
  });
});

describe('checkRunc', () => {
  it('logs which rule accepted the version', async () => {
    const { runc, run } = fake(DEBIAN);
    const log = recorder();
    const info = await checkRunc(runc, { run, logger: log });
    expect(info.path).toBe(runc);
    expect(log.lines).toEqual([
      expect.stringMatching(/^info: runc 1\.1\.5\+ds1 \(commit 1\.1\.5\+ds1-1\+deb12u1\) at .*: accepted: Debian 12/),
      expect.stringMatching(/^warning: runc 1\.1\.5\+ds1 .* not shown to be fixed for CVE-2025-31133/),
    ]);
  });

  it('refuses 1.1.11 with one line naming the CVE, the version found and the fix', async () => {
    const { runc, run } = fake(out('1.1.11'));
    const err = await checkRunc(runc, { run, allowHint: 'allow-vulnerable-runc: true' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).toMatch(/runc 1\.1\.11 \(commit v1\.1\.11-0-g51d5e94\) at .* is refused: CVE-2024-21626/);
    expect(msg).toMatch(/upgrade runc to 1\.1\.12 or later .*or set allow-vulnerable-runc: true to run anyway/);
  });

  it('with allowVulnerable runs anyway and warns', async () => {
    const { runc, run } = fake(out('1.1.11'));
    const log = recorder();
    const info = await checkRunc(runc, { run, logger: log, allowVulnerable: true, allowHint: '--allow-vulnerable-runc' });
    expect(info.verdict.ok).toBe(false);
    expect(log.lines).toEqual([
      expect.stringMatching(
        /^warning: runc 1\.1\.11 .* is vulnerable: CVE-2024-21626 .*running anyway because --allow-vulnerable-runc is set/,
      ),
      expect.stringMatching(/^warning: .*CVE-2025-31133/),
    ]);
  });

  it('accepts 1.1.12 and 1.2.x; only runc with the 2025 fixes (1.2.8, 1.3.3) logs no warning', async () => {
    for (const [v, warnings] of [
      ['1.1.12', 1],
      ['1.2.3', 1],
      ['1.2.8', 0],
      ['1.3.3', 0],
    ] as const) {
      const { runc, run } = fake(out(v));
      const log = recorder();
      expect((await checkRunc(runc, { run, logger: log })).verdict.ok).toBe(true);
      expect(log.lines[0]).toMatch(/^info: .*accepted: upstream/);
      expect(log.lines.filter((l) => l.startsWith('warning:'))).toHaveLength(warnings);
    }
  });
});

describe('resolveRunc', () => {
  it('finds a name in PATH and returns the absolute path', async () => {
    const { runc } = fake(DEBIAN);
    expect(await resolveRunc(path.basename(runc), { PATH: `/nonexistent:${dir}` })).toBe(runc);
  });
  it('a missing runc is one error naming what was tried and how to fix it', async () => {
    await expect(resolveRunc('runc', { PATH: '/nonexistent:/also-not' }, 'the runc input')).rejects.toThrow(
      /runc not found: no executable 'runc' in PATH \(\/nonexistent:\/also-not\); install runc .* or set the runc input to the runc binary's path/,
    );
    await expect(resolveRunc('/opt/none/runc')).rejects.toThrow(
      /runc not found: '\/opt\/none\/runc' does not exist or is not an executable file/,
    );
    writeFileSync(path.join(dir, 'not-exec'), '');
    await expect(resolveRunc(path.join(dir, 'not-exec'))).rejects.toThrow(/not an executable file/);
    await expect(resolveRunc(dir)).rejects.toThrow(/not an executable file/);
  });
});
