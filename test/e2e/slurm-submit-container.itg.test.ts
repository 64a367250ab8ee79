// E2E: the committed dist of slurm-submit-container run the way the GitHub runner runs it, as the unprivileged job
// user edaoci2, with a bundle that edaoci built (build-oci-bundle's CLI twin), on the real Slurm test cluster: a
// successful job (outputs, summary with the output tail, post has nothing to do), the JSON records of a passing and a
// failing job (result-file), the workflow cancelled while the job is pending and while it runs (SIGTERM: job
// CANCELLED within 2 s, post idempotent), and a killed main step whose post step cancels the job it left.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAsTestUser, clusterEnv, isRoot, tempDirFor } from '../helpers/cluster.js';
import { runAction, runPostOnly } from './runner.js';

const env = clusterEnv();
const BUILDER = env.EDA_OCI_TEST_USER!;
const USER = env.EDA_OCI_TEST_USER2!;
let bundle = '';
let bundleId = '';

function state(jobId: string): string {
  return spawnSync('squeue', ['-h', '-t', 'all', '-j', jobId, '-o', '%T'], { encoding: 'utf8' }).stdout.trim();
}

/** Polls Slurm until the job is CANCELLED; returns when (ms since epoch), or 0 after `limitMs`. */
async function cancelledAt(jobId: string, limitMs = 10_000): Promise<number> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (state(jobId) === 'CANCELLED') return Date.now();
    await new Promise((r) => setTimeout(r, 50));
  }
  return 0;
}

describe.runIf(isRoot)('slurm-submit-container dist as edaoci2 on the Slurm test cluster (needs root for runuser)', () => {
  beforeAll(() => {
    const out = tempDirFor(BUILDER);
    bundle = buildAsTestUser(env.EDA_OCI_IMG_BUSYBOX1!, 'bb', out).path;
    bundleId = readFileSync(path.join(bundle, 'rootfs/.eda-oci/bundle-id'), 'utf8').trim();
  });

  it('runs the command inside the bundle: outputs, log, summary with the output tail; post finds nothing to cancel', async () => {
    const work = tempDirFor(USER);
    const { main, post } = await runAction('slurm-submit-container', {
      user: USER,
      workDir: work,
      with: {
        bundle,
        command: 'echo "hello from $(cat /etc/eda-oci-release)"; echo to-stderr >&2',
        'job-name': 'e2e-ok',
        'time-limit': '2',
        env: 'GREETING=hi there',
      },
      env: { EDA_OCI_SLURM_OUTPUT_DIR: work },
    });
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    const o = main.outputs;
    expect(o).toMatchObject({ state: 'COMPLETED', 'exit-code': '0', signal: '0', nodes: expect.stringMatching(/^n\d$/) });
    expect(o['job-id']).toMatch(/^\d+$/);
    expect(o['output-file']).toBe(path.join(work, `eda-oci-${o['job-id']}.out`));
    expect(Number(o['elapsed-seconds'])).toBeGreaterThanOrEqual(0);
    expect(main.stdout).toContain('::group::Slurm job (sbatch)');
    expect(main.stdout).toContain('hello from 1\n');
    expect(main.stdout).toContain('to-stderr\n');
    expect(main.summary).toContain(`slurm-submit-container: job ${o['job-id']}`);
    expect(main.summary).toMatch(/<td>State<\/td><td>COMPLETED<\/td>/);
    expect(main.summary).toContain(`<td>Inside the bundle</td><td>yes (${bundleId})</td>`);
    expect(main.summary).toMatch(/Output tail \(2 lines\):[\s\S]*hello from 1/);
    expect(spawnSync('scontrol', ['-o', 'show', 'job', o['job-id']!], { encoding: 'utf8' }).stdout).toContain('JobName=e2e-ok');
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toContain(`job(s) ${o['job-id']} already ended`);
  });

  it('a failing command: exit-code 3 and state FAILED as outputs, one error annotation, summary written', async () => {
    const work = tempDirFor(USER);
    const { main } = await runAction('slurm-submit-container', {
      user: USER,
      workDir: work,
      with: { bundle, command: 'exit 3' },
      env: { EDA_OCI_SLURM_OUTPUT_DIR: work },
    });
    expect(main.exitCode).toBe(1);
    expect(main.outputs).toMatchObject({ state: 'FAILED', 'exit-code': '3' });
    expect(main.errors).toEqual([
      expect.stringMatching(/^slurm-submit-container failed: job \d+ failed on n\d with exit code 3; see the output above/),
    ]);
    expect(main.summary).toContain('<td>FAILED</td>');
  });

  it('result-file: a passing srun job and a failing sbatch job each write their JSON record (parent dirs created)', async () => {
    const work = tempDirFor(USER);
    const okFile = path.join(work, 'results/smoke-1/bb.json');
    const ok = await runAction('slurm-submit-container', {
      user: USER,
      workDir: work,
      with: { bundle, command: 'hostname', mode: 'srun', partition: 'debug', 'result-file': okFile, 'result-id': 'bb/debug/srun/hostname' },
    });
    expect(ok.main.exitCode, ok.main.stdout).toBe(0);
    const rec = JSON.parse(readFileSync(okFile, 'utf8'));
    expect(rec).toMatchObject({
      id: 'bb/debug/srun/hostname',
      bundle: 'bb',
      'bundle-path': bundle,
      partition: 'debug',
      mode: 'srun',
      command: 'hostname',
      'job-id': ok.main.outputs['job-id'],
      state: 'COMPLETED',
      'exit-code': 0,
      signal: 0,
      nodes: ok.main.outputs.nodes,
      verified: true,
      ok: true,
    });
    expect(statSync(okFile).uid).toBe(Number(env.EDA_OCI_TEST_UID2));

    const badFile = path.join(work, 'results/smoke-2/bb.json');
    const bad = await runAction('slurm-submit-container', {
      user: USER,
      workDir: work,
      with: { bundle, command: 'exit 5', partition: 'interactive', 'result-file': badFile, 'result-id': 'bb/interactive/sbatch/fail' },
      env: { EDA_OCI_SLURM_OUTPUT_DIR: work },
    });
    expect(bad.main.exitCode).toBe(1);
    expect(JSON.parse(readFileSync(badFile, 'utf8'))).toMatchObject({
      id: 'bb/interactive/sbatch/fail',
      mode: 'sbatch',
      partition: 'interactive',
      'job-id': bad.main.outputs['job-id'],
      state: 'FAILED',
      'exit-code': 5,
      ok: false,
      message: expect.stringMatching(/^job \d+ failed on n\d with exit code 5/),
    });
    expect(readdirSync(path.dirname(badFile))).toEqual(['bb.json']); // no temp file left
  });

  it.each([
    ['pending', ['--begin=now+120'], /job \d+: PENDING/],
    ['running', [], /job \d+: RUNNING/],
  ])(
    'SIGTERM while the job is %s (workflow cancelled): CANCELLED within 2 s, the step fails, post is idempotent',
    async (_when, extra, milestone) => {
      const work = tempDirFor(USER);
      let stdout = '';
      let signalled = 0;
      let jobId = '';
      let cancelled: Promise<number> | undefined;
      const { main, post } = await runAction('slurm-submit-container', {
        user: USER,
        workDir: work,
        with: { bundle, command: 'echo started; sleep 120', 'extra-args': extra.join('\n') },
        env: { EDA_OCI_SLURM_OUTPUT_DIR: work },
        onStdout: (text, pid) => {
          stdout += text;
          jobId ||= /submitted batch job (\d+)/.exec(stdout)?.[1] ?? '';
          if (!signalled && milestone.test(stdout)) {
            signalled = Date.now();
            process.kill(pid, 'SIGTERM'); // runuser passes it on to the node step, as the runner's signal would arrive
            cancelled = cancelledAt(jobId); // watched from outside while the step reacts
          }
        },
      });
      expect(signalled).toBeGreaterThan(0);
      const at = await cancelled!;
      expect(at).toBeGreaterThan(0);
      expect(at - signalled).toBeLessThan(2000);
      expect(main.stdout).toMatch(new RegExp(`cancelling job ${jobId} \\(the run was cancelled\\)`));
      expect(main.exitCode).not.toBe(0);
      expect(main.state['job-ids']).toBe(jobId);
      expect(post?.exitCode).toBe(0);
      expect(post?.stdout).toContain(`job(s) ${jobId} already ended`);
    },
  );

  it('main step killed (SIGKILL) while the job runs: the post step cancels the job it left; a second post does nothing', async () => {
    const work = tempDirFor(USER);
    let stdout = '';
    let jobId = '';
    const { main } = await runAction('slurm-submit-container', {
      user: USER,
      workDir: work,
      post: false,
      with: { bundle, command: 'sleep 120' },
      env: { EDA_OCI_SLURM_OUTPUT_DIR: work },
      onStdout: (text) => {
        stdout += text;
        jobId ||= /submitted batch job (\d+)/.exec(stdout)?.[1] ?? '';
        if (/job \d+: RUNNING/.test(stdout)) {
          // The runner's last resort: kill the whole step (runuser and node) without a chance to clean up.
          for (const p of spawnSync('pgrep', ['-u', USER, '-f', 'slurm-submit-container/dist/main'], { encoding: 'utf8' })
            .stdout.split('\n')
            .filter(Boolean)) {
            process.kill(Number(p), 'SIGKILL');
          }
        }
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(state(jobId)).toBe('RUNNING');
    const p1 = await runPostOnly('slurm-submit-container', {
      user: USER,
      workDir: work,
      state: { 'job-ids': jobId, 'cancel-on-abort': 'true' },
    });
    expect(p1.exitCode).toBe(0);
    expect(p1.stdout).toContain(`cancelled leftover job(s) ${jobId}`);
    expect(await cancelledAt(jobId)).toBeGreaterThan(0);
    const p2 = await runPostOnly('slurm-submit-container', {
      user: USER,
      workDir: work,
      state: { 'job-ids': jobId, 'cancel-on-abort': 'true' },
    });
    expect(p2.exitCode).toBe(0);
    expect(p2.stdout).toContain(`job(s) ${jobId} already ended`);
    execFileSync('scancel', [jobId]);
  });
});
