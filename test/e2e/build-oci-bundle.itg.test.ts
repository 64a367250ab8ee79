// E2E: the committed dist of build-oci-bundle run the way the GitHub runner runs it (Node 24 when available), as root
// against rootful Docker and as the unprivileged test user against its rootless daemon; the bundle then runs with runc.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterEnv, cli, isRoot, runAs, tempDirFor } from '../helpers/cluster.js';
import { runAction } from './runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const ROOTLESS = env.EDA_OCI_ROOTLESS_DOCKER_HOST!;
const userEnv = { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER! };

/** `eda-oci build` arguments against the test user's rootless daemon, JSON output. */
function rootlessBuild(image: string, name: string, outputDir: string, extract: string): string[] {
  return [
    'build',
    '--image',
    image,
    '--name',
    name,
    '--output-dir',
    outputDir,
    '--docker-host',
    ROOTLESS,
    '--pull',
    'never',
    '--extract',
    extract,
    '--json',
  ];
}

describe.runIf(isRoot)(
  'build-oci-bundle dist as the unprivileged test user on rootless Docker (needs root to switch users with runuser)',
  () => {
    it('builds tool:1, then runc runs it as that user with the image config applied', async () => {
      const out = tempDirFor(USER);
      const { main, post } = await runAction('build-oci-bundle', {
        user: USER,
        with: { image: env.EDA_OCI_IMG_TOOL!, name: 'tool', 'output-dir': out, 'docker-host': ROOTLESS, pull: 'never' },
        env: userEnv,
      });
      expect(main.stderr + main.stdout).not.toMatch(/::error/);
      expect(main.exitCode).toBe(0);
      expect(post?.exitCode).toBe(0);
      const bundle = main.outputs['bundle-path']!;
      expect(bundle).toBe(path.join(out, 'tool'));
      expect(main.outputs['cache-hit']).toBe('false');
      expect(Number(main.outputs['file-count'])).toBeGreaterThan(3);
      expect(main.outputs['image-digest']).toBe(''); // loaded with docker load: no registry digest in this daemon
      expect(main.summary).toContain('build-oci-bundle: tool');
      expect(main.summary).toMatch(/setuid\/setgid stripped<\/td><td>1/);
      expect(statSync(path.join(bundle, 'rootfs/opt/tool/share')).mode & 0o777).toBe(0o555);
      expect(statSync(path.join(bundle, 'rootfs/opt/tool/bin/tool')).uid).toBe(Number(env.EDA_OCI_TEST_UID));

      const state = tempDirFor(USER);
      const r = runAs(USER, env.EDA_OCI_RUNC!, ['--root', state, 'run', '--bundle', bundle, `e2e-${process.pid}`], userEnv);
      expect(r.stderr).not.toMatch(/level=error/);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe('tool 1.0 user=1000 cwd=/work home=/opt/tool');

      // Same inputs again: a cache hit.
      const again = await runAction('build-oci-bundle', {
        user: USER,
        with: { image: env.EDA_OCI_IMG_TOOL!, name: 'tool', 'output-dir': out, 'docker-host': ROOTLESS, pull: 'never' },
        env: userEnv,
      });
      expect(again.main.outputs['cache-hit']).toBe('true');
      expect(again.main.outputs['bundle-digest']).toBe(main.outputs['bundle-digest']);
    });

    it('the CLI as the test user gives the same bundle digest as the action', async () => {
      const out = tempDirFor(USER);
      const r = cli(
        ['build', '--image', env.EDA_OCI_IMG_BUSYBOX1!, '--name', 'bb', '--output-dir', out, '--docker-host', ROOTLESS, '--json'],
        { user: USER, env: userEnv },
      );
      expect(r.stderr).not.toMatch(/error/);
      expect(r.status).toBe(0);
      const outputs = JSON.parse(r.stdout);
      expect(outputs['bundle-path']).toBe(path.join(out, 'bb'));
      const { main } = await runAction('build-oci-bundle', {
        user: USER,
        with: { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'bb', 'output-dir': tempDirFor(USER), 'docker-host': ROOTLESS },
        env: userEnv,
      });
      expect(main.outputs['bundle-digest']).toBe(outputs['bundle-digest']);
    });

    it.each(['EDA_OCI_IMG_TOOL', 'EDA_OCI_IMG_BUSYBOX2'])('%s: the layer fast path on the rootless daemon equals docker export', (key) => {
      const out = tempDirFor(USER);
      const digests = (['export', 'layers'] as const).map((m) => {
        const r = cli(rootlessBuild(env[key]!, m, out, m), { user: USER, env: userEnv });
        expect(r.status, r.stderr).toBe(0);
        return JSON.parse(r.stdout)['bundle-digest'] as string;
      });
      expect(digests[1]).toBe(digests[0]);
      expect(JSON.parse(readFileSync(path.join(out, 'layers/bundle.lock.json'), 'utf8')).extraction).toBe('layers');
    });

    it('a layer file the user cannot read (0600, subordinate uid): auto falls back to docker export, forced layers fails', () => {
      const out = tempDirFor(USER);
      const args = (name: string, extract: string) => rootlessBuild(env.EDA_OCI_IMG_LAYERED!, name, out, extract);
      const auto = cli(args('auto', 'auto'), { user: USER, env: userEnv });
      expect(auto.status, auto.stderr).toBe(0);
      expect(auto.stderr).toMatch(/layer fast path not usable \(EACCES.*opt\/private.*\); falling back to docker export/);
      const lock = JSON.parse(readFileSync(path.join(out, 'auto/bundle.lock.json'), 'utf8'));
      expect(lock.extraction).toBe('export');
      expect(readFileSync(path.join(out, 'auto/rootfs/opt/private'), 'utf8')).toBe('private\n');
      const forced = cli(args('forced', 'layers'), { user: USER, env: userEnv });
      expect(forced.status).toBe(1);
      expect(forced.stderr.trim().split('\n').at(-1)).toMatch(
        /error: cannot read the image layers directly: EACCES.*--extract auto or export/,
      );
      expect(readdirSync(out)).toEqual(['auto']);
    });

    it('an output-dir the user cannot write fails with one actionable line and creates nothing', () => {
      const rootOwned = tempDirFor(undefined);
      const r = cli(
        [
          'build',
          '--image',
          env.EDA_OCI_IMG_BUSYBOX1!,
          '--name',
          'bb',
          '--output-dir',
          path.join(rootOwned, 'sub'),
          '--docker-host',
          ROOTLESS,
        ],
        {
          user: USER,
          env: userEnv,
        },
      );
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(/output-dir '.*sub' is not writable by user edaoci.*choose a directory/);
      expect(readdirSync(rootOwned)).toEqual([]);
    });
  },
);

describe('build-oci-bundle dist as root on rootful Docker', () => {
  it('pulls from the registry and reports outputs, summary and a clean post', async () => {
    const out = tempDirFor(undefined);
    const { main, post } = await runAction('build-oci-bundle', {
      with: { image: env.EDA_OCI_IMG_BUSYBOX2!, name: 'bb2', 'output-dir': out, pull: 'always', config: 'env:\n  SITE: eda\n' },
      env: { DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER! },
    });
    expect(main.exitCode).toBe(0);
    expect(post?.exitCode).toBe(0);
    expect(main.outputs['image-digest']).toBe(env.EDA_OCI_IMG_BUSYBOX2_DIGEST!.split('@')[1]);
    expect(main.stdout).toMatch(/::group::Export and extract image filesystem/);
    const spec = JSON.parse(readFileSync(path.join(main.outputs['bundle-path']!, 'config.json'), 'utf8'));
    expect(spec.process.env).toContain('SITE=eda');
    const lock = JSON.parse(readFileSync(path.join(main.outputs['bundle-path']!, 'bundle.lock.json'), 'utf8'));
    expect(lock.ci).toMatchObject({ repository: 'org/eda-oci-e2e', runId: '4242' });
  });

  it.each([
    ['name ../x', { name: '../x' }, /bundle name '\.\.\/x' is invalid/],
    ['name -x', { name: '-x' }, /bundle name '-x' is invalid: it starts with '-'/],
    ['empty name', { name: '' }, /input 'name' is required/],
    ['image with shell metacharacters', { image: 'busybox;touch /tmp/pwned' }, /shell metacharacters|whitespace/],
    ['image with a leading -', { image: '--help' }, /starts with '-'/],
    ['bad pull', { pull: 'sometimes' }, /input 'pull' is 'sometimes'/],
    ['bad config', { config: 'cwd: relative' }, /config.cwd must be an absolute path/],
    ['bad docker-host', { 'docker-host': '/var/run/docker.sock' }, /docker-host .* is not a Docker daemon address/],
  ])('bad input: %s -> one error line, exit 1, nothing created', async (_n, bad, re) => {
    const out = path.join(tempDirFor(undefined), 'out');
    const { main } = await runAction('build-oci-bundle', {
      with: { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'ok', 'output-dir': out, ...bad },
      env: { DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER! },
      post: false,
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(/^build-oci-bundle failed: /);
    expect(main.errors[0]).toMatch(re);
    expect(main.stdout).not.toMatch(/\[command\]/); // failed before running any program
    expect(existsSync(out)).toBe(false);
    expect(existsSync('/tmp/pwned')).toBe(false);
  });

  it.each([
    ['an unknown image', { image: '127.0.0.1:5000/eda-oci/no-such-image:1' }, {}, /was not found in registry 127\.0\.0\.1:5000/],
    ['an unreachable registry', { image: '127.0.0.1:5999/eda-oci/x:1' }, {}, /registry 127\.0\.0\.1:5999 is unreachable/],
    [
      'a docker-host where no daemon runs',
      { 'docker-host': 'unix:///tmp/eda-oci-no-daemon.sock' },
      {},
      /cannot reach the Docker daemon at unix:\/\/\/tmp\/eda-oci-no-daemon\.sock/,
    ],
  ])('fault: %s -> one error line, exit 1, nothing created', async (_n, bad, extraEnv, re) => {
    const out = path.join(tempDirFor(undefined), 'out');
    const { main, post } = await runAction('build-oci-bundle', {
      with: { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'ok', 'output-dir': out, ...bad },
      env: { DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER!, ...extraEnv },
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(/^build-oci-bundle failed: /);
    expect(main.errors[0]).toMatch(re);
    expect(post?.exitCode).toBe(0);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it.each(['export', 'layers'])('SIGTERM while the filesystem is read (%s): exit 1, no staging dir, no container', async (method) => {
    const out = tempDirFor(undefined);
    let timer: NodeJS.Timeout | undefined;
    const { main, post } = await runAction('build-oci-bundle', {
      with: { image: env.EDA_OCI_IMG_DEBIAN!, name: 'deb', 'output-dir': out, pull: 'never' },
      env: { DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER!, EDA_OCI_EXTRACT: method },
      // The runner sends SIGINT, then SIGTERM; either aborts. Wait until the step reports the extraction phase.
      onStdout: (text, pid) => {
        if (!timer && text.includes('::group::Export and extract image filesystem'))
          timer = setTimeout(() => process.kill(pid, 'SIGTERM'), 100);
      },
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors.join('\n')).toMatch(/build-oci-bundle failed: .*cancelled/);
    expect(post?.exitCode).toBe(0);
    expect(readdirSync(out)).toEqual([]);
    const ps = execFileSync(env.EDA_OCI_DOCKER!, ['ps', '-aq', '--filter', 'label=org.eda-oci.build'], {
      env: { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST },
    }).toString();
    expect(ps.trim()).toBe('');
  });

  it('the post step removes an export container a killed main step left behind, and is idempotent', async () => {
    const id = execFileSync(
      env.EDA_OCI_DOCKER!,
      ['create', '--label', 'org.eda-oci.build=test', '--entrypoint', '/x', env.EDA_OCI_IMG_BUSYBOX1!],
      {
        env: { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST },
      },
    )
      .toString()
      .trim();
    const staging = path.join(tempDirFor(undefined), `.bb.staging-999999-abcd1234`);
    mkdirSync(path.join(staging, 'rootfs'), { recursive: true });
    const opts = {
      with: { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'bb' },
      env: { DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER!, RUNNER_TEMP: '/tmp' },
    };
    // Run only the post step with the state a killed main step would have saved.
    const { runPostOnly } = await import('./runner.js');
    for (let i = 0; i < 2; i++) {
      const post = await runPostOnly('build-oci-bundle', {
        ...opts,
        state: { 'container-id': id, 'staging-dir': staging, 'docker-host': '' },
      });
      expect(post.exitCode).toBe(0);
      expect(post.stdout).not.toMatch(/::warning/);
    }
    const ps = execFileSync(env.EDA_OCI_DOCKER!, ['ps', '-aq', '--no-trunc', '--filter', `id=${id}`], {
      env: { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST },
    }).toString();
    expect(ps.trim()).toBe('');
    expect(existsSync(staging)).toBe(false);
  });
});
