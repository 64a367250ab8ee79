// Unit tests of writing a version's tree: link sources are vetted by lstat (a current version changed by hand is copied
// from, not linked), the written tree is checked per directory (an entry added or removed while writing fails the
// publish), the record of the tree (publish.files) is checked as a whole, and what it records is what is on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError, silentLogger, type Logger } from '@eda-oci/exec';
import { nsToSeconds } from '@eda-oci/oci';
import {
  checkRecord,
  checkVersionTree,
  loadSourceBundle,
  publishBundle,
  publishedMode,
  readPublishFiles,
  writeTree,
  type PublishOptions,
} from '../src/index.js';
import { makeBundle, sampleTree } from './helpers/bundle.js';
import { removeStoreDir, tempStore } from './helpers/temp-store.js';

let dir: string;
let store: string;
beforeEach(() => {
  ({ dir, store } = tempStore('eda-oci-tree-'));
});
afterEach(() => {
  removeStoreDir(dir);
});

const uid = process.getuid?.() ?? 0;
const warnings: string[] = [];
const logger: Logger = { ...silentLogger, warning: (m) => void warnings.push(m) };
const publish = (bundle: string, o: Partial<PublishOptions> = {}) =>
  publishBundle({ bundle, bundlesDir: store, name: 'tool', graceSeconds: 0, ...o }, { inUse: async () => [], logger });
const ino = (p: string): bigint => fs.lstatSync(p, { bigint: true }).ino;

/** Changes a path of a published (read-only) version as its owner could by hand. */
function byHand(versionDir: string, rel: string, change: (abs: string) => void): void {
  const abs = path.join(versionDir, 'rootfs', rel);
  const parent = path.dirname(abs);
  const mode = fs.statSync(parent).mode & 0o7777;
  fs.chmodSync(parent, 0o755);
  change(abs);
  fs.chmodSync(parent, mode);
}

describe('writeTree', () => {
  it('links only from current-version paths that are exactly as recorded; the others are copied from the bundle', async () => {
    const { bundle: b1 } = await makeBundle(dir, 'b1', sampleTree(1));
    const { bundle: b2 } = await makeBundle(dir, 'b2', sampleTree(2));
    const r1 = await publish(b1);
    const v1 = (rel: string): string => path.join(r1.versionPath, 'rootfs', rel);
    const keepTimes = (abs: string, change: () => void): void => {
      const st = fs.lstatSync(abs);
      change();
      fs.lutimesSync(abs, st.atime, st.mtime);
    };
    byHand(r1.versionPath, 'etc/config', (f) => fs.chmodSync(f, 0o600)); // mode
    byHand(r1.versionPath, 'etc/secret', (f) => fs.utimesSync(f, 5, 5)); // mtime
    byHand(r1.versionPath, 'private/x', (f) =>
      keepTimes(f, () => {
        // another inode with the same content, mode and mtime
        fs.copyFileSync(f, `${f}.new`);
        fs.chmodSync(`${f}.new`, 0o644);
        fs.renameSync(`${f}.new`, f);
      }),
    );
    byHand(r1.versionPath, 'bin/sh', (f) =>
      keepTimes(f, () => {
        fs.unlinkSync(f);
        fs.symlinkSync('elsewhere', f); // another target
      }),
    );
    warnings.length = 0;
    const r2 = await publish(b2);
    // Unchanged and intact: etc/group-writable, opt/big. Copied: bin/tool (changed) and the four damaged ones.
    expect(r2).toMatchObject({ changed: true, filesLinked: 2, filesCopied: 4 });
    expect(warnings.join('\n')).toMatch(/4 paths of \S+ differ from its publish.files \(changed by hand\?\): copied from the bundle/);
    const v2 = (rel: string): string => path.join(r2.versionPath, 'rootfs', rel);
    for (const rel of ['etc/group-writable', 'opt/big']) expect(ino(v2(rel))).toBe(ino(v1(rel)));
    for (const rel of ['etc/config', 'etc/secret', 'private/x', 'bin/sh']) expect(ino(v2(rel))).not.toBe(ino(v1(rel)));
    expect(fs.lstatSync(v2('etc/config')).mode & 0o7777).toBe(0o644);
    expect(fs.lstatSync(v2('etc/secret')).mtimeMs).toBe(1005_000);
    expect(fs.readlinkSync(v2('bin/sh'))).toBe('tool');
    expect(fs.readFileSync(v2('private/x'), 'utf8')).toBe('x');
    // What publish.files records is what is on disk (inodes, modes, sizes, mtimes): a rollback would accept it.
    const files = await readPublishFiles(r2.versionPath);
    expect(files?.entries).toHaveLength(12);
    checkVersionTree(r2.versionPath, files!);
    for (const e of files!.entries) expect(e.ino).toBe(ino(v2(e.path)).toString());
  });

  it('links a file that moved to another path from where it is now, by content, mode and mtime', async () => {
    const moved = (variant: number, where: string) =>
      sampleTree(variant)
        .filter((s) => s.name !== 'private/x')
        .concat({ name: where, data: 'x', mode: 0o644, mtime: 1010 });
    const { bundle: b1 } = await makeBundle(dir, 'b1', moved(1, 'private/x'));
    const { bundle: b2 } = await makeBundle(dir, 'b2', moved(1, 'etc/x-moved'));
    const r1 = await publish(b1);
    const r2 = await publish(b2);
    expect(r2).toMatchObject({ filesCopied: 0, filesLinked: 6 });
    expect(ino(path.join(r2.versionPath, 'rootfs/etc/x-moved'))).toBe(ino(path.join(r1.versionPath, 'rootfs/private/x')));
  });

  it('an entry added to or removed from the new tree while it is written fails the check: nothing can go live', async () => {
    const { bundle } = await makeBundle(dir, 'b1', sampleTree(1));
    const source = await loadSourceBundle(bundle);
    const attempt = async (name: string, meddle: (root: string) => void): Promise<unknown> => {
      const staging = path.join(dir, name);
      fs.mkdirSync(staging, 0o700);
      return writeTree({ source, staging, shared: true, uid, midway: async () => meddle(path.join(staging, 'rootfs')) }).catch(
        (e: unknown) => e,
      );
    };
    // Half-way (after etc/config), bin is complete: bin/sh, bin/tool, bin/tool-alias.
    const added = await attempt('s1', (root) => fs.writeFileSync(path.join(root, 'bin/extra'), 'x'));
    expect(added).toBeInstanceOf(BundleError);
    expect((added as Error).message).toMatch(/the new version failed its check before going live \(rootfs\/bin: 4 entries, expected 3\)/);
    const removed = await attempt('s2', (root) => fs.unlinkSync(path.join(root, 'bin/sh')));
    expect((removed as Error).message).toMatch(/\(rootfs\/bin: 2 entries, expected 3\)/);
    const ok = await attempt('s3', () => undefined);
    expect(ok).toMatchObject({ filesCopied: 6, filesLinked: 0 });
  });
});

describe('checkRecord', () => {
  it('accepts a complete record and refuses an unwritten path, a broken or a merged hard link, and a wrong digest', async () => {
    const { bundle, lock } = await makeBundle(dir, 'b1', sampleTree(1));
    const source = await loadSourceBundle(bundle);
    const entries = source.manifest.entries;
    const modes = entries.map((e) => publishedMode(e.mode, e.type, false));
    const at = (rel: string): number => entries.findIndex((e) => e.path === rel);
    // A store inode per source inode: a faithful record.
    const good = entries.map((e) => `9${e.ino}`);
    const r = checkRecord(source, modes, good, false);
    expect(r.treeDigest).toBe(lock.rootfs.treeDigest);
    expect(r.entries.map((e) => e.ino)).toEqual(good);
    expect(r.entries.every((e, i) => nsToSeconds(e.mtimeNs) === nsToSeconds(entries[i]!.mtimeNs))).toBe(true);

    const unwritten = [...good];
    unwritten[at('etc/config')] = undefined as unknown as string;
    expect(() => checkRecord(source, modes, unwritten, false)).toThrow(/rootfs\/etc\/config: not written/);
    const split = [...good];
    split[at('bin/tool-alias')] = '12345';
    expect(() => checkRecord(source, modes, split, false)).toThrow(/rootfs\/bin\/tool-alias: not hard-linked like in the bundle/);
    const merged = [...good];
    merged[at('etc/secret')] = good[at('etc/config')]!;
    expect(() => checkRecord(source, modes, merged, false)).toThrow(/rootfs\/etc\/secret: hard-linked to a file it is not linked to/);
    const otherModes = [...modes];
    otherModes[at('etc/secret')] = 0o644;
    expect(() => checkRecord(source, otherModes, good, false)).toThrow(/tree digest sha256:\w+, the lockfile has/);
    // With `shared` the modes differ on purpose: the digest is a new one, the counts still the lockfile's.
    expect(checkRecord(source, otherModes, good, true).treeDigest).not.toBe(lock.rootfs.treeDigest);
  });
});
