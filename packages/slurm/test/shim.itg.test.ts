// Integration: one bundle built by the test user `edaoci` (rootless Docker, eda-oci build) runs through real Slurm
// (srun --container, sbatch --container) for two other users, via the oci.conf eda-oci generates and the runtime shim.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAsTestUser, cli, clusterEnv, isRoot, runAs, tempDirFor } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const BUILDER = env.EDA_OCI_TEST_USER!;
const USERS = [env.EDA_OCI_TEST_USER2!, env.EDA_OCI_TEST_USER3!];

let bundle = '';
let bundleId = '';
let toolBundle = '';

/** Waits for a batch job to leave the queue (squeue keeps finished jobs for MinJobAge); returns its state. */
function waitJob(id: string, limitMs = 60_000): string {
  const end = Date.now() + limitMs;
  for (;;) {
    const r = spawnSync('squeue', ['-h', '-j', id, '-t', 'all', '-o', '%T'], { encoding: 'utf8' });
    const state = r.stdout.trim();
    if (state && !/^(PENDING|CONFIGURING|RUNNING|COMPLETING)$/.test(state)) return state;
    if (Date.now() > end) throw new Error(`job ${id} still ${state} after ${limitMs} ms`);
    execFileSync('sleep', ['0.2']);
  }
}

describe.runIf(isRoot)('runtime shim through Slurm: a bundle of edaoci runs for edaoci2 and edaoci3 (needs root for runuser)', () => {
  beforeAll(() => {
    const out = tempDirFor(BUILDER);
    const build = (image: string, name: string): string => {
      const b = buildAsTestUser(image, name, out);
      expect(b.stderr).not.toMatch(/error/);
      return b.path;
    };
    bundle = build(env.EDA_OCI_IMG_BUSYBOX1!, 'busybox');
    toolBundle = build(env.EDA_OCI_IMG_TOOL!, 'tool');
    bundleId = readFileSync(path.join(bundle, 'rootfs/.eda-oci/bundle-id'), 'utf8').trim();
    expect(bundleId).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The builder's uid is in the bundle's mappings: exactly what fails without the shim.
    const cfg = JSON.parse(readFileSync(path.join(bundle, 'config.json'), 'utf8'));
    expect(cfg.linux.uidMappings[0].hostID).toBe(Number(env.EDA_OCI_TEST_UID));
  });

  it('the installed oci.conf is what eda-oci generates for this Slurm, and it passes --check', () => {
    const installed = readFileSync(env.EDA_OCI_SLURM_OCI_CONF!, 'utf8');
    const gen = cli(['oci-conf', '--slurm-version', 'auto', '--shim', env.EDA_OCI_SLURM_SHIM!]);
    expect(gen.status).toBe(0);
    expect(gen.stdout).toBe(installed);
    expect(installed).toContain(`RunTimeRun="${env.EDA_OCI_SLURM_SHIM} `);
    const check = cli(['oci-conf', '--check', env.EDA_OCI_SLURM_OCI_CONF!], { user: USERS[0] });
    expect(check.stdout).toContain(
      `${env.EDA_OCI_SLURM_OCI_CONF}: ok for Slurm ${env.EDA_OCI_SLURM_VERSION!.slice(0, 5)}: 0 error(s), 0 warning(s)`,
    );
    expect(check.status).toBe(0);
  });

  it.each(USERS)('srun --container runs the shared bundle for %s, inside the bundle (bundle-id), as container root', (user) => {
    const r = runAs(
      user,
      'srun',
      ['--container', bundle, '/bin/sh', '-c', 'cat /.eda-oci/bundle-id; id -u; cat /etc/eda-oci-release'],
      {},
      '/tmp',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toEqual([bundleId, '0', '1', '']);
  });

  it.each(USERS)("srun --container runs an image whose USER is not root for %s (container uid 1000 in the user's subuid range)", (user) => {
    const r = runAs(user, 'srun', ['-p', 'interactive', '--container', toolBundle, '/opt/tool/bin/tool', 'x'], {}, '/tmp');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('tool 1.0 user=1000 cwd=/work home=/opt/tool\nargs: x\n');
  });

  it('sbatch --container runs the shared bundle for both users; the job output has only the bundle id (no slurmstepd noise)', () => {
    const jobs = USERS.map((user) => {
      const dir = tempDirFor(user);
      const r = runAs(
        user,
        'sbatch',
        ['--parsable', '--container', bundle, '-o', `${dir}/out-%j.txt`, '--wrap', 'cat /.eda-oci/bundle-id'],
        {},
        dir,
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return { id: r.stdout.trim(), dir };
    });
    for (const { id, dir } of jobs) {
      const state = waitJob(id);
      const output = readFileSync(`${dir}/out-${id}.txt`, 'utf8');
      expect(`${state}: ${output}`).toBe(`COMPLETED: ${bundleId}\n`);
    }
  });

  it("sbatch of a bundle whose image USER is not root runs for another user, with the image's PATH", () => {
    // Slurm mounts the 0700 batch script of the submitting user at /tmp/slurm/startup: before the shim gave the image
    // user an executable copy this failed with "exec /tmp/slurm/startup: permission denied"; and the submitting
    // shell's PATH replaced the image's, so the image's tools were not found by name.
    const user = USERS[0]!;
    const dir = tempDirFor(user);
    const r = runAs(
      user,
      'sbatch',
      ['--parsable', '-p', 'debug', '--container', toolBundle, '-o', `${dir}/out-%j.txt`, '--wrap', 'id -u; echo "$PATH"; command -v tool'],
      { PATH: '/home/nowhere/bin:/usr/bin:/bin' },
      dir,
    );
    expect(r.stderr).toBe('');
    const id = r.stdout.trim();
    const state = waitJob(id);
    const image = JSON.parse(readFileSync(path.join(toolBundle, 'config.json'), 'utf8')).process.env.find((e: string) =>
      e.startsWith('PATH='),
    );
    expect(`${state}: ${readFileSync(`${dir}/out-${id}.txt`, 'utf8')}`).toBe(`COMPLETED: 1000\n${image.slice(5)}\n/opt/tool/bin/tool\n`);
  });

  it('batch jobs of two users one after the other: no mount point is written into the shared rootfs (each job gets its own)', () => {
    // Before the shim mounted a tmpfs for them, the first user's runc created rootfs/tmp/slurm and the second user's
    // batch job then failed to create its mount points below it.
    for (const user of [...USERS].reverse()) {
      const dir = tempDirFor(user);
      const r = runAs(
        user,
        'sbatch',
        ['--parsable', '--container', bundle, '-o', `${dir}/out-%j.txt`, '--wrap', 'cat /.eda-oci/bundle-id'],
        {},
        dir,
      );
      expect(r.stderr).toBe('');
      const id = r.stdout.trim();
      const state = waitJob(id);
      expect(`${user} ${state}: ${readFileSync(`${dir}/out-${id}.txt`, 'utf8')}`).toBe(`${user} COMPLETED: ${bundleId}\n`);
    }
    expect(existsSync(path.join(bundle, 'rootfs/tmp/slurm'))).toBe(false);
  });

  it('without the shim the same bundle fails for another user (what the shim fixes), and runs for its builder', () => {
    // runc directly, with the mappings of the bundle as Slurm hands them over.
    const state = tempDirFor(USERS[0]);
    const r = runAs(USERS[0]!, env.EDA_OCI_RUNC!, ['--root', state, 'run', '--bundle', bundle, `noshim-${process.pid}`], {}, '/tmp');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/operation not permitted|permission denied/i);
    const own = tempDirFor(BUILDER);
    const ok = runAs(BUILDER, env.EDA_OCI_RUNC!, ['--root', own, 'run', '--bundle', bundle, `builder-${process.pid}`], {}, '/tmp');
    expect(ok.status).toBe(0);
  });

  it('scancel of a running srun --container step ends its container at once, for a root and a non-root image user; no node is drained', async () => {
    // The container's process is PID 1 of its namespace and ignores SIGTERM without a handler; runc kill sends SIGTERM
    // and Slurm then SIGKILLs only the /bin/sh -c wrapper of the shim. Before the shim handled both, `sleep` ran on
    // until it ended, the step stayed COMPLETING, and after UnkillableStepTimeout slurmstepd drained the node.
    const user = USERS[0]!;
    for (const [b, label] of [
      [bundle, 'root'],
      [toolBundle, 'eda'],
    ] as const) {
      const marker = `${Date.now() % 100000}${label === 'root' ? 1 : 2}`;
      const child = spawn(
        'runuser',
        ['-u', user, '--', 'srun', '-p', 'debug', '-w', 'n3', '-J', `kill-${marker}`, '--container', b, 'sleep', marker],
        {
          cwd: '/tmp',
          stdio: 'ignore',
        },
      );
      const exited = new Promise<void>((res) => child.on('exit', () => res()));
      let id = '';
      for (let i = 0; i < 100 && !id; i++) {
        const q = spawnSync('squeue', ['-h', '-n', `kill-${marker}`, '-t', 'RUNNING', '-o', '%i'], { encoding: 'utf8' }).stdout.trim();
        if (q && spawnSync('pgrep', ['-f', `^sleep ${marker}$`]).status === 0) id = q;
        else await new Promise((res) => setTimeout(res, 200));
      }
      expect(id, `${label}: the step did not start`).not.toBe('');
      const t0 = Date.now();
      spawnSync('scancel', [id]);
      let gone = false;
      while (!gone && Date.now() - t0 < 15_000) {
        const left = spawnSync('pgrep', ['-f', `^sleep ${marker}$`]).status === 0;
        const queued = spawnSync('squeue', ['-h', '-j', id], { encoding: 'utf8' }).stdout.trim() !== '';
        gone = !left && !queued;
        if (!gone) await new Promise((res) => setTimeout(res, 200));
      }
      expect(gone, `${label}: container of job ${id} still there ${Date.now() - t0} ms after scancel`).toBe(true);
      await exited;
    }
    const states = spawnSync('sinfo', ['-h', '-N', '-o', '%N %t'], { encoding: 'utf8' }).stdout;
    expect(states).not.toMatch(/drain|drng/);
  });

  it('the shim kill alone ends a container whose PID 1 ignores SIGTERM, after the grace period', async () => {
    // RunTimeKill without Slurm: a step config (as Slurm writes it into the spool dir) running `sleep` as PID 1.
    const user = USERS[1]!;
    const dir = tempDirFor(user);
    const step = path.join(dir, 'step');
    mkdirSync(step);
    const cfg = JSON.parse(readFileSync(path.join(bundle, 'config.json'), 'utf8'));
    cfg.process.args = ['sleep', '300'];
    cfg.root = { path: path.join(bundle, 'rootfs'), readonly: true };
    writeFileSync(path.join(step, 'config.json'), JSON.stringify(cfg));
    const { uid, gid } = statSync(dir);
    chownSync(step, uid, gid);
    chownSync(path.join(step, 'config.json'), uid, gid);
    const root = path.join(dir, 'runc');
    const cid = `graced-${process.pid}`;
    const shim = env.EDA_OCI_SLURM_SHIM!;
    const run = spawn('runuser', ['-u', user, '--', shim, `--root=${root}`, 'run', cid, '-b', step], { cwd: '/tmp', stdio: 'ignore' });
    const exited = new Promise<number | null>((res) => run.on('exit', (code) => res(code)));
    const status = (): string => {
      const r = runAs(user, env.EDA_OCI_RUNC!, [`--root=${root}`, 'state', cid], {}, '/tmp');
      return r.status === 0 ? (JSON.parse(r.stdout) as { status: string }).status : 'gone';
    };
    let state = '';
    for (let i = 0; i < 50 && state !== 'running'; i++) {
      state = status();
      if (state !== 'running') await new Promise((res) => setTimeout(res, 100));
    }
    expect(state).toBe('running');
    const t0 = Date.now();
    const k = runAs(user, shim, ['--kill-grace=1', `--root=${root}`, 'kill', '-a', cid], {}, '/tmp');
    expect(`${k.status} ${k.stderr}`).toBe('0 ');
    expect(Date.now() - t0).toBeLessThan(1000); // returns at once, like runc kill
    await new Promise((res) => setTimeout(res, 300));
    expect(status()).toBe('running'); // SIGTERM alone did nothing to sleep as PID 1
    await exited;
    expect(Date.now() - t0).toBeLessThan(6000);
    expect(status()).not.toBe('running');
  });
});
