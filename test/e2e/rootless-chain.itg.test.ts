// E2E of issue 3's promise, as one workflow job on a self-hosted runner would run it: setup-rootless-docker starts a
// rootless daemon for an unprivileged user, build-oci-bundle builds through that DOCKER_HOST, test-bundle-runc runs a
// passing and a failing test set as that user and as a second user, and the setup post step stops the daemon.
// Every step is the committed dist run by the runner stand-in.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterEnv, isRoot, killUserProcesses, preserveDockerConfig, runAs, tempDirFor } from '../helpers/cluster.js';
import { runAction, runPostOnly, type StepResult } from './runner.js';

const env = clusterEnv();
// The job's user: edaoci2 has subuid/subgid ranges but no daemon of its own until setup-rootless-docker starts one
// (edaoci's daemon is shared by other tests and must not be stopped).
const JOB_USER = env.EDA_OCI_TEST_USER2!;
const OTHER_USER = env.EDA_OCI_TEST_USER!;
const PASSING = `
- name: shell and busybox work
  run: echo hello from $(uname -s)
  expect-stdout: '^hello from Linux$'
- name: image entrypoint with its config
  args: [/opt/tool/bin/tool]
  expect-stdout: 'tool 1\\.0 user=1000 cwd=/work home=/opt/tool'
- name: rootfs is read-only during tests
  run: touch /opt/x
  expect-exit: 1
  expect-stderr: 'Read-only file system'
`;
const FAILING = `
- name: exits 3
  run: exit 3
- name: wrong output
  run: echo actual
  expect-stdout: '^expected$'
- name: passes
  run: 'true'
`;

/** Loads an image from the rootful daemon into the job user's fresh rootless daemon (the rootless daemon cannot
 * reach the registry on the host's 127.0.0.1: Debian's dockerd-rootless.sh disables host loopback). */
async function loadImage(image: string, dockerHost: string): Promise<void> {
  const save = spawn(env.EDA_OCI_DOCKER!, ['save', image], { env: { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST! } });
  const load = spawn('runuser', ['-u', JOB_USER, '--', 'env', `DOCKER_HOST=${dockerHost}`, env.EDA_OCI_DOCKER!, 'load', '-q']);
  save.stdout.pipe(load.stdin);
  let err = '';
  load.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    load.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker load of ${image} failed: ${err}`))));
  });
}
function expectOk(step: StepResult, what: string): void {
  if (step.exitCode !== 0) throw new Error(`${what} failed (exit ${step.exitCode}):\n${step.stdout}\n${step.stderr}`);
}

describe.runIf(isRoot)(
  'setup-rootless-docker -> build-oci-bundle -> test-bundle-runc as unprivileged users (needs root for runuser)',
  () => {
    let setupState: Record<string, string> | undefined;
    const jobUid = Number(env.EDA_OCI_TEST_UID2);
    const restoreDockerConfig = isRoot ? preserveDockerConfig(JOB_USER) : () => undefined;

    afterAll(async () => {
      // Whatever happened above, the job's daemon must not outlive the test.
      if (setupState) await runPostOnly('setup-rootless-docker', { user: JOB_USER, state: setupState }).catch(() => undefined);
      killUserProcesses(jobUid);
      restoreDockerConfig();
    });

    it('starts a rootless daemon, builds through it, gates the bundle with runc for two users, then stops the daemon', async () => {
      const work = tempDirFor(JOB_USER, 'chain-');
      const dataRoot = path.join(work, 'docker-data');

      // 1. setup-rootless-docker (post runs at the end of the job, like the runner does).
      const setup = await runAction('setup-rootless-docker', { user: JOB_USER, post: false, with: { 'data-root': dataRoot } });
      setupState = setup.main.state;
      expectOk(setup.main, 'setup-rootless-docker');
      expect(setup.main.outputs.started).toBe('true');
      expect(setup.main.outputs['data-root']).toBe(dataRoot);
      const dockerHost = setup.main.outputs['docker-host']!;
      expect(dockerHost).toMatch(/^unix:\/\/\/.+\/docker\.sock$/);
      expect(setup.main.env.DOCKER_HOST).toBe(dockerHost);
      const info = runAs(JOB_USER, env.EDA_OCI_DOCKER!, ['info', '--format', '{{json .SecurityOptions}} {{.DockerRootDir}}'], {
        DOCKER_HOST: dockerHost,
      });
      expect(info.stdout).toContain('name=rootless');
      expect(info.stdout.trim().endsWith(dataRoot)).toBe(true);
      expect(setup.main.summary).toContain('newuidmap');

      // The registry on the host's loopback is out of the rootless daemon's reach; load the image like a pull would.
      await loadImage(env.EDA_OCI_IMG_TOOL!, dockerHost);

      // 2. build-oci-bundle with the DOCKER_HOST that setup exported to later steps (no docker-host input).
      const bundles = tempDirFor(JOB_USER, 'bundles-');
      const build = await runAction('build-oci-bundle', {
        user: JOB_USER,
        env: setup.main.env,
        with: { image: env.EDA_OCI_IMG_TOOL!, name: 'tool', 'output-dir': bundles, pull: 'never' },
      });
      expectOk(build.main, 'build-oci-bundle');
      const bundle = build.main.outputs['bundle-path']!;
      expect(bundle).toBe(path.join(bundles, 'tool'));
      const configBefore = readFileSync(path.join(bundle, 'config.json'));

      // 3. test-bundle-runc: a passing set as the job user, with a JUnit report.
      const junit = path.join(work, 'junit.xml');
      const pass = await runAction('test-bundle-runc', {
        user: JOB_USER,
        env: setup.main.env,
        with: { bundle, tests: PASSING, runc: env.EDA_OCI_RUNC!, 'junit-file': junit },
      });
      expectOk(pass.main, 'test-bundle-runc (passing set)');
      expect(pass.main.outputs).toMatchObject({ passed: '3', failed: '0', total: '3', report: junit });
      expect(readFileSync(junit, 'utf8')).toMatch(/<testsuite[^>]*tests="3"[^>]*failures="0"/);
      expect(pass.post?.exitCode).toBe(0);

      // A failing set fails the step, with one annotation per failed test naming it.
      const fail = await runAction('test-bundle-runc', { user: JOB_USER, env: setup.main.env, with: { bundle, tests: FAILING } });
      expect(fail.main.exitCode).toBe(1);
      expect(fail.main.outputs).toMatchObject({ passed: '1', failed: '2', total: '3' });
      expect(fail.main.errors.some((e) => e.includes('exits 3'))).toBe(true);
      expect(fail.main.errors.some((e) => e.includes('wrong output'))).toBe(true);

      // The same bundle gates for a second user (its own uid mapping, the bundle untouched).
      const other = await runAction('test-bundle-runc', {
        user: OTHER_USER,
        with: { bundle, tests: PASSING, runc: env.EDA_OCI_RUNC! },
      });
      expectOk(other.main, 'test-bundle-runc as a second user');
      expect(other.main.outputs).toMatchObject({ passed: '3', failed: '0' });
      expect(readFileSync(path.join(bundle, 'config.json')).equals(configBefore)).toBe(true);

      // 4. End of job: the setup post step stops the daemon it started; it is idempotent.
      const post = await runPostOnly('setup-rootless-docker', { user: JOB_USER, state: setupState });
      expectOk(post, 'setup-rootless-docker post');
      const socket = dockerHost.replace(/^unix:\/\//, '');
      expect(existsSync(socket)).toBe(false);
      // Zombies are dead processes the sandbox's init has not reaped yet (the step's parent exited long ago).
      const live = spawnSync('ps', ['-u', String(jobUid), '-o', 'stat=,comm='])
        .stdout.toString()
        .split('\n')
        .filter((l) => !l.trim().startsWith('Z'));
      expect(live.join('\n')).not.toMatch(/dockerd|rootlesskit/);
      const again = await runPostOnly('setup-rootless-docker', { user: JOB_USER, state: setupState });
      expectOk(again, 'setup-rootless-docker post (second time)');
      setupState = undefined;
    });
  },
);
