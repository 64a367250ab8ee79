// Unit tests of the store layout: version names, symlink targets, temp names, input validation, bundles-dir checks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import {
  checkBundlesDir,
  checkStoreDir,
  hostTag,
  linkTarget,
  parseTempOwner,
  stagingName,
  storePaths,
  swapName,
  trashName,
  validateBundlesDir,
  validateKeep,
  versionFromTarget,
  versionName,
  versionTime,
} from '../src/index.js';

const D = `sha256:${'0123456789abcdef'.repeat(4)}`;
const uid = process.getuid?.() ?? 0;

describe('version names', () => {
  it('are UTC time + 12 hex of the digest and sort by time', () => {
    const v = versionName(D, new Date(Date.UTC(2026, 10, 30, 1, 2, 3, 999)));
    expect(v).toBe('20261130T010203Z-0123456789ab');
    expect(versionTime(v)?.toISOString()).toBe('2026-11-30T01:02:03.000Z');
    expect(versionName(D, new Date(Date.UTC(2026, 10, 30, 1, 2, 4))) > v).toBe(true);
    expect(versionName(D, new Date(Date.UTC(2027, 0, 1))) > v).toBe(true);
  });
  it('refuses a non-digest and rejects foreign names', () => {
    expect(() => versionName('latest')).toThrow(/not a sha256 digest/);
    for (const bad of ['20261130T010203Z-0123456789a', '20261130T010203-0123456789ab', '.staging-x-1-aaaaaaaa', 'x']) {
      expect(versionTime(bad)).toBeUndefined();
    }
  });
  it('link targets are relative and round-trip; foreign targets are not ours', () => {
    expect(linkTarget('vcs', '20261130T010203Z-0123456789ab')).toBe('.eda-oci/vcs/20261130T010203Z-0123456789ab');
    expect(versionFromTarget('vcs', '.eda-oci/vcs/20261130T010203Z-0123456789ab')).toBe('20261130T010203Z-0123456789ab');
    expect(versionFromTarget('vcs', '.eda-oci/vcs/20261130T010203Z-0123456789ab/')).toBe('20261130T010203Z-0123456789ab');
    expect(versionFromTarget('vcs', '/abs/.eda-oci/vcs/20261130T010203Z-0123456789ab')).toBeUndefined();
    expect(versionFromTarget('vcs', '.eda-oci/other/20261130T010203Z-0123456789ab')).toBeUndefined();
    expect(versionFromTarget('vcs', '.eda-oci/vcs/.staging-h-1-aaaaaaaa')).toBeUndefined();
  });
  it('store paths', () => {
    expect(storePaths('/b', 'vcs')).toEqual({
      bundlesDir: '/b',
      name: 'vcs',
      link: '/b/vcs',
      storeDir: '/b/.eda-oci',
      nameDir: '/b/.eda-oci/vcs',
      lockDir: '/b/.eda-oci/vcs/.lock',
      historyFile: '/b/.eda-oci/vcs/history',
    });
  });
});

describe('temp names', () => {
  it('carry host and pid so leftovers can be attributed', () => {
    const s = stagingName();
    expect(s).toMatch(/^\.staging-[A-Za-z0-9._]+-\d+-[0-9a-f]{8}$/);
    expect(parseTempOwner(s)).toEqual({ kind: 'staging', host: hostTag(), pid: process.pid });
    const w = swapName('vcs-2024.06');
    expect(parseTempOwner(w)).toEqual({ kind: 'swap', host: hostTag(), pid: process.pid });
    expect(parseTempOwner('.staging-my_host.lan-42-0a0b0c0d')).toEqual({ kind: 'staging', host: 'my_host.lan', pid: 42 });
    expect(parseTempOwner('20261130T010203Z-0123456789ab')).toBeUndefined();
    expect(trashName('20261130T010203Z-0123456789ab')).toMatch(/^\.trash-20261130T010203Z-0123456789ab-[0-9a-f]{8}$/);
  });
});

describe('input validation', () => {
  it('keep is a whole number from 1', () => {
    expect(validateKeep(1)).toBe(1);
    for (const bad of [0, -1, 1.5, Number.NaN, 10_001]) expect(() => validateKeep(bad)).toThrow(ConfigurationError);
    expect(() => validateKeep(0)).toThrow(/keep is '0', which is not a whole number from 1 to 10000/);
  });
  it('bundles-dir must be given, and not look like an option', () => {
    expect(validateBundlesDir('/shared/bundles/')).toBe('/shared/bundles');
    expect(() => validateBundlesDir('')).toThrow(/bundles-dir is empty/);
    expect(() => validateBundlesDir('-rf')).toThrow(/starts with '-'/);
    expect(() => validateBundlesDir('a\0b')).toThrow(ConfigurationError);
  });
});

describe('bundles-dir and store dir checks', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eda-oci-layout-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('accepts an own directory, also world-writable with the sticky bit', async () => {
    await expect(checkBundlesDir(dir, uid)).resolves.toBeUndefined();
    fs.chmodSync(dir, 0o1777);
    await expect(checkBundlesDir(dir, uid)).resolves.toBeUndefined();
  });
  it('refuses world-writable without the sticky bit, naming the chmod fix', async () => {
    fs.chmodSync(dir, 0o777);
    await expect(checkBundlesDir(dir, uid)).rejects.toThrow(
      new RegExp(`bundles-dir '${dir}' is writable by every user \\(mode 0777\\) without the sticky bit.*chmod o-w ${dir}`),
    );
  });
  it('refuses a directory of another user, naming the chown fix', async () => {
    await expect(checkBundlesDir(dir, uid + 1)).rejects.toThrow(/is owned by uid \d+, not by the publishing user .*chown \d+ /);
  });
  it('refuses a missing path or a file', async () => {
    await expect(checkBundlesDir(path.join(dir, 'nope'), uid)).rejects.toThrow(
      /cannot be used \(it does not exist\); create it as the publishing user \(mkdir -p /,
    );
    fs.writeFileSync(path.join(dir, 'f'), '');
    await expect(checkBundlesDir(path.join(dir, 'f'), uid)).rejects.toThrow(/is not a directory/);
  });
  it('store dirs: missing is fine, group-writable, foreign or a symlink is refused', async () => {
    const s = path.join(dir, '.eda-oci');
    expect(await checkStoreDir(s, uid)).toBe(false);
    fs.mkdirSync(s, 0o755);
    expect(await checkStoreDir(s, uid)).toBe(true);
    fs.chmodSync(s, 0o775);
    await expect(checkStoreDir(s, uid)).rejects.toThrow(/writable by group or others/);
    fs.chmodSync(s, 0o755);
    await expect(checkStoreDir(s, uid + 1)).rejects.toThrow(/is owned by uid/);
    fs.rmdirSync(s);
    fs.symlinkSync('/tmp', s);
    await expect(checkStoreDir(s, uid)).rejects.toThrow(/is not a directory/);
  });
});
