// Subordinate id ranges (/etc/subuid, /etc/subgid) of a user, needed to map an image's non-root USER rootlessly.
import { readFile } from 'node:fs/promises';
import type { SubIdRange } from './runtime-spec.js';

/** Parses subuid/subgid text and returns the first range for `name` or numeric `id`, if any. */
export function findSubIdRange(text: string, name: string | undefined, id: number): SubIdRange | undefined {
  for (const line of text.split('\n')) {
    const f = line.trim().split(':');
    if (f.length !== 3 || !/^\d+$/.test(f[1]!) || !/^\d+$/.test(f[2]!)) continue;
    if (f[0] === name || f[0] === String(id)) return { start: Number(f[1]), count: Number(f[2]) };
  }
  return undefined;
}

/** Reads the range of a user from `file` (/etc/subuid or /etc/subgid); undefined when absent or unreadable. */
export async function readSubIdRange(file: string, name: string | undefined, id: number): Promise<SubIdRange | undefined> {
  try {
    return findSubIdRange(await readFile(file, 'utf8'), name, id);
  } catch {
    return undefined;
  }
}
