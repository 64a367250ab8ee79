// Per-test config generation, id mappings for the caller, verdicts, signals, runc log parsing, bundle checks.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleError, ConfigurationError } from '@eda-oci/exec';
import {
  checkUserMapped,
  judge,
  readBundle,
  rootlessBaseSpec,
  runcLogErrors,
  signalFromStatus,
  testConfig,
  testFromRun,
  testMappings,
  type BundleTest,
  type RuntimeSpec,
} from '../src/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'runc-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const subuid = path.join(dir, 'subuid');
const subgid = path.join(dir, 'subgid');
writeFileSync(subuid, 'other:200000:65536\nedaoci:100000:65536\n1005:300000:1000\n');
writeFileSync(subgid, 'edaoci:100000:65536\n');

function imageSpec(): RuntimeSpec {
  const s = rootlessBaseSpec(1001, 1001);
  s.process.user = { uid: 1000, gid: 1000 };
  s.process.args = ['/opt/tool/bin/tool', '--version'];
  s.process.cwd = '/work';
  s.linux.uidMappings = [
    { containerID: 0, hostID: 1001, size: 1 },
    { containerID: 1, hostID: 100000, size: 65536 },
  ];
  s.mounts.push({ destination: '/data', type: 'none', source: 'data', options: ['rbind', 'ro'] });
  s.mounts.push({ destination: '/abs', type: 'bind', source: '/opt/abs' });
  return s;
}

describe('testMappings', () => {
  it('maps container root to the caller and 1..65536 onto its subuid/subgid range', async () => {
    const m = await testMappings({ uid: 1001, gid: 1001, name: 'edaoci' }, subuid, subgid);
    expect(m.uidMappings).toEqual([
      { containerID: 0, hostID: 1001, size: 1 },
      { containerID: 1, hostID: 100000, size: 65536 },
    ]);
    expect(m.gidMappings).toEqual([
      { containerID: 0, hostID: 1001, size: 1 },
      { containerID: 1, hostID: 100000, size: 65536 },
    ]);
    expect(m.description).toBe('uid 0->1001, 1->100000+65536; gid 0->1001, 1->100000+65536');
  });
  it('finds a range listed by uid; without a subgid line only gid 0 is mapped', async () => {
    const m = await testMappings({ uid: 1005, gid: 1005, name: 'nobody-listed' }, subuid, subgid);
    expect(m.uidMappings[1]).toEqual({ containerID: 1, hostID: 300000, size: 1000 });
    expect(m.gidMappings).toEqual([{ containerID: 0, hostID: 1005, size: 1 }]);
  });
  it('a user without ranges gets only container root', async () => {
    const m = await testMappings({ uid: 1002, gid: 1002, name: 'edaoci2' }, subuid, subgid);
    expect(m.uidMappings).toEqual([{ containerID: 0, hostID: 1002, size: 1 }]);
  });
  it('root: identity 0..65535 (no subordinate range needed)', async () => {
    const m = await testMappings({ uid: 0, gid: 0, name: 'root' }, subuid, subgid);
    expect(m.uidMappings).toEqual([{ containerID: 0, hostID: 0, size: 65536 }]);
    expect(m.gidMappings).toEqual([{ containerID: 0, hostID: 0, size: 65536 }]);
  });
});

describe('checkUserMapped', () => {
  it("passes when the image's user is inside the mapped range", async () => {
    const m = await testMappings({ uid: 1001, gid: 1001, name: 'edaoci' }, subuid, subgid);
    expect(() => checkUserMapped(imageSpec(), m, { uid: 1001, gid: 1001, name: 'edaoci' })).not.toThrow();
  });
  it('a non-root image user and a caller without a subuid range: one clear error', async () => {
    const who = { uid: 1002, gid: 1002, name: 'edaoci2' };
    const m = await testMappings(who, subuid, subgid);
    const err = (() => {
      try {
        checkUserMapped(imageSpec(), m, who);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigurationError);
    expect(err!.message).toMatch(
      /the bundle's process runs as uid 1000 \(process.user in config.json\), but user edaoci2 \(uid 1002\) cannot map it: \/etc\/subuid has no range for it.*add a range of 65536 ids for edaoci2 to \/etc\/subuid and \/etc\/subgid/,
    );
  });
  it('a user outside a small range, and a root image user always, are judged by the range', async () => {
    const who = { uid: 1005, gid: 1005 };
    const m = await testMappings(who, subuid, subgid);
    const s = imageSpec();
    s.process.user = { uid: 5000, gid: 0 };
    expect(() => checkUserMapped(s, m, who)).toThrow(/uid 5000 .*only container uids 0\.\.1000 can be mapped/);
    s.process.user = { uid: 0, gid: 0 };
    expect(() => checkUserMapped(s, m, who)).not.toThrow();
  });
});

describe('testConfig', () => {
  it('original rootfs read-only, terminal false, the test args, caller mappings; the rest of the bundle config kept', async () => {
    const base = imageSpec();
    base.process.terminal = true;
    base.process.consoleSize = { height: 25, width: 80 };
    base.root = { path: 'rootfs', readonly: false };
    const before = JSON.stringify(base);
    const m = await testMappings({ uid: 1002, gid: 1002, name: 'edaoci2' }, subuid, subgid);
    const c = testConfig(base, { bundle: '/b/tool', rootfs: '/b/tool/rootfs' }, ['/bin/sh', '-c', 'echo hi'], m);
    expect(JSON.stringify(base)).toBe(before); // input untouched
    expect(c.root).toEqual({ path: '/b/tool/rootfs', readonly: true });
    expect(c.process.terminal).toBe(false);
    expect(c.process.consoleSize).toBeUndefined();
    expect(c.process.args).toEqual(['/bin/sh', '-c', 'echo hi']);
    expect(c.process.user).toEqual({ uid: 1000, gid: 1000 });
    expect(c.process.cwd).toBe('/work');
    expect(c.process.env).toEqual(base.process.env);
    expect(c.linux.uidMappings).toEqual([{ containerID: 0, hostID: 1002, size: 1 }]);
    expect(c.linux.gidMappings).toEqual([{ containerID: 0, hostID: 1002, size: 1 }]);
    expect(c.linux.namespaces.filter((n) => n.type === 'user')).toEqual([{ type: 'user' }]);
    expect(c.linux.maskedPaths).toEqual(base.linux.maskedPaths);
    // Relative bind sources pointed into the original bundle; the temporary bundle is elsewhere.
    expect(c.mounts.find((x) => x.destination === '/data')!.source).toBe('/b/tool/data');
    expect(c.mounts.find((x) => x.destination === '/abs')!.source).toBe('/opt/abs');
    expect(c.mounts.find((x) => x.destination === '/proc')).toEqual({ destination: '/proc', type: 'proc', source: 'proc' });
  });
  it('adds a user namespace (replacing one joined by path) so the mappings apply', async () => {
    const base = imageSpec();
    base.linux.namespaces = [{ type: 'pid' }, { type: 'user', path: '/proc/1/ns/user' }, { type: 'mount' }];
    const m = await testMappings({ uid: 0, gid: 0 }, subuid, subgid);
    const c = testConfig(base, { bundle: '/b', rootfs: '/b/rootfs' }, ['true'], m);
    expect(c.linux.namespaces).toEqual([{ type: 'pid' }, { type: 'mount' }, { type: 'user' }]);
    expect(c.linux.uidMappings).toEqual([{ containerID: 0, hostID: 0, size: 65536 }]);
  });
});

describe('judge', () => {
  const t = (over: Partial<BundleTest> = {}): BundleTest => ({ ...testFromRun('x', { timeoutSeconds: 2 }), ...over });
  const ok = (exitCode: number, stdout = '', stderr = '') => ({
    result: { exitCode, stdout, stderr, durationMs: 5, truncated: false },
    timedOut: false,
    durationMs: 7,
  });
  it('passes on the expected exit and matching output', () => {
    const r = judge(t({ expectStdout: /^hi$/m }), ok(0, 'hi\n'), 'hi\n', '', []);
    expect(r).toMatchObject({
      status: 'passed',
      exitCode: 0,
      signal: null,
      reason: '',
      expected: 'exit 0, stdout =~ /^hi$/',
      actual: 'exit 0',
    });
  });
  it('fails with expected vs actual for a wrong exit code and non-matching output', () => {
    const r = judge(t({ expectExit: 3, expectStderr: /boom/m }), ok(1, '', 'bang\n'), '', 'bang\n', []);
    expect(r.status).toBe('failed');
    expect(r.reason).toBe('exit 1, expected exit 3; stderr does not match /boom/');
    expect(r.expected).toBe('exit 3, stderr =~ /boom/');
    expect(r.actual).toBe('exit 1, stderr "bang\\n"');
  });
  it('a status above 128 is a signal, not an exit code', () => {
    const r = judge(t(), ok(139), '', '', []);
    expect(r).toMatchObject({ status: 'failed', exitCode: null, signal: 'SIGSEGV', actual: 'killed by SIGSEGV' });
    expect(r.reason).toBe('killed by SIGSEGV, expected exit 0');
    expect(judge(t({ expectExit: 137 }), ok(137), '', '', [])).toMatchObject({ status: 'passed', signal: 'SIGKILL' });
  });
  it('a timeout fails naming the limit', () => {
    const r = judge(t(), { timedOut: true, durationMs: 2100 }, '', '', []);
    expect(r).toMatchObject({ status: 'failed', timedOut: true, reason: 'timed out after 2 s', exitCode: null });
  });
  it("runc's own failure (its log has an error) is an error, not a test failure", () => {
    const r = judge(t(), ok(1), '', '', [
      'runc run failed: unable to start container process: exec: "/x": stat /x: no such file or directory',
    ]);
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/^runc could not run the test: runc run failed: .*no such file/);
  });
});

describe('signalFromStatus / runcLogErrors', () => {
  it('maps 128+N to signal names', () => {
    expect(signalFromStatus(137)).toBe('SIGKILL');
    expect(signalFromStatus(143)).toBe('SIGTERM');
    expect(signalFromStatus(134)).toBe('SIGABRT');
    expect(signalFromStatus(128)).toBeNull();
    expect(signalFromStatus(1)).toBeNull();
    expect(signalFromStatus(255)).toBeNull();
  });
  it('reads error entries of a runc json log and ignores warnings and junk', () => {
    const log = [
      '{"error":"no directory specified for memory.oom_control","level":"warning","msg":"unable to get oom kill count","time":"t"}',
      '{"level":"error","msg":"runc run failed: boom","time":"t"}',
      'not json',
      '',
    ].join('\n');
    expect(runcLogErrors(log)).toEqual(['runc run failed: boom']);
  });
});

describe('readBundle', () => {
  const make = (name: string, files: Record<string, string | null>): string => {
    const b = path.join(dir, name);
    mkdirSync(b, { recursive: true });
    for (const [f, content] of Object.entries(files)) {
      if (content === null) mkdirSync(path.join(b, f), { recursive: true });
      else writeFileSync(path.join(b, f), content);
    }
    return b;
  };
  const good = JSON.stringify(imageSpec());
  it('reads a bundle through a symlink and returns real paths', async () => {
    const b = make('good', { 'config.json': good, rootfs: null });
    symlinkSync(b, path.join(dir, 'link'));
    const info = await readBundle(path.join(dir, 'link'));
    expect(info.bundle).toBe(b);
    expect(info.rootfs).toBe(path.join(b, 'rootfs'));
  });
  it.each([
    [
      'a missing path',
      () => path.join(dir, 'nope'),
      /bundle '.*nope' does not exist; point bundle at a directory with config.json and rootfs/,
    ],
    ['a file', () => make('f', { x: '' }) + '/x', /bundle '.*x' is not a directory/],
    ['no config.json', () => make('noconf', { rootfs: null }), /'.*noconf' is not an OCI bundle: it has no config.json/],
    [
      'invalid JSON',
      () => make('badjson', { 'config.json': '{"process": ', rootfs: null }),
      /config.json is not valid JSON: .*rebuild the bundle/,
    ],
    ['JSON that is not a config', () => make('arr', { 'config.json': '[1]', rootfs: null }), /not an OCI runtime config/],
    ['no root.path', () => make('noroot', { 'config.json': '{"process": {}}', rootfs: null }), /has no root.path/],
    [
      'a missing rootfs',
      () => make('norootfs', { 'config.json': good }),
      /the bundle's rootfs '.*norootfs\/rootfs' \(root.path in config.json\) does not exist/,
    ],
    ['a rootfs that is a file', () => make('filerootfs', { 'config.json': good, rootfs: 'x' }), /rootfs '.*' is not a directory/],
  ])('refuses %s with one BundleError line', async (_n, p, re) => {
    const err = await readBundle(p()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).not.toContain('\n');
  });
});
