// Bundle tests with the real runc: bundles built by the unprivileged test user on its rootless daemon, tested by that
// user and by a second user (eda-oci test, committed CLI dist), plus timeouts, signals, bad bundles, runc faults,
// cancellation, and proof that the bundle is untouched.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError, CancelledError } from '@eda-oci/exec';
import { runBundleTests, testFromRun, type BundleTest, type TestResult } from '../src/index.js';
import { buildAsTestUser, CLI, cli, clusterEnv, isRoot, killProcessesMatching, runAs, tempDirFor } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const USER2 = env.EDA_OCI_TEST_USER2!;
const RUNC = env.EDA_OCI_RUNC!;
const userEnv = (user: string) => ({
  XDG_RUNTIME_DIR: user === USER ? env.EDA_OCI_TEST_XDG_RUNTIME_DIR! : `/run/user/${env.EDA_OCI_TEST_UID2}`,
  EDA_OCI_DOCKER: env.EDA_OCI_DOCKER!,
});

const PASSING = `
- name: tool runs as the image user in its workdir
  args: [/opt/tool/bin/tool, --version]
  expect-stdout: '^tool 1\\.0 user=1000 cwd=/work home=/opt/tool$'
- name: exit code 3 is expected
  run: echo three; echo to-stderr >&2; exit 3
  expect-exit: 3
  expect-stdout: ^three$
  expect-stderr: ^to-stderr$
- name: the rootfs is read-only
  run: touch /etc/eda-oci-release
  expect-exit: 1
  expect-stderr: Read-only file system
- name: image data readable
  run: cat /opt/tool/share/data.txt
  expect-stdout: shared data of tool 1\\.0
`;
const FAILING = `
- name: wrong stdout
  run: echo nope
  expect-stdout: ^yes$
- name: wrong exit
  run: exit 2
- name: segfault
  run: sh -c 'kill -SEGV $$'; exit $?
- name: not there
  args: [/no/such/program]
- name: passes after the failures
  run: id -u
  expect-stdout: ^1000$
`;

/** A snapshot of everything about a bundle that a test run could change: bytes, modes, owners, mtimes, ctimes. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const st = lstatSync(p);
    let extra = '';
    if (st.isFile()) extra = createHash('sha256').update(readFileSync(p)).digest('hex');
    else if (st.isSymbolicLink()) extra = readlinkSync(p);
    out.push(`${path.relative(dir, p)} ${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.size} ${st.mtimeMs} ${st.ctimeMs} ${extra}`);
    if (st.isDirectory()) for (const n of readdirSync(p).sort()) walk(path.join(p, n));
  };
  walk(dir);
  return out;
}

/** Writes a world-readable file in a fresh root-owned directory (readable by the test users). */
function file(name: string, text: string, mode = 0o644): string {
  const f = path.join(tempDirFor(undefined), name);
  writeFileSync(f, text);
  chmodSync(f, mode);
  return f;
}

interface CliJson {
  passed: number;
  failed: number;
  total: number;
  report: string;
  tests: TestResult[];
}

describe.runIf(isRoot)('eda-oci test with the real runc as the unprivileged test users (needs root to switch users)', () => {
  let bundles: string;
  let tool: string;
  let toolSnapshot: string[];
  beforeAll(() => {
    bundles = tempDirFor(USER);
    for (const [img, name] of [
      [env.EDA_OCI_IMG_TOOL!, 'tool'],
      [env.EDA_OCI_IMG_BUSYBOX1!, 'bb'],
    ] as const) {
      buildAsTestUser(img, name, bundles);
    }
    tool = path.join(bundles, 'tool');
    toolSnapshot = snapshot(tool);
  });

  const test = (user: string, args: string[]) => cli(['test', ...args], { user, env: userEnv(user) });

  it.each([USER, USER2])('as %s: a passing set passes, a failing set fails test by test; the bundle of edaoci is untouched', (user) => {
    const root = path.join(tempDirFor(user), 'state');
    const junit = path.join(tempDirFor(user), 'reports/junit.xml');
    const ok = test(user, ['--bundle', tool, '--tests', file('pass.yml', PASSING), '--root', root, '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    const good = JSON.parse(ok.stdout) as CliJson;
    expect(good).toMatchObject({ passed: 4, failed: 0, total: 4, report: '' });
    expect(ok.stderr).toMatch(/runc 1\.1\.5\+ds1 \(commit 1\.1\.5\+ds1-1\+deb12u1\) at \/usr\/\w+\/runc: accepted: Debian 12/);
    const uid = user === USER ? env.EDA_OCI_TEST_UID : env.EDA_OCI_TEST_UID2;
    expect(ok.stderr).toContain(`ids uid 0->${uid}, 1->`);
    expect(good.tests[1]).toMatchObject({ exitCode: 3, stdout: 'three\n', stderr: 'to-stderr\n', status: 'passed' });

    const bad = test(user, ['--bundle', tool, '--tests', file('fail.yml', FAILING), '--root', root, '--junit-file', junit]);
    expect(bad.status, bad.stderr).toBe(1);
    const lines = bad.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^TEST +STATUS +SECONDS +DETAIL$/);
    expect(lines[1]).toMatch(
      /^wrong stdout +failed +[\d.]+ +stdout does not match \/\^yes\$\/ \(expected exit 0, stdout =~ \/\^yes\$\/; got exit 0, stdout "nope\\n"\)$/,
    );
    expect(lines[2]).toMatch(/^wrong exit +failed .*exit 2, expected exit 0/);
    expect(lines[3]).toMatch(/^segfault +failed .*killed by SIGSEGV, expected exit 0/);
    expect(lines[4]).toMatch(
      /^not there +error .*runc could not run the test: .*exec: "\/no\/such\/program": stat \/no\/such\/program: no such file or directory$/,
    );
    expect(lines[5]).toMatch(/^passes after the failures +passed /);
    expect(lines.slice(6)).toEqual(['passed=1', 'failed=4', 'total=5', `report=${junit}`]);
    expect(bad.stderr).toMatch(/== test: segfault\n[^]*\[stderr\] Segmentation fault\nFAIL segfault: killed by SIGSEGV/);

    // The JUnit report is well-formed (strict parser) and counts failures and errors apart.
    const counts = execFileSync('/usr/bin/python3', [
      '-c',
      'import sys, xml.dom.minidom as m; s = m.parse(sys.argv[1]).getElementsByTagName("testsuite")[0]; print(s.getAttribute("tests"), s.getAttribute("failures"), s.getAttribute("errors"), len(s.getElementsByTagName("testcase")))',
      junit,
    ]);
    expect(counts.toString().trim()).toBe('5 3 1 5');
    expect(readdirSync(root)).toEqual([]);
    expect(snapshot(tool)).toEqual(toolSnapshot);
  });

  it('a hanging test is killed at its timeout, reported as timed out, leaves no runc state, and the next test runs', () => {
    const root = path.join(tempDirFor(USER), 'state');
    const spec = file(
      'hang.yml',
      '- name: hang\n  run: sleep 1000\n  timeout-seconds: 2\n- name: next\n  run: echo next\n  expect-stdout: next\n',
    );
    const t0 = Date.now();
    const r = test(USER, ['--bundle', tool, '--tests', spec, '--root', root, '--json']);
    const took = Date.now() - t0;
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout) as CliJson;
    expect(j.tests[0]).toMatchObject({
      name: 'hang',
      status: 'failed',
      timedOut: true,
      reason: 'timed out after 2 s',
      exitCode: null,
      signal: 'SIGKILL',
    });
    expect(j.tests[0]!.durationMs).toBeGreaterThanOrEqual(2000);
    expect(j.tests[0]!.durationMs).toBeLessThan(6000);
    expect(j.tests[1]).toMatchObject({ name: 'next', status: 'passed' });
    expect(took).toBeLessThan(15_000);
    expect(r.stderr).toMatch(/test 'hang' exceeded 2 s: killing container eda-oci-test-\S+-1/);
    expect(readdirSync(root)).toEqual([]);
    expect(runAs(USER, RUNC, ['--root', root, 'list', '-q']).stdout.trim()).toBe('');
    expect(hasProcess('sleep 1000')).toBe(false);
  });

  it('a container process killed from outside (SIGKILL, as the OOM killer does) is reported as the signal, not an exit code', async () => {
    const root = path.join(tempDirFor(USER), 'state');
    const spec = file('kill.yml', '- name: killed\n  args: [sleep, "7777"]\n- name: after\n  run: "true"\n');
    const args = ['test', '--bundle', tool, '--tests', spec, '--root', root, '--json'];
    const child = spawn('runuser', [
      '-u',
      USER,
      '--',
      'env',
      `XDG_RUNTIME_DIR=${userEnv(USER).XDG_RUNTIME_DIR}`,
      process.execPath,
      CLI,
      ...args,
    ]);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor(() => hasProcess('sleep 7777'));
    killProcessesMatching('sleep 7777');
    expect(await code).toBe(1);
    const j = JSON.parse(stdout) as CliJson;
    expect(j.tests[0]).toMatchObject({
      status: 'failed',
      exitCode: null,
      signal: 'SIGKILL',
      timedOut: false,
      reason: 'killed by SIGKILL, expected exit 0',
    });
    expect(j.tests[1]!.status).toBe('passed');
    expect(readdirSync(root)).toEqual([]);
  });

  it('SIGTERM to eda-oci test mid-test kills and deletes the container and exits 130', async () => {
    const root = path.join(tempDirFor(USER), 'state');
    const spec = file('term.yml', '- name: long\n  args: [sleep, "7778"]\n');
    const child = spawn('runuser', [
      '-u',
      USER,
      '--',
      'env',
      `XDG_RUNTIME_DIR=${userEnv(USER).XDG_RUNTIME_DIR}`,
      process.execPath,
      CLI,
      'test',
      '--bundle',
      tool,
      '--tests',
      spec,
      '--root',
      root,
    ]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor(() => hasProcess('sleep 7778'));
    const node = execFileSync('pgrep', ['-u', USER, '-f', `${CLI} test`], { encoding: 'utf8' })
      .trim()
      .split('\n')[0]!;
    process.kill(Number(node), 'SIGTERM');
    expect(await code).toBe(130);
    expect(stderr).toMatch(/cancelled during test 'long'; its container eda-oci-test-\S+-1 was killed and deleted/);
    expect(hasProcess('sleep 7778')).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    expect(readdirSync(path.dirname(root)).filter((n) => n.includes('eda-oci-test-bundles'))).toEqual([]);
  });

  it.each([
    [
      'a missing path',
      () => path.join(bundles, 'nope'),
      /error: bundle '.*nope' does not exist; point bundle at a directory with config.json and rootfs/,
    ],
    ['a directory that is not a bundle', () => tempDirFor(USER), /error: '.*' is not an OCI bundle: it has no config.json/],
    [
      'config.json that is not JSON',
      () => {
        const d = tempDirFor(undefined);
        mkdirSync(path.join(d, 'rootfs'));
        writeFileSync(path.join(d, 'config.json'), '{"ociVersion": "1.0.2", ');
        return d;
      },
      /error: .*config.json is not valid JSON: .*; rebuild the bundle/,
    ],
    [
      'a missing rootfs',
      () => {
        const d = tempDirFor(undefined);
        writeFileSync(path.join(d, 'config.json'), readFileSync(path.join(tool, 'config.json')));
        return d;
      },
      /error: the bundle's rootfs '.*\/rootfs' \(root.path in config.json\) does not exist/,
    ],
  ])('%s: one error line, exit 1, nothing run', (_n, bundle, re) => {
    const root = path.join(tempDirFor(USER), 'state');
    const r = test(USER, ['--bundle', bundle(), '--run', 'true', '--root', root]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(re)]);
    expect(r.stdout).toBe('');
    expect(existsSync(root)).toBe(false);
  });

  it('a rootfs the second user cannot read: one error line before anything runs', () => {
    const bb = path.join(bundles, 'bb');
    chmodSync(path.join(bb, 'rootfs'), 0o700);
    try {
      const r = test(USER2, ['--bundle', bb, '--run', 'true']);
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toMatch(
        /^eda-oci test: error: the bundle's rootfs '.*\/bb\/rootfs' cannot be read by this user \(EACCES\); make the bundle readable/,
      );
      expect(test(USER, ['--bundle', bb, '--run', 'true']).status).toBe(0);
    } finally {
      chmodSync(path.join(bb, 'rootfs'), 0o755);
    }
  });

  it('a missing runc: one line naming what was tried and the fix', () => {
    const byPath = test(USER, ['--bundle', tool, '--run', 'true', '--runc', '/opt/nowhere/runc']);
    expect(byPath.status).toBe(1);
    expect(byPath.stderr.trim()).toBe(
      "eda-oci test: error: runc not found: '/opt/nowhere/runc' does not exist or is not an executable file; install runc (Debian/Ubuntu: apt-get install runc) or set --runc to the runc binary's path",
    );
    const byName = cli(['test', '--bundle', tool, '--run', 'true'], {
      user: USER,
      env: { ...userEnv(USER), PATH: '/nonexistent:/also-not' },
    });
    expect(byName.status).toBe(1);
    expect(byName.stderr.trim()).toMatch(
      /^eda-oci test: error: runc not found: no executable 'runc' in PATH \(\/nonexistent:\/also-not\); install runc/,
    );
  });

  it('a vulnerable runc (1.1.11) is refused naming the CVE; --allow-vulnerable-runc runs with a warning', () => {
    const fake = file(
      'runc',
      `#!/bin/sh\n# runc that claims to be 1.1.11 and otherwise is the real one\nif [ "$1" = --version ]; then printf 'runc version 1.1.11\\ncommit: v1.1.11-0-g4bccb38c\\nspec: 1.0.2-dev\\n'; exit 0; fi\nexec ${RUNC} "$@"\n`,
      0o755,
    );
    const refused = test(USER, ['--bundle', tool, '--run', 'true', '--runc', fake]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^eda-oci test: error: runc 1\.1\.11 \(commit v1\.1\.11-0-g4bccb38c\) at .*\/runc is refused: CVE-2024-21626 .* is fixed in runc 1\.1\.12.*; upgrade runc to 1\.1\.12 or later .*or set --allow-vulnerable-runc to run anyway$/,
      ),
    ]);
    const allowed = test(USER, ['--bundle', tool, '--run', 'true', '--runc', fake, '--allow-vulnerable-runc']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stderr).toMatch(
      /warning: runc 1\.1\.11 .* is vulnerable: CVE-2024-21626 .*running anyway because --allow-vulnerable-runc is set/,
    );
    expect(allowed.stdout).toMatch(/^true +passed/m);
  });

  it('a malformed tests file names the line; --tests and --run together are a usage error', () => {
    const r = test(USER, ['--bundle', tool, '--tests', file('bad.yml', '- name: a\n  run: "x\n- name: b\n')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^eda-oci test: error: .*bad\.yml is not valid YAML at line \d+: .*; fix the YAML syntax$/);
    const both = test(USER, ['--bundle', tool, '--tests', 'x.yml', '--run', 'true']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/give either --tests or --run, not both/);
  });
});

function hasProcess(needle: string): boolean {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .some((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() === needle;
      } catch {
        return false;
      }
    });
}

async function waitFor(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('runBundleTests as root (the library call)', () => {
  let bundle: string;
  beforeAll(() => {
    const out = tempDirFor(undefined);
    const r = cli([
      'build',
      '--image',
      env.EDA_OCI_IMG_TOOL!,
      '--name',
      'tool',
      '--output-dir',
      out,
      '--docker-host',
      env.EDA_OCI_ROOTFUL_DOCKER_HOST!,
    ]);
    expect(r.status, r.stderr).toBe(0);
    bundle = path.join(out, 'tool');
  });
  const t = (name: string, over: Partial<BundleTest>): BundleTest => ({ ...testFromRun(name, { timeoutSeconds: 30 }), name, ...over });

  it('runs as root with identity ids: the image user is uid 1000, files of a root-built bundle are owned by root', async () => {
    const root = path.join(tempDirFor(undefined), 'state');
    const r = await runBundleTests({
      bundle,
      root,
      runc: RUNC,
      tests: [t('who', { args: ['/bin/sh', '-c', 'id -u; stat -c %u /opt/tool/bin/tool'], expectStdout: /^1000\n0$/m })],
    });
    expect(r.results[0], JSON.stringify(r.results[0])).toMatchObject({ status: 'passed' });
    expect(r.root).toBe(root);
    expect(readdirSync(root)).toEqual([]);
  });

  it('without root, a private state directory is used and removed', async () => {
    const before = readdirSync('/tmp').filter((n) => n.startsWith('eda-oci-runc-') || n.startsWith('.eda-oci-test-bundles-'));
    const r = await runBundleTests({ bundle, runc: RUNC, tests: [testFromRun('true', { timeoutSeconds: 30 })] });
    expect(r.passed).toBe(1);
    expect(existsSync(r.root)).toBe(false);
    const after = readdirSync('/tmp').filter((n) => n.startsWith('eda-oci-runc-') || n.startsWith('.eda-oci-test-bundles-'));
    expect(after.filter((n) => !before.includes(n))).toEqual([]);
  });

  it('cancellation (AbortSignal) kills and deletes the running container, removes the temporary bundles, throws CancelledError', async () => {
    const root = path.join(tempDirFor(undefined), 'state');
    const controller = new AbortController();
    let tmp = '';
    const p = runBundleTests({
      bundle,
      root,
      runc: RUNC,
      signal: controller.signal,
      tests: [t('long', { args: ['sleep', '7779'] }), t('never', { args: ['true'] })],
      onTempDir: (d) => (tmp = d),
    }).catch((e: unknown) => e);
    await waitFor(() => hasProcess('sleep 7779'));
    controller.abort();
    const err = await p;
    expect(err).toBeInstanceOf(CancelledError);
    expect((err as Error).message).toMatch(/cancelled during test 'long'/);
    expect(hasProcess('sleep 7779')).toBe(false);
    expect(readdirSync(root)).toEqual([]);
    expect(existsSync(tmp)).toBe(false);
  });

  it('checks the bundle before runc: a bad bundle with a missing runc reports the bundle', async () => {
    await expect(
      runBundleTests({ bundle: '/nonexistent/b', runc: '/nonexistent/runc', tests: [testFromRun('true', { timeoutSeconds: 1 })] }),
    ).rejects.toThrow(BundleError);
  });
});
