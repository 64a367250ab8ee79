// Tests of bundle.files: made from an extraction's records, it digests like the tree; format round trip and refusals.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BundleError } from '@eda-oci/exec';
import { computeTreeDigest, extractTar, summarizeTree, type TreeRecord } from '../src/extract/index.js';
import {
  formatManifest,
  manifestFromRecords,
  manifestMode,
  manifestType,
  nsToSeconds,
  parseManifest,
  parseManifestLine,
  summarizeManifest,
  type Manifest,
  type ManifestEntry,
} from '../src/manifest.js';
import { tar, type TarSpec } from '../../../test/fixtures/tar/tar-writer.js';

let base: string;
let rootfs: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'eda-oci-manifest-'));
  rootfs = path.join(base, 'rootfs');
  fs.mkdirSync(rootfs);
});
afterEach(() => {
  fs.chmodSync(rootfs, 0o755);
  fs.rmSync(base, { recursive: true, force: true });
});

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

const archive: TarSpec[] = [
  { name: './', type: '5', mode: 0o755, mtime: 1000 },
  { name: 'bin/', type: '5', mode: 0o555, mtime: 1001 },
  { name: 'bin/sh', data: 'shell', mode: 0o755, mtime: 1002 },
  { name: 'bin/ash', type: '1', linkname: 'bin/sh', mtime: 1002 },
  { name: 'bin/odd\tname\nwith\\escapes', data: 'x', mode: 0o644, mtime: 1003 },
  { name: 'etc/mtab', type: '2', linkname: '/proc/mounts', mtime: 1004 },
  { name: 'etc/frac', data: '', mode: 0o600, mtime: 1005, pax: { mtime: '1005.75' } },
  { name: 'empty/', type: '5', mode: 0o700, mtime: 1006 },
];

describe('bundle.files', () => {
  it('made from the extractor records, digests exactly like the extraction and like a walk of the disk', async () => {
    const r = await extractTar(once(tar(archive)), rootfs);
    const m = manifestFromRecords(rootfs, r.records);
    const s = summarizeManifest(m.entries);
    expect(s.treeDigest).toBe(r.treeDigest);
    expect(s).toMatchObject({ files: r.files, hardlinks: 1, dirs: r.dirs, symlinks: r.symlinks, bytes: r.bytes });
    expect((await computeTreeDigest(rootfs)).treeDigest).toBe(r.treeDigest);
    // Inode and ctime come from disk; hard-linked names share the inode.
    const sh = m.entries.find((e) => e.path === 'bin/sh')!;
    expect(m.entries.find((e) => e.path === 'bin/ash')!.ino).toBe(sh.ino);
    expect(sh.ino).toBe(fs.lstatSync(path.join(rootfs, 'bin/sh'), { bigint: true }).ino.toString());
    expect(sh.ctimeNs).toBe(fs.lstatSync(path.join(rootfs, 'bin/sh'), { bigint: true }).ctimeNs.toString());
    expect(m.entries.find((e) => e.path === 'etc/frac')!.mtimeNs).toBe('1005750000000');
    expect(m.root).toMatchObject({ mode: 0o755, mtimeNs: '1000000000000' });
    expect(m.statted).toBeGreaterThan(0n);
  });

  it('round-trips through its text form, escapes included', async () => {
    const r = await extractTar(once(tar(archive)), rootfs);
    const m = manifestFromRecords(rootfs, r.records);
    const text = formatManifest(m);
    expect(text.split('\n').find((l) => l.startsWith('bin/odd'))).toMatch(/^bin\/odd\\tname\\nwith\\\\escapes\tf\t644\t1\t/);
    const back = parseManifest(text);
    expect(back).toEqual(m);
    expect(summarizeManifest(back.entries).treeDigest).toBe(r.treeDigest);
  });

  it('nsToSeconds floors like the tree digest, negative times included', () => {
    expect(nsToSeconds('0')).toBe(0);
    expect(nsToSeconds('999999999')).toBe(0);
    expect(nsToSeconds('1700000000999999999')).toBe(1700000000);
    expect(nsToSeconds('-1')).toBe(-1);
    expect(nsToSeconds('-1000000000')).toBe(-1);
    expect(nsToSeconds('-1000000001')).toBe(-2);
  });

  const entry = (p: string, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({
    path: p,
    type: 'f',
    mode: 0o644,
    size: 1,
    mtimeNs: '1000000000',
    content: 'a'.repeat(64),
    ino: '5',
    ctimeNs: '7',
    ...extra,
  });
  const manifest = (entries: ManifestEntry[]): Manifest => ({
    root: { mode: 0o755, mtimeNs: '0', ino: '2', ctimeNs: '' },
    statted: 0n,
    entries,
  });

  it('orders by UTF-8 bytes, not UTF-16 (a character above U+FFFF sorts after U+FFFF), and digests like summarizeTree', () => {
    const sorted = ['a', 'b\u00e9', 'b\uffff', 'b\u{1F600}'];
    const text = formatManifest(manifest(sorted.map((p, i) => entry(p, { ino: String(i) }))));
    const back = parseManifest(text);
    expect(back.entries.map((e) => e.path)).toEqual(sorted);
    const records = new Map<string, TreeRecord>(
      [...back.entries].reverse().map((e, i) => [e.path, { ...e, mtime: 1, inode: i }] as [string, TreeRecord]),
    );
    expect(summarizeManifest(back.entries).treeDigest).toBe(summarizeTree(records).treeDigest);
    const swapped = formatManifest(manifest([sorted[0]!, sorted[1]!, sorted[3]!, sorted[2]!].map((p, i) => entry(p, { ino: String(i) }))));
    expect(() => parseManifest(swapped)).toThrow(/out of order/);
  });

  it('manifestType and manifestMode agree with the lstat type checks, a special file has no type', () => {
    fs.writeFileSync(path.join(rootfs, 'f'), 'x', { mode: 0o640 });
    fs.chmodSync(path.join(rootfs, 'f'), 0o4750);
    fs.mkdirSync(path.join(rootfs, 'd'), 0o700);
    fs.symlinkSync('f', path.join(rootfs, 'l'));
    for (const p of [...['f', 'd', 'l'].map((n) => path.join(rootfs, n)), '/dev/null']) {
      const st = fs.lstatSync(p, { bigint: true });
      const type = manifestType(st);
      expect(type).toBe(st.isFile() ? 'f' : st.isDirectory() ? 'd' : st.isSymbolicLink() ? 'l' : undefined);
      if (type) expect(manifestMode(type, st)).toBe(type === 'l' ? 0o777 : Number(st.mode & 0o7777n));
    }
    expect(['f', 'd', 'l', '/dev/null'].map((n) => manifestType(fs.lstatSync(path.resolve(rootfs, n), { bigint: true })))).toEqual([
      'f',
      'd',
      'l',
      undefined,
    ]);
    expect(manifestMode('f', fs.lstatSync(path.join(rootfs, 'f'), { bigint: true }))).toBe(0o4750);
  });

  it('writes an unknown ctime as - and reads it back as empty', () => {
    const text = formatManifest(manifest([entry('a', { ctimeNs: '' })]));
    expect(text).toContain('\t5\t-\n');
    expect(parseManifest(text).entries[0]!.ctimeNs).toBe('');
    expect(parseManifest(text).root.ctimeNs).toBe('');
  });

  it('parseManifestLine without checkFields checks only fields, type and escapes (the link index vets the rest)', () => {
    const line = `../x\tf\t644\tnan\t5\tabc\t7\t-`;
    expect(parseManifestLine(line, true)).toBe('has a non-numeric field');
    expect(parseManifestLine(line, false)).toMatchObject({ path: '../x', type: 'f', content: 'abc', ino: '7', ctimeNs: '' });
    expect(parseManifestLine(`a\\q\tf\t644\t1\t5\t${'a'.repeat(64)}\t7\t-`, false)).toBe('has an invalid escape');
    expect(parseManifestLine('a\tp\t644\t1\t5\t-\t7\t-', false)).toBe("has the unknown type 'p'");
    expect(parseManifestLine('a\tf', false)).toBe('has 2 fields, not 8');
    expect(parseManifestLine(`b\tf\t644\t1\t5\t${'a'.repeat(64)}\t7\t-`, true, 'b')).toMatch(/out of order or repeats a path/);
  });

  it.each([
    ['a wrong first line', (t: string) => t.replace('eda-oci-files 1', 'eda-oci-files 2'), /line 1 is not/],
    ['a missing root record', (t: string) => t.replace(/^root.*\n/m, ''), /line 2 is not a valid root record/],
    ['a truncated file', (t: string) => t.slice(0, -1), /is not terminated by a newline/],
    ['a field too few', (t: string) => t.replace('\tf\t644', '\tf'), /has 7 fields, not 8/],
    ['an unknown type', (t: string) => t.replace('\tf\t', '\tp\t'), /unknown type 'p'/],
    ['a non-numeric size', (t: string) => t.replace('\t644\t1\t', '\t644\tx\t'), /non-numeric field/],
    ['a file without sha256', (t: string) => t.replace('a'.repeat(64), 'abc'), /no sha256 for a file/],
    ['paths out of order', (t: string) => t.replace('a\tf', 'zz\tf'), /out of order or repeats a path/],
    ['a .. path', (t: string) => t.replace('b\tf', '../b\tf'), /invalid path/],
    ['a bad escape', (t: string) => t.replace('b\tf', 'b\\q\tf'), /invalid escape/],
  ])('refuses %s with a BundleError naming the line', (_name, mangle, message) => {
    const text = formatManifest(manifest([entry('a'), entry('b', { ino: '6' })]));
    expect(() => parseManifest(mangle(text))).toThrow(BundleError);
    expect(() => parseManifest(mangle(text))).toThrow(message);
  });
});
