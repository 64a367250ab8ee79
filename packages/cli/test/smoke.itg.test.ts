// Integration: eda-oci smoke (the CLI's dist) as the unprivileged user edaoci on the real Slurm test cluster, with a
// bundle the CLI built from the busybox test image and a temporary catalog: every cell passes in srun and sbatch mode
// on both partitions; a failing command fails its cells only (exit 1); SIGTERM cancels the submitted jobs (exit 130).
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SmokeReport } from '@eda-oci/catalog';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAsTestUser, CLI, cli, clusterEnv, isRoot, tempDirFor } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const USER_ENV = { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR! };
let bundles = '';
let bundleId = '';

/** A catalog dir with `bb.yml` (owned by the test user, readable). */
function catalog(commands: string): string {
  const dir = tempDirFor(USER, 'eda-oci-catalog-');
  writeFileSync(
    path.join(dir, 'bb.yml'),
    `image: ${env.EDA_OCI_IMG_BUSYBOX1}\nsmoke:\n  partitions: [debug, interactive]\n  time-limit: '2'\n  commands:\n${commands}`,
    { mode: 0o644 },
  );
  return dir;
}

/** `eda-oci smoke` of catalog entry bb in `dir` against the built bundle (--bundle), output in `work`. */
const smokeOfBundle = (dir: string, work: string): string[] => [
  'smoke',
  '--name',
  'bb',
  '--catalog-dir',
  dir,
  '--bundle',
  path.join(bundles, 'bb'),
  '--output-dir',
  work,
  '--timeout-seconds',
  '120',
];

function squeueState(jobId: string): string {
  return spawnSync('squeue', ['-h', '-t', 'all', '-j', jobId, '-o', '%T'], { encoding: 'utf8' }).stdout.trim();
}

/** The job's state once it left PENDING/RUNNING/COMPLETING (polled for up to 15 s). */
async function finalState(jobId: string): Promise<string> {
  const end = Date.now() + 15_000;
  let state = squeueState(jobId);
  while (/^(PENDING|RUNNING|COMPLETING|CONFIGURING)$/.test(state) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    state = squeueState(jobId);
  }
  return state;
}

describe.runIf(isRoot)('eda-oci smoke as edaoci on the Slurm test cluster (needs root for runuser)', () => {
  beforeAll(() => {
    bundles = tempDirFor(USER);
    bundleId = buildAsTestUser(env.EDA_OCI_IMG_BUSYBOX1!, 'bb', bundles).digest;
  });

  it('every cell passes: 2 commands x 2 partitions x srun and sbatch, each verified inside the bundle', () => {
    const dir = catalog('    - { name: hello, run: \'echo "hello from $(cat /etc/eda-oci-release)"\' }\n    - { name: id, run: id -u }\n');
    const work = tempDirFor(USER);
    const t = Date.now();
    const r = cli(
      ['smoke', '--name', 'bb', '--catalog-dir', dir, '--bundles-dir', bundles, '--output-dir', work, '--timeout-seconds', '120', '--json'],
      {
        user: USER,
        env: USER_ENV,
      },
    );
    const seconds = (Date.now() - t) / 1000;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(r.stdout) as SmokeReport;
    expect(report).toMatchObject({ name: 'bb', bundle: path.join(bundles, 'bb'), bundleId, passed: 8, failed: 0, total: 8 });
    expect(report.cells.map((c) => c.id).sort()).toEqual(
      ['debug', 'interactive'].flatMap((p) => ['srun', 'sbatch'].flatMap((m) => ['hello', 'id'].map((c) => `bb/${p}/${m}/${c}`))).sort(),
    );
    for (const c of report.cells) {
      expect(c, c.id).toMatchObject({ state: 'COMPLETED', exitCode: 0, verified: true, ok: true });
      expect(c.jobId).toMatch(/^\d+$/);
      expect(c.elapsedSeconds).toBeGreaterThanOrEqual(0);
      const job = spawnSync('scontrol', ['-o', 'show', 'job', c.jobId], { encoding: 'utf8' }).stdout;
      if (job) expect(job, c.id).toContain(`Partition=${c.partition} `);
    }
    expect(new Set(report.cells.map((c) => c.jobId)).size).toBe(8);
    // Four at a time: 8 cells (4 of them sbatch at ~2 s each) take far less than one after the other.
    console.log(`smoke of 8 cells: ${seconds.toFixed(1)} s`);
  });

  it('a failing command: its cells FAILED with exit code 3, the others pass, exit 1, a table on stdout', () => {
    const dir = catalog("    - { name: hello, run: echo hello }\n    - { name: fail, run: 'echo about to fail; exit 3' }\n");
    const work = tempDirFor(USER);
    const r = cli(smokeOfBundle(dir, work), { user: USER, env: USER_ENV });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^CELL +JOB +STATE +EXIT +ELAPSED +RESULT$/);
    const rows = new Map(lines.slice(1, 9).map((l) => [l.split(/ +/)[0]!, l]));
    expect(rows.size).toBe(8);
    for (const p of ['debug', 'interactive'])
      for (const m of ['srun', 'sbatch']) {
        expect(rows.get(`bb/${p}/${m}/hello`)).toMatch(/^\S+ +\d+ +COMPLETED +0 +\d+ s +ok$/);
        expect(rows.get(`bb/${p}/${m}/fail`)).toMatch(/^\S+ +\d+ +FAILED +3 +\d+ s +FAILED$/);
      }
    expect(lines.slice(9)).toEqual(['passed=4', 'failed=4', 'total=8']);
    expect(r.stderr).toMatch(/\[bb\/debug\/sbatch\/fail\] job \d+ failed on n\d with exit code 3.*; last output lines:/);
    expect(r.stderr).toContain('[bb/debug/sbatch/fail]   about to fail');
  });

  // Both modes: cancelling a running srun --container step used to leave its container process running (sleep as
  // PID 1 ignores SIGTERM; slurmstepd then drained the node); the runtime shim now ends it (see shim.itg.test.ts).
  it('SIGTERM cancels the running srun and sbatch jobs on both partitions and exits 130', async () => {
    const dir = catalog("    - { name: sleep, run: 'echo started; sleep 120' }\n");
    const work = tempDirFor(USER);
    const child = spawn(
      'runuser',
      [
        '-u',
        USER,
        '--',
        'env',
        '-i',
        'PATH=/usr/local/bin:/usr/bin:/bin',
        `HOME=${env.EDA_OCI_TEST_HOME}`,
        `XDG_RUNTIME_DIR=${USER_ENV.XDG_RUNTIME_DIR}`,
        process.execPath,
        CLI,
        ...smokeOfBundle(dir, work),
        '--json',
        '-v',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const ids = new Set<string>();
    const bothRunning = new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        for (const m of stderr.matchAll(/job (\d+) submitted/g)) ids.add(m[1]!);
        // All four cells' jobs print "started" once they run inside the container (-v streams the output).
        if ((stderr.match(/\] started$/gm) ?? []).length >= 4) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await Promise.race([bothRunning, exited]);
    expect(ids.size, stderr).toBe(4);
    const t = Date.now();
    // To eda-oci itself (runuser's child), as a Ctrl-C or a CI runner's cancel reaches it: runuser would SIGKILL its
    // child 2 s after passing a SIGTERM on, shorter than an srun step takes to end (it waits up to 4 s for the step).
    const node = spawnSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).stdout.trim();
    expect(node).toMatch(/^\d+$/);
    process.kill(Number(node), 'SIGTERM');
    const code = await exited;
    const took = Date.now() - t;
    expect(code, stderr).toBe(130);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/eda-oci smoke: smoke cancelled after \d of 4 cell\(s\) ended; job\(s\) \d+, \d+, \d+, \d+ were cancelled/);
    // An srun job may still be COMPLETING for a moment (its step's processes are being killed).
    for (const id of ids) expect(await finalState(id), `job ${id}`).toBe('CANCELLED');
    expect(took).toBeLessThan(10_000);
    // No container process is left behind (busybox runs as container root, i.e. as the user).
    let left = true;
    for (let i = 0; i < 50 && left; i++) {
      left = spawnSync('pgrep', ['-u', USER, '-f', '^sleep 120$']).status === 0;
      if (left) await new Promise((res) => setTimeout(res, 200));
    }
    expect(left).toBe(false);
  });
});
