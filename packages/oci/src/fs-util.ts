// File-system helpers for bundles: removing trees with read-only dirs, bundle names, temp suffixes, pid checks.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '@eda-oci/exec';

/**
 * Removes a tree even when it contains directories without write permission (images have 0555 dirs; an unprivileged
 * owner cannot unlink inside them until it restores u+w). Never follows symlinks. Missing paths are fine.
 */
export async function removeTree(target: string): Promise<void> {
  try {
    await rm(target, { recursive: true, force: true, maxRetries: 2 });
    return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EPERM') throw err;
  }
  await makeWritable(target);
  await rm(target, { recursive: true, force: true, maxRetries: 2 });
}

async function makeWritable(dir: string): Promise<void> {
  let st;
  try {
    st = await lstat(dir);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  if ((st.mode & 0o700) !== 0o700) await chmod(dir, (st.mode & 0o7777) | 0o700).catch(() => undefined);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) await makeWritable(path.join(dir, n));
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Validates a bundle name (`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`); it becomes a directory name. */
export function validateBundleName(name: string): string {
  if (!NAME_RE.test(name)) {
    const why =
      name === ''
        ? 'it is empty'
        : name.startsWith('-')
          ? "it starts with '-'"
          : name.includes('/') || name.includes('..')
            ? 'it contains a path separator or ..'
            : name.length > 128
              ? 'it is longer than 128 characters'
              : 'it has characters outside letters, digits, ., _ and -';
    throw new ConfigurationError(
      `bundle name '${name}' is invalid: ${why}`,
      'use letters, digits, ., _ and -, starting with a letter or digit (e.g. vcs-2024.06)',
    );
  }
  return name;
}

/** A random suffix for temporary names that includes the host-unique pid, so leftovers can be attributed. */
export function tempSuffix(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** True when a process with this pid exists on this host. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
