// Resolves an image's USER ("name", "uid", "name:group", "uid:gid") against the bundle's own /etc/passwd and /etc/group.
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BundleError } from '@eda-oci/exec';
import type { ResolvedUser } from './runtime-spec.js';

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}
interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/**
 * Reads `rootfs/etc/<file>` without following symlinks (the rootfs is untrusted image content: a symlink there
 * could point at the host's /etc). A missing or non-regular file reads as empty.
 */
async function readImageFile(rootfs: string, file: string): Promise<string> {
  const etc = path.join(rootfs, 'etc');
  const target = path.join(etc, file);
  try {
    if (!(await lstat(etc)).isDirectory()) return '';
    if (!(await lstat(target)).isFile()) return '';
    return await readFile(target, 'utf8');
  } catch {
    return '';
  }
}

/** Parses /etc/passwd text. */
export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) continue;
    out.push({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]! });
  }
  return out;
}

/** Parses /etc/group text. */
export function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2]!)) continue;
    out.push({ name: f[0]!, gid: Number(f[2]), members: f[3]!.split(',').filter(Boolean) });
  }
  return out;
}

/** Resolves USER text to numeric ids as docker does, using the image's passwd/group (supplementary groups included). */
export function resolveUserFrom(user: string, passwd: PasswdEntry[], groups: GroupEntry[]): ResolvedUser {
  const spec = user.trim() || '0';
  const [u, g] = spec.split(':', 2) as [string, string | undefined];
  const isNum = (s: string): boolean => /^\d+$/.test(s);
  let entry = isNum(u) ? passwd.find((p) => p.uid === Number(u)) : passwd.find((p) => p.name === u);
  if (!entry && !isNum(u)) {
    throw new BundleError(
      `the image's USER '${user}' is not in the image's /etc/passwd`,
      'fix USER in the image (a name from its /etc/passwd or a numeric uid)',
    );
  }
  const uid = isNum(u) ? Number(u) : entry!.uid;
  entry ??= undefined;
  let gid = entry?.gid ?? 0;
  if (g !== undefined && g !== '') {
    if (isNum(g)) gid = Number(g);
    else {
      const grp = groups.find((x) => x.name === g);
      if (!grp)
        throw new BundleError(
          `the image's USER '${user}' names group '${g}', which is not in the image's /etc/group`,
          'fix USER in the image',
        );
      gid = grp.gid;
    }
  }
  const name = entry?.name;
  const additionalGids =
    g === undefined && name ? [...new Set(groups.filter((x) => x.members.includes(name) && x.gid !== gid).map((x) => x.gid))] : [];
  return { uid, gid, additionalGids, home: entry?.home || undefined };
}

/** Resolves USER against `rootfs/etc/passwd` and `rootfs/etc/group`. */
export async function resolveImageUser(rootfs: string, user: string): Promise<ResolvedUser> {
  const [passwd, group] = await Promise.all([readImageFile(rootfs, 'passwd'), readImageFile(rootfs, 'group')]);
  return resolveUserFrom(user, parsePasswd(passwd), parseGroup(group));
}
