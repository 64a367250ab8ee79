// Unit tests of retention: which versions gc deletes, how Slurm's container paths map onto versions, squeue parsing
// (captured Slurm 22.05 output), and the squeue calls with a faked process layer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandFailedError, type RunCommand } from '@eda-oci/exec';
import {
  SQUEUE_JOB_ARGS,
  SlurmUnavailableError,
  parseSqueueJobs,
  parseSqueueSteps,
  retiredAt,
  selectVictims,
  slurmInUse,
  storePaths,
  versionsInUse,
  type ContainerUse,
  type HistoryEntry,
} from '../src/index.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const V = (day: number, hex = 'a'): string => `202611${String(day).padStart(2, '0')}T100000Z-${hex.repeat(12)}`;
const T = (day: number, hour = 10): string => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
const NOW = Date.UTC(2026, 10, 30, 12);
const HOUR = 3_600_000;
const p = storePaths('/shared/bundles', 'vcs');

describe('selectVictims', () => {
  const versions = [V(1), V(2), V(3), V(4), V(5), V(6), V(7)];
  const history: HistoryEntry[] = versions.map((v, i) => ({ time: T(i + 1), version: v, op: 'publish', by: 'ci@h' }));
  const base = { versions, current: V(7), previous: V(6), history, keep: 2, graceMs: HOUR, nowMs: NOW, inUse: new Set<string>() };

  it('deletes beyond keep, oldest first, and says why each other version stays', () => {
    const plan = selectVictims(base);
    expect(plan.delete).toEqual([V(5), V(4), V(3), V(2), V(1)]);
    expect(plan.keep).toEqual([
      { version: V(7), reasons: ['current', 'within-keep'] },
      { version: V(6), reasons: ['previous', 'within-keep'] },
    ]);
  });
  it('never deletes current or previous, even with keep 1 after a rollback to an old version', () => {
    const plan = selectVictims({ ...base, keep: 1, current: V(2), previous: V(7) });
    expect(plan.delete).not.toContain(V(2));
    expect(plan.delete).not.toContain(V(7));
    expect(plan.keep.find((k) => k.version === V(2))?.reasons).toEqual(['current']);
  });
  it('keeps versions replaced less than the grace period ago (age counts from retirement, not creation)', () => {
    // V(3) was created on day 3 but was current until an hour ago.
    const h: HistoryEntry[] = [...history, { time: new Date(NOW - HOUR / 2).toISOString(), version: V(3), op: 'rollback', by: '' }];
    const h2: HistoryEntry[] = [...h, { time: new Date(NOW - HOUR / 4).toISOString(), version: V(7), op: 'rollback', by: '' }];
    const plan = selectVictims({ ...base, history: h2 });
    expect(plan.keep.find((k) => k.version === V(3))?.reasons).toEqual(['grace']);
    expect(plan.delete).toEqual([V(5), V(4), V(2), V(1)]);
    expect(selectVictims({ ...base, history: h2, graceMs: 0 }).delete).toContain(V(3));
  });
  it('keeps what jobs use', () => {
    const plan = selectVictims({ ...base, inUse: new Set([V(1), V(4)]) });
    expect(plan.delete).toEqual([V(5), V(3), V(2)]);
    expect(plan.keep.find((k) => k.version === V(1))?.reasons).toEqual(['in-use']);
  });
  it('retiredAt: when each version stopped being current', () => {
    const r = retiredAt(history);
    expect(r.get(V(1))).toBe(Date.parse(T(2)));
    expect(r.has(V(7))).toBe(false);
  });
});

describe('versionsInUse', () => {
  const versions = [V(1), V(2), V(3)];
  const history: HistoryEntry[] = [
    { time: T(1), version: V(1), op: 'publish', by: '' },
    { time: T(2), version: V(2), op: 'publish', by: '' },
    { time: T(3), version: V(3), op: 'publish', by: '' },
  ];
  const use = (container: string, state = 'RUNNING', start?: Date): ContainerUse => ({ id: '1', state, startTime: start, container });
  const inUse = (uses: ContainerUse[], h = history) => [...versionsInUse(uses, p, versions, h, V(3), NOW)].sort();

  it('a job that names a version directory (or a path in it) uses that version', () => {
    expect(inUse([use(`/shared/bundles/.eda-oci/vcs/${V(1)}`), use(`/shared/bundles/.eda-oci/vcs/${V(2)}/rootfs`)])).toEqual([V(1), V(2)]);
  });
  it('a running job that names the symlink uses every version current since it started (minus the NFS cache slack)', () => {
    expect(inUse([use('/shared/bundles/vcs', 'RUNNING', new Date(Date.parse(T(2, 12))))])).toEqual([V(2), V(3)]);
    expect(inUse([use('/shared/bundles/vcs', 'RUNNING', new Date(Date.parse(T(3)) + 60_000))])).toEqual([V(2), V(3)]);
    expect(inUse([use('/shared/bundles/vcs', 'RUNNING', new Date(Date.parse(T(3)) + 600_000))])).toEqual([V(3)]);
  });
  it('a pending job that names the symlink uses the current version', () => {
    expect(inUse([use('/shared/bundles/vcs', 'PENDING')])).toEqual([V(3)]);
  });
  it('when it cannot be told, every version counts as used', () => {
    expect(inUse([use('/shared/bundles/vcs', 'RUNNING')])).toEqual(versions);
    expect(inUse([use('/shared/bundles/vcs', 'RUNNING', new Date(NOW))], [])).toEqual(versions);
    expect(inUse([use('?rel/bundle')])).toEqual(versions);
  });
  it('other names, other dirs and other paths are not ours; aliases of the bundles dir are', () => {
    expect(inUse([use('/shared/bundles/vcs2'), use('/shared/bundles/.eda-oci/vcs2/x'), use('/elsewhere/vcs')])).toEqual([]);
    const aliased = versionsInUse([use(`/mnt/b/.eda-oci/vcs/${V(1)}`)], p, versions, history, V(3), NOW, ['/mnt/b']);
    expect([...aliased]).toEqual([V(1)]);
  });
});

describe('squeue parsing', () => {
  it('reads jobs: finished ones dropped, (null) skipped, relative paths resolved against WorkDir, | in paths kept', () => {
    const { uses, workDirs } = parseSqueueJobs(fixture('squeue-jobs.txt'));
    expect(uses.map((u) => [u.id, u.state, u.container])).toEqual([
      ['10', 'PENDING', '/shared/bundles/vcs'],
      ['11', 'RUNNING', `/shared/bundles/.eda-oci/vcs/20261129T100000Z-aaaaaaaaaaaa`],
      ['13', 'RUNNING', '/shared/bundles/vcs'],
      ['15', 'SUSPENDED', '/other/path with | pipe'],
    ]);
    expect(uses[0]!.startTime).toBeUndefined();
    expect(uses[1]!.startTime).toEqual(new Date(2026, 10, 30, 1, 49, 17));
    expect(workDirs.get('13')).toBe('/shared/bundles');
  });
  it('reads steps, with relative paths resolved against the job WorkDir', () => {
    const steps = parseSqueueSteps(fixture('squeue-steps.txt'), new Map([['21', '/home/bob']]));
    expect(steps.map((u) => [u.id, u.container])).toEqual([
      ['20.0', '/shared/bundles/.eda-oci/vcs/20261127T100000Z-cccccccccccc'],
      ['21.1', '/home/bob/rel/bundle'],
    ]);
  });
  it('reads output captured from Slurm 22.05 (squeue with the same arguments)', () => {
    const { uses } = parseSqueueJobs(fixture('squeue-jobs-22.05-captured.txt'));
    expect(uses.map((u) => [u.state, u.container])).toEqual([
      ['PENDING', '/var/tmp/rel/bundle'],
      ['PENDING', '/tmp/eda-oci-capture/bundles/vcs'],
    ]);
  });
  it('asks squeue for jobs and steps with the Container field and an unambiguous separator', async () => {
    const calls: string[][] = [];
    const run: RunCommand = async (cmd, args) => {
      calls.push([cmd, ...args]);
      const stdout = args.includes('-s') ? fixture('squeue-steps.txt') : fixture('squeue-jobs.txt');
      return { exitCode: 0, stdout, stderr: '', durationMs: 1, truncated: false };
    };
    const uses = await slurmInUse({ run })();
    expect(calls[0]).toEqual(['squeue', ...SQUEUE_JOB_ARGS]);
    expect(calls[0]!.join(' ')).toContain('Container:\x1f');
    expect(calls[1]).toContain('-s');
    expect(uses).toHaveLength(4 + 2);
  });
  it('squeue missing or failing is SlurmUnavailableError with the --ignore-slurm hint', async () => {
    const missing: RunCommand = async () => {
      throw new CommandFailedError('cannot run squeue: program not found', 'squeue', [], null, null, '', undefined, {
        cause: Object.assign(new Error('spawn squeue ENOENT'), { code: 'ENOENT' }),
      });
    };
    const err = await slurmInUse({ run: missing })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SlurmUnavailableError);
    expect((err as Error).message).toMatch(/squeue was not found; run where squeue works .* or pass --ignore-slurm/);
    const down: RunCommand = async () => {
      throw new CommandFailedError(
        'squeue -h -a -t ... exited with code 1: slurm_load_jobs error: Unable to contact slurm controller',
        'squeue',
        [],
        1,
        null,
        '',
      );
    };
    await expect(slurmInUse({ run: down })()).rejects.toThrow(/Unable to contact slurm controller/);
  });
});
