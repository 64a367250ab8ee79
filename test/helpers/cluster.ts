// Shared helpers for integration tests: the components test/cluster started, and running things as the test users.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
// EDA_OCI_CLI: another build of the CLI (e.g. a private copy while the working tree's dist is being rebuilt).
export const CLI = process.env.EDA_OCI_CLI ?? path.join(REPO, 'packages/cli/dist/index.js');

/** Keys written by test/cluster/setup.sh to /run/eda-oci/cluster.env. */
export type ClusterEnv = Record<string, string>;

/**
 * Reads /run/eda-oci/cluster.env. Integration tests never skip silently: without the cluster they fail, naming the fix.
 */
export function clusterEnv(): ClusterEnv {
  const file = process.env.EDA_OCI_CLUSTER_ENV ?? '/run/eda-oci/cluster.env';
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: the test components are not up; run 'sudo bash test/cluster/setup.sh' (npm test does it as root)`);
  }
  const env: ClusterEnv = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  process.env.EDA_OCI_DOCKER ??= env.EDA_OCI_DOCKER;
  return env;
}

/** Where tests put their files: the run's temp root from global-setup.ts (removed after the run), else the OS temp dir. */
export function testTmp(): string {
  return process.env.EDA_OCI_TEST_TMP ?? os.tmpdir();
}

/** True when this test process runs as root (needed for runuser, mounts and a second dockerd). */
export const isRoot = process.getuid?.() === 0;

/** A temp dir owned by `user` (or by us), mode 0755 so other test users can read below it. */
export function tempDirFor(user: string | undefined, prefix = 'eda-oci-itg-'): string {
  const dir = mkdtempSync(path.join(testTmp(), prefix));
  chmodSync(dir, 0o755);
  if (user) {
    const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

/** Result of a program run by {@link runAs}. */
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program as `user` (runuser, clean login-like environment plus `env`), never through a shell. */
export function runAs(user: string, cmd: string, args: string[], env: Record<string, string> = {}, cwd?: string): RunResult {
  const home = execFileSync('getent', ['passwd', user]).toString().split(':')[5]!;
  const uid = execFileSync('id', ['-u', user]).toString().trim();
  const base = {
    HOME: home,
    USER: user,
    LOGNAME: user,
    PATH: '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    XDG_RUNTIME_DIR: `/run/user/${uid}`,
  };
  const r = spawnSync(
    'runuser',
    ['-u', user, '--', 'env', '-i', ...Object.entries({ ...base, ...env }).map(([k, v]) => `${k}=${v}`), cmd, ...args],
    {
      cwd,
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the eda-oci CLI (committed dist) as `user` or as this process. */
export function cli(args: string[], opts: { user?: string; env?: Record<string, string> } = {}): RunResult {
  if (opts.user) return runAs(opts.user, process.execPath, [CLI, ...args], opts.env);
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...opts.env }, timeout: 300_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A bundle built by buildAsTestUser: its path and digest, all of `eda-oci build --json`, and the CLI's stderr. */
export interface BuiltBundle {
  path: string;
  digest: string;
  outputs: Record<string, unknown>;
  stderr: string;
}

/**
 * Builds `image` into `<outputDir>/<name>` as the test user (EDA_OCI_TEST_USER) with the CLI on that user's rootless
 * daemon, into which test/cluster loaded the test images. Throws, with the CLI's stderr, when the build fails.
 */
export function buildAsTestUser(image: string, name: string, outputDir: string, pull: 'never' | 'missing' = 'never'): BuiltBundle {
  const env = clusterEnv();
  const args = ['build', '--image', image, '--name', name, '--output-dir', outputDir, '--docker-host', env.EDA_OCI_ROOTLESS_DOCKER_HOST!];
  const r = cli([...args, '--pull', pull, '--json'], {
    user: env.EDA_OCI_TEST_USER!,
    env: { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER! },
  });
  if (r.status !== 0) throw new Error(`eda-oci build of ${image} as the test user failed (exit ${r.status}):\n${r.stderr}`);
  const outputs = JSON.parse(r.stdout) as Record<string, unknown>;
  return { path: outputs['bundle-path'] as string, digest: outputs['bundle-digest'] as string, outputs, stderr: r.stderr };
}

/** SIGKILLs every process (but this one) for which `match(pid)` is true; processes that vanish meanwhile are skipped. */
function killProcesses(match: (pid: string) => boolean): void {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid) continue;
    try {
      if (match(pid)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone already, or not ours to read.
    }
  }
}

/** SIGKILLs every process whose command line contains `needle` (test daemons left behind by a killed dockerd). */
export function killProcessesMatching(needle: string): void {
  killProcesses((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(needle));
}

/** SIGKILLs every process of a user (for a test user whose only processes are a daemon the test started). */
export function killUserProcesses(uid: number): void {
  killProcesses((pid) => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) === uid);
}

/** Unmounts everything mounted below `dir` (deepest first), then removes it unless `keepFiles`. */
export function removeTestTree(dir: string, keepFiles = false): void {
  const mounts = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) spawnSync('umount', ['-l', m]);
  if (!keepFiles) rmSync(dir, { recursive: true, force: true });
}

/** Runs `fn` with `dir` replaced by a tmpfs of `size` (a full disk on demand; root only), unmounted afterwards. */
export async function withTmpfs<T>(dir: string, size: string, fn: () => Promise<T>): Promise<T> {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  try {
    return await fn();
  } finally {
    execFileSync('umount', [dir]);
  }
}

/**
 * Snapshots a test user's ~/.config/docker (setup-rootless-docker writes daemon.json there, as it should for a real
 * user) and returns a function that puts it back, so a test run leaves the shared test users as it found them.
 */
export function preserveDockerConfig(user: string): () => void {
  const home = execFileSync('getent', ['passwd', user]).toString().split(':')[5]!;
  const dir = path.join(home, '.config', 'docker');
  const saved = new Map<string, Buffer>();
  if (existsSync(dir)) for (const n of readdirSync(dir)) saved.set(n, readFileSync(path.join(dir, n)));
  return () => {
    if (!existsSync(dir)) return;
    for (const n of readdirSync(dir)) if (!saved.has(n)) rmSync(path.join(dir, n), { force: true });
    const owner = statSync(dir);
    for (const [n, data] of saved) {
      const p = path.join(dir, n);
      if (existsSync(p) && readFileSync(p).equals(data)) continue;
      writeFileSync(p, data);
      chownSync(p, owner.uid, owner.gid);
    }
  };
}
