// Rootless daemon set-up with the process layer faked (scripts standing in for dockerd-rootless.sh): daemon.json merge,
// reuse, start-up failures, timeout, cancellation, teardown, and the per-user lock.
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
  chownSync,
} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CancelledError, ConfigurationError, EdaOciError, procInfo, type Logger } from '@eda-oci/exec';
import {
  acquireSetupLock,
  ensureRuntimeDir,
  mergeDaemonConfig,
  parseDaemonConfig,
  parseDaemonState,
  planRuntimeDir,
  PrerequisiteError,
  salientLogLine,
  setupRootlessDocker,
  stopRootlessDocker,
  writeDaemonJson,
  type DaemonState,
} from '../src/index.js';
import { isRoot, makeFixture, removeFixtures, type Fixture } from './rootless-fixture.js';

const started: DaemonState[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) await stopRootlessDocker(s, { graceMs: 500 });
});
afterAll(removeFixtures);

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: () => undefined,
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    group: async (title, fn) => {
      lines.push(`group: ${title}`);
      return fn();
    },
  };
}

/** A stand-in dockerd-rootless.sh: a node program serving GET /info on $XDG_RUNTIME_DIR/docker.sock. */
function fakeDaemon(fx: Fixture, opts: { rootless?: boolean; envFile?: string } = {}): void {
  const js = path.join(fx.dir, 'fake-dockerd.mjs');
  writeFileSync(
    js,
    `import http from 'node:http';
import fs from 'node:fs';
${opts.envFile ? `fs.writeFileSync(${JSON.stringify(opts.envFile)}, JSON.stringify(process.env));` : ''}
const sock = process.env.XDG_RUNTIME_DIR + '/docker.sock';
console.log('level=info msg="API listen on ' + sock + '"');
const info = { ServerVersion: '99.0-fake', DockerRootDir: ${JSON.stringify(fx.dataRoot)},
  SecurityOptions: ${JSON.stringify(opts.rootless === false ? ['name=seccomp,profile=default'] : ['name=seccomp,profile=default', 'name=rootless'])} };
http.createServer((req, res) => res.end(JSON.stringify(info))).listen(sock);
`,
  );
  fx.tool('dockerd-rootless.sh', `#!/bin/sh\nexec ${process.execPath} ${js}\n`);
}

/**
 * The process has exited: gone, or a zombie this test process has not reaped yet (the daemon is a child of the
 * test process here, and Node reaps children asynchronously).
 */
function expectDead(pid: number): void {
  expect(procInfo(pid)?.zombie ?? true).toBe(true);
}

describe('daemon.json', () => {
  it('parseDaemonConfig accepts a JSON object and rejects the rest with one line', () => {
    expect(parseDaemonConfig(undefined)).toEqual({});
    expect(parseDaemonConfig(' {"log-level":"warn"} ')).toEqual({ 'log-level': 'warn' });
    expect(() => parseDaemonConfig('{log-level: warn}')).toThrow(/daemon-config is not valid JSON: .*; give a JSON object/);
    expect(() => parseDaemonConfig('["a"]')).toThrow(/daemon-config is not a JSON object/);
    expect(() => parseDaemonConfig('{"hosts": ["tcp://0.0.0.0:2375"]}')).toThrow(/sets "hosts"/);
  });

  it('mergeDaemonConfig keeps the user keys, applies the overlay and data-root, and reports no change when equal', () => {
    const user = { debug: true, 'log-opts': { 'max-size': '10m' }, 'data-root': '/old' };
    const m = mergeDaemonConfig(user, { 'log-level': 'warn' }, '/var/tmp/u/storage');
    expect(m).toEqual({
      config: { debug: true, 'log-opts': { 'max-size': '10m' }, 'log-level': 'warn', 'data-root': '/var/tmp/u/storage' },
      changed: true,
    });
    // Same content in another key order: unchanged, so the user's file (and formatting) is left alone.
    expect(mergeDaemonConfig({ 'data-root': '/d', 'log-opts': { b: 1, a: 2 } }, { 'log-opts': { a: 2, b: 1 } }, '/d').changed).toBe(false);
    expect(mergeDaemonConfig(undefined, {}, '/d').changed).toBe(true);
    expect(() => mergeDaemonConfig({}, { 'data-root': '/other' }, '/d')).toThrow(ConfigurationError);
  });

  it('writeDaemonJson replaces the file by rename (new inode, no temp file left), keeps the mode and a backup', async () => {
    const fx = makeFixture();
    const file = path.join(fx.home, '.config/docker/daemon.json');
    await writeDaemonJson(file, { a: 1 }, new Date('2026-01-02T03:04:05.678Z'));
    expect(readdirSync(path.dirname(file))).toEqual(['daemon.json']); // no backup: there was nothing before
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    writeFileSync(file, '{ "user": 1 }\n');
    chmodSync(file, 0o600);
    const inode = statSync(file).ino;
    const { backup } = await writeDaemonJson(file, { user: 1, b: 2 }, new Date('2026-01-02T03:04:05.678Z'));
    expect(backup).toBe(`${file}.eda-oci-backup-20260102T030405678Z`);
    expect(readFileSync(backup!, 'utf8')).toBe('{ "user": 1 }\n');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ user: 1, b: 2 });
    expect(statSync(file).ino).not.toBe(inode);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['daemon.json', 'daemon.json.eda-oci-backup-20260102T030405678Z']);
  });

  it('a symlinked daemon.json is written through to its target', async () => {
    const fx = makeFixture();
    const target = path.join(fx.dir, 'dotfiles-daemon.json');
    writeFileSync(target, '{}');
    const file = path.join(fx.home, '.config/docker/daemon.json');
    mkdirSync(path.dirname(file), { recursive: true });
    symlinkSync(target, file);
    await writeDaemonJson(file, { c: 3 });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual({ c: 3 });
  });
});

describe('setupRootlessDocker', () => {
  it('start: false merges daemon.json (backup only when the content changes) and creates data-root 0700', async () => {
    const fx = makeFixture();
    const file = path.join(fx.home, '.config/docker/daemon.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"debug": true}');
    const dataRoot = path.join(fx.dataRoot, 'storage');
    const opts = { dataRoot, daemonConfig: { 'log-level': 'warn' }, start: false };
    const r = await setupRootlessDocker(opts, { checks: fx.deps });
    expect(r).toMatchObject({ started: false, dockerHost: `unix://${fx.xdg}/docker.sock`, dataRoot, runtimeDir: fx.xdg });
    expect(r.daemonJson.changed).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ debug: true, 'log-level': 'warn', 'data-root': dataRoot });
    expect(readFileSync(r.daemonJson.backup!, 'utf8')).toBe('{"debug": true}');
    expect(statSync(dataRoot).mode & 0o777).toBe(0o700);
    if (isRoot) chownSync(dataRoot, fx.deps.uid, fx.deps.uid); // made by root for the fixture's made-up uid
    const again = await setupRootlessDocker(opts, { checks: fx.deps });
    expect(again.daemonJson).toEqual({ file, changed: false });
    expect(readdirSync(path.dirname(file))).toHaveLength(2);
    expect(readdirSync(fx.xdg)).toEqual([]); // the lock is released
  });

  it('a failing prerequisite throws PrerequisiteError with the table before anything is written', async () => {
    const fx = makeFixture();
    writeFileSync(fx.deps.subuidFile, '');
    const log = recordingLogger();
    const err = await setupRootlessDocker({ dataRoot: path.join(fx.dataRoot, 's') }, { checks: fx.deps, logger: log }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PrerequisiteError);
    expect((err as Error).message).toMatch(
      /^rootless Docker prerequisite failed: subuid: no line for user .*; fix: as root: usermod --add-subuids/,
    );
    expect((err as PrerequisiteError).rows).toHaveLength(15);
    const row = (err as PrerequisiteError).rows[1]!;
    expect(log.lines).toContain(`FAIL  ${row.name}: ${row.detail}; fix: ${row.fix}`);
    expect(existsSync(path.join(fx.home, '.config'))).toBe(false);
    expect(existsSync(path.join(fx.dataRoot, 's'))).toBe(false);
  });

  it('daemon-config naming another data-root fails before anything is written', async () => {
    const fx = makeFixture();
    await expect(
      setupRootlessDocker({ dataRoot: fx.dataRoot, daemonConfig: { 'data-root': '/elsewhere' } }, { checks: fx.deps }),
    ).rejects.toThrow(/daemon-config sets data-root "\/elsewhere"/);
    expect(existsSync(path.join(fx.home, '.config'))).toBe(false);
  });

  it('reuses a healthy rootless daemon of the user on $XDG_RUNTIME_DIR/docker.sock and leaves daemon.json alone', async () => {
    const fx = makeFixture();
    const socket = path.join(fx.xdg, 'docker.sock');
    const server = http
      .createServer((_req, res) =>
        res.end(JSON.stringify({ ServerVersion: '20.10', DockerRootDir: '/var/tmp/other', SecurityOptions: ['name=rootless'] })),
      )
      .listen(socket);
    await new Promise((r) => server.once('listening', r));
    if (isRoot) chownSync(socket, fx.deps.uid, fx.deps.uid);
    try {
      const log = recordingLogger();
      const r = await setupRootlessDocker({ dataRoot: fx.dataRoot, daemonConfig: { debug: true } }, { checks: fx.deps, logger: log });
      expect(r).toMatchObject({ started: false, dataRoot: '/var/tmp/other', serverVersion: '20.10', dockerHost: `unix://${socket}` });
      expect(r.pid).toBeUndefined();
      expect(r.warnings.join('\n')).toMatch(/uses data-root \/var\/tmp\/other, not .*\n.*daemon.json was left unchanged/);
      expect(existsSync(path.join(fx.home, '.config'))).toBe(false);
    } finally {
      server.close();
    }
  });

  it('starts the daemon with a clean environment, waits until /info says rootless, and stop removes it', async () => {
    const fx = makeFixture();
    const envFile = path.join(fx.dir, 'daemon-env.json');
    fakeDaemon(fx, { envFile });
    fx.deps.env = { ...fx.deps.env, RUNNER_TRACKING_ID: 'github_1', HTTPS_PROXY: 'http://proxy:3128', SECRET_TOKEN: 'x' };
    const seen: DaemonState[] = [];
    const r = await setupRootlessDocker(
      { dataRoot: fx.dataRoot, waitSeconds: 20, onStarted: (s) => seen.push(s) },
      { checks: fx.deps, logger: recordingLogger() },
    );
    started.push(r.state!);
    expect(r).toMatchObject({
      started: true,
      serverVersion: '99.0-fake',
      dataRoot: fx.dataRoot,
      logFile: path.join(fx.xdg, 'eda-oci-dockerd-rootless.log'),
    });
    expect(seen).toEqual([r.state]);
    expect(procInfo(r.pid!)?.session).toBe(r.pid); // its own session
    expect(readFileSync(r.logFile!, 'utf8')).toMatch(/API listen on/);
    const env = JSON.parse(readFileSync(envFile, 'utf8')) as Record<string, string>;
    expect(env).toMatchObject({
      XDG_RUNTIME_DIR: fx.xdg,
      HOME: fx.home,
      USER: 'user',
      PATH: fx.bin,
      RUNNER_TRACKING_ID: 'github_1',
      HTTPS_PROXY: 'http://proxy:3128',
    });
    expect(env.SECRET_TOKEN).toBeUndefined();
    const stop = await stopRootlessDocker(r.state!);
    expect(stop.stopped).toBe(true);
    expectDead(r.pid!);
    expect(existsSync(path.join(fx.xdg, 'docker.sock'))).toBe(false); // stale socket removed
    expect(await stopRootlessDocker(r.state!)).toEqual({ stopped: false, detail: `rootless dockerd (pid ${r.pid}) is not running` });
  });

  it('keep-running starts the daemon without the runner tracking id (the runner would kill it at job end)', async () => {
    const fx = makeFixture();
    const envFile = path.join(fx.dir, 'daemon-env.json');
    fakeDaemon(fx, { envFile });
    fx.deps.env = { ...fx.deps.env, RUNNER_TRACKING_ID: 'github_1' };
    const r = await setupRootlessDocker({ dataRoot: fx.dataRoot, keepRunning: true }, { checks: fx.deps });
    started.push(r.state!);
    expect(JSON.parse(readFileSync(envFile, 'utf8')).RUNNER_TRACKING_ID).toBeUndefined();
  });

  it('a daemon that exits during start-up: its log in a group, the telling line in the error, nothing left running', async () => {
    const fx = makeFixture();
    fx.tool(
      'dockerd-rootless.sh',
      '#!/bin/sh\necho "+ rootlesskit --net=slirp4netns"\necho "[rootlesskit:parent] error: failed to setup network: open /dev/net/tun: permission denied" >&2\nexit 1\n',
    );
    const log = recordingLogger();
    const err = await setupRootlessDocker({ dataRoot: fx.dataRoot }, { checks: fx.deps, logger: log }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EdaOciError);
    expect((err as Error).message).toBe(
      `rootless dockerd exited with code 1 during start-up: [rootlesskit:parent] error: failed to setup network: open /dev/net/tun: permission denied; see the daemon log above (${fx.xdg}/eda-oci-dockerd-rootless.log)`,
    );
    const g = log.lines.indexOf(`group: rootless dockerd log (${fx.xdg}/eda-oci-dockerd-rootless.log)`);
    expect(g).toBeGreaterThan(0);
    expect(log.lines.slice(g + 1)).toEqual(['+ rootlesskit --net=slirp4netns', expect.stringMatching(/permission denied/)]);
  });

  it('a daemon that never answers is stopped after wait-seconds, its descendants in other sessions too', async () => {
    const fx = makeFixture();
    const pidFile = path.join(fx.dir, 'child.pid');
    fx.tool('dockerd-rootless.sh', `#!/bin/sh\nsetsid sh -c 'echo $$ > ${pidFile}; exec sleep 300' &\nexec sleep 300\n`);
    fx.deps.systemDirs = ['/usr/bin', '/bin'];
    const seen: DaemonState[] = [];
    const t = Date.now();
    const err = await setupRootlessDocker(
      { dataRoot: fx.dataRoot, waitSeconds: 1, onStarted: (s) => seen.push(s) },
      { checks: fx.deps },
    ).catch((e: unknown) => e);
    started.push(...seen);
    expect((err as Error).message).toMatch(
      /^rootless dockerd did not answer on .*docker.sock within 1 s; see the daemon log above .*raise wait-seconds/,
    );
    expect(Date.now() - t).toBeLessThan(10_000);
    expectDead(seen[0]!.pid);
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(procInfo(child)?.session).not.toBe(seen[0]!.pid);
    const c = procInfo(child);
    expect(c === undefined || c.zombie).toBe(true);
  });

  it('cancellation while the daemon starts stops it and rejects with CancelledError', async () => {
    const fx = makeFixture();
    fx.tool('dockerd-rootless.sh', '#!/bin/sh\nexec sleep 300\n');
    fx.deps.systemDirs = ['/usr/bin', '/bin'];
    const ac = new AbortController();
    const seen: DaemonState[] = [];
    const p = setupRootlessDocker(
      {
        dataRoot: fx.dataRoot,
        signal: ac.signal,
        onStarted: (s) => {
          seen.push(s);
          setTimeout(() => ac.abort(), 300);
        },
      },
      { checks: fx.deps },
    );
    const err = await p.catch((e: unknown) => e);
    started.push(...seen);
    expect(err).toBeInstanceOf(CancelledError);
    expectDead(seen[0]!.pid);
    expect(readdirSync(fx.xdg)).toEqual(['eda-oci-dockerd-rootless.log']); // lock released
  });

  it('a daemon that does not report rootless is refused: the one started, or one already on the socket', async () => {
    const fx = makeFixture();
    fakeDaemon(fx, { rootless: false });
    const seen: DaemonState[] = [];
    const err = await setupRootlessDocker({ dataRoot: fx.dataRoot, onStarted: (s) => seen.push(s) }, { checks: fx.deps }).catch(
      (e: unknown) => e,
    );
    started.push(...seen);
    expect((err as Error).message).toMatch(/^the daemon answering on .*docker.sock does not report rootless mode/);
    expectDead(seen[0]!.pid);

    const socket = path.join(fx.xdg, 'docker.sock');
    const server = http.createServer((_req, res) => res.end(JSON.stringify({ SecurityOptions: ['name=seccomp'] }))).listen(socket);
    await new Promise((r) => server.once('listening', r));
    if (isRoot) chownSync(socket, fx.deps.uid, fx.deps.uid);
    try {
      await expect(setupRootlessDocker({ dataRoot: fx.dataRoot }, { checks: fx.deps })).rejects.toThrow(
        new RegExp(`the Docker daemon answering on ${socket} is not rootless`),
      );
    } finally {
      server.close();
    }
  });
});

describe('runtime dir and lock', () => {
  it('makes the planned private runtime dir 0700 and refuses one that is not a directory of ours', async () => {
    const fx = makeFixture();
    fx.deps.uid = process.getuid!();
    fx.deps.env.XDG_RUNTIME_DIR = '/';
    const { plan } = await planRuntimeDir(fx.deps);
    expect(plan).toEqual({ path: path.join(fx.deps.tmpDir, `eda-oci-runtime-${fx.deps.uid}`), create: true });
    await ensureRuntimeDir(plan!.path, fx.deps.uid);
    expect(statSync(plan!.path).mode & 0o777).toBe(0o700);
    await expect(ensureRuntimeDir(plan!.path, fx.deps.uid + 1)).rejects.toThrow(/is not a directory owned by uid/);
  });

  it('serializes two holders and takes over the lock of a dead process', async () => {
    const fx = makeFixture();
    const lockFile = path.join(fx.xdg, 'eda-oci-setup-rootless-docker.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: 999999999, startTime: 1 }));
    const log = recordingLogger();
    const release1 = await acquireSetupLock(fx.xdg, { timeoutMs: 5000, logger: log });
    expect(log.lines[0]).toMatch(/taking over the setup lock .* \(pid 999999999\)/);
    const order: string[] = [];
    const second = acquireSetupLock(fx.xdg, { timeoutMs: 5000, logger: log }).then((rel) => {
      order.push('second acquired');
      return rel;
    });
    await new Promise((r) => setTimeout(r, 500));
    order.push('first released');
    await release1();
    await (
      await second
    )();
    expect(order).toEqual(['first released', 'second acquired']);
    expect(log.lines.some((l) => /waiting for another setup-rootless-docker run of this user \(pid \d+/.test(l))).toBe(true);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('never lets two of many concurrent holders in at once (a lock is never seen empty)', async () => {
    const fx = makeFixture();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const release = await acquireSetupLock(fx.xdg, { timeoutMs: 20_000 });
        inside++;
        most = Math.max(most, inside);
        await new Promise((r) => setTimeout(r, 30));
        inside--;
        await release();
      }),
    );
    expect(most).toBe(1);
    expect(readdirSync(fx.xdg)).toEqual([]);
  });

  it('gives up after the timeout naming the holder, and aborts on cancel', async () => {
    const fx = makeFixture();
    const release = await acquireSetupLock(fx.xdg, { timeoutMs: 1000 });
    await expect(acquireSetupLock(fx.xdg, { timeoutMs: 300 })).rejects.toThrow(
      new RegExp(`another setup-rootless-docker run of this user \\(pid ${process.pid}\\) still holds`),
    );
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    await expect(acquireSetupLock(fx.xdg, { timeoutMs: 10_000, signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
    await release();
  });
});

describe('salientLogLine', () => {
  it('skips shell trace lines and picks the last error', () => {
    expect(
      salientLogLine([
        '+ exec rootlesskit',
        'level=info msg=x',
        '[rootlesskit:parent] error: failed to start the child: fork/exec: no such file',
        'level=info msg=y',
      ]),
    ).toBe('[rootlesskit:parent] error: failed to start the child: fork/exec: no such file');
    expect(salientLogLine(['+ error in trace only'])).toBe('');
  });
});

describe('parseDaemonState', () => {
  it('round-trips a state and refuses anything else', () => {
    const s = { pid: 1234, startTime: 99, runtimeDir: '/run/user/1', socket: '/run/user/1/docker.sock' };
    expect(parseDaemonState(JSON.stringify(s))).toEqual(s);
    expect(() => parseDaemonState(JSON.stringify({ ...s, pid: 1 }))).toThrow(/is not valid/);
    expect(() => parseDaemonState(JSON.stringify({ ...s, socket: 'rel' }))).toThrow(/is not valid/);
  });
});
