// E2E: the committed dist of publish-oci-bundle run the way the GitHub runner runs it (Node 24 when available), chained
// after build-oci-bundle like a workflow: as the unprivileged test user (rootless Docker) and as root; outputs, job
// summary, unchanged publish, dry run, refused inputs, a bundle changed after its test, and cancellation.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAsTestUser, cli, clusterEnv, isRoot, runAs, tempDirFor } from '../helpers/cluster.js';
import { runAction } from './runner.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const OTHER = env.EDA_OCI_TEST_USER2!;
const userEnv = { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR!, EDA_OCI_DOCKER: env.EDA_OCI_DOCKER! };

/** Builds with the CLI as root against rootful Docker; returns the outputs. */
function buildAsRoot(image: string, name: string): Record<string, string> {
  const r = cli(['build', '--image', image, '--name', name, '--output-dir', tempDirFor(undefined), '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe.runIf(isRoot)('publish-oci-bundle dist as the unprivileged test user after build-oci-bundle (needs root for runuser)', () => {
  it('build -> publish with expected-digest: outputs, summary, a shared version other users can read; again: changed=false', async () => {
    const out = tempDirFor(USER);
    const store = tempDirFor(USER);
    const build = await runAction('build-oci-bundle', {
      user: USER,
      with: { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'bb', 'output-dir': out, 'docker-host': env.EDA_OCI_ROOTLESS_DOCKER_HOST! },
      env: userEnv,
    });
    expect(build.main.exitCode, build.main.stdout).toBe(0);
    const bundlePath = build.main.outputs['bundle-path']!;
    const digest = build.main.outputs['bundle-digest']!;
    const publish = () =>
      runAction('publish-oci-bundle', { user: USER, with: { bundle: bundlePath, 'bundles-dir': store, 'expected-digest': digest } });
    const { main, post } = await publish();
    expect(main.stdout).not.toMatch(/::error/);
    expect(main.exitCode).toBe(0);
    expect(post).toBeUndefined(); // no post step
    const o = main.outputs;
    expect(o.path).toBe(path.join(store, 'bb'));
    expect(o.version).toMatch(new RegExp(`^\\d{8}T\\d{6}Z-${digest.slice(7, 19)}$`));
    expect(o['version-path']).toBe(path.join(store, '.eda-oci/bb', o.version!));
    expect(o['previous-version']).toBe('');
    expect(o.changed).toBe('true');
    expect(Number(o['bytes-written'])).toBeGreaterThan(1_000_000);
    expect(o['files-linked']).toBe('0');
    expect(readlinkSync(o.path!)).toBe(`.eda-oci/bb/${o.version}`);
    expect(main.summary).toContain('publish-oci-bundle: bb');
    expect(main.summary).toMatch(/Bytes written<\/td><td>1\.\d MiB \(10\d\.\d\d% of the bundle's 1\.9 MiB\)/);
    expect(main.summary).toMatch(/Verified<\/td><td>\d+ paths unchanged since the build \(inode \+ ctime\), 0 read again/);
    // Another user reads it (shared: a+rX).
    const r = runAs(OTHER, 'cat', [path.join(o.path!, 'rootfs/.eda-oci/bundle-id')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(digest);

    const again = await publish();
    expect(again.main.exitCode).toBe(0);
    expect(again.main.outputs).toMatchObject({ changed: 'false', version: o.version, 'bytes-written': '0', 'previous-version': '' });
    expect(again.main.summary).toContain('no: this bundle was already current, nothing written');
  });

  it('a bundle changed after it was tested is refused with one line; nothing is published', async () => {
    const out = tempDirFor(USER);
    const store = tempDirFor(USER);
    const built = buildAsTestUser(env.EDA_OCI_IMG_BUSYBOX1!, 'bb', out, 'missing');
    // Someone edits a file after the test step (same size, mtime restored).
    const file = path.join(built.path, 'rootfs/etc/eda-oci-release');
    const st = execFileSync('stat', ['-c', '%Y', file]).toString().trim();
    expect(runAs(USER, 'sh', ['-c', `printf '2\\n' > ${file} && touch -d @${st} ${file}`]).status).toBe(0);
    const { main } = await runAction('publish-oci-bundle', {
      user: USER,
      with: { bundle: built.path, 'bundles-dir': store, 'expected-digest': built.digest },
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(
      /^publish-oci-bundle failed: bundle .* changed since it was built \(rootfs\/etc\/eda-oci-release: content\); publish the bundle exactly as it was built and tested, or rebuild it$/,
    );
    expect(readdirSync(store)).toEqual([]);
  });
});

describe('publish-oci-bundle dist as root', () => {
  it('dry run writes nothing; v1; v2 links the unchanged files and reports the previous version', async () => {
    const store = tempDirFor(undefined);
    const v1 = buildAsRoot(env.EDA_OCI_IMG_BUSYBOX1!, 'bb');
    const v2 = buildAsRoot(env.EDA_OCI_IMG_BUSYBOX2!, 'bb');
    const dry = await runAction('publish-oci-bundle', { with: { bundle: v1['bundle-path']!, 'bundles-dir': store, 'dry-run': 'true' } });
    expect(dry.main.exitCode, dry.main.stdout).toBe(0);
    expect(dry.main.outputs).toMatchObject({ changed: 'true', 'version-path': '' });
    expect(dry.main.summary).toContain('Dry run: nothing was written');
    expect(readdirSync(store)).toEqual([]);

    const first = await runAction('publish-oci-bundle', { with: { bundle: v1['bundle-path']!, 'bundles-dir': store, keep: '1' } });
    expect(first.main.exitCode, first.main.stdout).toBe(0);
    const second = await runAction('publish-oci-bundle', { with: { bundle: v2['bundle-path']!, 'bundles-dir': store, keep: '1' } });
    expect(second.main.exitCode, second.main.stdout).toBe(0);
    const o = second.main.outputs;
    expect(o['previous-version']).toBe(first.main.outputs.version);
    expect(Number(o['files-linked'])).toBeGreaterThan(0);
    expect(Number(o['bytes-written'])).toBeLessThan(Number(first.main.outputs['bytes-written']) / 10);
    // keep 1, but the previous version stays (rollback target) and so does anything inside the grace period.
    expect(existsSync(first.main.outputs['version-path']!)).toBe(true);
    expect(second.main.summary).toMatch(/Retention<\/td><td>nothing deleted/);
  });

  it.each([
    [
      { keep: '0' },
      /^publish-oci-bundle failed: input 'keep' is '0', which is not a whole number from 1 to 10000; set a number in that range$/,
    ],
    [{ name: '../x' }, /^publish-oci-bundle failed: bundle name '..\/x' is invalid: it contains a path separator or \.\./],
    [
      { 'expected-digest': `sha256:${'0'.repeat(64)}` },
      /^publish-oci-bundle failed: bundle .* has digest sha256:\w+, not the expected sha256:0{64}: it changed since it was built and tested/,
    ],
    [
      { bundle: '/nonexistent/bundle' },
      /^publish-oci-bundle failed: \/nonexistent\/bundle is not an eda-oci bundle \(no bundle.lock.json\)/,
    ],
  ])('bad input %o: one error line, exit 1, nothing created', async (bad, message) => {
    const store = tempDirFor(undefined);
    const b = buildAsRoot(env.EDA_OCI_IMG_BUSYBOX1!, 'bb');
    const { main } = await runAction('publish-oci-bundle', { with: { bundle: b['bundle-path']!, 'bundles-dir': store, ...bad } });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.errors[0]).toMatch(message);
    expect(readdirSync(store)).toEqual([]);
  });

  it('a bundles dir writable by everyone without the sticky bit is refused with the chmod fix', async () => {
    const store = tempDirFor(undefined);
    execFileSync('chmod', ['0777', store]);
    const b = buildAsRoot(env.EDA_OCI_IMG_BUSYBOX1!, 'bb');
    const { main } = await runAction('publish-oci-bundle', { with: { bundle: b['bundle-path']!, 'bundles-dir': store } });
    expect(main.exitCode).toBe(1);
    expect(main.errors[0]).toMatch(/without the sticky bit, so anyone could replace published bundles; run: chmod o-w /);
    expect(readdirSync(store)).toEqual([]);
  });

  it('SIGTERM while the step writes the new version: staging removed, lock released, the current version untouched', async () => {
    const store = tempDirFor(undefined);
    const v1 = buildAsRoot(env.EDA_OCI_IMG_BUSYBOX1!, 'bb');
    const v2 = buildAsRoot(env.EDA_OCI_IMG_BUSYBOX2!, 'bb');
    const first = await runAction('publish-oci-bundle', { with: { bundle: v1['bundle-path']!, 'bundles-dir': store } });
    expect(first.main.exitCode).toBe(0);
    const nameDir = path.join(store, '.eda-oci/bb');
    let pid = 0;
    const running = runAction('publish-oci-bundle', {
      with: { bundle: v2['bundle-path']!, 'bundles-dir': store },
      env: { EDA_OCI_STORE_TEST_PAUSE: 'during-copy' },
      onStart: (p) => (pid = p),
    });
    // The step pauses half-way through writing the version: its staging directory is there.
    for (let i = 0; i < 600 && !readdirSync(nameDir).some((e) => e.startsWith('.staging-')); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(nameDir).some((e) => e.startsWith('.staging-'))).toBe(true);
    process.kill(pid, 'SIGTERM');
    const { main } = await running;
    expect(main.exitCode).toBe(1);
    expect(main.errors.join('\n')).toMatch(/publish-oci-bundle failed: publish cancelled at during-copy/);
    expect(readdirSync(nameDir).filter((e) => e.startsWith('.'))).toEqual([]);
    expect(readlinkSync(path.join(store, 'bb'))).toBe(`.eda-oci/bb/${first.main.outputs.version}`);
    writeFileSync(path.join(store, 'probe'), ''); // still usable: nothing half-done left behind
    const again = await runAction('publish-oci-bundle', { with: { bundle: v2['bundle-path']!, 'bundles-dir': store } });
    expect(again.main.exitCode).toBe(0);
    expect(readFileSync(path.join(store, 'bb/rootfs/.eda-oci/bundle-id'), 'utf8').trim()).toBe(v2['bundle-digest']);
  });
});
