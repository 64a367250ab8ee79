// Parsers of captured squeue/scontrol/sacct/sbatch output (test/fixtures/slurm, Slurm 22.05.8) and the state model.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  isActiveState,
  isStuck,
  outcomeOf,
  parseDuration,
  parseExitCode,
  parseSacct,
  parseSbatchParsable,
  parseScontrolJobs,
  parseScontrolRecord,
  parseSqueue,
} from '../src/index.js';

const FIX = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../test/fixtures/slurm');
const fixture = (name: string): string => readFileSync(path.join(FIX, name), 'utf8');

describe('squeue', () => {
  it('reads the captured terminal states, comments with | included', () => {
    const e = parseSqueue(fixture('squeue-terminal.txt'));
    expect(e.map((x) => [x.jobId, x.state, x.reason, x.nodes])).toEqual([
      ['70', 'CANCELLED', 'None', 'n1'],
      ['68', 'COMPLETED', 'None', 'n1'],
      ['72', 'COMPLETED', 'None', 'n1'],
      ['69', 'FAILED', 'NonZeroExitCode', 'n1'],
      ['71', 'CANCELLED', 'JobHeldUser', ''],
    ]);
    expect(e[0]!.elapsedSeconds).toBe(3);
    expect(e[2]!.comment).toBe('eda-oci:tok5 with|pipe');
    expect(e[1]!.comment).toBe('eda-oci:tok1');
  });
  it('skips headers, blank and malformed lines', () => {
    expect(parseSqueue('JOBID|STATE\n\nslurm_load_jobs error: x\n12|RUNNING|None|n1|1-02:03:04|c\n')).toEqual([
      { jobId: '12', state: 'RUNNING', reason: 'None', nodes: 'n1', elapsedSeconds: 93784, comment: 'c' },
    ]);
  });
});

describe('scontrol -o show job', () => {
  it('reads state, exit code, signal, run time, nodes, restarts of the captured jobs', () => {
    const m = parseScontrolJobs(fixture('scontrol-terminal.txt'));
    expect(m.get('68')).toMatchObject({ state: 'COMPLETED', exitCode: 0, signal: 0, nodes: 'n1', restarts: 0 });
    expect(m.get('69')).toMatchObject({ state: 'FAILED', reason: 'NonZeroExitCode', exitCode: 3, signal: 0 });
    expect(m.get('70')).toMatchObject({ state: 'CANCELLED', exitCode: 0, signal: 15, elapsedSeconds: 3 });
    expect(m.get('71')).toMatchObject({ state: 'CANCELLED', reason: 'JobHeldUser', nodes: '' });
  });
  it('a requeued job is PENDING again with Restarts=1', () => {
    expect(parseScontrolJobs(fixture('scontrol-requeued.txt')).get('73')).toMatchObject({
      state: 'PENDING',
      reason: 'BeginTime',
      restarts: 1,
    });
  });
  it('values with spaces stay whole; the first of repeated keys wins', () => {
    const r = parseScontrolRecord('JobId=5 Comment=a b c WorkDir=/x y Command=/bin/sh -c true StdOut=/o');
    expect(r).toEqual({ JobId: '5', Comment: 'a b c', WorkDir: '/x y', Command: '/bin/sh -c true', StdOut: '/o' });
  });
});

describe('sacct, sbatch, values', () => {
  it('sacct -P: states with "by UID", exit codes, elapsed, nodes', () => {
    const m = parseSacct(fixture('sacct-constructed.txt'));
    expect(m.get('70')).toMatchObject({ state: 'CANCELLED', cancelledBy: '1002', signal: 15, elapsedSeconds: 3 });
    expect(m.get('69')).toMatchObject({ state: 'FAILED', exitCode: 3 });
    expect(m.get('75')).toMatchObject({ state: 'TIMEOUT', elapsedSeconds: 61, nodes: 'n2' });
    expect(m.get('77')).toMatchObject({ state: 'PENDING', nodes: '' });
    expect(parseSacct(fixture('sacct-disabled.txt')).size).toBe(0);
  });
  it('sbatch --parsable', () => {
    expect(parseSbatchParsable('123\n')).toBe('123');
    expect(parseSbatchParsable('456;cluster2\n')).toBe('456');
    expect(parseSbatchParsable('sbatch: warning: x\n')).toBeUndefined();
  });
  it('exit codes and durations', () => {
    expect(parseExitCode('3:0')).toEqual({ exitCode: 3, signal: 0 });
    expect(parseExitCode('0:9')).toEqual({ exitCode: 0, signal: 9 });
    expect(parseExitCode(undefined)).toEqual({ exitCode: 0, signal: 0 });
    expect(parseDuration('00:00:01')).toBe(1);
    expect(parseDuration('0:03')).toBe(3);
    expect(parseDuration('45')).toBe(45);
    expect(parseDuration('1-00')).toBe(86400);
    expect(parseDuration('2-01:02')).toBe(2 * 86400 + 3600 + 120);
    expect(parseDuration('INVALID')).toBeUndefined();
  });
});

describe('state model', () => {
  it('active, final and stuck states', () => {
    for (const s of ['PENDING', 'RUNNING', 'COMPLETING', 'CONFIGURING', 'REQUEUED', 'SUSPENDED']) expect(isActiveState(s)).toBe(true);
    for (const s of [
      'COMPLETED',
      'FAILED',
      'CANCELLED',
      'TIMEOUT',
      'NODE_FAIL',
      'OUT_OF_MEMORY',
      'PREEMPTED',
      'BOOT_FAIL',
      'DEADLINE',
      'WHATEVER',
    ]) {
      expect(isActiveState(s)).toBe(false);
    }
    expect(isStuck('PENDING', 'launch_failed_requeued_held')).toBe(true);
    expect(isStuck('PENDING', 'Resources')).toBe(false);
    expect(isStuck('REQUEUE_HOLD', 'None')).toBe(true);
  });

  const base = { exitCode: 0, signal: 0, reason: 'None', nodes: 'n1' };
  it.each([
    ['COMPLETED', {}, true, 'completed', 'completed on n1 with exit code 0'],
    ['FAILED', { exitCode: 3, reason: 'NonZeroExitCode' }, false, 'failed', 'failed on n1 with exit code 3'],
    ['FAILED', { signal: 9 }, false, 'failed', 'failed on n1: killed by SIGKILL (9)'],
    ['CANCELLED', { cancelledBy: '1002' }, false, 'cancelled', 'cancelled by uid 1002'],
    ['CANCELLED', {}, false, 'cancelled', 'cancelled (by a user or an administrator; who is not recorded without accounting)'],
    ['TIMEOUT', {}, false, 'timeout', 'hit its time limit on n1 and was killed'],
    ['OUT_OF_MEMORY', {}, false, 'out-of-memory', 'ran out of memory on n1'],
    ['NODE_FAIL', { nodes: 'n3' }, false, 'node-fail', 'ended by a node failure on n3'],
    ['PREEMPTED', {}, false, 'preempted', 'was preempted on n1 and not requeued'],
    ['BOOT_FAIL', {}, false, 'boot-fail', 'could not start: node boot failure on n1'],
    ['DEADLINE', {}, false, 'deadline', 'missed its deadline (--deadline) and was cancelled'],
    [
      'PENDING',
      { reason: 'launch_failed_requeued_held', nodes: '' },
      false,
      'stuck',
      'cannot start: PENDING with reason launch_failed_requeued_held',
    ],
    ['SPECIAL', {}, false, 'unknown', 'ended in state SPECIAL, which eda-oci does not know'],
  ])('%s %j -> %s', (state, extra, success, kind, message) => {
    expect(outcomeOf({ ...base, ...extra, state })).toEqual({ success, kind, message });
  });
  it('COMPLETED with a non-zero exit code is not a success; a cancel by eda-oci says so', () => {
    expect(outcomeOf({ ...base, state: 'COMPLETED', exitCode: 1 }).success).toBe(false);
    expect(outcomeOf({ ...base, state: 'CANCELLED' }, true).message).toBe('cancelled by eda-oci (the run was cancelled or timed out)');
  });
});
