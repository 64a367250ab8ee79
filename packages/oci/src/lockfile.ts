// bundle.lock.json: the provenance record of a bundle, and the digest that names the bundle.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BundleError } from '@eda-oci/exec';

/** Schema version of bundle.lock.json; bump on incompatible changes. */
export const LOCKFILE_VERSION = 1;
/** The lockfile's name inside a bundle directory. */
export const LOCKFILE_NAME = 'bundle.lock.json';
/** Directory inside rootfs/ that eda-oci owns; excluded from the rootfs tree digest. */
export const BUNDLE_META_DIR = '.eda-oci';

/** Contents of bundle.lock.json. */
export interface BundleLock {
  lockfileVersion: number;
  name: string;
  /** sha256 over config.json's digest and the rootfs tree digest: same image + same config = same digest. */
  bundleDigest: string;
  image: {
    ref: string;
    id: string;
    /** Repo digest when the image came from a registry, else ''. */
    repoDigest: string;
    platform: string;
    created: string;
  };
  configSha256: string;
  rootfs: {
    treeDigest: string;
    /** Distinct regular files (a hard-linked file counts once), as computeTreeDigest counts them. */
    files: number;
    /** Extra names of regular files (hard links). */
    hardlinks: number;
    dirs: number;
    symlinks: number;
    bytes: number;
    skippedSpecial: { path: string; type: string }[];
    strippedSetid: string[];
    /** sha256 of bundle.files (see manifest.ts); absent in bundles built before it existed. */
    manifestSha256?: string;
  };
  /** Everything the build depended on, hashed: equal key = cache hit. */
  cacheKey: string;
  /** How the filesystem was read: the overlay2 layer fast path or docker export (same result). */
  extraction: 'layers' | 'export';
  user: { uid: number; gid: number; subuid: boolean; warnings: string[] };
  tools: Record<string, string>;
  created: string;
  ci?: { repository?: string; runId?: string; runAttempt?: string; workflow?: string; sha?: string; serverUrl?: string };
}

/** `sha256:<hex>` of a string or buffer. */
export function sha256(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The bundle digest: binds config.json and the rootfs tree together. */
export function bundleDigest(configSha256: string, treeDigest: string): string {
  return sha256(`eda-oci-bundle-v1\nconfig ${configSha256}\nrootfs ${treeDigest}\n`);
}

/** Reads a bundle's lockfile; undefined when the file does not exist, BundleError when it is not valid. */
export async function readLockfile(bundleDir: string): Promise<BundleLock | undefined> {
  return (await readLockfileText(bundleDir))?.lock;
}

/**
 * readLockfile that also returns the file's text as read, for a caller that copies the lockfile (publish): the copy is
 * then the text that was checked, not a second read of a file that may have changed since.
 */
export async function readLockfileText(bundleDir: string): Promise<{ lock: BundleLock; text: string } | undefined> {
  const file = path.join(bundleDir, LOCKFILE_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let lock: BundleLock;
  try {
    lock = JSON.parse(text) as BundleLock;
  } catch {
    throw new BundleError(`${file} is not valid JSON`, 'rebuild the bundle with build-oci-bundle');
  }
  if (lock.lockfileVersion !== LOCKFILE_VERSION || typeof lock.bundleDigest !== 'string' || !lock.rootfs || !lock.image) {
    throw new BundleError(`${file} is not an eda-oci lockfile of version ${LOCKFILE_VERSION}`, 'rebuild the bundle with build-oci-bundle');
  }
  return { lock, text };
}

/** GitHub Actions run provenance from the environment, when present. */
export function ciProvenance(env: NodeJS.ProcessEnv = process.env): BundleLock['ci'] {
  if (!env.GITHUB_RUN_ID) return undefined;
  return {
    repository: env.GITHUB_REPOSITORY,
    runId: env.GITHUB_RUN_ID,
    runAttempt: env.GITHUB_RUN_ATTEMPT,
    workflow: env.GITHUB_WORKFLOW,
    sha: env.GITHUB_SHA,
    serverUrl: env.GITHUB_SERVER_URL,
  };
}
