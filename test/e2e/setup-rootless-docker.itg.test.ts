// E2E: the committed dist of setup-rootless-docker run the way the GitHub runner runs it, as the second unprivileged test
// user (which has subuid/subgid but no daemon): a real rootless dockerd is started, checked with docker info, reused,
// cancelled and stopped. The first test user's shared daemon is only ever reused, never stopped.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { procInfo, sessionProcesses } from '@eda-oci/exec';
import { clusterEnv, isRoot, runAs, tempDirFor } from '../helpers/cluster.js';
import { runAction, runPostOnly, type StepResult } from './runner.js';

const env = clusterEnv();
const USER2 = env.EDA_OCI_TEST_USER2!;
const UID2 = Number(env.EDA_OCI_TEST_UID2);
const DOCKER = env.EDA_OCI_DOCKER!;

/** Runtime dirs whose daemons the tests started: every process of USER2 with one of them in its environment is killed. */
const runtimeDirs = new Set<string>();
/** Daemons started in a runtime dir that others may use too (/run/user/<uid>): killed by their session only. */
const sessions: { pid: number; startTime: number }[] = [];

function environOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    return '';
  }
}

/** Processes of USER2 whose XDG_RUNTIME_DIR is `dir` (rootlesskit, dockerd, containerd and children all inherit it). */
function daemonProcesses(dir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => procInfo(Number(p))?.uid === UID2 && !procInfo(Number(p))?.zombie)
    .filter((p) => environOf(p).split('\0').includes(`XDG_RUNTIME_DIR=${dir}`))
    .map(Number);
}

function killAll(): void {
  for (const dir of runtimeDirs) for (const pid of daemonProcesses(dir)) process.kill(pid, 'SIGKILL');
  for (const s of sessions.splice(0)) {
    for (const p of sessionProcesses(s.pid).filter((q) => q.uid === UID2 && q.startTime >= s.startTime)) process.kill(p.pid, 'SIGKILL');
  }
}
afterEach(killAll);
afterAll(killAll);

/** A fresh HOME and 0700 XDG_RUNTIME_DIR for USER2, and a data-root path (not yet existing) below the test's temp dir. */
function sandbox(): { base: string; home: string; xdg: string; dataRoot: string; stepEnv: Record<string, string> } {
  const base = tempDirFor(USER2, 'eda-oci-setup-');
  const home = path.join(base, 'home');
  const xdg = path.join(base, 'xdg');
  mkdirSync(home, { mode: 0o755 });
  mkdirSync(xdg, { mode: 0o700 });
  chmodSync(xdg, 0o700);
  chownSync(home, UID2, UID2);
  chownSync(xdg, UID2, UID2);
  runtimeDirs.add(xdg);
  return { base, home, xdg, dataRoot: path.join(base, 'data', 'storage'), stepEnv: { HOME: home, XDG_RUNTIME_DIR: xdg, USER: USER2 } };
}

/** `docker info` as USER2 against `host`: security options and DockerRootDir. */
function dockerInfo(host: string): { status: number | null; out: string } {
  const r = runAs(USER2, DOCKER, ['info', '--format', '{{json .SecurityOptions}} {{.DockerRootDir}}'], { DOCKER_HOST: host });
  return { status: r.status, out: r.stdout.trim() + r.stderr.trim() };
}

function savedDaemon(step: StepResult): { pid: number; startTime: number; socket: string } {
  return JSON.parse(step.state.daemon!) as { pid: number; startTime: number; socket: string };
}

const gone = (pid: number): boolean => {
  const p = procInfo(pid);
  return p === undefined || p.zombie;
};

describe.runIf(isRoot)('setup-rootless-docker dist as the unprivileged second test user (runuser needs root)', () => {
  it('starts rootless dockerd with the requested data-root and merged daemon.json; the post step stops it', async () => {
    const sb = sandbox();
    const cfgDir = path.join(sb.home, '.config/docker');
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(path.join(cfgDir, 'daemon.json'), '{"experimental": false}\n');
    execFileSync('chown', ['-R', `${UID2}:${UID2}`, path.join(sb.home, '.config')]);
    const t0 = Date.now();
    const { main } = await runAction('setup-rootless-docker', {
      user: USER2,
      env: sb.stepEnv,
      with: { 'data-root': sb.dataRoot, 'daemon-config': '{"log-level": "info"}' },
      post: false,
    });
    const startSeconds = (Date.now() - t0) / 1000;
    expect(main.errors).toEqual([]);
    expect(main.exitCode).toBe(0);
    const host = `unix://${sb.xdg}/docker.sock`;
    expect(main.outputs).toEqual({ 'docker-host': host, 'data-root': sb.dataRoot, started: 'true' });
    expect(main.env.DOCKER_HOST).toBe(host);
    const info = dockerInfo(host);
    expect(info.status, info.out).toBe(0);
    expect(info.out).toContain('name=rootless');
    expect(info.out.endsWith(` ${sb.dataRoot}`)).toBe(true);
    expect(statSync(sb.dataRoot).uid).toBe(UID2);
    expect(JSON.parse(readFileSync(path.join(cfgDir, 'daemon.json'), 'utf8'))).toEqual({
      experimental: false,
      'log-level': 'info',
      'data-root': sb.dataRoot,
    });
    const backups = readdirSync(cfgDir).filter((f) => f.startsWith('daemon.json.eda-oci-backup-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(path.join(cfgDir, backups[0]!), 'utf8')).toBe('{"experimental": false}\n');
    expect(main.summary).toMatch(/started by this step \(pid \d+/);
    expect(main.summary).toContain('Prerequisites (eda-oci doctor)');
    expect(main.summary).toMatch(/<td>\/dev\/net\/tun<\/td><td>ok: /);
    console.info(`setup-rootless-docker main step with a cold daemon start: ${startSeconds.toFixed(1)} s`);

    const daemon = savedDaemon(main);
    expect(daemonProcesses(sb.xdg).length).toBeGreaterThanOrEqual(3); // rootlesskit, its child, slirp4netns, dockerd, containerd
    const post = await runPostOnly('setup-rootless-docker', { user: USER2, env: sb.stepEnv, state: main.state });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toMatch(new RegExp(`stopped rootless dockerd \\(pid ${daemon.pid}\\)`));
    expect(gone(daemon.pid)).toBe(true);
    expect(daemonProcesses(sb.xdg)).toEqual([]);
    expect(existsSync(daemon.socket)).toBe(false);
    const again = await runPostOnly('setup-rootless-docker', { user: USER2, env: sb.stepEnv, state: main.state });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain(`rootless dockerd (pid ${daemon.pid}) is not running`);
  });

  it('a second run while the daemon is up reuses it (started=false) and its post step leaves it running', async () => {
    const sb = sandbox();
    const opts = { user: USER2, env: sb.stepEnv, with: { 'data-root': sb.dataRoot } };
    const first = await runAction('setup-rootless-docker', { ...opts, post: false });
    expect(first.main.outputs.started).toBe('true');
    const t0 = Date.now();
    const second = await runAction('setup-rootless-docker', opts);
    const reuseSeconds = (Date.now() - t0) / 1000;
    expect(second.main.exitCode).toBe(0);
    expect(second.main.outputs).toEqual({ ...first.main.outputs, started: 'false' });
    expect(second.main.state.daemon).toBeUndefined();
    expect(second.post!.exitCode).toBe(0);
    expect(second.post!.stdout).toContain('nothing to stop');
    expect(dockerInfo(first.main.outputs['docker-host']!).out).toContain('name=rootless');
    console.info(`setup-rootless-docker main+post reusing a running daemon: ${reuseSeconds.toFixed(1)} s`);
    const post = await runPostOnly('setup-rootless-docker', { user: USER2, env: sb.stepEnv, state: first.main.state });
    expect(post.stdout).toContain('stopped rootless dockerd');
    expect(daemonProcesses(sb.xdg)).toEqual([]);
  });

  it('two concurrent runs of the same user are serialized: one starts the daemon, the other waits and reuses it', async () => {
    const sb = sandbox();
    const opts = { user: USER2, env: sb.stepEnv, with: { 'data-root': sb.dataRoot }, post: false };
    const [a, b] = await Promise.all([runAction('setup-rootless-docker', opts), runAction('setup-rootless-docker', opts)]);
    expect([a.main.exitCode, b.main.exitCode]).toEqual([0, 0]);
    expect([a.main.outputs.started, b.main.outputs.started].sort()).toEqual(['false', 'true']);
    expect(a.main.outputs['docker-host']).toBe(b.main.outputs['docker-host']);
    const [starter, reuser] = a.main.outputs.started === 'true' ? [a, b] : [b, a];
    expect(reuser.main.stdout).toMatch(/waiting for another setup-rootless-docker run of this user \(pid \d+/);
    expect(reuser.main.stdout).toContain('reusing the rootless Docker daemon already running');
    expect(daemonProcesses(sb.xdg).filter((p) => /^dockerd$/.test(readFileSync(`/proc/${p}/comm`, 'utf8').trim()))).toHaveLength(1);
    const post = await runPostOnly('setup-rootless-docker', { user: USER2, env: sb.stepEnv, state: starter.main.state });
    expect(post.stdout).toContain('stopped rootless dockerd');
    expect(daemonProcesses(sb.xdg)).toEqual([]);
  });

  it('SIGTERM to the step while the daemon starts: the step fails as cancelled and no daemon process is left', async () => {
    const sb = sandbox();
    let timer: NodeJS.Timeout | undefined;
    const { main, post } = await runAction('setup-rootless-docker', {
      user: USER2,
      env: sb.stepEnv,
      with: { 'data-root': sb.dataRoot },
      // runuser passes the SIGTERM on to the node step, as the runner's SIGINT/SIGTERM on cancellation would.
      onStdout: (text, pid) => {
        // The daemon answers within about a second here: signal at once, while it starts.
        if (!timer && text.includes('::group::Start rootless dockerd')) timer = setTimeout(() => process.kill(pid, 'SIGTERM'), 0);
      },
    });
    expect(timer).toBeDefined();
    expect(main.stdout).toMatch(/\[command\] \S*dockerd-rootless.sh \(detached/);
    expect(main.exitCode).not.toBe(0); // runuser, which passed the signal on, ends by SIGTERM itself
    expect(main.errors.join('\n'), main.stdout).toMatch(
      /setup-rootless-docker failed: rootless Docker setup was cancelled; the daemon it started was stopped/,
    );
    expect(post!.exitCode).toBe(0);
    expect(daemonProcesses(sb.xdg)).toEqual([]);
    expect(existsSync(path.join(sb.xdg, 'docker.sock'))).toBe(false);
    console.info(`cancellation clean-up: ${/stopped rootless dockerd .*/.exec(main.stdout)?.[0]}`);
    expect(readdirSync(sb.xdg)).not.toContain('eda-oci-setup-rootless-docker.lock');
  });

  it("XDG_RUNTIME_DIR set to root's /run/user/0 (as after su): a runtime dir of the user is used, root's is not touched", async () => {
    const sb = sandbox();
    const rootDir = '/run/user/0';
    const made = !existsSync(rootDir);
    if (made) mkdirSync(rootDir, { mode: 0o700 });
    const before = readdirSync(rootDir).sort();
    const own = `/run/user/${UID2}`;
    const existed = existsSync(own) ? readdirSync(own) : undefined;
    const priv = `/tmp/eda-oci-runtime-${UID2}`;
    const privExisted = existsSync(priv);
    try {
      const { main } = await runAction('setup-rootless-docker', {
        user: USER2,
        env: { ...sb.stepEnv, XDG_RUNTIME_DIR: rootDir },
        with: { 'data-root': sb.dataRoot },
        post: false,
      });
      if (main.state.daemon) sessions.push(savedDaemon(main));
      expect(main.errors).toEqual([]);
      expect(main.outputs.started).toBe('true');
      const runtimeDir = path.dirname(main.outputs['docker-host']!.slice('unix://'.length));
      // /run/user/<uid> when it exists and is the user's (it does on this machine), else a private 0700 dir below /tmp.
      expect([own, priv]).toContain(runtimeDir);
      expect(statSync(runtimeDir).uid).toBe(UID2);
      expect(statSync(runtimeDir).mode & 0o777).toBe(0o700);
      expect(main.stdout).toMatch(/XDG_RUNTIME_DIR=\/run\/user\/0 (is owned by uid 0, another user|has mode)/);
      expect(dockerInfo(main.outputs['docker-host']!).out).toContain('name=rootless');
      expect(readdirSync(rootDir).sort()).toEqual(before);
      const post = await runPostOnly('setup-rootless-docker', { user: USER2, env: sb.stepEnv, state: main.state });
      expect(post.stdout).toContain('stopped rootless dockerd');
      expect(gone(savedDaemon(main).pid)).toBe(true);
    } finally {
      if (made) rmSync(rootDir, { recursive: true, force: true });
      // Leave the user's own runtime dir as it was (other tests use it): remove what the daemon left there.
      if (existed) {
        for (const f of readdirSync(own)) if (!existed.includes(f)) rmSync(path.join(own, f), { recursive: true, force: true });
      }
      if (!privExisted) rmSync(priv, { recursive: true, force: true });
    }
  });

  it('a data-root the user does not own fails with one line naming the fix, and starts nothing', async () => {
    const sb = sandbox();
    const rootOwned = tempDirFor(undefined);
    const { main } = await runAction('setup-rootless-docker', { user: USER2, env: sb.stepEnv, with: { 'data-root': rootOwned } });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^setup-rootless-docker failed: rootless Docker prerequisite failed: data-root: ${rootOwned} is owned by uid 0; .*; fix: set data-root to a directory on a local disk owned by ${USER2}`,
        ),
      ),
    ]);
    expect(main.summary).toMatch(/<td>data-root<\/td><td>FAIL: /);
    expect(readdirSync(sb.xdg)).toEqual([]);
    expect(existsSync(path.join(sb.home, '.config'))).toBe(false);
  });

  it("reuses the first test user's running daemon with the default data-root; the post step does not stop it", async () => {
    const user = env.EDA_OCI_TEST_USER!;
    const host = env.EDA_OCI_ROOTLESS_DOCKER_HOST!;
    const { main, post } = await runAction('setup-rootless-docker', {
      user,
      env: { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR!, USER: user },
    });
    expect(main.errors).toEqual([]);
    expect(main.outputs).toEqual({ 'docker-host': host, 'data-root': env.EDA_OCI_ROOTLESS_DATA_ROOT, started: 'false' });
    expect(post!.stdout).toContain('nothing to stop');
    const r = runAs(user, DOCKER, ['info', '--format', '{{json .SecurityOptions}}'], { DOCKER_HOST: host });
    expect(r.stdout).toContain('name=rootless');
  });
});

describe('setup-rootless-docker dist as root', () => {
  it('fails with the one-line "not as root" message and touches nothing', async () => {
    const home = tempDirFor(undefined);
    const xdg = tempDirFor(undefined);
    chmodSync(xdg, 0o700);
    const { main, post } = await runAction('setup-rootless-docker', { env: { HOME: home, XDG_RUNTIME_DIR: xdg } });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([
      'setup-rootless-docker failed: rootless Docker prerequisite failed: user: running as root (uid 0); rootless Docker needs an ordinary user; fix: run the job as an ordinary user (e.g. the runner service account), or use the system dockerd when root',
    ]);
    expect(main.summary).toMatch(/<td>user<\/td><td>FAIL: running as root/);
    expect(main.outputs).toEqual({});
    expect(post!.exitCode).toBe(0);
    expect(readdirSync(home)).toEqual([]);
    expect(readdirSync(xdg)).toEqual([]);
  });
});
