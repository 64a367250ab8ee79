// bundle.lock.json: the bundle digest and reading/validating a lockfile.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleError } from '@eda-oci/exec';
import { LOCKFILE_NAME, LOCKFILE_VERSION, bundleDigest, ciProvenance, readLockfile, sha256 } from '../src/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const A = sha256('config a');
const T = sha256('tree');

describe('bundleDigest', () => {
  it('is a sha256 that depends on both the config and the tree, and nothing else', () => {
    expect(bundleDigest(A, T)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bundleDigest(A, T)).toBe(bundleDigest(A, T));
    expect(bundleDigest(sha256('config b'), T)).not.toBe(bundleDigest(A, T));
    expect(bundleDigest(A, sha256('tree 2'))).not.toBe(bundleDigest(A, T));
    expect(bundleDigest(A, T)).not.toBe(bundleDigest(T, A));
  });
});

describe('readLockfile', () => {
  it('returns undefined when there is none', async () => {
    expect(await readLockfile(path.join(dir, 'nothing-here'))).toBeUndefined();
  });
  it('reads a valid lockfile', async () => {
    const d = mkdtempSync(path.join(dir, 'ok-'));
    const lock = {
      lockfileVersion: LOCKFILE_VERSION,
      bundleDigest: bundleDigest(A, T),
      image: { id: 'sha256:x' },
      rootfs: { treeDigest: T },
    };
    writeFileSync(path.join(d, LOCKFILE_NAME), JSON.stringify(lock));
    expect(await readLockfile(d)).toMatchObject(lock);
  });
  it.each([
    ['not JSON', '{', /is not valid JSON/],
    [
      'another version',
      JSON.stringify({ lockfileVersion: 99, bundleDigest: 'x', image: {}, rootfs: {} }),
      /not an eda-oci lockfile of version 1/,
    ],
    ['missing fields', JSON.stringify({ lockfileVersion: LOCKFILE_VERSION }), /not an eda-oci lockfile/],
  ])('rejects %s with a BundleError saying to rebuild', async (_n, text, re) => {
    const d = mkdtempSync(path.join(dir, 'bad-'));
    writeFileSync(path.join(d, LOCKFILE_NAME), text);
    const err = await readLockfile(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).toMatch(/rebuild the bundle/);
  });
});

describe('ciProvenance', () => {
  it('records the GitHub run when there is one', () => {
    expect(ciProvenance({ GITHUB_RUN_ID: '7', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc' })).toMatchObject({
      runId: '7',
      repository: 'o/r',
      sha: 'abc',
    });
    expect(ciProvenance({})).toBeUndefined();
  });
});
