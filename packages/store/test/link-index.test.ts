// Unit tests of LinkIndex: publish.files read as a source of hard-link candidates (merge join by path, lookup by
// content, mode and mtime), tolerant of damaged lines and never yielding a path outside the version.
import { describe, expect, it } from 'vitest';
import { LinkIndex } from '../src/index.js';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const text = (lines: string[]): string => `eda-oci-files 1\nroot\t755\t1\t2\t-\nstatted\t0\n\n${lines.map((l) => `${l}\n`).join('')}`;

describe('LinkIndex', () => {
  const index = LinkIndex.fromText(
    text([
      'bin\td\t755\t0\t1000000000000\t-\t10\t-',
      'bin/sh\tl\t777\t0\t1000000000000\tbusy\\tbox\t11\t-',
      'bin/tool\tf\t755\t5\t1001000000000\t' + SHA_A + '\t12\t-',
      'broken line',
      'etc\td\t755\t0\t1000000000000\t-\t13\t-',
      'etc/a\\tb\tf\t644\t5\t1002000000000\t' + SHA_B + '\t14\t-',
      'etc/copy\tf\t644\t5\t1002000000000\t' + SHA_B + '\t15\t-',
      '../escape\tf\t644\t5\t1002000000000\t' + SHA_B + '\t16\t-',
    ]),
  )!;

  it('finds records by path in ascending order, unescaping paths and symlink targets, skipping damaged lines', () => {
    expect(index.atPath('bin/sh')).toEqual({
      path: 'bin/sh',
      type: 'l',
      mode: 0o777,
      size: 0,
      mtimeNs: '1000000000000',
      content: 'busy\tbox',
      ino: '11',
      ctimeNs: '',
    });
    expect(index.atPath('bin/tool')).toMatchObject({ type: 'f', mode: 0o755, size: 5, content: SHA_A, ino: '12' });
    expect(index.atPath('bin/zzz')).toBeUndefined(); // absent: the cursor stays before etc
    expect(index.atPath('etc')).toMatchObject({ type: 'd', ino: '13' });
    expect(index.atPath('etc/a\tb')).toMatchObject({ path: 'etc/a\tb', ino: '14' });
    expect(index.atPath('bin/tool')).toBeUndefined(); // behind the cursor: lookups only go forward
  });

  it('finds files by content, mode and exact mtime at any path inside the version', () => {
    const fresh = LinkIndex.fromText(
      text([
        'etc/a\\tb\tf\t644\t5\t1002000000000\t' + SHA_B + '\t14\t-',
        '../escape\tf\t644\t5\t1002000000000\t' + SHA_B + '\t16\t-',
        'x\tf\t644\t5\t1002000000000\t' + SHA_B + '\t17\t-',
      ]),
    )!;
    expect(fresh.filesLike(SHA_B, 0o644, '1002000000000').map((r) => r.path)).toEqual(['etc/a\tb', 'x']);
    expect(fresh.filesLike(SHA_B, 0o600, '1002000000000')).toEqual([]);
    expect(fresh.filesLike(SHA_B, 0o644, '1002000000001')).toEqual([]);
    expect(index.filesLike(SHA_A, 0o755, '1001000000000').map((r) => r.ino)).toEqual(['12']);
  });

  it('is undefined for a text that is not a publish.files', () => {
    expect(LinkIndex.fromText('')).toBeUndefined();
    expect(LinkIndex.fromText('eda-oci-files 2\nroot\t755\t1\t2\t-\nstatted\t0\n\n')).toBeUndefined();
    expect(LinkIndex.fromText('eda-oci-files 1\nstatted\t0\n\n')).toBeUndefined();
    expect(LinkIndex.fromText(text([]))?.atPath('a')).toBeUndefined();
  });
});
