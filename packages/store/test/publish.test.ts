// Unit tests of publish, rollback, list and gc on real files in a temp dir (no Docker: bundles come from tar specs).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError, CancelledError, ConfigurationError } from '@eda-oci/exec';
import {
  SlurmUnavailableError,
  TEST_PAUSE_MARKER,
  gcStore,
  listStore,
  publishBundle,
  readHistory,
  rollbackStore,
  storePaths,
  validatePublishOptions,
  type InUseQuery,
  type PublishOptions,
  type StoreDeps,
} from '../src/index.js';
import { makeBundle, sampleTree } from './helpers/bundle.js';
import { openDirs, removeStoreDir, tempStore } from './helpers/temp-store.js';

let dir: string;
let store: string;
beforeEach(() => {
  ({ dir, store } = tempStore('eda-oci-publish-'));
});
afterEach(() => {
  removeStoreDir(dir);
});

/** Every path under `root` with type, mode, inode and mtime: equal snapshots mean nothing was written. */
function snapshot(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      const st = fs.lstatSync(p, { bigint: true });
      out.push(`${path.relative(root, p)} ${st.mode.toString(8)} ${st.ino} ${st.mtimeNs} ${st.nlink}`);
      if (st.isDirectory()) walk(p);
    }
  };
  const st = fs.lstatSync(root, { bigint: true });
  out.push(`. ${st.mtimeNs}`);
  walk(root);
  return out;
}

const noSlurm: InUseQuery = async () => [];
const deps: StoreDeps = { inUse: noSlurm };
const publish = (bundle: string, o: Partial<PublishOptions> = {}, d: StoreDeps = deps) =>
  publishBundle({ bundle, bundlesDir: store, name: 'tool', graceSeconds: 0, ...o }, d);
const ino = (p: string): bigint => fs.lstatSync(p, { bigint: true }).ino;

describe('publishBundle', () => {
  it('first publish: a complete version, a relative symlink, shared modes, hard links kept, history', async () => {
    const { bundle, lock } = await makeBundle(dir, 'b1', sampleTree(1));
    const r = await publish(bundle);
    expect(r).toMatchObject({
      path: path.join(store, 'tool'),
      changed: true,
      previousVersion: '',
      filesLinked: 0,
      bundleDigest: lock.bundleDigest,
    });
    expect(r.version).toMatch(new RegExp(`^\\d{8}T\\d{6}Z-${lock.bundleDigest.slice(7, 19)}$`));
    expect(fs.readlinkSync(path.join(store, 'tool'))).toBe(`.eda-oci/tool/${r.version}`);
    expect(r.versionPath).toBe(path.join(store, '.eda-oci/tool', r.version));
    const v = (rel: string): string => path.join(store, 'tool', rel);
    expect(fs.readFileSync(v('rootfs/bin/tool'), 'utf8')).toBe('tool v1\n');
    expect(fs.readFileSync(v('rootfs/.eda-oci/bundle-id'), 'utf8')).toBe(`${lock.bundleDigest}\n`);
    expect(JSON.parse(fs.readFileSync(v('bundle.lock.json'), 'utf8')).bundleDigest).toBe(lock.bundleDigest);
    expect(fs.readFileSync(v('config.json'))).toEqual(fs.readFileSync(path.join(bundle, 'config.json')));
    // shared: readable by all, writable by none but the owner; directories searchable.
    const mode = (rel: string): number => fs.lstatSync(v(rel)).mode & 0o7777;
    expect(mode('rootfs/etc/secret')).toBe(0o644);
    expect(mode('rootfs/etc/group-writable')).toBe(0o644);
    expect(mode('rootfs/bin/tool')).toBe(0o755);
    expect(mode('rootfs/private')).toBe(0o755);
    expect(mode('rootfs/opt')).toBe(0o555);
    expect(fs.statSync(r.versionPath).mode & 0o777).toBe(0o555);
    expect(ino(v('rootfs/bin/tool'))).toBe(ino(v('rootfs/bin/tool-alias')));
    expect(fs.readFileSync(v('rootfs/opt/big')).length).toBe((1 << 20) | 17);
    expect(fs.lstatSync(v('rootfs/bin/tool')).mtimeMs).toBe(1001_000);
    const meta = JSON.parse(fs.readFileSync(v('publish.json'), 'utf8'));
    expect(meta).toMatchObject({
      version: r.version,
      bundleDigest: lock.bundleDigest,
      shared: true,
      previous: '',
      bytesWritten: r.bytesWritten,
    });
    expect(meta.publishedTreeDigest).not.toBe(lock.rootfs.treeDigest); // modes changed by `shared`
    expect(r.bytesWritten).toBeGreaterThan(lock.rootfs.bytes);
    expect(await readHistory(storePaths(store, 'tool'))).toMatchObject([{ version: r.version, op: 'publish' }]);
    const nameDir = path.join(store, '.eda-oci/tool');
    expect(fs.readdirSync(nameDir).sort()).toEqual([r.version, 'history']);
  });

  it('shared: false keeps the modes, and the published tree digests exactly like the lockfile', async () => {
    const { bundle, lock } = await makeBundle(dir, 'b1', sampleTree(1));
    const r = await publish(bundle, { shared: false });
    expect(fs.lstatSync(path.join(store, 'tool/rootfs/etc/secret')).mode & 0o777).toBe(0o600);
    const meta = JSON.parse(fs.readFileSync(path.join(r.versionPath, 'publish.json'), 'utf8'));
    expect(meta.publishedTreeDigest).toBe(lock.rootfs.treeDigest);
  });

  it('publishing an unchanged bundle writes nothing at all and says changed=false', async () => {
    const { bundle } = await makeBundle(dir, 'b1', sampleTree(1));
    const first = await publish(bundle);
    const before = snapshot(store);
    const r = await publish(bundle);
    expect(r).toMatchObject({ changed: false, version: first.version, bytesWritten: 0, filesLinked: 0 });
    expect(snapshot(store)).toEqual(before);
  });

  it('v2 hard-links every unchanged file from v1 and copies only what changed; v1 stays intact', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    const r1 = await publish(b1);
    const r2 = await publish(b2);
    expect(r2).toMatchObject({ changed: true, previousVersion: r1.version, filesCopied: 1 });
    expect(r2.filesLinked).toBe(5); // etc/config, etc/secret, etc/group-writable, opt/big, private/x: all but bin/tool
    const a = (rel: string): string => path.join(r1.versionPath, 'rootfs', rel);
    const b = (rel: string): string => path.join(r2.versionPath, 'rootfs', rel);
    for (const rel of ['etc/config', 'etc/secret', 'opt/big', 'bin/sh']) expect(ino(b(rel))).toBe(ino(a(rel)));
    expect(ino(b('bin/tool'))).not.toBe(ino(a('bin/tool')));
    expect(ino(b('bin/tool'))).toBe(ino(b('bin/tool-alias')));
    expect(fs.readFileSync(a('bin/tool'), 'utf8')).toBe('tool v1\n');
    expect(fs.readFileSync(b('bin/tool'), 'utf8')).toBe('tool v2\n');
    expect(r2.bytesWritten).toBeLessThan(20_000); // no big file copied
  });

  it('when the current version was removed by hand, links from the newest complete version instead', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    const { bundle: b3 } = await makeBundle(dir, 'b3', sampleTree(3));
    const r1 = await publish(b1);
    const r2 = await publish(b2);
    openDirs(r2.versionPath);
    fs.rmSync(r2.versionPath, { recursive: true });
    const r3 = await publish(b3);
    expect(r3).toMatchObject({ changed: true, previousVersion: r2.version, filesLinked: 5 });
    expect(ino(path.join(r3.versionPath, 'rootfs/opt/big'))).toBe(ino(path.join(r1.versionPath, 'rootfs/opt/big')));
  });

  it('files with sub-second mtimes are linked too (the exact mtime is kept in publish.files)', async () => {
    const frac = (variant: number) => [
      ...sampleTree(variant),
      { name: 'etc/precise', data: 'p\n', mode: 0o644, mtime: 1000, pax: { mtime: '1700000000.123456789' } },
    ];
    const { bundle: b1 } = await makeBundle(dir, 'b1', frac(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', frac(2));
    const r1 = await publish(b1);
    const r2 = await publish(b2);
    const a = path.join(r1.versionPath, 'rootfs/etc/precise');
    expect(ino(path.join(r2.versionPath, 'rootfs/etc/precise'))).toBe(ino(a));
    expect(fs.statSync(a, { bigint: true }).mtimeNs / 1000n).toBe(1700000000123456n);
    // The bundle's mtime in ns as the build's lstat saw it (the archive's 1700000000.123456789 went through a double).
    const srcNs = fs.statSync(path.join(b1, 'rootfs/etc/precise'), { bigint: true }).mtimeNs;
    expect(fs.readFileSync(path.join(r1.versionPath, 'publish.files'), 'utf8')).toContain(`etc/precise\tf\t644\t2\t${srcNs}\t`);
  });

  it('a config.json change alone copies no rootfs file', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(1), { config: { ociVersion: '1.0.2', process: { args: ['/bin/sh'] } } });
    await publish(b1);
    const r = await publish(b2);
    expect(r).toMatchObject({ changed: true, filesCopied: 0, filesLinked: 6 });
  });

  it('the same bundle as an older kept version: points at it again, copying nothing', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    const r1 = await publish(b1);
    await publish(b2);
    const r = await publish(b1);
    expect(r).toMatchObject({ changed: true, version: r1.version, bytesWritten: 0, filesLinked: 0 });
    expect(fs.readlinkSync(path.join(store, 'tool'))).toBe(`.eda-oci/tool/${r1.version}`);
    expect((await readHistory(storePaths(store, 'tool'))).map((h) => h.op)).toEqual(['publish', 'publish', 'repoint']);
  });

  it('refuses a bundle whose digest is not the expected one (changed since tested), before writing anything', async () => {
    const { bundle } = await makeBundle(dir, 'b1', sampleTree(1));
    const other = `sha256:${'e'.repeat(64)}`;
    await expect(publish(bundle, { expectedDigest: other })).rejects.toThrow(
      new RegExp(`has digest sha256:\\w+, not the expected ${other}: it changed since it was built and tested`),
    );
    expect(fs.readdirSync(store)).toEqual([]);
  });

  it('refuses a bundle modified after its build, before writing anything', async () => {
    const { bundle } = await makeBundle(dir, 'b1', sampleTree(1));
    fs.writeFileSync(path.join(bundle, 'rootfs/bin/tool'), 'tool v9\n');
    await expect(publish(bundle)).rejects.toThrow(BundleError);
    expect(fs.readdirSync(store)).toEqual([]);
  });

  it('an in-place bundle directory at the name is refused with the exact migration commands', async () => {
    const { bundle } = await makeBundle(dir, 'b1', sampleTree(1));
    fs.mkdirSync(path.join(store, 'tool'));
    const err = await publish(bundle).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(
      /is a real directory .*migrate once while no job starts it: mv .*\/tool .*\/tool\.pre-eda-oci && eda-oci publish --bundle .*tool\.pre-eda-oci --bundles-dir .* --name tool/,
    );
  });

  it('refuses a world-writable bundles dir without the sticky bit', async () => {
    const { bundle } = await makeBundle(dir, 'b1', sampleTree(1));
    fs.chmodSync(store, 0o777);
    await expect(publish(bundle)).rejects.toThrow(/writable by every user \(mode 0777\) without the sticky bit/);
  });

  it('dry run verifies and counts but writes nothing', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    await publish(b1);
    const before = snapshot(store);
    const r = await publish(b2, { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, changed: true, filesLinked: 5, filesCopied: 1, bytesWritten: 8 });
    expect(snapshot(store)).toEqual(before);
  });

  it('validates options before touching anything', () => {
    const ok = { bundle: '/b', bundlesDir: '/s' };
    expect(validatePublishOptions(ok)).toMatchObject({ keep: 5, lockTimeoutSeconds: 600, shared: true, dryRun: false, graceSeconds: 3600 });
    expect(() => validatePublishOptions({ ...ok, keep: 0 })).toThrow(/keep is '0'/);
    expect(() => validatePublishOptions({ ...ok, lockTimeoutSeconds: -1 })).toThrow(/lock-timeout-seconds is '-1'/);
    expect(() => validatePublishOptions({ ...ok, expectedDigest: 'abc' })).toThrow(/expected-digest 'abc' is not a bundle digest/);
    expect(() => validatePublishOptions({ ...ok, name: '../x' })).toThrow(/bundle name '..\/x' is invalid/);
    expect(() => validatePublishOptions({ ...ok, bundle: '' })).toThrow(/bundle is empty/);
    expect(() => validatePublishOptions({ ...ok, bundlesDir: '' })).toThrow(/bundles-dir is empty/);
  });

  it('cancellation during the copy removes the staging dir, releases the lock and leaves current untouched', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    const r1 = await publish(b1);
    const ac = new AbortController();
    const stderr = process.stderr.write.bind(process.stderr);
    let paused = false;
    process.stderr.write = ((chunk: string) => {
      if (String(chunk).startsWith(TEST_PAUSE_MARKER)) {
        paused = true;
        setTimeout(() => ac.abort(), 10);
        return true;
      }
      return stderr(chunk);
    }) as typeof process.stderr.write;
    try {
      const err = await publish(b2, { signal: ac.signal }, { ...deps, env: { EDA_OCI_STORE_TEST_PAUSE: 'during-copy' } }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CancelledError);
    } finally {
      process.stderr.write = stderr;
    }
    expect(paused).toBe(true);
    expect(fs.readdirSync(path.join(store, '.eda-oci/tool')).sort()).toEqual([r1.version, 'history']);
    expect(fs.readlinkSync(path.join(store, 'tool'))).toBe(`.eda-oci/tool/${r1.version}`);
  });

  it('removes leftovers of a killed publisher (dead pid) on the next run', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    await publish(b1);
    const nameDir = path.join(store, '.eda-oci/tool');
    const host = os.hostname().replace(/[^A-Za-z0-9._]/g, '_');
    fs.mkdirSync(path.join(nameDir, `.staging-${host}-999999999-0a0b0c0d`, 'rootfs'), { recursive: true });
    fs.mkdirSync(path.join(nameDir, `.staging-${host}-${process.pid}-0a0b0c0e`)); // a live publisher's: kept
    fs.mkdirSync(path.join(nameDir, `.trash-20200101T000000Z-aaaaaaaaaaaa-0a0b0c0d`));
    fs.symlinkSync('.eda-oci/tool/x', path.join(store, `.tool.swap-${host}-999999999-0a0b0c0d`));
    fs.mkdirSync(path.join(nameDir, '.lock'));
    fs.writeFileSync(
      path.join(nameDir, '.lock/owner.json'),
      JSON.stringify({ host: os.hostname(), pid: 999_999_999, user: 'x', token: 't', created: '', lifetimeSeconds: 60 }),
    );
    const r = await publish(b2);
    expect(r.changed).toBe(true);
    expect(
      fs
        .readdirSync(nameDir)
        .filter((e) => e.startsWith('.'))
        .sort(),
    ).toEqual([`.staging-${host}-${process.pid}-0a0b0c0e`]);
    expect(fs.readdirSync(store).sort()).toEqual(['.eda-oci', 'tool']);
  });

  it('retention after publishing keeps the newest `keep`, the previous one, and what jobs use', async () => {
    const versions: string[] = [];
    let used: string[] = [];
    const inUse: InUseQuery = async () => used.map((v) => ({ id: '1', state: 'RUNNING', container: path.join(store, '.eda-oci/tool', v) }));
    for (let i = 1; i <= 4; i++) {
      const { bundle } = await makeBundle(dir, `b${i}`, sampleTree(i));
      if (i === 2) used = [versions[0]!];
      const r = await publish(bundle, { keep: 1 }, { inUse, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, i)) });
      versions.push(r.version);
    }
    // After the 4th: v4 current (within keep), v3 previous, v1 in use; v2 deleted.
    expect(
      fs
        .readdirSync(path.join(store, '.eda-oci/tool'))
        .filter((e) => !e.startsWith('.') && e !== 'history')
        .sort(),
    ).toEqual([versions[0], versions[2], versions[3]].sort());
  });

  it('retention is skipped with a warning when Slurm cannot be asked', async () => {
    const inUse: InUseQuery = async () => {
      throw new SlurmUnavailableError('cannot ask Slurm: squeue was not found', 'pass --ignore-slurm');
    };
    const rs = [];
    for (let i = 1; i <= 3; i++) rs.push(await publish((await makeBundle(dir, `b${i}`, sampleTree(i))).bundle, { keep: 1 }, { inUse }));
    expect(rs[2]!.warnings.join()).toMatch(/retention skipped, old versions kept: cannot ask Slurm/);
    expect(fs.readdirSync(path.join(store, '.eda-oci/tool')).filter((e) => /^\d/.test(e))).toHaveLength(3);
  });
});

describe('rollback, list, gc', () => {
  async function threeVersions(): Promise<string[]> {
    const out: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const { bundle } = await makeBundle(dir, `b${i}`, sampleTree(i));
      out.push((await publish(bundle, { keep: 10 }, { ...deps, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, i)) })).version);
    }
    return out;
  }

  it('rollback goes to the previous version, again forward, or to a given one; refuses unknown versions', async () => {
    const [v1, v2, v3] = await threeVersions();
    const link = path.join(store, 'tool');
    expect(await rollbackStore({ bundlesDir: store, name: 'tool' })).toMatchObject({ from: v3, to: v2, changed: true });
    expect(fs.readlinkSync(link)).toBe(`.eda-oci/tool/${v2}`);
    expect(await rollbackStore({ bundlesDir: store, name: 'tool' })).toMatchObject({ from: v2, to: v3 });
    expect(await rollbackStore({ bundlesDir: store, name: 'tool', to: v1 })).toMatchObject({ from: v3, to: v1 });
    expect(fs.readFileSync(path.join(link, 'rootfs/bin/tool'), 'utf8')).toBe('tool v1\n');
    await expect(rollbackStore({ bundlesDir: store, name: 'tool', to: '20200101T000000Z-aaaaaaaaaaaa' })).rejects.toThrow(
      /has no version 20200101T000000Z-aaaaaaaaaaaa; pick one of/,
    );
    await expect(rollbackStore({ bundlesDir: store, name: 'tool', to: 'latest' })).rejects.toThrow(/is not a version name/);
    await expect(rollbackStore({ bundlesDir: store, name: 'nope' })).rejects.toThrow(/no bundle 'nope' is published/);
  });

  it('an unchanged publish after a rollback reports the rollback target as previous-version', async () => {
    const [v1, v2, v3] = await threeVersions();
    await rollbackStore({ bundlesDir: store, name: 'tool', to: v1 });
    const r = await publish(path.join(dir, 'b1'));
    expect(r).toMatchObject({ changed: false, version: v1, previousVersion: v3 });
    expect(v2).toBeDefined();
  });

  it('rollback refuses a damaged version', async () => {
    const [v1] = await threeVersions();
    const f = path.join(store, '.eda-oci/tool', v1!, 'rootfs/etc');
    fs.chmodSync(f, 0o700);
    await expect(rollbackStore({ bundlesDir: store, name: 'tool', to: v1 })).rejects.toThrow(/is damaged \(rootfs\/etc differs/);
  });

  it('list shows versions newest first with current, previous and in-use marks', async () => {
    const [v1, v2, v3] = await threeVersions();
    const inUse: InUseQuery = async () => [{ id: '7', state: 'RUNNING', container: path.join(store, '.eda-oci/tool', v1!, 'rootfs') }];
    const { names } = await listStore({ bundlesDir: store }, { inUse });
    expect(names).toHaveLength(1);
    expect(names[0]).toMatchObject({ name: 'tool', current: v3, previous: v2 });
    expect(names[0]!.versions.map((v) => [v.version, v.current, v.previous, v.inUse])).toEqual([
      [v3, true, false, false],
      [v2, false, true, false],
      [v1, false, false, true],
    ]);
    expect(names[0]!.versions[0]!.meta?.filesLinked).toBeGreaterThan(0);
    const noSqueue = await listStore(
      { bundlesDir: store, name: 'tool' },
      { inUse: async () => Promise.reject(new SlurmUnavailableError('no squeue')) },
    );
    expect(noSqueue.slurm).toBe('no squeue');
    expect(noSqueue.names[0]!.versions[0]!.inUse).toBeUndefined();
  });

  it('gc deletes beyond keep but never current, previous or in use; refuses without Slurm unless told', async () => {
    const [v1, v2, v3] = await threeVersions();
    await rollbackStore({ bundlesDir: store, name: 'tool', to: v1 }); // current v1, previous v3
    const noSqueue: InUseQuery = async () => Promise.reject(new SlurmUnavailableError('cannot ask Slurm: squeue was not found'));
    await expect(gcStore({ bundlesDir: store, keep: 1, graceSeconds: 0 }, { inUse: noSqueue })).rejects.toThrow(/squeue was not found/);
    const dry = await gcStore({ bundlesDir: store, keep: 1, graceSeconds: 0, dryRun: true }, deps);
    expect(dry[0]!.deleted).toEqual([v2]);
    expect(fs.existsSync(path.join(store, '.eda-oci/tool', v2!))).toBe(true);
    const used: InUseQuery = async () => [{ id: '1', state: 'PENDING', container: path.join(store, '.eda-oci/tool', v2!) }];
    expect((await gcStore({ bundlesDir: store, keep: 1, graceSeconds: 0 }, { inUse: used }))[0]!.deleted).toEqual([]);
    const r = await gcStore({ bundlesDir: store, keep: 1, graceSeconds: 0, ignoreSlurm: true }, { inUse: noSqueue });
    expect(r[0]!.deleted).toEqual([v2]);
    expect(r[0]!.kept.map((k) => [k.version, k.reasons])).toEqual([
      [v3, ['previous', 'within-keep']],
      [v1, ['current']],
    ]);
    expect(
      fs
        .readdirSync(path.join(store, '.eda-oci/tool'))
        .filter((e) => !e.startsWith('.') && e !== 'history')
        .sort(),
    ).toEqual([v1, v3].sort());
  });

  it('gc keeps versions inside the grace period', async () => {
    await threeVersions();
    const r = await gcStore({ bundlesDir: store, keep: 1, graceSeconds: 10 ** 9 }, deps);
    expect(r[0]!.deleted).toEqual([]);
  });
});
