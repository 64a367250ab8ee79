// USER resolution against the image's own passwd/group, and subordinate id ranges.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleError } from '@eda-oci/exec';
import { findSubIdRange, parseGroup, parsePasswd, resolveImageUser, resolveUserFrom } from '../src/index.js';

const passwd = parsePasswd('root:x:0:0:root:/root:/bin/sh\neda:x:1000:1000::/home/eda:/bin/sh\nbad line\n');
const groups = parseGroup('root:x:0:\neda:x:1000:\ntools:x:1001:eda,other\nvideo:x:44:other\n');

describe('resolveUserFrom', () => {
  it.each([
    ['', { uid: 0, gid: 0, additionalGids: [], home: '/root' }],
    ['eda', { uid: 1000, gid: 1000, additionalGids: [1001], home: '/home/eda' }],
    ['1000', { uid: 1000, gid: 1000, additionalGids: [1001], home: '/home/eda' }],
    ['eda:tools', { uid: 1000, gid: 1001, additionalGids: [], home: '/home/eda' }],
    ['4242:4343', { uid: 4242, gid: 4343, additionalGids: [], home: undefined }],
    ['4242', { uid: 4242, gid: 0, additionalGids: [], home: undefined }],
  ])('%j', (user, expected) => {
    expect(resolveUserFrom(user, passwd, groups)).toEqual(expected);
  });
  it('rejects an unknown user name', () => {
    expect(() => resolveUserFrom('nobody', passwd, groups)).toThrow(BundleError);
  });
  it('rejects an unknown group name', () => {
    expect(() => resolveUserFrom('eda:nogroup', passwd, groups)).toThrow(/group 'nogroup'/);
  });
});

describe('resolveImageUser', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'user-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('reads rootfs/etc/passwd', async () => {
    const root = path.join(dir, 'a');
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    writeFileSync(path.join(root, 'etc/passwd'), 'eda:x:1000:1000::/home/eda:/bin/sh\n');
    expect((await resolveImageUser(root, 'eda')).uid).toBe(1000);
  });
  it('never follows a symlinked /etc/passwd out of the rootfs', async () => {
    const outside = path.join(dir, 'outside-passwd');
    writeFileSync(outside, 'eda:x:1000:1000::/home/eda:/bin/sh\n');
    const root = path.join(dir, 'b');
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    symlinkSync(outside, path.join(root, 'etc/passwd'));
    await expect(resolveImageUser(root, 'eda')).rejects.toThrow(/not in the image's \/etc\/passwd/);
  });
});

describe('findSubIdRange', () => {
  const text = 'alice:100000:65536\n2001:165536:65536\nbroken\n';
  it('finds by name and by uid', () => {
    expect(findSubIdRange(text, 'alice', 1000)).toEqual({ start: 100000, count: 65536 });
    expect(findSubIdRange(text, 'bob', 2001)).toEqual({ start: 165536, count: 65536 });
    expect(findSubIdRange(text, 'carol', 3000)).toBeUndefined();
  });
});
