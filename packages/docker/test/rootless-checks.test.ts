// Rootless prerequisite checks on a fake system: each prerequisite broken in turn gives exactly that row and its fix.
import { chmodSync, chownSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  capabilityGranted,
  readCapabilityXattr,
  checkTun,
  formatCheckTable,
  planRuntimeDir,
  PrerequisiteError,
  runChecks,
  validateDataRoot,
  type CheckReport,
  type CheckRow,
} from '../src/index.js';
import { isRoot, makeFixture, removeFixtures, type Fixture } from './rootless-fixture.js';

afterAll(removeFixtures);

/** Runs the checks and returns the rows that failed (name -> row). */
async function failed(fx: Fixture): Promise<{ report: CheckReport; bad: Record<string, CheckRow> }> {
  const report = await runChecks({ dataRoot: fx.dataRoot }, fx.deps);
  return { report, bad: Object.fromEntries(report.rows.filter((r) => !r.ok).map((r) => [r.name, r])) };
}

describe('runChecks', () => {
  it('passes on a complete system and plans XDG_RUNTIME_DIR, PATH and daemon.json', async () => {
    const fx = makeFixture();
    const { report, bad } = await failed(fx);
    expect(bad).toEqual({});
    expect(report.ok).toBe(true);
    expect(report.rows.map((r) => r.name)).toEqual([
      'user',
      'subuid',
      'subgid',
      'newuidmap',
      'newgidmap',
      'user namespaces',
      '/dev/net/tun',
      'XDG_RUNTIME_DIR',
      'data-root',
      'daemon.json',
      'dockerd-rootless.sh',
      'dockerd',
      'rootlesskit',
      'slirp4netns',
      'docker CLI',
    ]);
    expect(report.runtimeDir).toEqual({ path: fx.xdg, create: false });
    expect(report.dockerdRootless).toBe(path.join(fx.bin, 'dockerd-rootless.sh'));
    expect(report.configFile).toBe(path.join(fx.home, '.config/docker/daemon.json'));
    expect(report.rows.find((r) => r.name === 'data-root')!.detail).toBe(`${fx.dataRoot} (ext4)`);
  });

  it('running as root: the user row fails and the error names only that', async () => {
    const fx = makeFixture();
    fx.deps.uid = 0;
    const { report, bad } = await failed(fx);
    expect(bad.user!.fix).toMatch(/run the job as an ordinary user/);
    const err = new PrerequisiteError(report.rows);
    expect(err.message).toMatch(
      /^rootless Docker prerequisite failed: user: running as root \(uid 0\).*; fix: run the job as an ordinary user/,
    );
    expect(err.message).not.toMatch(/subuid/);
  });

  it('no /etc/subuid line: the fix adds a free range above every existing one', async () => {
    const fx = makeFixture();
    writeFileSync(fx.deps.subuidFile, 'other:100000:65536\nthird:165536:65536\n');
    const { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['subuid']);
    expect(bad.subuid!.detail).toBe(`no line for user (uid ${fx.deps.uid}) in ${fx.deps.subuidFile}`);
    expect(bad.subuid!.fix).toBe('as root: usermod --add-subuids 231072-296607 user');
  });

  it('a subgid range that is too small fails; a missing file reads as no line', async () => {
    const fx = makeFixture();
    writeFileSync(fx.deps.subgidFile, 'user:165536:1000\n');
    unlinkSync(fx.deps.subuidFile);
    const { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['subuid', 'subgid']);
    expect(bad.subgid!.detail).toMatch(/user has only 1000 subordinate gids .*needs 65536/);
    expect(bad.subgid!.fix).toBe('as root: usermod --add-subgids 166536-232071 user');
    expect(bad.subuid!.fix).toBe('as root: usermod --add-subuids 100000-165535 user');
  });

  it('a subuid line keyed by the numeric uid counts', async () => {
    const fx = makeFixture();
    writeFileSync(fx.deps.subuidFile, `${fx.deps.uid}:300000:65536\n`);
    expect((await failed(fx)).bad).toEqual({});
  });

  it('newuidmap not setuid root, newgidmap missing', async () => {
    const fx = makeFixture();
    rmSync(path.join(fx.bin, 'newuidmap'));
    const plain = fx.tool('newuidmap');
    rmSync(path.join(fx.bin, 'newgidmap'));
    const { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['newuidmap', 'newgidmap']);
    expect(bad.newuidmap!.detail).toMatch(/is neither setuid root nor has cap_setuid=ep \(mode 0755/);
    expect(bad.newuidmap!.fix).toBe(`as root: chown root ${plain} && chmod u+s ${plain}  (or: setcap cap_setuid=ep ${plain})`);
    expect(bad.newgidmap!.fix).toBe('as root: apt-get install uidmap');
  });

  it('newuidmap/newgidmap with file capabilities instead of setuid (RHEL, Fedora, SUSE) pass; a capability set without effective does not', async () => {
    const fx = makeFixture();
    rmSync(path.join(fx.bin, 'newuidmap'));
    rmSync(path.join(fx.bin, 'newgidmap'));
    const uidmap = fx.tool('newuidmap');
    const gidmap = fx.tool('newgidmap');
    // vfs_cap_data revision 2 as setcap writes it: magic_etc (0x02000000 | effective), permitted, inheritable, ...
    const caps = (bit: number, effective: boolean): Buffer => {
      const b = Buffer.alloc(20);
      b.writeUInt32LE(0x02000000 | (effective ? 1 : 0), 0);
      b.writeUInt32LE(1 << bit, 4);
      return b;
    };
    fx.deps.readFileCaps = async (p) => (p === uidmap ? caps(7, true) : p === gidmap ? caps(6, false) : undefined);
    const rows = await runChecks({}, fx.deps);
    const row = (n: string) => rows.rows.find((r) => r.name === n)!;
    expect(row('newuidmap')).toMatchObject({ ok: true, detail: `${uidmap} (file capability cap_setuid=ep)` });
    expect(row('newgidmap').ok).toBe(false);
    expect(row('newgidmap').fix).toBe(`as root: chown root ${gidmap} && chmod u+s ${gidmap}  (or: setcap cap_setgid=ep ${gidmap})`);
    expect(capabilityGranted(caps(7, true), 6)).toBe(false);
  });

  it.runIf(isRoot)('reads real file capabilities set by setcap (needs root for setcap)', async () => {
    const fx = makeFixture();
    const prog = fx.tool('capprog');
    execFileSync('setcap', ['cap_setuid=ep', prog]);
    expect(capabilityGranted(await readCapabilityXattr(prog), 7)).toBe(true);
    expect(capabilityGranted(await readCapabilityXattr(prog), 6)).toBe(false);
    expect(await readCapabilityXattr(path.join(fx.bin, 'newgidmap'))).toBeUndefined();
  });

  it.each([
    [{ 'user/max_user_namespaces': '0' }, /max_user_namespaces is 0/, 'as root: sysctl -w user.max_user_namespaces=28633'],
    [
      { 'user/max_user_namespaces': '100', 'kernel/unprivileged_userns_clone': '0' },
      /unprivileged_userns_clone is 0/,
      'as root: sysctl -w kernel.unprivileged_userns_clone=1',
    ],
    [
      { 'user/max_user_namespaces': '100', 'kernel/apparmor_restrict_unprivileged_userns': '1' },
      /apparmor_restrict_unprivileged_userns is 1/,
      /AppArmor profile for rootlesskit/,
    ],
  ])('user namespaces disabled: %j', async (sysctl, detail, fix) => {
    const fx = makeFixture();
    fx.deps.readSysctl = async (n) => (sysctl as Record<string, string>)[n];
    const { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['user namespaces']);
    expect(bad['user namespaces']!.detail).toMatch(detail);
    expect(bad['user namespaces']!.fix).toMatch(fix);
  });

  it('the AppArmor restriction is fine when a rootlesskit profile exists', async () => {
    const fx = makeFixture();
    fx.deps.readSysctl = async (n) => ({ 'user/max_user_namespaces': '100', 'kernel/apparmor_restrict_unprivileged_userns': '1' })[n];
    writeFileSync(path.join(fx.deps.apparmorDir, 'usr.bin.rootlesskit'), '');
    expect((await failed(fx)).bad).toEqual({});
  });

  it('/dev/net/tun missing', async () => {
    const fx = makeFixture();
    unlinkSync(fx.deps.tunDevice);
    const { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['/dev/net/tun']);
    expect(bad['/dev/net/tun']!.fix).toBe(
      `as root: modprobe tun (or mknod ${fx.deps.tunDevice} c 10 200) && chmod 666 ${fx.deps.tunDevice}`,
    );
  });

  it('/dev/net/tun with mode 000 (the permission bits the kernel applies to the user)', async () => {
    const fx = makeFixture();
    chmodSync(fx.deps.tunDevice, 0o000);
    const { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['/dev/net/tun']);
    expect(bad['/dev/net/tun']!.detail).toMatch(/is mode 0000 .*user cannot open it read-write/);
    expect(bad['/dev/net/tun']!.fix).toBe(`as root: chmod 666 ${fx.deps.tunDevice}`);
  });

  it('/dev/net/tun whose open fails although the mode allows it (device cgroup of a container)', async () => {
    const fx = makeFixture();
    fx.deps.uid = process.getuid!();
    fx.deps.openReadWrite = async () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    const row = await checkTun(fx.deps);
    expect(row.ok).toBe(false);
    expect(row.detail).toBe(`cannot open ${fx.deps.tunDevice} read-write: EPERM`);
    expect(row.fix).toMatch(/chmod 666 .* --device/);
  });

  it('XDG_RUNTIME_DIR of another user (after su): not touched, not a failure; /run/user/<uid> when it is ours', async () => {
    const fx = makeFixture();
    const foreign = path.join(fx.dir, 'foreign');
    mkdirSync(foreign, { mode: 0o700 });
    fx.deps.uid += 1; // the fixture's dirs now belong to "another user"
    const runUser = path.join(fx.deps.runUserDir, String(fx.deps.uid));
    mkdirSync(runUser, { mode: 0o700 });
    if (isRoot) chownSync(runUser, fx.deps.uid, fx.deps.uid);
    fx.deps.env.XDG_RUNTIME_DIR = foreign;
    const owner = isRoot ? 0 : fx.deps.uid - 1;
    const r = await planRuntimeDir(fx.deps);
    if (!isRoot) {
      // An ordinary user cannot make a directory of another uid: /run/user/<uid> is then "another user's" too.
      expect(r.plan!.path).toBe(path.join(fx.deps.tmpDir, `eda-oci-runtime-${fx.deps.uid}`));
      return;
    }
    expect(r.row.ok).toBe(true);
    expect(r.plan).toEqual({ path: runUser, create: false });
    expect(r.row.detail).toBe(`${runUser} (XDG_RUNTIME_DIR=${foreign} is owned by uid ${owner}, another user; not touched)`);
  });

  it('XDG_RUNTIME_DIR unset and no /run/user/<uid>: a private 0700 dir below /tmp is planned; a foreign one there fails', async () => {
    const fx = makeFixture();
    delete fx.deps.env.XDG_RUNTIME_DIR;
    const priv = path.join(fx.deps.tmpDir, `eda-oci-runtime-${fx.deps.uid}`);
    const r = await planRuntimeDir(fx.deps);
    expect(r.plan).toEqual({ path: priv, create: true });
    expect(r.row.detail).toBe(`${priv} (private, created 0700; XDG_RUNTIME_DIR is unset)`);
    mkdirSync(priv, { mode: 0o755 }); // squatted, or ours with a wrong mode: never used
    chmodSync(priv, 0o755);
    const again = await planRuntimeDir(fx.deps);
    expect(again.row.ok).toBe(false);
    expect(again.row.fix).toBe(`set XDG_RUNTIME_DIR to a 0700 directory owned by user, or as root: rm -rf ${priv}`);
  });

  it.each([
    [0x6969, 'NFS'],
    [0xff534d42, 'CIFS'],
    [0x0bd00bd0, 'Lustre'],
    [0x47504653, 'GPFS'],
    [0x19830326, 'BeeGFS'],
  ])('data-root on a network file system (statfs type %s) fails', async (type, fsName) => {
    const fx = makeFixture();
    const seen: string[] = [];
    fx.deps.statfs = async (p) => {
      seen.push(p);
      return { type };
    };
    const dataRoot = path.join(fx.dataRoot, 'a/b');
    const report = await runChecks({ dataRoot }, fx.deps);
    const row = report.rows.find((r) => r.name === 'data-root')!;
    expect(row.ok).toBe(false);
    expect(row.detail).toBe(
      `${dataRoot} is on ${fsName} (statfs type 0x${type.toString(16)}); Docker storage must be on a local file system`,
    );
    expect(row.fix).toBe('set data-root to a directory on a local disk, e.g. /var/tmp/user/containers/storage');
    expect(seen).toEqual([fx.dataRoot]); // the nearest existing ancestor
  });

  it('data-root on FUSE passes with a note', async () => {
    const fx = makeFixture();
    fx.deps.statfs = async () => ({ type: 0x65735546 });
    const row = (await runChecks({ dataRoot: fx.dataRoot }, fx.deps)).rows.find((r) => r.name === 'data-root')!;
    expect(row.ok).toBe(true);
    expect(row.detail).toMatch(/FUSE \(make sure it is a local file system/);
  });

  it('data-root owned by another user, or below a directory the user cannot write, fails', async () => {
    const fx = makeFixture();
    fx.deps.uid += 1;
    const row = (await runChecks({ dataRoot: fx.dataRoot }, fx.deps)).rows.find((r) => r.name === 'data-root')!;
    expect(row.ok).toBe(false);
    expect(row.detail).toMatch(/is owned by uid \d+; the rootless daemon runs as user/);
    const fx2 = makeFixture();
    chmodSync(fx2.dataRoot, 0o500);
    const row2 = (await runChecks({ dataRoot: path.join(fx2.dataRoot, 'x') }, fx2.deps)).rows.find((r) => r.name === 'data-root')!;
    expect(row2.ok).toBe(false);
    expect(row2.detail).toBe(`${fx2.dataRoot} is not writable by user (mode 0500, owner uid ${fx2.deps.uid})`);
  });

  it('dockerd-rootless.sh missing; found in a distribution contrib dir', async () => {
    const fx = makeFixture();
    unlinkSync(path.join(fx.bin, 'dockerd-rootless.sh'));
    const { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['dockerd-rootless.sh']);
    expect(bad['dockerd-rootless.sh']!.fix).toBe(
      'as root: apt-get install docker.io (or docker-ce-rootless-extras from the Docker repository)',
    );
    const contrib = path.join(fx.dir, 'contrib');
    mkdirSync(contrib);
    writeFileSync(path.join(contrib, 'dockerd-rootless.sh'), '#!/bin/sh\n', { mode: 0o755 });
    fx.deps.searchDirs = [contrib];
    const { report, bad: none } = await failed(fx);
    expect(none).toEqual({});
    expect(report.dockerdRootless).toBe(path.join(contrib, 'dockerd-rootless.sh'));
  });

  it('rootlesskit, slirp4netns, dockerd and the docker CLI missing each name their package; vpnkit replaces slirp4netns', async () => {
    const fx = makeFixture();
    for (const t of ['rootlesskit', 'slirp4netns', 'dockerd', 'docker']) unlinkSync(path.join(fx.bin, t));
    fx.deps.packageManager = 'dnf';
    const { bad } = await failed(fx);
    expect(Object.fromEntries(Object.entries(bad).map(([k, v]) => [k, v.fix]))).toEqual({
      dockerd: 'as root: dnf install docker-ce',
      rootlesskit: 'as root: dnf install docker-ce-rootless-extras',
      slirp4netns: 'as root: dnf install slirp4netns',
      'docker CLI': 'as root: dnf install docker-ce-cli',
    });
    fx.tool('vpnkit');
    expect(Object.keys((await failed(fx)).bad)).not.toContain('slirp4netns');
  });

  it('daemon.json that is not JSON, or sets hosts, fails before anything is written', async () => {
    const fx = makeFixture();
    const file = path.join(fx.home, '.config/docker/daemon.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"debug": true,');
    let { bad } = await failed(fx);
    expect(Object.keys(bad)).toEqual(['daemon.json']);
    expect(bad['daemon.json']!.fix).toBe(`fix the JSON syntax in ${file} or move it aside`);
    writeFileSync(file, '{"hosts": ["tcp://0.0.0.0:2375"]}');
    ({ bad } = await failed(fx));
    expect(bad['daemon.json']!.fix).toBe(`remove "hosts" from ${file}`);
    fx.deps.env.XDG_CONFIG_HOME = path.join(fx.dir, 'cfg');
    expect((await runChecks({ dataRoot: fx.dataRoot }, fx.deps)).configFile).toBe(path.join(fx.dir, 'cfg/docker/daemon.json'));
  });

  it('the plain-text table marks failures and puts the fix under them', async () => {
    const fx = makeFixture();
    chmodSync(fx.deps.tunDevice, 0o600);
    if (isRoot) chownSync(fx.deps.tunDevice, 0, 0);
    const text = formatCheckTable((await runChecks({ dataRoot: fx.dataRoot }, fx.deps)).rows);
    expect(text).toMatch(/^ok {4}user {17}user \(uid \d+\)$/m);
    expect(text).toMatch(/^FAIL {2}\/dev\/net\/tun .*cannot open it read-write.*\n {6} +fix: as root: chmod 666 /m);
  });
});

describe('validateDataRoot', () => {
  it.each([
    ['relative/dir', /not an absolute path/],
    ['/', /is the root directory/],
    ['/var/tmp/../etc', /contains '\.\.'/],
    ['/var/tmp/a\nb', /control characters/],
  ])('rejects %j', (dir, re) => {
    expect(() => validateDataRoot(dir)).toThrow(re);
  });
  it('normalizes', () => {
    expect(validateDataRoot('/var//tmp/x/')).toBe('/var/tmp/x');
  });
});
