// Tests of the safe streaming tar extractor: formats, hostile archives, tree digest, cancellation.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError, CancelledError } from '@eda-oci/exec';
import { fsError } from '../src/extract/extractor.js';
import { computeTreeDigest, extractTar } from '../src/extract/index.js';
import { chunked, headerBlock, setChecksum, tar, type TarSpec } from '../../../test/fixtures/tar/tar-writer.js';

let base: string;
let rootfs: string;
let sentinel: string;

/** Everything under `base` except rootfs: names, types, link targets, contents. */
function snapshotOutside(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (p === rootfs) continue;
      const st = fs.lstatSync(p);
      if (st.isDirectory()) {
        out.push(`d ${p} ${st.mode.toString(8)}`);
        walk(p);
      } else if (st.isSymbolicLink()) out.push(`l ${p} ${fs.readlinkSync(p)}`);
      else out.push(`f ${p} ${st.mode.toString(8)} ${fs.readFileSync(p, 'hex')}`);
    }
  };
  walk(base);
  return out;
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

async function extract(archive: Buffer | TarSpec[], opts?: Parameters<typeof extractTar>[2]) {
  const buf = Buffer.isBuffer(archive) ? archive : tar(archive);
  return extractTar(once(buf), rootfs, opts);
}

/** Asserts a hostile archive is rejected with a BundleError naming `mention`, and nothing outside rootfs changed. */
async function expectRejected(archive: Buffer | TarSpec[], mention: RegExp): Promise<BundleError> {
  fs.rmSync(rootfs, { recursive: true, force: true }); // fresh rootfs per archive, as the caller does
  fs.mkdirSync(rootfs, 0o700);
  const before = snapshotOutside();
  const err = await extract(archive).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  expect((err as Error).message).toMatch(mention);
  expect(snapshotOutside()).toEqual(before);
  expect(fs.existsSync('/etc/passwd-eda-oci-test')).toBe(false);
  return err as BundleError;
}

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-test-'));
  rootfs = path.join(base, 'rootfs');
  sentinel = path.join(base, 'sentinel');
  fs.mkdirSync(rootfs, 0o700);
  fs.mkdirSync(sentinel);
  fs.writeFileSync(path.join(sentinel, 'keep'), 'original');
});

afterEach(() => {
  // Modes like 0555 or 0000 would stop rm as a non-root user; make everything writable first.
  spawnSync('chmod', ['-R', 'u+rwx', base]);
  fs.rmSync(base, { recursive: true, force: true });
});

const big = Buffer.alloc(300_000);
for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
const longDir = `${'d'.repeat(120)}/${'e'.repeat(90)}`;

const normal: TarSpec[] = [
  { name: './', type: '5', mode: 0o755, mtime: 1_600_000_000 },
  { name: './etc/', type: '5', mode: 0o755, mtime: 1_600_000_001 },
  { name: './etc/hostname', data: 'box\n', mode: 0o644, mtime: 1_600_000_002 },
  { name: './etc/shadow', data: 'secret', mode: 0o640, mtime: 1_600_000_003 },
  { name: './usr/bin/', type: '5', mode: 0o755 },
  { name: './usr/bin/big', data: big, mode: 0o755, mtime: 1_600_000_004 },
  { name: './usr/bin/sh', type: '2', linkname: '/usr/bin/big', mtime: 1_600_000_005 },
  { name: './usr/bin/rel', type: '2', linkname: '../../etc/hostname' },
  { name: './usr/bin/hard', type: '1', linkname: './usr/bin/big', mtime: 1 },
  { name: `./${longDir}/pax-long-name.txt`, data: 'pax', pax: { path: `./${longDir}/pax-long-name.txt` } },
  { name: `./${longDir}/gnu-long-name.txt`, data: 'gnu', gnuLong: true },
  { name: `./${longDir}/gnu-long-link`, type: '2', linkname: `/${'t'.repeat(150)}`, gnuLong: true },
  { name: './usr/share/prefixed/file-with-prefix', prefixSplit: 20, data: 'prefix' },
  { name: './empty', data: '', mode: 0o600 },
  { name: './contig', type: '7', data: 'seven' },
  { name: './frac', data: 'f', pax: { mtime: '1600000010.75' } },
  { name: './b256', data: 'b', base256: true, mtime: 1_600_000_020 },
];

describe('extractTar: normal archives', () => {
  it('extracts files, dirs, symlinks, hard links, long names and reports counts', async () => {
    const r = await extract(normal);
    const p = (rel: string) => path.join(rootfs, rel);
    expect(fs.readFileSync(p('etc/hostname'), 'utf8')).toBe('box\n');
    expect(fs.statSync(p('etc/shadow')).mode & 0o7777).toBe(0o640);
    expect(fs.statSync(p('etc/hostname')).mtimeMs).toBe(1_600_000_002_000);
    expect(fs.readFileSync(p('usr/bin/big')).equals(big)).toBe(true);
    expect(fs.statSync(p('usr/bin/big')).mode & 0o7777).toBe(0o755);
    expect(fs.readlinkSync(p('usr/bin/sh'))).toBe('/usr/bin/big');
    expect(fs.lstatSync(p('usr/bin/sh')).mtimeMs).toBe(1_600_000_005_000);
    expect(fs.readlinkSync(p('usr/bin/rel'))).toBe('../../etc/hostname');
    expect(fs.statSync(p('usr/bin/hard')).ino).toBe(fs.statSync(p('usr/bin/big')).ino);
    expect(fs.readFileSync(p(`${longDir}/pax-long-name.txt`), 'utf8')).toBe('pax');
    expect(fs.readFileSync(p(`${longDir}/gnu-long-name.txt`), 'utf8')).toBe('gnu');
    expect(fs.readlinkSync(p(`${longDir}/gnu-long-link`))).toBe(`/${'t'.repeat(150)}`);
    expect(fs.readFileSync(p('usr/share/prefixed/file-with-prefix'), 'utf8')).toBe('prefix');
    expect(fs.statSync(p('empty')).size).toBe(0);
    expect(fs.readFileSync(p('contig'), 'utf8')).toBe('seven');
    expect(fs.statSync(p('frac')).mtimeMs).toBe(1_600_000_010_750);
    expect(fs.statSync(p('b256')).mtimeMs).toBe(1_600_000_020_000);
    // Directory metadata is applied at the end, after the content was written into them.
    expect(fs.statSync(p('etc')).mtimeMs).toBe(1_600_000_001_000);
    expect(fs.statSync(rootfs).mtimeMs).toBe(1_600_000_000_000);
    // Implicit parents (usr/, the long dirs) are created 0755.
    expect(fs.statSync(p('usr')).mode & 0o7777).toBe(0o755);

    expect(r.entries).toBe(normal.length);
    expect(r.files).toBe(10); // hostname shadow big pax gnu prefix empty contig frac b256
    expect(r.hardlinks).toBe(1);
    expect(r.symlinks).toBe(3);
    expect(r.dirs).toBe(7); // etc usr usr/bin ddd ddd/eee usr/share usr/share/prefixed (root not counted)
    expect(r.bytes).toBe(4 + 6 + big.length + 3 + 3 + 6 + 0 + 5 + 1 + 1);
    expect(r.skippedSpecial).toEqual([]);
    expect(r.strippedSetid).toEqual([]);
    expect(r.treeDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('gives the same result when the stream arrives in odd-sized pieces', async () => {
    const whole = await extract(normal);
    fs.rmSync(rootfs, { recursive: true });
    fs.mkdirSync(rootfs);
    const pieces = await extractTar(chunked(tar(normal), 7), rootfs);
    expect(pieces.treeDigest).toBe(whole.treeDigest);
    expect(fs.readFileSync(path.join(rootfs, 'usr/bin/big')).equals(big)).toBe(true);
  });

  it('computes the same tree digest from disk, and a different one after a one-byte change', async () => {
    const r = await extract(normal);
    const disk = await computeTreeDigest(rootfs);
    expect(disk.treeDigest).toBe(r.treeDigest);
    expect(disk.files).toBe(r.files);
    expect(disk.bytes).toBe(r.bytes);

    // .eda-oci written after extraction is excluded on request only.
    fs.mkdirSync(path.join(rootfs, '.eda-oci'));
    fs.writeFileSync(path.join(rootfs, '.eda-oci', 'bundle-id'), 'x');
    expect((await computeTreeDigest(rootfs, { exclude: ['.eda-oci'] })).treeDigest).toBe(r.treeDigest);
    expect((await computeTreeDigest(rootfs)).treeDigest).not.toBe(r.treeDigest);

    // Change one byte of one file, keep size and mtime: the digest must change.
    const f = path.join(rootfs, 'usr/bin/big');
    const st = fs.statSync(f);
    const fd = fs.openSync(f, 'r+');
    fs.writeSync(fd, Buffer.from([big[1000]! ^ 1]), 0, 1, 1000);
    fs.closeSync(fd);
    fs.utimesSync(f, st.atime, st.mtime);
    expect((await computeTreeDigest(rootfs, { exclude: ['.eda-oci'] })).treeDigest).not.toBe(r.treeDigest);
  });

  it('gives a different digest during extraction when one byte of the archive content differs', async () => {
    const a = await extract(normal);
    fs.rmSync(rootfs, { recursive: true });
    fs.mkdirSync(rootfs);
    const changed = normal.map((e) => (e.name === './etc/hostname' ? { ...e, data: 'bix\n' } : e));
    const b = await extract(changed);
    expect(b.treeDigest).not.toBe(a.treeDigest);
  });

  it('lets a later entry replace an earlier one of the same name (file, dir tree, symlink)', async () => {
    const r = await extract([
      { name: 'f', data: 'first' },
      { name: 'f', data: 'second' },
      { name: 'd/', type: '5' },
      { name: 'd/inner', data: 'x' },
      { name: 'd', data: 'now a file' },
      { name: 's', type: '2', linkname: '/etc' },
      { name: 's', data: 'regular' },
      { name: 'x', data: 'file first' },
      { name: 'x/', type: '5', mode: 0o750 },
      { name: 'x/y', data: 'under the new dir' },
      { name: 'k/', type: '5', mode: 0o700 },
      { name: 'k/', type: '5', mode: 0o711 },
    ]);
    expect(fs.readFileSync(path.join(rootfs, 'f'), 'utf8')).toBe('second');
    expect(fs.readFileSync(path.join(rootfs, 'd'), 'utf8')).toBe('now a file');
    expect(fs.lstatSync(path.join(rootfs, 's')).isFile()).toBe(true);
    expect(fs.readFileSync(path.join(rootfs, 'x/y'), 'utf8')).toBe('under the new dir');
    expect(fs.statSync(path.join(rootfs, 'x')).mode & 0o7777).toBe(0o750);
    expect(fs.statSync(path.join(rootfs, 'k')).mode & 0o7777).toBe(0o711);
    expect((await computeTreeDigest(rootfs)).treeDigest).toBe(r.treeDigest);
    expect(r.files).toBe(4);
    expect(r.dirs).toBe(2);
  });

  it('skips device nodes and FIFOs, lists them, and creates nothing for them', async () => {
    const r = await extract([
      { name: 'dev/', type: '5' },
      { name: 'dev/null', type: '3', mode: 0o666 },
      { name: 'dev/sda', type: '4', mode: 0o660 },
      { name: 'run/initctl', type: '6', mode: 0o600 },
      { name: 'ok', data: 'fine' },
    ]);
    expect(r.skippedSpecial).toEqual([
      { path: 'dev/null', type: 'char' },
      { path: 'dev/sda', type: 'block' },
      { path: 'run/initctl', type: 'fifo' },
    ]);
    expect(fs.readdirSync(path.join(rootfs, 'dev'))).toEqual([]);
    expect(fs.existsSync(path.join(rootfs, 'run/initctl'))).toBe(false);
    expect(r.entries).toBe(5);
    expect((await computeTreeDigest(rootfs)).treeDigest).toBe(r.treeDigest);
  });

  it('strips setuid and setgid bits but keeps the sticky bit', async () => {
    const r = await extract([
      { name: 'usr/bin/passwd', data: 'suid', mode: 0o4755 },
      { name: 'usr/bin/wall', data: 'sgid', mode: 0o2755 },
      { name: 'var/mail/', type: '5', mode: 0o2775 },
      { name: 'tmp/', type: '5', mode: 0o1777 },
    ]);
    expect(fs.statSync(path.join(rootfs, 'usr/bin/passwd')).mode & 0o7777).toBe(0o755);
    expect(fs.statSync(path.join(rootfs, 'usr/bin/wall')).mode & 0o7777).toBe(0o755);
    expect(fs.statSync(path.join(rootfs, 'var/mail')).mode & 0o7777).toBe(0o775);
    expect(fs.statSync(path.join(rootfs, 'tmp')).mode & 0o7777).toBe(0o1777);
    expect(r.strippedSetid).toEqual(['usr/bin/passwd', 'usr/bin/wall', 'var/mail']);
    expect((await computeTreeDigest(rootfs)).treeDigest).toBe(r.treeDigest);
  });

  it('writes into directories whose final mode is 0555 and applies that mode at the end', async () => {
    const r = await extract([
      { name: 'ro/', type: '5', mode: 0o555, mtime: 1_500_000_000 },
      { name: 'ro/sub/', type: '5', mode: 0o500 },
      { name: 'ro/sub/file', data: 'inside', mode: 0o444 },
      { name: 'ro/link', type: '2', linkname: 'sub/file' },
    ]);
    expect(fs.statSync(path.join(rootfs, 'ro')).mode & 0o7777).toBe(0o555);
    expect(fs.statSync(path.join(rootfs, 'ro/sub')).mode & 0o7777).toBe(0o500);
    expect(fs.statSync(path.join(rootfs, 'ro/sub/file')).mode & 0o7777).toBe(0o444);
    expect(fs.statSync(path.join(rootfs, 'ro')).mtimeMs).toBe(1_500_000_000_000);
    expect(fs.readFileSync(path.join(rootfs, 'ro/sub/file'), 'utf8')).toBe('inside');
    expect((await computeTreeDigest(rootfs)).treeDigest).toBe(r.treeDigest);
  });

  it('applies the filter: skipped entries are not created and mtime changes are honoured', async () => {
    const seen: string[] = [];
    const r = await extract(
      [
        { name: 'keep', data: 'k', mtime: 5 },
        { name: 'drop', data: 'd' },
        { name: 'dev/null', type: '3' },
      ],
      {
        filter: (e) => {
          seen.push(`${e.type}:${e.path}`);
          e.mtime = 42;
          return e.path !== 'drop' && e.path !== 'dev/null';
        },
      },
    );
    expect(seen).toEqual(['file:keep', 'file:drop', 'char:dev/null']);
    expect(fs.existsSync(path.join(rootfs, 'drop'))).toBe(false);
    expect(fs.statSync(path.join(rootfs, 'keep')).mtimeMs).toBe(42_000);
    expect(r.skippedSpecial).toEqual([]);
    expect((await computeTreeDigest(rootfs)).treeDigest).toBe(r.treeDigest);
  });

  it('creates ensureDirs inside the rootfs, never through a symlink, and includes them in the digest', async () => {
    const r = await extract(
      [
        { name: 'srv/', type: '5', mode: 0o700, mtime: 77 },
        { name: 'var/run', type: '2', linkname: sentinel },
      ],
      { ensureDirs: ['/srv/app/work', 'var/run/x', '/'], ensureDirsMtime: 1234 },
    );
    expect(fs.statSync(path.join(rootfs, 'srv/app/work')).isDirectory()).toBe(true);
    expect(fs.statSync(path.join(rootfs, 'srv/app')).mode & 0o7777).toBe(0o755);
    expect(fs.statSync(path.join(rootfs, 'srv/app/work')).mtimeMs).toBe(1_234_000);
    expect(fs.statSync(path.join(rootfs, 'srv')).mode & 0o7777).toBe(0o700);
    expect(fs.statSync(path.join(rootfs, 'srv')).mtimeMs).toBe(77_000);
    expect(fs.readdirSync(sentinel)).toEqual(['keep']);
    expect(r.dirs).toBe(4); // srv srv/app srv/app/work var
    expect((await computeTreeDigest(rootfs)).treeDigest).toBe(r.treeDigest);
    fs.rmSync(rootfs, { recursive: true });
    fs.mkdirSync(rootfs);
    await expect(extract([{ name: 'a', data: 'x' }], { ensureDirs: ['/app/../../x'] })).rejects.toThrow(/"\.\." component/);
  });

  it('accepts a lone zero block at EOF and trailing zero padding after the end marker', async () => {
    const body = tar([{ name: 'a', data: 'x' }], { end: false });
    await extract(Buffer.concat([body, Buffer.alloc(512)]));
    fs.rmSync(rootfs, { recursive: true });
    fs.mkdirSync(rootfs);
    await extract(Buffer.concat([body, Buffer.alloc(10240)]));
    expect(fs.readFileSync(path.join(rootfs, 'a'), 'utf8')).toBe('x');
  });

  it('refuses a rootfs that is not empty', async () => {
    fs.writeFileSync(path.join(rootfs, 'leftover'), '');
    await expect(extract([{ name: 'a', data: 'x' }])).rejects.toThrow(/not empty/);
  });
});

describe('extractTar: hostile archives', () => {
  it('rejects ../ escapes', async () => {
    await expectRejected([{ name: '../sentinel/pwned', data: 'x' }], /"\.\.\/sentinel\/pwned".*"\.\."/);
    await expectRejected([{ name: 'a/../../sentinel/pwned', data: 'x' }], /"\.\." component/);
    await expectRejected([{ name: 'x', data: 'x', pax: { path: '../sentinel/pwned' } }], /"\.\." component/);
    await expectRejected([{ name: `../sentinel/${'p'.repeat(120)}`, data: 'x', gnuLong: true }], /"\.\." component/);
  });

  it('rejects absolute names', async () => {
    await expectRejected([{ name: `${sentinel}/pwned`, data: 'x' }], /absolute path/);
    await expectRejected([{ name: '/etc/passwd-eda-oci-test', data: 'x' }], /absolute path/);
  });

  it('rejects writing through a symlink (absolute target, .., and a dir entry below it)', async () => {
    await expectRejected(
      [
        { name: 'a', type: '2', linkname: sentinel },
        { name: 'a/pwned', data: 'x' },
      ],
      /"a\/pwned" writes through a symlink \("a"\)/,
    );
    await expectRejected(
      [
        { name: 'b', type: '2', linkname: '..' },
        { name: 'b/sentinel/pwned', data: 'x' },
      ],
      /writes through a symlink/,
    );
    await expectRejected(
      [
        { name: 'c', type: '2', linkname: sentinel },
        { name: 'c/d/', type: '5' },
      ],
      /writes through a symlink/,
    );
    await expectRejected(
      [
        { name: 'e', type: '2', linkname: path.join(sentinel, 'keep') },
        { name: 'e/x', type: '1', linkname: 'f' },
      ],
      /writes through a symlink|not a regular file/,
    );
    await expectRejected(
      [
        { name: 'file', data: 'x' },
        { name: 'file/below', data: 'y' },
      ],
      /writes through a file/,
    );
  });

  it('replaces a symlink by a file without writing through it', async () => {
    await extract([
      { name: 'a', type: '2', linkname: path.join(sentinel, 'keep') },
      { name: 'a', data: 'replaced' },
    ]);
    expect(fs.readFileSync(path.join(sentinel, 'keep'), 'utf8')).toBe('original');
    expect(fs.readFileSync(path.join(rootfs, 'a'), 'utf8')).toBe('replaced');
  });

  it('rejects hard links outside the archive, to symlinks, to dirs and to missing files', async () => {
    await expectRejected([{ name: 'h', type: '1', linkname: '../../etc/passwd' }], /"\.\." component/);
    await expectRejected([{ name: 'h', type: '1', linkname: '/etc/passwd' }], /absolute path/);
    await expectRejected(
      [
        { name: 's', type: '2', linkname: '/etc/passwd' },
        { name: 'h', type: '1', linkname: 's' },
      ],
      /hard link "h" points to "s", which is not a regular file/,
    );
    await expectRejected(
      [
        { name: 'd/', type: '5' },
        { name: 'h', type: '1', linkname: 'd' },
      ],
      /not a regular file/,
    );
    await expectRejected([{ name: 'h', type: '1', linkname: 'never-extracted' }], /not a regular file/);
    expect(fs.statSync('/etc/passwd').nlink).toBe(1);
  });

  it('rejects a non-directory named . or ./ (would replace the rootfs)', async () => {
    await expectRejected([{ name: '.', type: '2', linkname: sentinel }], /would replace the rootfs/);
    await expectRejected([{ name: './', type: '2', linkname: '/' }], /would replace the rootfs/);
    await expectRejected([{ name: '.', data: 'x' }], /would replace the rootfs/);
    await expectRejected([{ name: '', data: 'x', pax: { path: '' } }], /would replace the rootfs/);
  });

  it('rejects NUL bytes in names and unsupported entry types', async () => {
    await expectRejected([{ name: 'x', data: 'x', pax: { path: 'ok\0../../sentinel/pwned' } }], /NUL byte/);
    await expectRejected([{ name: 'sparse', type: 'S', data: 'x' }], /unsupported tar entry type 'S'/);
    await expectRejected([{ name: 'vol', type: 'V' }], /unsupported tar entry type 'V'/);
    await expectRejected([{ name: 'x', data: 'x', pax: { 'GNU.sparse.major': '1' } }], /sparse/);
  });

  it('rejects a bad header checksum', async () => {
    const buf = tar([
      { name: 'a', data: 'x' },
      { name: 'b', data: 'y' },
    ]);
    buf[1024 + 10] = 0x41; // header of "b" changed after its checksum was computed
    const err = await expectRejected(buf, /checksum mismatch at entry 2/);
    expect(err.message).toMatch(/corrupt/);
  });

  it('rejects a truncated stream (mid-file, mid-header, no end marker, empty)', async () => {
    const full = tar([{ name: 'big', data: big }]);
    await expectRejected(full.subarray(0, 512 + 1000), /tar stream ended early \(in the middle of big.*retry the build/);
    fs.rmSync(rootfs, { recursive: true });
    fs.mkdirSync(rootfs);
    const two = tar([
      { name: 'a', data: 'x' },
      { name: 'b', data: 'y' },
    ]);
    await expectRejected(two.subarray(0, 1024 + 100), /ended early \(in the middle of a header/);
    fs.rmSync(rootfs, { recursive: true });
    fs.mkdirSync(rootfs);
    await expectRejected(tar([{ name: 'a', data: 'x' }], { end: false }), /without the end-of-archive marker.*daemon killed/);
    await expectRejected(Buffer.alloc(0), /ended early/);
  });

  it('rejects data after an end-of-archive block', async () => {
    const body = tar([{ name: 'a', data: 'x' }], { end: false });
    const more = headerBlock({ name: 'b', type: '0', mode: 0o644, size: 0, mtime: 0 });
    await expectRejected(Buffer.concat([body, Buffer.alloc(512), more, Buffer.alloc(1024)]), /after an end-of-archive/);
  });

  it('rejects oversized metadata headers and malformed numbers', async () => {
    const h = headerBlock({ name: 'x', type: 'x', mode: 0o644, size: 0, mtime: 0 });
    h.write('77777777777\0', 124, 'latin1');
    setChecksum(h);
    await expectRejected(Buffer.concat([h, Buffer.alloc(1024)]), /too large/);
    const m = headerBlock({ name: 'y', type: '0', mode: 0o644, size: 0, mtime: 0 });
    m.write('12z\0', 124, 'latin1');
    setChecksum(m);
    await expectRejected(Buffer.concat([m, Buffer.alloc(1024)]), /malformed numeric field/);
  });
});

describe('extractTar: archives written by GNU tar', () => {
  const hasTar = spawnSync('tar', ['--version']).status === 0;
  it.skipIf(!hasTar).each(['gnu', 'posix', 'ustar'])(
    'round-trips a tree in %s format with the same tree digest (needs GNU tar)',
    async (format) => {
      const src = path.join(base, 'src');
      fs.mkdirSync(path.join(src, 'a/b'), { recursive: true });
      fs.writeFileSync(path.join(src, 'a/b/file'), big);
      fs.writeFileSync(path.join(src, 'a/small'), 'small');
      fs.chmodSync(path.join(src, 'a/small'), 0o600);
      fs.symlinkSync('b/file', path.join(src, 'a/link'));
      fs.linkSync(path.join(src, 'a/small'), path.join(src, 'a/hard'));
      fs.mkdirSync(path.join(src, 'ro'), 0o555);
      fs.utimesSync(path.join(src, 'a/b'), 1_234_567_890.5, 1_234_567_890.5);
      const archive = execFileSync('tar', ['-C', src, `--format=${format}`, '-cf', '-', '.'], { maxBuffer: 1 << 26 });
      const r = await extractTar(chunked(archive, 65536), rootfs);
      const expected = await computeTreeDigest(src);
      expect(r.treeDigest).toBe(expected.treeDigest);
      expect(r.files).toBe(2);
      expect(r.hardlinks).toBe(1);
      expect((await computeTreeDigest(rootfs)).treeDigest).toBe(expected.treeDigest);
    },
  );
});

describe('fsError', () => {
  it('turns ENOSPC, EDQUOT and EACCES into actionable BundleErrors', () => {
    const mk = (code: string) => Object.assign(new Error(`${code}: boom`), { code });
    expect(fsError(mk('ENOSPC'), '/out/rootfs', 'usr/lib/x').message).toBe(
      'no space left on device while extracting usr/lib/x into /out/rootfs; free space in the output directory or choose another output-dir',
    );
    expect(fsError(mk('EDQUOT'), '/r', 'p')).toBeInstanceOf(BundleError);
    expect(fsError(mk('EACCES'), '/r', 'p').message).toMatch(/^permission denied \(EACCES\) while extracting p into \/r; make the output/);
    expect(fsError(mk('EROFS'), '/r', 'p').message).toMatch(/EROFS/);
    const c = new CancelledError('x');
    expect(fsError(c, '/r', 'p')).toBe(c);
  });
});

describe('extractTar: cancellation', () => {
  it('rejects with CancelledError when aborted while waiting for the stream', async () => {
    const ac = new AbortController();
    let returned = false;
    const first = tar([{ name: 'a', data: 'x' }], { end: false });
    const source: AsyncIterable<Buffer> = {
      [Symbol.asyncIterator]() {
        let n = 0;
        return {
          next: () => (n++ === 0 ? Promise.resolve({ value: first, done: false }) : new Promise(() => undefined)),
          return: () => {
            returned = true;
            return Promise.resolve({ value: undefined, done: true });
          },
        };
      },
    };
    setTimeout(() => ac.abort(), 20);
    await expect(extractTar(source, rootfs, { signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
    await new Promise((r) => setTimeout(r, 10));
    expect(returned).toBe(true);
    expect(fs.readFileSync(path.join(rootfs, 'a'), 'utf8')).toBe('x');
  });

  it('rejects at once when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(extract([{ name: 'a', data: 'x' }], { signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(fs.readdirSync(rootfs)).toEqual([]);
  });
});

// As root, permission bits never stop writes (no EACCES), so the 0555 case above cannot fail for the reason
// it exists. When an unprivileged account is available, run the extractor as that user too.
const unprivileged = ['edaoci', 'nobody'].find((u) => spawnSync('id', ['-u', u]).status === 0);
const canSwitch = process.getuid?.() === 0 && unprivileged !== undefined && spawnSync('which', ['runuser']).status === 0;

describe.skipIf(!canSwitch)('extractTar as an unprivileged user (needs root and runuser to switch users)', () => {
  it('extracts read-only directories with content and applies their modes last', async () => {
    const ts = (await import('typescript')).default;
    const here = path.dirname(fileURLToPath(import.meta.url));
    const js = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-test-js-'));
    const srcs = [
      ...fs.readdirSync(path.join(here, '../src/extract')).map((f) => path.join(here, '../src/extract', f)),
      path.join(here, '../../exec/src/errors.ts'),
      path.join(here, '../../exec/src/progress.ts'),
    ];
    // The parts of @eda-oci/exec the extractor imports.
    fs.writeFileSync(path.join(js, 'exec.js'), "export * from './errors.js';\nexport * from './progress.js';\n");
    for (const src of srcs) {
      const out = ts
        .transpileModule(fs.readFileSync(src, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        })
        .outputText.replaceAll("'@eda-oci/exec'", "'./exec.js'");
      fs.writeFileSync(path.join(js, path.basename(src).replace(/\.ts$/, '.js')), out);
    }
    const archive = tar([
      { name: 'ro/', type: '5', mode: 0o555 },
      { name: 'ro/sub/', type: '5', mode: 0o555 },
      { name: 'ro/sub/file', data: 'inside', mode: 0o444 },
      { name: 'ro/sub/file', data: 'replaced', mode: 0o444 },
      { name: 'ro/hard', type: '1', linkname: 'ro/sub/file' },
      { name: 'locked/', type: '5', mode: 0o000 },
    ]);
    fs.writeFileSync(path.join(js, 'archive.tar'), archive);
    fs.writeFileSync(
      path.join(js, 'run.mjs'),
      `import fs from 'node:fs';
const { extractTar } = await import(${JSON.stringify(pathToFileURL(path.join(js, 'index.js')).href)});
const r = await extractTar(fs.createReadStream(process.argv[2]), process.argv[3]);
process.stdout.write(JSON.stringify(r));`,
    );
    const out = path.join(base, 'unpriv');
    fs.mkdirSync(out);
    for (const d of [base, js]) fs.chmodSync(d, 0o755);
    execFileSync('chown', [unprivileged!, out]);
    const res = spawnSync(
      'runuser',
      ['-u', unprivileged!, '--', process.execPath, path.join(js, 'run.mjs'), path.join(js, 'archive.tar'), out],
      {
        encoding: 'utf8',
      },
    );
    fs.rmSync(js, { recursive: true, force: true });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const r = JSON.parse(res.stdout) as { treeDigest: string };
    expect(fs.readFileSync(path.join(out, 'ro/sub/file'), 'utf8')).toBe('replaced');
    expect(fs.statSync(path.join(out, 'ro')).mode & 0o7777).toBe(0o555);
    expect(fs.statSync(path.join(out, 'ro/sub')).mode & 0o7777).toBe(0o555);
    expect(fs.statSync(path.join(out, 'locked')).mode & 0o7777).toBe(0o000);
    expect(fs.statSync(path.join(out, 'ro/sub/file')).uid).not.toBe(0);
    expect((await computeTreeDigest(out)).treeDigest).toBe(r.treeDigest);
  });
});
