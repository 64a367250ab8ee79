// `eda-oci doctor` (committed CLI dist) on this machine: all checks pass for the unprivileged test user, root fails.
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, clusterEnv, isRoot, tempDirFor } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const USER2 = env.EDA_OCI_TEST_USER2!;
const UID2 = Number(env.EDA_OCI_TEST_UID2);

describe('eda-oci doctor', () => {
  it.runIf(isRoot)('prints one ok row per check for the unprivileged test user and exits 0 (runuser needs root)', () => {
    const base = tempDirFor(USER2);
    const xdg = path.join(base, 'xdg');
    mkdirSync(xdg, { mode: 0o700 });
    chmodSync(xdg, 0o700);
    chownSync(xdg, UID2, UID2);
    const dataRoot = path.join(base, 'storage');
    const userEnv = { HOME: base, XDG_RUNTIME_DIR: xdg };
    const r = cli(['doctor', '--data-root', dataRoot], { user: USER2, env: userEnv });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines.slice(0, 15).every((l) => l.startsWith('ok    '))).toBe(true);
    expect(lines[0]).toMatch(new RegExp(`^ok {4}user {17}${USER2} \\(uid ${UID2}\\)$`));
    expect(r.stdout).toContain(`data-root            ${dataRoot} (`);
    expect(lines.at(-1)).toBe('all checks passed');
    const json = cli(['doctor', '--data-root', dataRoot, '--json'], { user: USER2, env: userEnv });
    const parsed = JSON.parse(json.stdout) as { ok: boolean; checks: { name: string; ok: boolean; fix: string }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.checks.map((c) => c.name)).toContain('/dev/net/tun');
  });

  it.runIf(isRoot)('as root: the user row fails with its fix, exit 1', () => {
    const r = cli(['doctor', '--data-root', path.join(tempDirFor(undefined), 'storage')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}user {17}running as root \(uid 0\).*\n {27}fix: run the job as an ordinary user/m);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^\d+ check\(s\) failed$/);
  });

  it('rejects unknown options with exit 2', () => {
    const r = cli(['doctor', '--nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/eda-oci doctor: error: Unknown option '--nope'.*run 'eda-oci doctor --help'/);
  });
});
