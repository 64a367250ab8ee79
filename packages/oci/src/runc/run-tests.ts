// Runs a bundle's tests with runc: each test in its own container from a private temporary bundle whose config.json
// points at the original rootfs read-only, so the bundle itself is never modified.
import { access, lstat, mkdir, mkdtemp, readFile, readdir, realpath, rmdir, stat, writeFile } from 'node:fs/promises';
import { constants as fsc } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BundleError,
  CancelledError,
  CommandFailedError,
  ConfigurationError,
  formatCommand,
  runCommand,
  silentLogger,
  type CommandResult,
  type Logger,
  type RunCommand,
} from '@eda-oci/exec';
import { removeTree, tempSuffix } from '../fs-util.js';
import { idMappings, type IdMapping, type RuntimeSpec } from '../runtime-spec.js';
import { readSubIdRange } from '../subid.js';
import type { BundleTest } from './tests.js';
import { checkRunc, type RuncInfo } from './version.js';

/** passed: every expectation held; failed: an expectation did not hold (or it timed out); error: runc could not run it. */
export type TestStatus = 'passed' | 'failed' | 'error';

/** The outcome of one test. */
export interface TestResult {
  name: string;
  status: TestStatus;
  /** Exit code of the test's process; null when it was killed by a signal, timed out, or never ran. */
  exitCode: number | null;
  /** Signal that killed the test's process (SIGKILL, SIGSEGV, ...), else null. */
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** What the test expected, e.g. `exit 0, stdout =~ /^ok$/`. */
  expected: string;
  /** What happened, e.g. `exit 1, stdout "..."`, `killed by SIGSEGV`, `timed out after 2 s`. */
  actual: string;
  /** Why it did not pass ('' when it passed). */
  reason: string;
  containerId: string;
}

/** Prefix of every container id eda-oci test runs create; {@link cleanupRoot} removes only these. */
export const TEST_CONTAINER_PREFIX = 'eda-oci-test-';

/** Inputs of {@link runBundleTests}; the same for test-bundle-runc and `eda-oci test`. */
export interface RunBundleTestsOptions {
  bundle: string;
  tests: readonly BundleTest[];
  /** runc program: a path or a name looked up in PATH (default `runc`). */
  runc?: string;
  /** runc state directory (`runc --root`); created 0700 when missing. Default: a private temporary one, removed after. */
  root?: string;
  allowVulnerableRunc?: boolean;
  /** How users set these, for error hints (`allow-vulnerable-runc: true` / `--allow-vulnerable-runc`, `the runc input`). */
  hints?: { allowVulnerable?: string; runc?: string };
  signal?: AbortSignal;
  /** Container ids are `<idPrefix>-<n>`; must start with {@link TEST_CONTAINER_PREFIX}. Default: unique per run. */
  idPrefix?: string;
  /** Bytes kept of each test's stdout and stderr (default 1 MiB); all of it is still streamed to the log. */
  maxOutputBytes?: number;
  /** Called with the private directory of the temporary bundles right after it is created. */
  onTempDir?: (dir: string) => void;
}

/** The caller's ids, which the per-test user namespace maps container root onto. */
export interface CallerIds {
  uid: number;
  gid: number;
  name?: string;
}

/** Dependencies of {@link runBundleTests}, defaulted for normal use and replaced in tests. */
export interface RunBundleTestsDeps {
  logger?: Logger;
  run?: RunCommand;
  user?: CallerIds;
  subuidFile?: string;
  subgidFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** What {@link runBundleTests} returns. */
export interface RunBundleTestsResult {
  bundle: string;
  rootfs: string;
  runc: RuncInfo;
  /** The runc state directory used. */
  root: string;
  results: TestResult[];
  passed: number;
  /** Tests that did not pass (failed + error). */
  failed: number;
  total: number;
  startedAt: Date;
  durationMs: number;
}

/** A bundle read and checked by {@link readBundle}. */
export interface BundleInfo {
  /** Real path of the bundle directory (symlinks resolved, so a swapped symlink cannot change what is tested). */
  bundle: string;
  config: RuntimeSpec;
  /** Absolute real path of the rootfs. */
  rootfs: string;
}

const BUNDLE_HINT = 'point bundle at a directory with config.json and rootfs/ (the bundle-path output of build-oci-bundle)';

/** Checks that `bundle` is an OCI bundle (directory, valid config.json, existing rootfs) before anything runs. */
export async function readBundle(bundle: string): Promise<BundleInfo> {
  const abs = path.resolve(bundle);
  let st;
  try {
    st = await stat(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BundleError(`bundle '${abs}' ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, BUNDLE_HINT);
  }
  if (!st.isDirectory()) throw new BundleError(`bundle '${abs}' is not a directory`, BUNDLE_HINT);
  const real = await realpath(abs);
  const configFile = path.join(real, 'config.json');
  let text: string;
  try {
    text = await readFile(configFile, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BundleError(
      `'${abs}' is not an OCI bundle: ${code === 'ENOENT' ? 'it has no config.json' : `config.json cannot be read (${code})`}`,
      BUNDLE_HINT,
    );
  }
  let config: RuntimeSpec;
  try {
    config = JSON.parse(text) as RuntimeSpec;
  } catch (err) {
    throw new BundleError(`${configFile} is not valid JSON: ${(err as Error).message}`, 'rebuild the bundle (build-oci-bundle)');
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new BundleError(`${configFile} is not an OCI runtime config (not a JSON object)`, 'rebuild the bundle (build-oci-bundle)');
  }
  for (const [ok, what] of [
    [typeof config.process === 'object' && config.process !== null, 'process'],
    [typeof config.root?.path === 'string' && config.root.path !== '', 'root.path'],
  ] as const) {
    if (!ok) throw new BundleError(`${configFile} has no ${what}`, 'rebuild the bundle (build-oci-bundle)');
  }
  const rootfs = path.resolve(real, config.root.path);
  let rst;
  try {
    rst = await stat(rootfs);
  } catch {
    throw new BundleError(
      `the bundle's rootfs '${rootfs}' (root.path in config.json) does not exist`,
      'rebuild the bundle, or fix root.path in config.json',
    );
  }
  if (!rst.isDirectory()) throw new BundleError(`the bundle's rootfs '${rootfs}' is not a directory`, 'rebuild the bundle');
  try {
    await access(rootfs, fsc.R_OK | fsc.X_OK);
  } catch (err) {
    // runc would fail each test with a less clear "permission denied" from inside its init.
    throw new BundleError(
      `the bundle's rootfs '${rootfs}' cannot be read by this user (${(err as NodeJS.ErrnoException).code})`,
      'make the bundle readable to the user running the tests (e.g. chmod -R a+rX on it), or run the tests as its owner',
    );
  }
  return { bundle: real, config, rootfs: await realpath(rootfs) };
}

/** uid/gid mappings of the per-test user namespace for the caller, and how they were chosen (for the log). */
export interface TestMappings {
  uidMappings: IdMapping[];
  gidMappings: IdMapping[];
  description: string;
}

/**
 * The user namespace a test runs in, for the user actually running it (not the one who built the bundle): container
 * root is the caller; with a /etc/subuid + /etc/subgid range, container ids 1..65536 map onto it (runc uses
 * newuidmap/newgidmap), which is what lets an image's non-root USER exist. As root (no range needed), container ids
 * 0..65535 are host ids 0..65535: inside a user namespace, ownership in a root-built bundle reads as it is on the
 * host, as with rootful docker without userns-remap.
 */
export async function testMappings(ids: CallerIds, subuidFile = '/etc/subuid', subgidFile = '/etc/subgid'): Promise<TestMappings> {
  if (ids.uid === 0) {
    return { uidMappings: idMappings(0, undefined), gidMappings: idMappings(ids.gid, undefined), description: 'root: identity 0..65535' };
  }
  // newuidmap/newgidmap check both files for the calling user's name or uid (not its group's).
  const [su, sg] = await Promise.all([readSubIdRange(subuidFile, ids.name, ids.uid), readSubIdRange(subgidFile, ids.name, ids.uid)]);
  const uidMappings = idMappings(ids.uid, su);
  const gidMappings = idMappings(ids.gid, sg);
  const desc = (m: IdMapping[]): string => m.map((x) => `${x.containerID}->${x.hostID}${x.size > 1 ? `+${x.size}` : ''}`).join(', ');
  return { uidMappings, gidMappings, description: `uid ${desc(uidMappings)}; gid ${desc(gidMappings)}` };
}

const mapped = (maps: readonly IdMapping[], id: number): boolean => maps.some((m) => id >= m.containerID && id < m.containerID + m.size);

/** Fails when the bundle's process user (or groups) would not exist in the caller's user namespace. */
export function checkUserMapped(config: RuntimeSpec, maps: TestMappings, ids: CallerIds): void {
  const u = config.process.user ?? { uid: 0, gid: 0 };
  const who = `user ${ids.name ?? ids.uid} (uid ${ids.uid})`;
  const need: [string, number, IdMapping[], string][] = [
    ['uid', u.uid ?? 0, maps.uidMappings, '/etc/subuid'],
    ['gid', u.gid ?? 0, maps.gidMappings, '/etc/subgid'],
    ...(u.additionalGids ?? []).map((g): [string, number, IdMapping[], string] => ['additional gid', g, maps.gidMappings, '/etc/subgid']),
  ];
  for (const [kind, id, m, file] of need) {
    if (mapped(m, id)) continue;
    const has =
      m.length > 1
        ? `only container ${kind}s 0..${m[1]!.containerID + m[1]!.size - 1} can be mapped`
        : `${file} has no range for it, so only container ${kind} 0 can be mapped`;
    throw new ConfigurationError(
      `the bundle's process runs as ${kind} ${id} (process.user in config.json), but ${who} cannot map it: ${has}`,
      `add a range of 65536 ids for ${ids.name ?? ids.uid} to /etc/subuid and /etc/subgid (e.g. usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${ids.name ?? 'USER'}), or run the tests as a user that has one`,
    );
  }
}

/**
 * The config.json of one test: the bundle's own config with root.path = the original rootfs (absolute, read-only),
 * terminal false (no "open /dev/tty" on runners), the test's args, the caller's id mappings in a fresh user namespace,
 * and relative bind-mount sources made absolute (they were relative to the original bundle directory).
 */
export function testConfig(
  base: RuntimeSpec,
  info: { bundle: string; rootfs: string },
  args: readonly string[],
  maps: TestMappings,
): RuntimeSpec {
  const spec = structuredClone(base);
  spec.root = { ...spec.root, path: info.rootfs, readonly: true };
  spec.process = { ...spec.process, terminal: false, args: [...args] };
  // A console size only makes sense with a terminal; runc rejects consoleSize without one in some versions.
  delete spec.process.consoleSize;
  spec.linux = { ...(spec.linux ?? { namespaces: [] }) };
  spec.linux.namespaces = [...(spec.linux.namespaces ?? []).filter((n) => n.type !== 'user'), { type: 'user' }];
  spec.linux.uidMappings = maps.uidMappings.map((m) => ({ ...m }));
  spec.linux.gidMappings = maps.gidMappings.map((m) => ({ ...m }));
  spec.mounts = (spec.mounts ?? []).map((m) => {
    const bind = m.type === 'bind' || (m.options ?? []).some((o) => o === 'bind' || o === 'rbind');
    return bind && m.source && !path.isAbsolute(m.source) ? { ...m, source: path.resolve(info.bundle, m.source) } : m;
  });
  return spec;
}

const ALL_EXIT_CODES = Array.from({ length: 256 }, (_, i) => i);
// Reversed with the first name winning: os.constants.signals lists aliases (SIGIOT, SIGPOLL) after the usual names.
const SIGNAL_NAMES = new Map(
  Object.entries(os.constants.signals)
    .reverse()
    .map(([name, n]) => [n, name]),
);
const LOG_LINES_PER_STREAM = 2000;

/** `runc run` returns 128+N when the container process was killed by signal N (there is no other channel). */
export function signalFromStatus(status: number): string | null {
  if (status <= 128 || status > 128 + 64) return null;
  return SIGNAL_NAMES.get(status - 128) ?? `signal ${status - 128}`;
}

/** Lines of a runc `--log-format json` log at level error (runc's own failures, never the test's output). */
export function runcLogErrors(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as { level?: string; msg?: string };
      if ((e.level === 'error' || e.level === 'fatal') && e.msg) out.push(e.msg);
    } catch {
      // Not JSON: an older runc or a partial line; ignore.
    }
  }
  return out;
}

/** How a test ended, before expectations are applied. */
interface Ending {
  result?: CommandResult;
  timedOut: boolean;
  /** runc run itself died (killed, or could not start). */
  runcFailure?: string;
  durationMs: number;
}

/** Shortened, quoted output for messages. */
function excerpt(s: string): string {
  const t = s.length > 200 ? `...${s.slice(-200)}` : s;
  return JSON.stringify(t);
}

/** Applies a test's expectations to how it ended. */
export function judge(
  test: BundleTest,
  e: Ending,
  stdout: string,
  stderr: string,
  runcErrors: string[],
): Omit<TestResult, 'containerId' | 'name'> {
  const expected = [
    `exit ${test.expectExit}`,
    test.expectStdout ? `stdout =~ /${test.expectStdout.source}/` : '',
    test.expectStderr ? `stderr =~ /${test.expectStderr.source}/` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const base = { expected, stdout, stderr, durationMs: e.durationMs, timedOut: e.timedOut };
  if (e.timedOut) {
    const s = `timed out after ${test.timeoutSeconds} s`;
    return { ...base, status: 'failed', exitCode: null, signal: 'SIGKILL', actual: `${s} (killed)`, reason: s };
  }
  // runc itself failed: the result says so, not the test's expectations.
  const runcError = (why: string): Omit<TestResult, 'containerId' | 'name'> => ({
    ...base,
    status: 'error',
    exitCode: null,
    signal: null,
    actual: `runc error: ${why}`,
    reason: `runc could not run the test: ${why}`,
  });
  if (e.runcFailure || !e.result) return runcError(e.runcFailure ?? 'runc did not run');
  const code = e.result.exitCode;
  if (code !== 0 && runcErrors.length > 0) return runcError(runcErrors.at(-1)!);
  const signal = signalFromStatus(code);
  const ended = signal ? `killed by ${signal}` : `exit ${code}`;
  const problems: string[] = [];
  const actual = [ended];
  if (code !== test.expectExit) problems.push(`${ended}, expected exit ${test.expectExit}`);
  if (test.expectStdout && !test.expectStdout.test(stdout)) {
    problems.push(`stdout does not match /${test.expectStdout.source}/`);
    actual.push(`stdout ${excerpt(stdout)}`);
  }
  if (test.expectStderr && !test.expectStderr.test(stderr)) {
    problems.push(`stderr does not match /${test.expectStderr.source}/`);
    actual.push(`stderr ${excerpt(stderr)}`);
  }
  return {
    ...base,
    status: problems.length ? 'failed' : 'passed',
    exitCode: signal ? null : code,
    signal,
    actual: actual.join(', '),
    reason: problems.join('; '),
  };
}

/** One line saying why a test did not pass: the reason, plus expected vs actual where they add something. */
export function describeFailure(r: TestResult): string {
  if (r.status === 'passed') return '';
  if (r.status === 'error' || r.timedOut) return r.reason;
  return `${r.reason} (expected ${r.expected}; got ${r.actual})`;
}

/** Options of {@link cleanupRoot}. */
export interface CleanupOptions {
  runc?: string;
  /** Only containers whose id starts with this are removed (default {@link TEST_CONTAINER_PREFIX}). */
  prefix?: string;
  logger?: Logger;
  run?: RunCommand;
  signal?: AbortSignal;
}

/**
 * Force-deletes (SIGKILL, then state removal) every test container left in the runc state directory `root` (a cancelled or
 * killed run), i.e. the ids `runc list` shows plus any state directory, filtered by `prefix`. Idempotent: a missing
 * root or an empty one is fine. Returns the ids removed.
 */
export async function cleanupRoot(root: string, options: CleanupOptions = {}): Promise<string[]> {
  const run = options.run ?? runCommand;
  const log = options.logger ?? silentLogger;
  const runc = options.runc ?? 'runc';
  const prefix = options.prefix ?? TEST_CONTAINER_PREFIX;
  let entries: string[];
  try {
    entries = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  // Every container runc knows has a state directory named after its id: none means nothing to do (no runc call).
  if (!entries.some((e) => e.startsWith(prefix))) return [];
  const listed = await run(runc, ['--root', root, 'list', '-q'], { timeoutMs: 30_000, logger: log, quiet: true, signal: options.signal });
  const ids = [...new Set([...listed.stdout.split('\n').map((l) => l.trim()), ...entries])].filter((id) => id && id.startsWith(prefix));
  for (const id of ids) await removeContainer(run, runc, root, id, log, options.signal);
  return ids;
}

/** `runc delete --force ID`: kills (SIGKILL) the container if it still runs and removes its state; a gone one is fine. */
async function removeContainer(run: RunCommand, runc: string, root: string, id: string, log: Logger, signal?: AbortSignal): Promise<void> {
  const del = await run(runc, ['--root', root, 'delete', '--force', id], {
    timeoutMs: 30_000,
    logger: log,
    quiet: true,
    okExitCodes: [0, 1],
    signal,
  });
  if (del.exitCode !== 0 && !/does not exist/.test(del.stderr)) {
    log.warning(`could not delete container ${id} in ${root}: ${del.stderr.trim()}`);
  } else log.info(`removed container ${id} from ${root}`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms).unref());

/**
 * Runs `tests` against `bundle` with runc, one container per test, and reports each result. Checks first (before
 * any side effect): the bundle, runc's presence and version policy, the caller's id mappings. Never modifies the
 * bundle. A test that exceeds its timeout is killed and deleted, and the next test runs. Cancellation (`signal`) kills
 * and deletes the running container, removes the temporary bundles and throws CancelledError.
 */
export async function runBundleTests(options: RunBundleTestsOptions, deps: RunBundleTestsDeps = {}): Promise<RunBundleTestsResult> {
  const log = deps.logger ?? silentLogger;
  const run = deps.run ?? runCommand;
  const signal = options.signal;
  const startedAt = new Date();
  const t0 = Date.now();
  if (options.tests.length === 0)
    throw new ConfigurationError('there are no tests to run', 'give tests (a YAML list) or run (one command)');
  const idPrefix = options.idPrefix ?? `${TEST_CONTAINER_PREFIX}${tempSuffix()}`;
  if (!idPrefix.startsWith(TEST_CONTAINER_PREFIX) || !/^[\w.+-]+$/.test(idPrefix)) {
    throw new ConfigurationError(
      `container id prefix '${idPrefix}' must start with ${TEST_CONTAINER_PREFIX} and use letters, digits, . _ + -`,
    );
  }
  const given = options.root === undefined ? undefined : path.resolve(options.root);

  const info = await readBundle(options.bundle);
  const ids: CallerIds = deps.user ?? { uid: process.getuid!(), gid: process.getgid!(), name: safeUserName() };
  const maps = await testMappings(ids, deps.subuidFile, deps.subgidFile);
  checkUserMapped(info.config, maps, ids);
  const runc = await checkRunc(options.runc ?? 'runc', {
    allowVulnerable: options.allowVulnerableRunc,
    allowHint: options.hints?.allowVulnerable,
    runcHint: options.hints?.runc,
    env: deps.env,
    signal,
    logger: log,
    run,
  });
  log.info(`bundle ${info.bundle}: rootfs ${info.rootfs} (read-only); ${options.tests.length} test(s); ids ${maps.description}`);

  if (given) await ensureRoot(given);
  const root = given ?? (await mkdtemp(path.join(os.tmpdir(), 'eda-oci-runc-')));
  log.debug(`runc state directory ${root}`);
  const tmp = await makeTempDir(root).catch(async (err: unknown) => {
    if (!given) await rmdir(root).catch(() => undefined);
    throw err;
  });
  options.onTempDir?.(tmp);
  const results: TestResult[] = [];
  try {
    for (const [i, test] of options.tests.entries()) {
      if (signal?.aborted) throw new CancelledError(`bundle tests cancelled before test '${test.name}'`);
      const id = `${idPrefix}-${i + 1}`;
      const result = await log.group(`test: ${test.name}`, async () => {
        const r = await runOne(test, id, i, { info, maps, tmp, root, runc: runc.path, run, log, signal, max: options.maxOutputBytes });
        log.info(
          r.status === 'passed'
            ? `PASS ${test.name} (${(r.durationMs / 1000).toFixed(2)} s)`
            : `${r.status === 'error' ? 'ERROR' : 'FAIL'} ${test.name}: ${describeFailure(r)}`,
        );
        return r;
      });
      results.push(result);
    }
    // runc run removes a container whose process ended; anything still here was left by a kill that raced.
    const left = (await readdir(root).catch(() => [] as string[])).filter((n) => n.startsWith(`${idPrefix}-`));
    if (left.length) await cleanupRoot(root, { runc: runc.path, prefix: `${idPrefix}-`, logger: log, run });
  } finally {
    await removeTree(tmp).catch((err: unknown) => log.warning(`could not remove temporary bundles ${tmp}: ${(err as Error).message}`));
    if (!given) {
      // A cancelled run already removed its container; this catches one whose removal raced with the signal.
      await cleanupRoot(root, { runc: runc.path, prefix: `${idPrefix}-`, logger: log, run }).catch(() => undefined);
      await rmdir(root).catch(() => undefined);
    }
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  return {
    bundle: info.bundle,
    rootfs: info.rootfs,
    runc,
    root,
    results,
    passed,
    failed: results.length - passed,
    total: results.length,
    startedAt,
    durationMs: Date.now() - t0,
  };
}

function safeUserName(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

/** Creates the runc root (0700) when missing and checks that this user can write it. */
async function ensureRoot(root: string): Promise<void> {
  try {
    await mkdir(root, { recursive: true, mode: 0o700 });
    if (!(await lstat(root)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await access(root, fsc.W_OK | fsc.X_OK);
  } catch (err) {
    throw new ConfigurationError(
      `runc root '${root}' cannot be used: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'set root to a directory this user can create or write (runc keeps container state there)',
    );
  }
}

/** A private (0700) directory for the per-test bundles: next to the runc root when possible, else in the OS temp dir. */
async function makeTempDir(root: string): Promise<string> {
  try {
    return await mkdtemp(path.join(path.dirname(root), '.eda-oci-test-bundles-'));
  } catch {
    return mkdtemp(path.join(os.tmpdir(), 'eda-oci-test-bundles-'));
  }
}

interface RunContext {
  info: BundleInfo;
  maps: TestMappings;
  tmp: string;
  root: string;
  runc: string;
  run: RunCommand;
  log: Logger;
  signal?: AbortSignal;
  max?: number;
}

/** Runs one test's container and judges it; on timeout or cancellation kills and deletes the container. */
async function runOne(test: BundleTest, id: string, index: number, c: RunContext): Promise<TestResult> {
  const dir = path.join(c.tmp, String(index + 1));
  await mkdir(dir);
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(testConfig(c.info.config, c.info, test.args, c.maps)));
  const logFile = path.join(dir, 'runc.log');
  const args = ['--root', c.root, '--log', logFile, '--log-format', 'json', 'run', '--bundle', dir, id];
  c.log.debug(`test args: ${formatCommand(test.args[0]!, test.args.slice(1))}`);

  // `runc run` forwards SIGTERM/SIGINT to the container's init, which (as PID 1) ignores signals it has no handler for,
  // so the container is stopped with `runc kill ID KILL`; only if runc run still does not end is it killed itself.
  const hardStop = new AbortController();
  let timedOut = false;
  let cancelled = false;
  let exited = false;
  const shown = { out: 0, err: 0 };
  const line = (kind: 'out' | 'err', l: string): void => {
    if (++shown[kind] <= LOG_LINES_PER_STREAM) c.log.info(kind === 'err' ? `[stderr] ${l}` : l);
    else if (shown[kind] === LOG_LINES_PER_STREAM + 1) c.log.info(`[further ${kind === 'err' ? 'stderr' : 'stdout'} not shown in the log]`);
  };
  const started = Date.now();
  const running = c.run(c.runc, args, {
    okExitCodes: ALL_EXIT_CODES,
    maxOutputBytes: c.max ?? 1024 * 1024,
    signal: hardStop.signal,
    logger: c.log,
    onStdoutLine: (l) => line('out', l),
    onStderrLine: (l) => line('err', l),
  });
  const ended = running.then(
    () => undefined,
    () => undefined,
  );
  void ended.then(() => (exited = true));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (let attempt = 0; attempt < 5 && !exited; attempt++) {
        await c
          .run(c.runc, ['--root', c.root, 'kill', id, 'KILL'], { timeoutMs: 10_000, logger: c.log, quiet: true, okExitCodes: [0, 1] })
          .catch(() => undefined);
        await Promise.race([ended, sleep(1000)]);
      }
      if (!exited) hardStop.abort();
    })());
  const timer = setTimeout(() => {
    timedOut = true;
    c.log.info(`test '${test.name}' exceeded ${test.timeoutSeconds} s: killing container ${id}`);
    void stop();
  }, test.timeoutSeconds * 1000);
  const onAbort = (): void => {
    cancelled = true;
    void stop();
  };
  c.signal?.addEventListener('abort', onAbort, { once: true });
  if (c.signal?.aborted) onAbort();

  const ending: Ending = { timedOut: false, durationMs: 0 };
  try {
    ending.result = await running;
  } catch (err) {
    if (err instanceof CancelledError) ending.runcFailure = 'runc run did not end after runc kill and was killed';
    else if (err instanceof CommandFailedError) ending.runcFailure = err.message;
    else throw err;
  } finally {
    clearTimeout(timer);
    c.signal?.removeEventListener('abort', onAbort);
  }
  if (stopping) await stopping;
  ending.durationMs = Date.now() - started;
  ending.timedOut = timedOut && !cancelled;
  if (timedOut || cancelled || ending.runcFailure) {
    await removeContainer(c.run, c.runc, c.root, id, c.log);
  }
  if (cancelled) throw new CancelledError(`bundle tests cancelled during test '${test.name}'; its container ${id} was killed and deleted`);

  const runcErrors = ending.result && ending.result.exitCode !== 0 ? runcLogErrors(await readFile(logFile, 'utf8').catch(() => '')) : [];
  let stderr = ending.result?.stderr ?? '';
  // runc also prints its final error on stderr (after logging it): keep that out of the test's own stderr.
  for (const msg of runcErrors) stderr = stderr.replace(`${msg}\n`, '');
  const verdict = judge(test, ending, ending.result?.stdout ?? '', stderr, runcErrors);
  return { name: test.name, containerId: id, ...verdict };
}
