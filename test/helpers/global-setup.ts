// vitest globalSetup of the integration project: one temp root per run for bundles and runner files (tests make
// several 200 MB bundles), removed at the end, mounts included.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-tests-'));
  chmodSync(root, 0o755); // the unprivileged test users work below it
  process.env.EDA_OCI_TEST_TMP = root;
  return () => {
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1] ?? '')
      .filter((m) => m.startsWith(`${root}/`))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    if (!process.env.EDA_OCI_KEEP_TEST_TMP) rmSync(root, { recursive: true, force: true });
  };
}
