// Integration: the store under crashes and concurrency with real processes, real bundles (built from the registry's
// busybox image by rootful Docker and varied per trial), a full disk (tmpfs), and other users: a bundle built and
// published by edaoci runs for edaoci2 with runc and through srun --container; gc asks the real Slurm.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerClient } from '@eda-oci/docker';
import { buildBundle } from '@eda-oci/oci';
import type { TarSpec } from '../../../test/fixtures/tar/tar-writer.js';
import { buildAsTestUser, CLI, cli, clusterEnv, isRoot, runAs, tempDirFor, withTmpfs } from '../../../test/helpers/cluster.js';
import { makeBundle } from './helpers/bundle.js';

const env = clusterEnv();
const READER = path.join(import.meta.dirname, 'helpers', 'reader.mjs');
const NAME = 'bb';

let base: string;
let busybox: string;
/** Tar spec of the busybox bundle's rootfs, to make variants of it. */
let busyboxSpec: TarSpec[];

/** Reads a bundle's rootfs into a tar spec (hard links kept), leaving out .eda-oci. */
function specOf(rootfs: string): TarSpec[] {
  const out: TarSpec[] = [];
  const seen = new Map<number, string>();
  const walk = (rel: string): void => {
    for (const n of fs.readdirSync(path.join(rootfs, rel)).sort()) {
      if (rel === '' && n === '.eda-oci') continue;
      const p = rel ? `${rel}/${n}` : n;
      const st = fs.lstatSync(path.join(rootfs, p));
      const mtime = Math.floor(st.mtimeMs / 1000);
      if (st.isDirectory()) {
        out.push({ name: `${p}/`, type: '5', mode: st.mode & 0o7777, mtime });
        walk(p);
      } else if (st.isSymbolicLink()) out.push({ name: p, type: '2', linkname: fs.readlinkSync(path.join(rootfs, p)), mtime });
      else if (seen.has(st.ino)) out.push({ name: p, type: '1', linkname: seen.get(st.ino)!, mtime });
      else {
        seen.set(st.ino, p);
        out.push({ name: p, data: fs.readFileSync(path.join(rootfs, p)), mode: st.mode & 0o7777, mtime });
      }
    }
  };
  walk('');
  return out;
}

let variants = 0;
/** A new bundle: busybox plus one file that makes its digest unique (and optionally a big one). */
async function variant(extraBytes = 0): Promise<string> {
  const i = variants++;
  const spec: TarSpec[] = [...busyboxSpec, { name: `etc/variant`, data: `variant ${i}\n`, mode: 0o644, mtime: 1_700_000_000 + i }];
  if (extraBytes) spec.push({ name: 'opt/blob', data: Buffer.alloc(extraBytes, i & 0xff), mode: 0o644, mtime: 1_700_000_000 });
  return (await makeBundle(path.join(base, 'variants'), `v${i}`, spec)).bundle;
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `eda-oci publish` as a separate process (the committed CLI dist). */
function startPublish(bundle: string, bundlesDir: string, extra: string[] = [], envExtra: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    [CLI, 'publish', '--bundle', bundle, '--bundles-dir', bundlesDir, '--name', NAME, '--keep', '1000', '--json', ...extra],
    { env: { ...process.env, ...envExtra }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  const marker = (point: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`publisher never paused at ${point}: ${stderr}`)), 60_000);
      const look = (): void => {
        if (stderr.includes(`EDA_OCI_STORE_TEST_PAUSED ${point}`)) {
          clearTimeout(t);
          resolve();
        } else setTimeout(look, 5);
      };
      look();
    });
  return { child, done, marker };
}

async function publishOk(bundle: string, bundlesDir: string, extra: string[] = []): Promise<Record<string, unknown>> {
  const r = await startPublish(bundle, bundlesDir, extra).done;
  expect(r.stderr).not.toMatch(/error/);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Reader processes that check every version they see is complete; stop() returns their reports. */
function startReaders(bundlesDir: string, n = 2) {
  const readers: ChildProcess[] = [];
  const outs: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = spawn(process.execPath, [READER, bundlesDir, NAME, 'bin/busybox'], { stdio: ['ignore', 'pipe', 'inherit'] });
    outs.push('');
    c.stdout!.on('data', (d: Buffer) => (outs[i] += d.toString()));
    readers.push(c);
  }
  return {
    async stop(): Promise<{ iterations: number; versions: number; errors: string[]; errorCount: number }[]> {
      await Promise.all(
        readers.map(
          (c) =>
            new Promise<void>((resolve) => {
              c.on('close', () => resolve());
              c.kill('SIGTERM');
            }),
        ),
      );
      return outs.map((o) => JSON.parse(o));
    },
  };
}

function leftovers(bundlesDir: string): string[] {
  const nameDir = path.join(bundlesDir, '.eda-oci', NAME);
  return [
    ...fs.readdirSync(nameDir).filter((e) => e.startsWith('.')),
    ...fs.readdirSync(bundlesDir).filter((e) => e.startsWith(`.${NAME}.`)),
  ];
}

const current = (bundlesDir: string): string => fs.readlinkSync(path.join(bundlesDir, NAME)).split('/').pop()!;
const digestOf = (bundle: string): string => JSON.parse(fs.readFileSync(path.join(bundle, 'bundle.lock.json'), 'utf8')).bundleDigest;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  base = tempDirFor(undefined, 'eda-oci-store-itg-');
  const r = await buildBundle(
    { image: env.EDA_OCI_IMG_BUSYBOX1!, name: 'busybox', outputDir: path.join(base, 'built') },
    { docker: new DockerClient({ host: env.EDA_OCI_ROOTFUL_DOCKER_HOST }) },
  );
  busybox = r.bundlePath;
  expect(r.lock.rootfs.manifestSha256).toMatch(/^sha256:/);
  busyboxSpec = specOf(path.join(busybox, 'rootfs'));
});

afterAll(() => {
  if (base) spawnSync('chmod', ['-R', 'u+w', base]);
});

describe('publish under SIGKILL, with readers', () => {
  it('50 randomized SIGKILL trials: readers never see a missing path or an incomplete version; the next publish succeeds and cleans up', async () => {
    const store = tempDirFor(undefined);
    const first = await publishOk(busybox, store);
    expect(first.changed).toBe(true);
    const bundles = await Promise.all(Array.from({ length: 50 }, () => variant()));
    // How long an undisturbed publish takes (process start included): kills land anywhere within it.
    const t = Date.now();
    await publishOk(bundles[0]!, store);
    const span = Math.max(150, (Date.now() - t) * 1.3);
    const readers = startReaders(store);
    const killedAt: number[] = [];
    const outcomes: Record<string, number> = {};
    let afterSwap = 0;
    for (let i = 1; i < bundles.length; i++) {
      const before = current(store);
      const p = startPublish(bundles[i]!, store);
      // Mostly inside the publish proper (after node's start-up), some anywhere.
      const delay = Math.random() < 0.2 ? Math.random() * span : span * (0.35 + 0.75 * Math.random());
      await sleep(delay);
      p.child.kill('SIGKILL');
      const killed = await p.done;
      killedAt.push(Math.round(delay));
      const nameDir = path.join(store, '.eda-oci', NAME);
      const hex = digestOf(bundles[i]!).slice(7, 19);
      const outcome =
        current(store) !== before
          ? 'switched'
          : fs.readdirSync(nameDir).some((e) => e.endsWith(hex))
            ? 'version complete, not switched'
            : fs.readdirSync(nameDir).some((e) => e.startsWith('.staging-'))
              ? 'staging left'
              : 'nothing written';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (outcome === 'switched') afterSwap++;
      // The next publish of the same bundle succeeds; it is current afterwards.
      const next = await publishOk(bundles[i]!, store);
      expect(current(store)).toBe(next.version);
      expect(String(next.version).endsWith(digestOf(bundles[i]!).slice(7, 19))).toBe(true);
      if (next.changed) expect(leftovers(store)).toEqual([]);
      // Killed after the switch: the follow-up has nothing to do and writes nothing (the dead lock goes next time).
      else expect(killed.signal === 'SIGKILL' || killed.status === 0).toBe(true);
    }
    const reports = await readers.stop();
    for (const r of reports) {
      expect(r.errors).toEqual([]);
      expect(r.iterations).toBeGreaterThan(100);
      expect(r.versions).toBeGreaterThan(10);
    }
    await publishOk(await variant(), store);
    expect(leftovers(store)).toEqual([]);
    // Kills landed over the whole publish: more than one kind of state was left behind.
    console.log(`kill trials (span ${Math.round(span)} ms): ${JSON.stringify(outcomes)}`);
    expect(Object.keys(outcomes).length).toBeGreaterThan(1);
    expect(afterSwap).toBeLessThan(bundles.length - 1);
  });

  it.each(['during-copy', 'before-swap', 'after-swap'])('SIGKILL %s: current stays complete, the next publish recovers', async (point) => {
    const store = tempDirFor(undefined);
    const a = await variant();
    const b = await variant(3 << 20); // a big file: copied with copy_file_range/reflink
    const ra = await publishOk(a, store);
    const readers = startReaders(store);
    const p = startPublish(b, store, [], { EDA_OCI_STORE_TEST_PAUSE: point });
    await p.marker(point);
    await sleep(100); // readers keep reading while the publisher hangs there
    p.child.kill('SIGKILL');
    expect((await p.done).signal).toBe('SIGKILL');
    const nameDir = path.join(store, '.eda-oci', NAME);
    const versions = (): string[] => fs.readdirSync(nameDir).filter((e) => /^\d/.test(e));
    if (point === 'during-copy') {
      expect(current(store)).toBe(ra.version);
      expect(leftovers(store).sort()).toEqual(['.lock', expect.stringMatching(/^\.staging-/)].sort());
      expect(versions()).toEqual([ra.version]);
    } else if (point === 'before-swap') {
      expect(current(store)).toBe(ra.version);
      expect(versions()).toHaveLength(2);
    } else {
      expect(current(store)).not.toBe(ra.version);
    }
    const rb = await publishOk(b, store);
    expect(current(store)).toBe(rb.version);
    expect(rb['previous-version']).toBe(ra.version);
    if (point === 'during-copy') {
      expect(rb).toMatchObject({ changed: true });
      expect(leftovers(store)).toEqual([]);
    } else if (point === 'before-swap') {
      // The complete version the killed run left is used as is.
      expect(rb).toMatchObject({ changed: true, 'bytes-written': 0 });
      expect(leftovers(store)).toEqual([]);
    } else expect(rb).toMatchObject({ changed: false, 'bytes-written': 0 });
    // The rollback target is right even though the killed run never wrote its history line.
    const list = JSON.parse(cli(['list', '--bundles-dir', store, '--json', '--no-slurm']).stdout);
    expect(list.names[0]).toMatchObject({ current: rb.version, previous: ra.version });
    for (const r of await readers.stop()) expect(r.errors).toEqual([]);
  });

  it('SIGTERM during the copy cancels: exit 130, staging removed, lock released, current untouched', async () => {
    const store = tempDirFor(undefined);
    const ra = await publishOk(await variant(), store);
    const p = startPublish(await variant(3 << 20), store, [], { EDA_OCI_STORE_TEST_PAUSE: 'during-copy' });
    await p.marker('during-copy');
    p.child.kill('SIGTERM');
    const r = await p.done;
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/cancelled/);
    expect(leftovers(store)).toEqual([]);
    expect(current(store)).toBe(ra.version);
  });
});

describe('concurrency and resources', () => {
  it('four publishers of different bundles to the same name at once: all finish, the final version is complete and one of them', async () => {
    const store = tempDirFor(undefined);
    await publishOk(busybox, store);
    const bundles = await Promise.all([variant(), variant(2 << 20), variant(), variant(1 << 20)]);
    const readers = startReaders(store);
    const runs = await Promise.all(bundles.map((b) => startPublish(b, store, ['--lock-timeout-seconds', '120']).done));
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/error/);
      expect(r.status).toBe(0);
    }
    const outs = runs.map((r) => JSON.parse(r.stdout));
    expect(new Set(outs.map((o) => o.version)).size).toBe(4);
    expect(outs.map((o) => o.version)).toContain(current(store));
    const history = fs
      .readFileSync(path.join(store, '.eda-oci', NAME, 'history'), 'utf8')
      .trim()
      .split('\n');
    expect(history).toHaveLength(5);
    expect(history.at(-1)).toContain(current(store));
    expect(leftovers(store)).toEqual([]);
    for (const r of await readers.stop()) expect(r.errors).toEqual([]);
  });

  it.runIf(isRoot)('a full disk (4 MiB tmpfs) fails cleanly with one line; current untouched, nothing left behind', async () => {
    const store = tempDirFor(undefined);
    await withTmpfs(store, '4m', async () => {
      const ra = await publishOk(await variant(), store);
      const r = await startPublish(await variant(3 << 20), store).done;
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(
        /^eda-oci publish: error: no space left in .* \(ENOSPC\) while writing a new version of bb; nothing was switched, .*\/bb is unchanged; free space there \(eda-oci gc --bundles-dir .*\) and publish again$/,
      );
      expect(current(store)).toBe(ra.version);
      expect(leftovers(store)).toEqual([]);
      const readers = startReaders(store, 1);
      await sleep(200);
      for (const rep of await readers.stop()) {
        expect(rep.errors).toEqual([]);
        expect(rep.iterations).toBeGreaterThan(0);
      }
    });
  });

  it.runIf(isRoot)(
    'publishing an unchanged bundle writes nothing: same inodes, times and link counts, same free inodes and blocks (own tmpfs)',
    async () => {
      const store = tempDirFor(undefined);
      const b = await variant();
      // A file system of its own, so that its free counts move only with what publish does.
      await withTmpfs(store, '64m', () => unchangedWritesNothing(store, b));
    },
  );
});

async function unchangedWritesNothing(store: string, b: string): Promise<void> {
  await publishOk(b, store);
  const snap = (): string[] => {
    const out: string[] = [];
    const walk = (d: string): void => {
      for (const n of fs.readdirSync(d).sort()) {
        const st = fs.lstatSync(path.join(d, n), { bigint: true });
        out.push(`${path.relative(store, path.join(d, n))} ${st.ino} ${st.mtimeNs} ${st.ctimeNs} ${st.nlink}`);
        if (st.isDirectory()) walk(path.join(d, n));
      }
    };
    walk(store);
    return out;
  };
  const before = snap();
  const fsBefore = fs.statfsSync(store);
  const r = await publishOk(b, store);
  expect(r).toMatchObject({ changed: false, 'bytes-written': 0 });
  expect(snap()).toEqual(before);
  const fsAfter = fs.statfsSync(store);
  expect([fsAfter.ffree, fsAfter.bfree]).toEqual([fsBefore.ffree, fsBefore.bfree]);
}

describe.runIf(isRoot)('other users (needs root for runuser)', () => {
  const BUILDER = env.EDA_OCI_TEST_USER!;
  const OTHER = env.EDA_OCI_TEST_USER2!;
  let store = '';
  let digest = '';

  beforeAll(() => {
    const out = tempDirFor(BUILDER);
    store = tempDirFor(BUILDER);
    const built = buildAsTestUser(env.EDA_OCI_IMG_BUSYBOX1!, NAME, out, 'missing');
    digest = built.digest;
    const p = cli(['publish', '--bundle', built.path, '--bundles-dir', store, '--json'], { user: BUILDER });
    expect(p.status, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ changed: true, path: path.join(store, NAME) });
  });

  it('edaoci2 runs the bundle edaoci published, with runc (eda-oci test: its own id mappings, rootfs read-only)', () => {
    const r = cli(
      [
        'test',
        '--bundle',
        path.join(store, NAME),
        '--run',
        'test "$(cat /.eda-oci/bundle-id)" = ' + digest + ' && ls /bin/busybox',
        '--allow-vulnerable-runc',
        '--json',
      ],
      { user: OTHER },
    );
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ passed: 1, failed: 0 });
  });

  it('edaoci2 runs it through srun --container, naming the version (as slurm-submit-container pins it)', () => {
    const version = fs.realpathSync(path.join(store, NAME));
    const r = runAs(OTHER, 'srun', ['--quiet', '--container', version, '/bin/sh', '-c', 'cat /.eda-oci/bundle-id'], {}, '/tmp');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(digest);
  });

  it('edaoci2 runs it through srun --container <bundles-dir>/<name>, the symlink (the runtime shim resolves root.path for runc)', () => {
    const r = runAs(
      OTHER,
      'srun',
      ['--quiet', '--container', path.join(store, NAME), '/bin/sh', '-c', 'cat /.eda-oci/bundle-id'],
      {},
      '/tmp',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(digest);
  });

  it('edaoci2 can read but not change or publish into the store', () => {
    const version = fs.readlinkSync(path.join(store, NAME));
    const w = runAs(OTHER, 'sh', ['-c', `echo x > ${store}/${version}/rootfs/etc/x; ln -sfn /tmp ${store}/${NAME}`]);
    expect(w.status).not.toBe(0);
    expect(fs.readlinkSync(path.join(store, NAME))).toBe(version);
    const p = cli(['publish', '--bundle', busybox, '--bundles-dir', store, '--name', NAME], { user: OTHER });
    expect(p.status).toBe(1);
    expect(p.stderr.trim().split('\n').at(-1)).toMatch(
      /bundles-dir '.*' is owned by uid 1001, not by the publishing user edaoci2 \(uid 1002\)/,
    );
  });

  it('gc keeps a version a queued Slurm job of another user names, and deletes it once the job is gone', () => {
    const v1 = fs.readlinkSync(path.join(store, NAME)).split('/').pop()!;
    const out = tempDirFor(BUILDER);
    for (const image of [env.EDA_OCI_IMG_BUSYBOX2!, env.EDA_OCI_IMG_TOOL!]) {
      const built = buildAsTestUser(image, NAME, out, 'missing');
      expect(cli(['publish', '--bundle', built.path, '--bundles-dir', store], { user: BUILDER }).status).toBe(0);
    }
    // v1 is now neither current nor previous; a held job of edaoci2 names it.
    const job = runAs(
      OTHER,
      'sbatch',
      ['--parsable', '--hold', '--container', path.join(store, '.eda-oci', NAME, v1), '--wrap', 'true'],
      {},
      '/tmp',
    );
    expect(job.status, job.stderr).toBe(0);
    const id = job.stdout.trim();
    try {
      const kept = cli(['gc', '--bundles-dir', store, '--keep', '1', '--grace-seconds', '0', '--json'], { user: BUILDER });
      expect(kept.status, kept.stderr).toBe(0);
      const r = JSON.parse(kept.stdout).names[0];
      expect(r.deleted).toEqual([]);
      expect(r.kept.find((k: { version: string }) => k.version === v1).reasons).toEqual(['in-use']);
    } finally {
      spawnSync('scancel', [id]);
    }
    const gone = cli(['gc', '--bundles-dir', store, '--keep', '1', '--grace-seconds', '0', '--json'], { user: BUILDER });
    expect(gone.status, gone.stderr).toBe(0);
    expect(JSON.parse(gone.stdout).names[0].deleted).toEqual([v1]);
    expect(fs.existsSync(path.join(store, '.eda-oci', NAME, v1))).toBe(false);
  });
});
