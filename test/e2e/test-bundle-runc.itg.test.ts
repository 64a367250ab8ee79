// E2E: the committed dist of test-bundle-runc run the way the GitHub runner runs it (Node 24 when available), as the
// unprivileged test users against a bundle the first one built on its rootless daemon: outputs, annotations, summary,
// JUnit report, and cancellation (SIGTERM to the step, and a killed step whose post step cleans up).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAsTestUser, clusterEnv, isRoot, killProcessesMatching, tempDirFor } from '../helpers/cluster.js';
import { runAction, runPostOnly } from './runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const USER2 = env.EDA_OCI_TEST_USER2!;
const MAIN = 'actions/test-bundle-runc/dist/main/index.js';
const userEnv = (user: string) => ({
  XDG_RUNTIME_DIR: user === USER ? env.EDA_OCI_TEST_XDG_RUNTIME_DIR! : `/run/user/${env.EDA_OCI_TEST_UID2}`,
  EDA_OCI_DOCKER: env.EDA_OCI_DOCKER!,
});

const TESTS = `
- name: tool version
  args: [/opt/tool/bin/tool, --version]
  expect-stdout: ^tool 1\\.0 user=1000
- name: exit 3
  run: exit 3
  expect-exit: 3
- name: wrong stdout
  run: echo nope
  expect-stdout: ^yes$
- name: hangs
  run: sleep 1000
  timeout-seconds: 2
- name: last one runs
  run: echo done
  expect-stdout: done
`;

function processRunning(needle: string): boolean {
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

/** Pids of processes whose command line contains `needle` (the step's node process, not runuser). */
function nodePids(needle: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
        return argv[0]!.endsWith('node') && argv.some((a) => a.includes(needle));
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.runIf(isRoot)('test-bundle-runc dist as the unprivileged test users (needs root to switch users with runuser)', () => {
  let bundle: string;
  beforeAll(() => {
    const out = tempDirFor(USER);
    bundle = buildAsTestUser(env.EDA_OCI_IMG_TOOL!, 'tool', out).path;
  });

  it('a mixed set: outputs, one annotation per failed test with expected vs actual, a summary table, JUnit report, failed step', async () => {
    const { main, post, runnerTemp } = await runAction('test-bundle-runc', {
      user: USER,
      with: { bundle, tests: TESTS, 'junit-file': 'reports/bundle-tests.xml' },
      env: userEnv(USER),
    });
    expect(main.exitCode).toBe(1);
    expect(main.outputs).toEqual({ passed: '3', failed: '2', total: '5', report: expect.stringMatching(/\/reports\/bundle-tests\.xml$/) });
    expect(main.errors).toEqual([
      'test \'wrong stdout\' failed: stdout does not match /^yes$/ (expected exit 0, stdout =~ /^yes$/; got exit 0, stdout "nope\\n")',
      "test 'hangs' failed: timed out after 2 s",
      'test-bundle-runc failed: 2 of 5 tests did not pass: wrong stdout, hangs',
    ]);
    expect(main.stdout).toMatch(/::error title=test-bundle-runc%3A wrong stdout::/);
    expect(main.stdout).toMatch(
      /::group::test: tool version\n(::debug::.*\n)*\[command\] .*runc .*run --bundle .*\ntool 1\.0 user=1000 cwd=\/work home=\/opt\/tool\nPASS tool version/,
    );
    expect(main.summary).toContain('test-bundle-runc: 3 of 5 passed');
    expect(main.summary).toMatch(/<tr><td>exit 3<\/td><td>passed<\/td><td>[\d.]+ s<\/td><td>-<\/td><\/tr>/);
    expect(main.summary).toMatch(/<tr><td>hangs<\/td><td>timed out<\/td><td>2\.\d\d s<\/td><td>timed out after 2 s<\/td><\/tr>/);
    expect(main.summary).toMatch(/runc 1\.1\.5\+ds1 \(Debian 12 \(bookworm\) build with the CVE-2024-21626 fix backported/);
    const report = readFileSync(main.outputs.report!, 'utf8');
    expect(report).toMatch(/<testsuite name="tool" tests="5" failures="2" errors="0"/);
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).not.toMatch(/::warning|removed/);
    // The private runc root under RUNNER_TEMP is gone after the post step.
    expect(readdirSync(runnerTemp).filter((n) => n.startsWith('eda-oci-runc-') || n.includes('eda-oci-test-bundles'))).toEqual([]);
  });

  it('as the second user, the run shorthand against the first user bundle passes', async () => {
    const { main, post } = await runAction('test-bundle-runc', {
      user: USER2,
      with: { bundle, run: 'test "$(id -u)" = 1000 && cat /opt/tool/share/data.txt' },
      env: userEnv(USER2),
    });
    expect(main.stdout).not.toMatch(/::error/);
    expect(main.exitCode).toBe(0);
    expect(main.outputs).toEqual({ passed: '1', failed: '0', total: '1', report: '' });
    expect(main.stdout).toMatch(/ids uid 0->1002, 1->165536\+65536/);
    expect(main.stdout).toContain('shared data of tool 1.0');
    expect(post?.exitCode).toBe(0);
  });

  it('a bad input fails before anything runs: one error line', async () => {
    const { main } = await runAction('test-bundle-runc', {
      user: USER,
      with: { bundle, tests: '- name: a\n  run: x\n  args: [y]\n' },
      env: userEnv(USER),
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toEqual([
      "test-bundle-runc failed: input 'tests': test 'a' must have exactly one of run (a shell command) or args (a list), it has both; use run: \"cmd arg\" for /bin/sh -c, or args: [cmd, arg] to run a program directly",
    ]);
  });

  it('SIGTERM to the step mid-test (workflow cancelled): the container is killed and deleted, the step fails, post finds nothing', async () => {
    const root = path.join(tempDirFor(USER), 'state');
    let sent = false;
    const { main, post } = await runAction('test-bundle-runc', {
      user: USER,
      with: { bundle, tests: '- name: long\n  args: [sleep, "7781"]\n', root },
      env: userEnv(USER),
      onStdout: () => {
        if (sent) return;
        sent = true;
        void (async () => {
          for (let i = 0; i < 400 && !processRunning('sleep 7781'); i++) await new Promise((r) => setTimeout(r, 50));
          for (const pid of nodePids(MAIN)) process.kill(pid, 'SIGTERM');
        })();
      },
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors.join('\n')).toMatch(
      /test-bundle-runc failed: bundle tests cancelled during test 'long'; its container eda-oci-test-\S+-1 was killed and deleted/,
    );
    expect(processRunning('sleep 7781')).toBe(false);
    expect(post?.exitCode).toBe(0);
    expect(readdirSync(root)).toEqual([]);
  });

  it('a step killed mid-test (SIGKILL) leaves its container; the post step kills and deletes it, and is idempotent', async () => {
    let killed = false;
    const { main, post, runnerTemp } = await runAction('test-bundle-runc', {
      user: USER,
      with: { bundle, tests: '- name: long\n  args: [sleep, "7782"]\n' },
      env: userEnv(USER),
      onStdout: () => {
        if (killed) return;
        killed = true;
        void (async () => {
          for (let i = 0; i < 400 && !processRunning('sleep 7782'); i++) await new Promise((r) => setTimeout(r, 50));
          killProcessesMatching(MAIN);
        })();
      },
    });
    expect(main.exitCode).not.toBe(0);
    expect(main.state['container-prefix']).toMatch(/^eda-oci-test-\d+-[0-9a-f]{8}$/);
    expect(post?.exitCode).toBe(0);
    expect(post?.stdout).toMatch(/removed 1 leftover test container\(s\) from .*eda-oci-runc-/);
    expect(post?.stdout).toMatch(/removed leftover temporary bundles /);
    expect(processRunning('sleep 7782')).toBe(false);
    expect(existsSync(main.state['runc-root']!)).toBe(false);
    expect(readdirSync(runnerTemp)).toEqual([]);
    const again = await runPostOnly('test-bundle-runc', { user: USER, env: userEnv(USER), state: main.state });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).not.toMatch(/::warning|removed/);
  });
});
