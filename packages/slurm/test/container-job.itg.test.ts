// Integration: `eda-oci submit` (the library behind slurm-submit-container) on the real Slurm test cluster, as
// unprivileged users, with a bundle built by another user: success, pinning, multi-node, bad input before submit,
// exit codes, TIMEOUT, a slurmd killed mid-job, slurmctld stopped for 20 s mid-wait, a node without oci.conf.
// Daemons killed by a test are restored in afterEach (test/cluster/slurm.sh restore).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAsTestUser, CLI, clusterEnv, isRoot, killProcessesMatching, tempDirFor } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const BUILDER = env.EDA_OCI_TEST_USER!;
const USER = env.EDA_OCI_TEST_USER2!;
const USER3 = env.EDA_OCI_TEST_USER3!;
const SLURM_SH = env.EDA_OCI_SLURM_SCRIPT!;

let bundles = '';
let bb1 = '';
let bundleId1 = '';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  ms: number;
}

/** `eda-oci submit ARGS` as `user` in `cwd`, asynchronously; `onStderr` sees the log as it comes. */
function submit(user: string, args: string[], opts: { cwd?: string; onStderr?: (text: string, pid: number) => void } = {}): Promise<Run> {
  const home = `/home/${user}`;
  const e = { HOME: home, USER: user, LOGNAME: user, PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin' };
  const cwd = opts.cwd ?? tempDirFor(user);
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      'runuser',
      ['-u', user, '--', 'env', '-i', ...Object.entries(e).map(([k, v]) => `${k}=${v}`), process.execPath, CLI, 'submit', ...args],
      {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      opts.onStderr?.(stderr, child.pid!);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const outputs = Object.fromEntries(
        stdout
          .split('\n')
          .filter((l) => /^[a-z-]+=/.test(l))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      resolve({ status, stdout, stderr, outputs, ms: Date.now() - t0 });
    });
  });
}

/** Jobs of a user that Slurm currently knows (all states). */
function jobsOf(user: string): string[] {
  return spawnSync('squeue', ['-h', '-t', 'all', '-u', user, '-o', '%i'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
}

function slurmState(jobId: string): string {
  return spawnSync('squeue', ['-h', '-t', 'all', '-j', jobId, '-o', '%T'], { encoding: 'utf8' }).stdout.trim();
}

/**
 * A job whose slurmd was killed keeps running on that node (slurmstepd and the container survive). Kill what is left
 * of it: its slurmstepd and its container (runc delete --force in the user's runc root).
 */
function killJobLeftovers(jobId: string, user: string): void {
  killProcessesMatching(`[${jobId}.batch]`);
  const root = `/tmp/eda-oci-runc-${user}`;
  const ids = spawnSync('runc', ['--root', root, 'list', '-q'], { encoding: 'utf8' }).stdout.split('\n');
  for (const id of ids.filter((i) => i.includes(`.${user}.${jobId}.`))) spawnSync('runc', ['--root', root, 'delete', '--force', id]);
}

function restore(): void {
  execFileSync('bash', [SLURM_SH, 'restore'], { stdio: 'ignore' });
}

function pidOf(file: string): number {
  return Number(readFileSync(file, 'utf8').trim());
}

describe.runIf(isRoot)('eda-oci submit on the real Slurm cluster (as edaoci2/edaoci3; needs root for runuser and daemon faults)', () => {
  let timeoutRun: Promise<Run>;

  beforeAll(() => {
    bundles = tempDirFor(BUILDER);
    mkdirSync(path.join(bundles, 'versions'));
    execFileSync('chown', [BUILDER, path.join(bundles, 'versions')]);
    for (const [img, name] of [
      [env.EDA_OCI_IMG_BUSYBOX1!, 'v1'],
      [env.EDA_OCI_IMG_BUSYBOX2!, 'v2'],
    ] as const) {
      buildAsTestUser(img, name, path.join(bundles, 'versions'));
    }
    bb1 = path.join(bundles, 'versions/v1');
    bundleId1 = readFileSync(path.join(bb1, 'rootfs/.eda-oci/bundle-id'), 'utf8').trim();
    // A job that hits its 1-minute time limit, on n2 (the node and controller faults below use n3 and come back):
    // Slurm checks limits every 30 s, so it takes 60-95 s; it runs while the other tests do.
    timeoutRun = submit(USER3, [
      '--bundle',
      bb1,
      '--command',
      'echo started; sleep 300',
      '--time-limit',
      '1',
      '--extra-arg=-w',
      '--extra-arg=n2',
      '--job-name',
      'itg-timeout',
      '--timeout-seconds',
      '240',
    ]);
  });

  afterEach(() => restore());
  // The TIMEOUT job must not outlive the file (e.g. when only some tests run).
  afterAll(() => {
    spawnSync('scancel', ['-u', USER3, '-n', 'itg-timeout']);
  });

  it('sbatch: the bundle of edaoci runs for edaoci2, output streamed, inside the bundle, outputs on stdout', async () => {
    const r = await submit(USER, [
      '--bundle',
      bb1,
      '--command',
      'echo out-line; echo err-line >&2; cat /etc/eda-oci-release',
      '--job-name',
      'itg-ok',
    ]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    expect(r.outputs).toMatchObject({ state: 'COMPLETED', 'exit-code': '0', signal: '0', nodes: expect.stringMatching(/^n[1-3]$/) });
    expect(r.stderr).toContain('out-line\n');
    expect(r.stderr).toContain('err-line\n');
    expect(r.stderr).toMatch(/completed on n\d with exit code 0, inside the bundle/);
    expect(r.stderr).not.toContain('eda-oci-verify:');
    const out = readFileSync(r.outputs['output-file']!, 'utf8');
    expect(out).toContain(`eda-oci-verify:`); // the job's proof, in its own output file
    expect(out).toContain(`:${bundleId1}\n`);
  });

  it('pin-version: a publish while the job waits in the queue does not change what runs', async () => {
    const link = path.join(bundles, 'current');
    symlinkSync('versions/v1', link);
    const r = submit(USER, ['--bundle', link, '--command', 'cat /etc/eda-oci-release', '--extra-arg=--begin=now+2'], {});
    // "publish" v2 with an atomic rename of a new symlink while the job is pending
    await new Promise((res) => setTimeout(res, 700));
    symlinkSync('versions/v2', `${link}.new`);
    renameSync(`${link}.new`, link);
    const done = await r;
    expect(done.status).toBe(0);
    expect(done.stderr).toContain(`bundle ${bb1} (pinned from ${link})`);
    expect(done.stderr).toMatch(/\n1\n/);
    const unpinned = await submit(USER, ['--bundle', link, '--command', 'cat /etc/eda-oci-release', '--no-pin-version']);
    expect(unpinned.stderr).toMatch(/\n2\n/);
  });

  it('exit code 3: state FAILED, exit-code 3, exit status 1 with one error line', async () => {
    const r = await submit(USER, ['--bundle', bb1, '--command', 'echo before; exit 3']);
    expect(r.status).toBe(1);
    expect(r.outputs).toMatchObject({ state: 'FAILED', 'exit-code': '3' });
    expect(r.stderr).toContain('before\n');
    expect(r.stderr).toMatch(
      /eda-oci submit: error: job \d+ failed on n\d with exit code 3; see the output above or .*eda-oci-\d+\.out\n$/,
    );
  });

  it('srun mode, -N 2: both tasks run inside the bundle on two nodes; also sbatch -N 2', async () => {
    // (Per-task variables such as SLURM_PROCID do not reach the container with Slurm 22.05: each task prints the same.)
    const r = await submit(USER, [
      '--mode',
      'srun',
      '--bundle',
      bb1,
      '--nodes',
      '2',
      '--ntasks',
      '2',
      '--command',
      'echo task-in-$(cat /etc/eda-oci-release)',
    ]);
    expect(r.status).toBe(0);
    expect(r.outputs.nodes).toMatch(/^n\[\d-\d\]$|^n\d,n\d$/);
    expect(r.outputs['output-file']).toBe('');
    expect(r.stderr.match(/^task-in-1$/gm)).toHaveLength(2);
    expect(r.stderr).toMatch(/inside the bundle/);
    const b = await submit(USER, ['--bundle', bb1, '--nodes', '2', '--command', 'echo batch-ok']);
    expect(b.status).toBe(0);
    expect(b.outputs.nodes).toMatch(/^n\[\d-\d\]$|^n\d,n\d$/);
  });

  it.each([
    [
      'a bundle path that does not exist',
      ['--bundle', '/nonexistent/bundle', '--command', 'true'],
      /error: bundle \/nonexistent\/bundle does not exist; give the path of a bundle on the shared file system/,
      1,
    ],
    [
      'an invalid time limit',
      ['--bundle', '<bb1>', '--command', 'true', '--time-limit', '1:2:3:4'],
      /error: time limit '1:2:3:4' is not valid/,
      1,
    ],
    [
      'extra-args with shell syntax',
      ['--bundle', '<bb1>', '--command', 'true', '--extra-arg=--comment=x;touch /tmp/pwned'],
      /uses shell syntax, which is passed to Slurm literally and never interpreted/,
      1,
    ],
    [
      'an unknown partition',
      ['--bundle', '<bb1>', '--command', 'true', '--partition', 'nosuch'],
      /error: partition 'nosuch' does not exist on this cluster; use one of: debug, interactive/,
      1,
    ],
  ])('%s: one error line, nothing submitted', async (_name, args, re, status) => {
    const before = jobsOf(USER);
    const r = await submit(
      USER,
      args.map((a) => (a === '<bb1>' ? bb1 : a)),
    );
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(re);
    expect(
      r.stderr
        .trim()
        .split('\n')
        .filter((l) => /error/.test(l)),
    ).toHaveLength(1);
    expect(jobsOf(USER)).toEqual(before);
  });

  it('a slurmd killed while the job runs: NODE_FAIL, reported as a node failure', async () => {
    let killed = false;
    const r = await submit(
      USER,
      ['--bundle', bb1, '--command', 'echo started; sleep 60', '--extra-arg=-w', '--extra-arg=n3', '--extra-arg=--no-requeue'],
      {
        onStderr: (text) => {
          if (!killed && /job \d+: RUNNING/.test(text)) {
            killed = true;
            process.kill(pidOf('/run/slurmd-n3.pid'), 'SIGKILL');
          }
        },
      },
    );
    killJobLeftovers(r.outputs['job-id']!, USER);
    expect(killed).toBe(true);
    expect(r.status).toBe(1);
    expect(r.outputs.state).toBe('NODE_FAIL');
    expect(r.stderr).toMatch(/error: job \d+ ended by a node failure on n3; run again/);
  });

  it('slurmctld stopped for 20 s mid-wait: the run keeps waiting and reports the true end', async () => {
    let stopped = 0;
    const r = await submit(
      USER,
      ['--bundle', bb1, '--command', 'sleep 5; echo finished-during-outage', '--extra-arg=-w', '--extra-arg=n1'],
      {
        onStderr: (text) => {
          if (!stopped && /job \d+: RUNNING/.test(text)) {
            stopped = Date.now();
            process.kill(pidOf('/run/slurmctld.pid'), 'SIGTERM');
            setTimeout(restore, 20_000);
          }
        },
      },
    );
    expect(stopped).toBeGreaterThan(0);
    expect(r.ms).toBeGreaterThan(20_000);
    expect(r.stderr).toMatch(/slurmctld does not answer .*still waiting, retrying with backoff/);
    expect(r.stderr).toMatch(/slurmctld answers again/);
    expect(r.status).toBe(0);
    expect(r.outputs).toMatchObject({ state: 'COMPLETED', 'exit-code': '0' });
    expect(r.stderr).toContain('finished-during-outage');
  });

  it('a node without oci.conf runs the job on the host: verify-container catches it', async () => {
    execFileSync('bash', [SLURM_SH, 'node-nooci', 'n3'], { stdio: 'ignore' });
    const r = await submit(USER, ['--bundle', bb1, '--command', 'echo where-am-i', '--extra-arg=-w', '--extra-arg=n3']);
    expect(r.status).toBe(1);
    expect(r.outputs.state).toBe('COMPLETED');
    expect(r.stderr).toMatch(
      /error: job \d+ did not run inside the container: it saw bundle id 'none', expected sha256:[0-9a-f]{64}; node\(s\) n3 may have no oci.conf/,
    );
    // Without verification the same job "succeeds" on the host: the silent fallback the check exists for.
    const blind = await submit(USER, [
      '--bundle',
      bb1,
      '--command',
      'test -e /.eda-oci/bundle-id || echo on-the-host',
      '--no-verify-container',
      '--extra-arg=-w',
      '--extra-arg=n3',
    ]);
    expect(blind.status).toBe(0);
    expect(blind.stderr).toContain('on-the-host');
  });

  it('a job hitting its time limit: TIMEOUT (started with the first test, on n2)', async () => {
    const r = await timeoutRun;
    expect(r.stderr).toContain('started');
    expect(r.status).toBe(1);
    expect(r.outputs.state).toBe('TIMEOUT');
    expect(r.stderr).toMatch(/error: job \d+ hit its time limit on n2 and was killed; raise time-limit/);
    expect(slurmState(r.outputs['job-id']!)).toBe('TIMEOUT');
  });
});
