// The job runner and monitor against a fake process layer (fake-slurm.ts): one squeue per poll for many jobs,
// adaptive intervals, backoff during controller outages, requeues followed, lost submissions adopted, cancellation,
// stuck jobs, verification, post-step cleanup. Real Slurm: container-job.itg.test.ts.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, ConfigurationError } from '@eda-oci/exec';
import {
  cancelLeftoverJobs,
  JobMonitor,
  prepareContainerJob,
  runContainerJob,
  SlurmCommands,
  SlurmJobError,
  type ContainerJobOptions,
} from '../src/index.js';
import { FakeSlurm, fakeTime } from './fake-slurm.js';

const BUNDLE_ID = `sha256:${'ab'.repeat(32)}`;
let dir: string;
let bundle: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-slurm-'));
  bundle = path.join(dir, 'bundles/.eda-oci/bb/v2');
  mkdirSync(path.join(bundle, 'rootfs/.eda-oci'), { recursive: true });
  writeFileSync(path.join(bundle, 'config.json'), '{}');
  writeFileSync(path.join(bundle, 'rootfs/.eda-oci/bundle-id'), `${BUNDLE_ID}\n`);
  symlinkSync('.eda-oci/bb/v2', path.join(dir, 'bundles/bb'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a job script prints inside the bundle: the verification line with the id the test chooses. */
const printsId =
  (id: string, more = 'hello\n') =>
  (script: string): string => {
    const token = /eda-oci-verify:([0-9a-f]+):/.exec(script)?.[1];
    return `${token ? `eda-oci-verify:${token}:${id}\n` : ''}${more}`;
  };

function setup(extra: Partial<ContainerJobOptions> = {}) {
  const slurm = new FakeSlurm();
  slurm.output = printsId(BUNDLE_ID);
  const time = fakeTime();
  const lines: string[] = [];
  const opts: ContainerJobOptions = {
    bundle: path.join(dir, 'bundles/bb'),
    command: 'echo hello',
    mode: 'sbatch',
    outputDir: dir,
    onOutputLine: (l) => lines.push(l),
    ...extra,
  };
  const deps = { commands: new SlurmCommands({ run: slurm.run }), sleep: time.sleep, now: time.now };
  return { slurm, time, lines, opts, deps };
}

describe('JobMonitor', () => {
  it('50 jobs: one squeue per poll for all of them, at most one scontrol more, each job to its end', async () => {
    const slurm = new FakeSlurm();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const id = String(1000 + i);
      ids.push(id);
      const run = Array.from({ length: 1 + (i % 7) }, () => ({ state: 'RUNNING' }));
      slurm.add(id, [{ state: 'PENDING' }, ...run, i % 5 === 0 ? { state: 'FAILED', exit: '2:0' } : { state: 'COMPLETED' }]);
    }
    const time = fakeTime();
    const commands = new SlurmCommands({ run: slurm.run });
    const m = new JobMonitor(commands, undefined, time.sleep, time.now);
    const res = await m.wait(ids);
    expect(res.size).toBe(50);
    expect(res.get('1000')).toMatchObject({ state: 'FAILED', exitCode: 2 });
    expect(res.get('1001')).toMatchObject({ state: 'COMPLETED', exitCode: 0 });
    // One squeue per poll: the polls are the waits between them plus one.
    expect(commands.counts.squeue).toBe(time.slept.length + 1);
    // Several jobs ending in one poll share one scontrol call.
    expect(commands.counts.scontrol).toBeLessThanOrEqual(commands.counts.squeue);
    expect((commands.counts.squeue + commands.counts.scontrol) / commands.counts.squeue).toBeLessThanOrEqual(2);
    expect(slurm.calls.filter((c) => c.cmd === 'squeue').every((c) => c.args.includes('-j'))).toBe(true);
  });

  it('polls every 250 ms at first, then 500 ms, then 800 ms: never more than 1 s between polls while healthy', async () => {
    const slurm = new FakeSlurm();
    slurm.add('7', [...Array.from({ length: 60 }, () => ({ state: 'RUNNING' })), { state: 'COMPLETED' }]);
    const time = fakeTime();
    await new JobMonitor(new SlurmCommands({ run: slurm.run }), undefined, time.sleep, time.now).wait(['7']);
    expect(time.slept.slice(0, 3)).toEqual([250, 250, 250]);
    expect(new Set(time.slept)).toEqual(new Set([250, 500, 800]));
    expect(Math.max(...time.slept)).toBeLessThan(1000);
  });

  it('while slurmctld does not answer: backoff 1, 2, 4, 5, 5 s, no outcome, then the true end', async () => {
    const slurm = new FakeSlurm();
    slurm.add('8', [{ state: 'RUNNING' }, { state: 'RUNNING' }, { state: 'COMPLETED' }]);
    const time = fakeTime();
    const warnings: string[] = [];
    const logger = {
      debug: () => {},
      info: () => {},
      warning: (m: string) => warnings.push(m),
      error: () => {},
      group: <T>(_: string, f: () => Promise<T>) => f(),
    };
    const m = new JobMonitor(new SlurmCommands({ run: slurm.run }), logger, time.sleep, time.now);
    const first = m.wait(['8']);
    slurm.outage = 5;
    const res = await first;
    expect(time.slept.filter((s) => s >= 1000)).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(res.get('8')).toMatchObject({ state: 'COMPLETED' });
    expect(warnings[0]).toMatch(/slurmctld does not answer .*Unable to contact slurm controller.*still waiting/);
  });

  it('a job back in the queue after NODE_FAIL (requeue) is followed to its real end', async () => {
    const slurm = new FakeSlurm();
    slurm.add('9', [
      { state: 'RUNNING' },
      { state: 'NODE_FAIL' },
      { state: 'PENDING', reason: 'BeginTime', restarts: 1 },
      { state: 'RUNNING', restarts: 1 },
      { state: 'COMPLETED', restarts: 1 },
    ]);
    const time = fakeTime();
    const requeues: string[] = [];
    const res = await new JobMonitor(new SlurmCommands({ run: slurm.run }), undefined, time.sleep, time.now).wait(['9'], {
      onRequeue: (d) => requeues.push(`${d.state}/${d.restarts}`),
    });
    expect(requeues).toEqual(['PENDING/1']);
    expect(res.get('9')).toMatchObject({ state: 'COMPLETED', restarts: 1 });
  });

  it('a job Slurm no longer knows ends as UNKNOWN (a failure), not as a success', async () => {
    const slurm = new FakeSlurm();
    const time = fakeTime();
    const res = await new JobMonitor(new SlurmCommands({ run: slurm.run }), undefined, time.sleep, time.now).wait(['404']);
    expect(res.get('404')).toMatchObject({ state: 'UNKNOWN' });
  });
});

describe('runContainerJob', () => {
  it('sbatch: pinned bundle path, unique comment, output streamed without the verification line, verified', async () => {
    const { slurm, lines, opts, deps } = setup({
      partition: 'debug',
      timeLimit: '5',
      jobName: 'smoke',
      extraArgs: ['--mem=1G'],
      env: { FOO: 'bar' },
    });
    const submitted: string[] = [];
    const r = await runContainerJob({ ...opts, onSubmitted: (id) => submitted.push(id) }, deps);
    expect(r).toMatchObject({ jobId: '100', state: 'COMPLETED', exitCode: 0, verified: true, bundlePath: bundle, bundleId: BUNDLE_ID });
    expect(r.outcome.success).toBe(true);
    expect(r.outputFile).toBe(path.join(dir, 'eda-oci-100.out'));
    expect(lines).toEqual(['hello']);
    expect(r.outputTail).toEqual(['hello']);
    expect(submitted).toEqual(['100']);
    const sb = slurm.calls.find((c) => c.cmd === 'sbatch')!.args;
    expect(sb).toEqual([
      '--parsable',
      `--container=${bundle}`,
      expect.stringMatching(/^--comment=eda-oci:[0-9a-f]{16}$/),
      '--partition=debug',
      '--job-name=smoke',
      '--time=5',
      `--output=${dir}/eda-oci-%j.out`,
      '--mem=1G',
    ]);
  });

  it('pin-version false submits the symlink as given', async () => {
    const { slurm, opts, deps } = setup({ pinVersion: false });
    await runContainerJob(opts, deps);
    expect(slurm.calls.find((c) => c.cmd === 'sbatch')!.args[1]).toBe(`--container=${path.join(dir, 'bundles/bb')}`);
  });

  it('a job prepared beforehand is submitted as prepared, not prepared again (the bundle may have moved meanwhile)', async () => {
    const { slurm, opts, deps } = setup();
    const prepared = prepareContainerJob(opts);
    const again = prepareContainerJob(opts, undefined, prepared);
    expect(again).toMatchObject({ bundlePath: bundle, bundleId: BUNDLE_ID });
    expect(again.comment).not.toBe(prepared.comment);
    rmSync(path.join(dir, 'bundles'), { recursive: true });
    const r = await runContainerJob({ ...opts, prepared }, deps);
    expect(r).toMatchObject({ bundlePath: bundle, bundleId: BUNDLE_ID, verified: true });
    expect(slurm.calls.find((c) => c.cmd === 'sbatch')!.args[2]).toBe(`--comment=${prepared.comment}`);
  });

  it('a submission whose answer was lost is found by its comment and adopted, not submitted twice', async () => {
    const { slurm, opts, deps } = setup();
    slurm.loseNextSubmission = true;
    const r = await runContainerJob(opts, deps);
    expect(r.jobId).toBe('100');
    expect(slurm.count('sbatch')).toBe(1);
    expect(slurm.jobs.size).toBe(1);
    expect(slurm.calls.some((c) => c.cmd === 'squeue' && c.args.includes('--me'))).toBe(true);
  });

  it('exit code 3: SlurmJobError with the result (state FAILED, exit-code 3, output tail)', async () => {
    const { slurm, opts, deps } = setup();
    slurm.nextTimeline = [{ state: 'RUNNING' }, { state: 'FAILED', reason: 'NonZeroExitCode', exit: '3:0' }];
    const err = (await runContainerJob(opts, deps).catch((e: unknown) => e)) as SlurmJobError;
    expect(err).toBeInstanceOf(SlurmJobError);
    expect(err.message).toBe(`job 100 failed on n1 with exit code 3; see the output above or ${dir}/eda-oci-100.out`);
    expect(err.result).toMatchObject({ state: 'FAILED', exitCode: 3, outputTail: ['hello'] });
  });

  it('the job ran on the host (no oci.conf on the node): "did not run inside the container"', async () => {
    const { slurm, opts, deps } = setup();
    slurm.output = printsId('none');
    const err = (await runContainerJob(opts, deps).catch((e: unknown) => e)) as SlurmJobError;
    expect(err.message).toMatch(/^job 100 did not run inside the container: it saw bundle id 'none', expected sha256:abab/);
    expect(err.result.verified).toBe(false);
    expect(err.result.state).toBe('COMPLETED');
  });

  it('a job Slurm cannot launch (held) is cancelled and reported, not waited for forever', async () => {
    const { slurm, opts, deps } = setup();
    slurm.nextTimeline = [{ state: 'PENDING', reason: 'launch_failed_requeued_held' }];
    const err = (await runContainerJob(opts, deps).catch((e: unknown) => e)) as SlurmJobError;
    expect(err.message).toBe(
      'job 100 cannot start: PENDING with reason launch_failed_requeued_held; check that the bundle exists on the nodes and that they can run it (scontrol show job, slurmd logs)',
    );
    expect(slurm.count('scancel')).toBe(1);
  });

  it('abort: scancel at once, CancelledError; with cancel-on-abort false the job is left alone', async () => {
    for (const cancelOnAbort of [true, false]) {
      const { slurm, opts, deps } = setup({ cancelOnAbort });
      slurm.nextTimeline = Array.from({ length: 100 }, () => ({ state: 'RUNNING' }));
      const ac = new AbortController();
      let polls = 0;
      const sleep = async (ms: number, s?: AbortSignal): Promise<void> => {
        if (++polls === 3) ac.abort();
        await deps.sleep(ms, s);
      };
      const err = await runContainerJob({ ...opts, signal: ac.signal }, { ...deps, sleep }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CancelledError);
      expect((err as Error).message).toBe(
        cancelOnAbort ? 'cancelled; job 100 was cancelled (scancel)' : 'cancelled; job 100 was left running (cancel-on-abort is false)',
      );
      expect(slurm.count('scancel')).toBe(cancelOnAbort ? 1 : 0);
    }
  });

  it('timeout-seconds: the job is cancelled and the run fails naming the limit', async () => {
    const { slurm, opts, deps } = setup({ timeoutSeconds: 5 });
    slurm.nextTimeline = Array.from({ length: 100 }, () => ({ state: 'RUNNING' }));
    const err = (await runContainerJob(opts, deps).catch((e: unknown) => e)) as SlurmJobError;
    expect(err.message).toMatch(/^job 100 did not end within timeout-seconds \(5 s\) and was cancelled/);
    expect(err.result.state).toBe('CANCELLED');
    expect(slurm.count('scancel')).toBe(1);
  });

  it('bad input fails before any Slurm command', async () => {
    const cases: [Partial<ContainerJobOptions>, RegExp][] = [
      [{ bundle: path.join(dir, 'nope') }, /bundle .*nope does not exist; give the path of a bundle/],
      [{ command: '' }, /neither command nor script is set/],
      [{ script: '/x.sh' }, /both command and script are set/],
      [{ timeLimit: '1:2:3:4' }, /time limit '1:2:3:4' is not valid/],
      [{ extraArgs: ['--mem=1G; id'] }, /uses shell syntax/],
      [{ partition: 'bad name' }, /partition 'bad name' is not valid/],
      [{ mode: 'srun', command: undefined, script: '/s.sh' }, /script works with mode sbatch only/],
    ];
    for (const [extra, re] of cases) {
      const { slurm, opts, deps } = setup(extra);
      const err = await runContainerJob(opts, deps).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as Error).message).toMatch(re);
      expect(slurm.calls).toEqual([]);
    }
  });

  it('sbatch refuses the partition: one ConfigurationError line', async () => {
    const { slurm, opts, deps } = setup({ partition: 'nosuch' });
    slurm.rejectWith =
      'sbatch: error: invalid partition specified: nosuch\nsbatch: error: Batch job submission failed: Invalid partition name specified\n';
    await expect(runContainerJob(opts, deps)).rejects.toThrow(/^partition 'nosuch' does not exist on this cluster; /);
  });

  it('a script gets the verification line after its #SBATCH block; a non-shell script is refused when verifying', async () => {
    const script = path.join(dir, 'job.sh');
    writeFileSync(script, '#!/bin/bash\n#SBATCH --mem=1G\n\necho from-script\n');
    const { slurm, opts, deps } = setup({ command: undefined, script });
    await runContainerJob(opts, deps);
    const stdin = slurm.jobs.get('100')!.script!;
    expect(stdin.split('\n').slice(0, 4)).toEqual([
      '#!/bin/bash',
      '#SBATCH --mem=1G',
      '',
      expect.stringMatching(/^printf '%s\\n' "eda-oci-verify:/),
    ]);
    expect(stdin).toContain('echo from-script');
    writeFileSync(script, '#!/usr/bin/env python3\nprint(1)\n');
    await expect(runContainerJob(setup({ command: undefined, script }).opts, deps)).rejects.toThrow(
      /verify-container needs a shell batch script, but .*job.sh runs python3/,
    );
  });
});

describe('cancelLeftoverJobs (post step)', () => {
  it('cancels only jobs still queued or running, and is idempotent', async () => {
    const slurm = new FakeSlurm();
    slurm.add('1', [{ state: 'RUNNING' }]);
    slurm.add('2', [{ state: 'COMPLETED' }]);
    slurm.add('3', [{ state: 'PENDING' }]);
    expect(await cancelLeftoverJobs(['1', '2', '3', '99', 'x;id'], { run: slurm.run })).toEqual(['1', '3']);
    expect(slurm.calls.find((c) => c.cmd === 'scancel')!.args).toEqual(['1', '3']);
    expect(await cancelLeftoverJobs(['1', '2', '3'], { run: slurm.run })).toEqual([]);
    expect(slurm.count('scancel')).toBe(1);
  });

  it('every state in which the job can still change is cancelled, except COMPLETING (already ended)', async () => {
    const slurm = new FakeSlurm();
    slurm.add('1', [{ state: 'SIGNALING' }]);
    slurm.add('2', [{ state: 'COMPLETING' }]);
    slurm.add('3', [{ state: 'SPECIAL_EXIT' }]);
    expect(await cancelLeftoverJobs(['1', '2', '3'], { run: slurm.run })).toEqual(['1', '3']);
  });
});
