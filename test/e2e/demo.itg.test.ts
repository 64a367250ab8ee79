// E2E of the whole product: `npm run demo` from a clean demo state, twice. Checks the real end state, not the demo's
// own report: the store (eda-oci list as the demo user, the symlinks, each version's files, the history), the Slurm
// jobs the demo ran (squeue), a published bundle run through srun --container by another user, and that the second
// run rewrote no build output and published nothing new while ending in the same state.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, clusterEnv, isRoot, REPO, runAs } from '../helpers/cluster.js';

// The demo's documented locations (README "Demo", demo/demo.mjs).
const USER = 'edademo';
const BUNDLES = '/srv/eda-oci-demo/bundles';
const BUILD = `/var/tmp/${USER}/eda-oci-demo/build`;
const env = clusterEnv();
const OTHER = env.EDA_OCI_TEST_USER2!;

interface DemoRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  startedAt: string; // Slurm's SubmitTime format, local time
}

function demo(args: string[] = []): DemoRun {
  const startedAt = execFileSync('date', ['+%Y-%m-%dT%H:%M:%S']).toString().trim();
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'demo', ...(args.length ? ['--', ...args] : [])], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 420_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (Date.now() - t0) / 1000, startedAt };
}

interface Version {
  version: string;
  path: string;
  current: boolean;
  previous: boolean;
  meta: { bundleDigest: string; bytes: number; bytesWritten: number; filesLinked: number };
}
interface Listing {
  names: { name: string; current: string; versions: Version[] }[];
}

function listing(): Listing {
  const r = cli(['list', '--bundles-dir', BUNDLES, '--json'], { user: USER });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Listing;
}

const release = (v: Version) => readFileSync(path.join(v.path, 'rootfs/etc/eda-oci-release'), 'utf8').trim();

/** Jobs of the demo user submitted since `since` (squeue keeps finished jobs MinJobAge=300 s in the test cluster). */
function jobsSince(since: string): { id: string; state: string; partition: string; batch: string; container: string }[] {
  const out = execFileSync('squeue', [
    '-u',
    USER,
    '-t',
    'all',
    '-h',
    '--Format=JobID:12,State:14,Partition:16,SubmitTime:22,BatchFlag:4,Container:300',
  ]).toString();
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && f[3]! >= since)
    .map(([id, state, partition, , batch, container]) => ({
      id: id!,
      state: state!,
      partition: partition!,
      batch: batch!,
      container: container ?? '',
    }));
}

/** inode and mtime of every build output's lockfile: a cache hit leaves them alone. */
function buildStamps(): Record<string, string> {
  const stamps: Record<string, string> = {};
  for (const b of ['v1/busybox', 'v1/tool', 'v2/busybox']) {
    const s = statSync(path.join(BUILD, b, 'bundle.lock.json'));
    stamps[b] = `${s.ino}:${s.mtimeMs}`;
  }
  return stamps;
}

describe.runIf(isRoot)('npm run demo, twice, from a clean demo state (needs root: cluster set-up, runuser)', () => {
  let first: DemoRun;
  let afterFirst: Listing;
  let stamps: Record<string, string>;
  let toolHistory: string;

  beforeAll(() => {
    const clean = demo(['--clean']);
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    first = demo();
    if (first.status !== 0) throw new Error(`first demo run failed (exit ${first.status}):\n${first.stdout}\n${first.stderr}`);
    afterFirst = listing();
    stamps = buildStamps();
    toolHistory = readFileSync(path.join(BUNDLES, '.eda-oci/tool/history'), 'utf8');
  }, 600_000);

  it('first run: two bundles published; busybox has v1 (current, after the rollback) and v2 (previous), v2 deduplicated', () => {
    console.log(`first demo run: ${first.seconds.toFixed(1)} s`);
    expect(first.seconds).toBeLessThan(180);
    expect(afterFirst.names.map((n) => n.name).sort()).toEqual(['busybox', 'tool']);
    const bb = afterFirst.names.find((n) => n.name === 'busybox')!;
    expect(bb.versions).toHaveLength(2);
    const cur = bb.versions.find((v) => v.current)!;
    const prev = bb.versions.find((v) => v.previous)!;
    expect(release(cur)).toBe('1');
    expect(release(prev)).toBe('2');
    expect(readlinkSync(path.join(BUNDLES, 'busybox'))).toBe(`.eda-oci/busybox/${cur.version}`);
    // v2 was published after v1: its unchanged files are hard links, it wrote a small part of its size.
    expect(prev.meta.filesLinked).toBeGreaterThan(0);
    expect(prev.meta.bytesWritten).toBeLessThan(prev.meta.bytes * 0.05);
    const history = readFileSync(path.join(BUNDLES, '.eda-oci/busybox/history'), 'utf8').trim().split('\n');
    expect(history.map((l) => l.split('\t').slice(1, 3).join(' '))).toEqual([
      `${cur.version} publish`,
      `${prev.version} publish`,
      `${cur.version} rollback`,
    ]);
    const tool = afterFirst.names.find((n) => n.name === 'tool')!;
    expect(tool.versions).toHaveLength(1);
    // The store permissions of the README: the bundles dir belongs to the publisher, writable by nobody else.
    const st = statSync(BUNDLES);
    expect(st.uid).toBe(Number(execFileSync('id', ['-u', USER]).toString()));
    expect(st.mode & 0o777).toBe(0o755);
  });

  it('first run: the smoke jobs ran inside the published versions on both partitions, in srun and sbatch mode, all COMPLETED', () => {
    const jobs = jobsSince(first.startedAt);
    // busybox: 2 partitions x 2 modes x 2 commands, twice (v1, v2); tool: 2 partitions x 2 modes x 1; the rollback's srun.
    expect(jobs.length).toBeGreaterThanOrEqual(8 + 4 + 8 + 1);
    expect(jobs.filter((j) => j.state !== 'COMPLETED')).toEqual([]);
    expect(new Set(jobs.map((j) => j.partition))).toEqual(new Set(['debug', 'interactive']));
    const containers = new Set(jobs.map((j) => j.container));
    for (const n of afterFirst.names) for (const v of n.versions) expect(containers).toContain(v.path);
    // Both modes: BatchFlag 1 = sbatch, 0 = srun; busybox ran 8 of each (v1 and v2), tool 2 of each (its image user is
    // not root: sbatch needs the shim's executable copy of the batch script), and the rollback's srun 1 more.
    expect(jobs.filter((j) => j.batch === '1').length).toBeGreaterThanOrEqual(8 + 2);
    expect(jobs.filter((j) => j.batch === '0').length).toBeGreaterThanOrEqual(8 + 2 + 1);
    const toolVersion = afterFirst.names.find((n) => n.name === 'tool')!.versions[0]!.path;
    expect(new Set(jobs.filter((j) => j.container === toolVersion).map((j) => j.batch))).toEqual(new Set(['0', '1']));
  });

  it('a published bundle runs through srun --container for another user (world-readable store, the current version)', () => {
    const r = runAs(OTHER, 'srun', ['--container', path.join(BUNDLES, 'busybox'), 'cat', '/etc/eda-oci-release'], {}, '/tmp');
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.stdout.trim()).toBe('1');
    const t = runAs(OTHER, 'srun', ['--container', path.join(BUNDLES, 'tool'), '/opt/tool/bin/tool'], {}, '/tmp');
    expect(t.stdout).toMatch(/^tool 1\.0 user=1000 cwd=\/work home=\/opt\/tool/m);
  });

  it('second run: same final state, no build output rewritten, no new version, tool published nothing', () => {
    const second = demo(['--skip-setup']);
    console.log(`second demo run: ${second.seconds.toFixed(1)} s`);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    expect(second.seconds).toBeLessThan(180);
    const after = listing();
    const summary = (l: Listing) => l.names.map((n) => ({ name: n.name, current: n.current, versions: n.versions.map((v) => v.version) }));
    expect(summary(after)).toEqual(summary(afterFirst));
    expect(buildStamps()).toEqual(stamps);
    expect(readFileSync(path.join(BUNDLES, '.eda-oci/tool/history'), 'utf8')).toBe(toolHistory);
    // The demo's own report agrees.
    expect(second.stdout).toContain('builds: 3 of 3 were cache hits');
    expect(second.stdout).toMatch(/publishes: 2 of 3 found their bundle already current \(unchanged\), 1 switched back/);
  });
  it('after a restart that lost the demo daemon: status.sh shows it absent without failing, setup.sh brings it back', () => {
    // What a machine that ran the demo looks like after a reboot (or as a machine image): the user is there, its daemon
    // is not. The tests do not need that daemon, so status.sh must not fail the run on it; setup.sh restores it.
    const stop = spawnSync(
      'bash',
      ['-c', 'source test/cluster/common.sh && source test/cluster/rootless.sh && log() { :; } && eda_rootless_stop "$1"', 'stop', USER],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(stop.status, stop.stderr).toBe(0);
    const status = spawnSync('bash', ['test/cluster/status.sh'], { cwd: REPO, encoding: 'utf8' });
    expect(status.stdout).toMatch(/^demo-rootless-dockerd\s+absent\s+optional \(only npm run demo uses it\)/m);
    expect(status.status, status.stdout).toBe(0);
    const setup = spawnSync('bash', ['test/cluster/setup.sh'], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
    expect(setup.status, setup.stdout + setup.stderr).toBe(0);
    expect(setup.stdout).toMatch(/^demo-rootless-dockerd\s+ok\s+unix:\/\/\/run\/user\/\d+\/docker\.sock, demo images loaded/m);
    // The demo user's own Docker answers again, rootless, with the demo's images.
    const uid = execFileSync('id', ['-u', USER]).toString().trim();
    const host = { DOCKER_HOST: `unix:///run/user/${uid}/docker.sock` };
    const info = runAs(USER, 'docker', ['info', '--format', '{{json .SecurityOptions}}'], host, '/tmp');
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toContain('rootless');
    const img = runAs(USER, 'docker', ['image', 'inspect', '--format', '{{.Id}}', env.EDA_OCI_IMG_BUSYBOX1!], host, '/tmp');
    expect(img.status, img.stderr).toBe(0);
  });
});
