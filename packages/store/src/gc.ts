// Retention: which versions may be deleted, and deleting them (rename to a trash name first, so a version disappears
// from the store in one step; then the slow removal). Protected, whatever `keep` says: the current version, the
// previous one (rollback target), versions that stopped being current less than a grace period ago (NFS clients
// may still resolve the old symlink for a while), and versions a queued or running Slurm job uses.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { removeTree } from '@eda-oci/oci';
import { STORE_DIR, trashName, type StorePaths } from './layout.js';
import type { ContainerUse } from './slurm-use.js';
import { versionCreatedMs, type HistoryEntry } from './versions.js';

/**
 * How long before a job's start a version must still have been current to count as possibly used by a job that
 * names `<bundles-dir>/<name>`: NFS clients cache symlinks (acdirmax, 60 s by default), so a job may start on the
 * version that was current shortly before.
 */
export const LINK_CACHE_SLACK_MS = 120_000;

/** Why a version is kept. */
export type KeepReason = 'current' | 'previous' | 'within-keep' | 'grace' | 'in-use';

/** Input of {@link selectVictims}. */
export interface GcInput {
  /** Existing versions, any order. */
  versions: string[];
  current?: string;
  previous?: string;
  history: HistoryEntry[];
  keep: number;
  graceMs: number;
  nowMs: number;
  /** Versions a job uses (see {@link versionsInUse}). */
  inUse: Set<string>;
}

/** The decision for every version, newest first. */
export interface GcPlan {
  delete: string[];
  keep: { version: string; reasons: KeepReason[] }[];
}

/** When each version stopped being current (from the history), ms. */
export function retiredAt(history: HistoryEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 1; i < history.length; i++) {
    const prev = history[i - 1]!.version;
    if (prev !== history[i]!.version) out.set(prev, Date.parse(history[i]!.time));
  }
  return out;
}

/** Decides which versions to delete. Pure: the caller gathers the inputs. */
export function selectVictims(g: GcInput): GcPlan {
  const newestFirst = [...new Set(g.versions)].sort().reverse();
  const retired = retiredAt(g.history);
  const plan: GcPlan = { delete: [], keep: [] };
  newestFirst.forEach((v, i) => {
    const reasons: KeepReason[] = [];
    if (v === g.current) reasons.push('current');
    if (v === g.previous) reasons.push('previous');
    if (i < g.keep) reasons.push('within-keep');
    // Age counts from when the version stopped being current, else from its creation.
    const since = Math.max(versionCreatedMs(v), retired.get(v) ?? 0);
    if (g.nowMs - since < g.graceMs) reasons.push('grace');
    if (g.inUse.has(v)) reasons.push('in-use');
    if (reasons.length) plan.keep.push({ version: v, reasons });
    else plan.delete.push(v);
  });
  return plan;
}

/**
 * Maps Slurm's container paths onto versions of this name. A job that names a version directory (or a path inside
 * it) uses that version. A job that names `<bundles-dir>/<name>` uses whatever was current when it started: every
 * version current at some time since its start (minus {@link LINK_CACHE_SLACK_MS}); a pending one will use the
 * current version. When that cannot be told (no start time, no history, a relative path without work dir), every
 * version counts as used.
 */
export function versionsInUse(
  uses: ContainerUse[],
  p: StorePaths,
  versions: string[],
  history: HistoryEntry[],
  current: string | undefined,
  nowMs: number,
  /** Other spellings of the bundles dir (its realpath, other mount points). */
  aliases: string[] = [],
): Set<string> {
  const out = new Set<string>();
  const dirs = [p.bundlesDir, ...aliases].map((d) => path.normalize(d));
  const all = (): Set<string> => new Set(versions);
  for (const u of uses) {
    if (u.container.startsWith('?')) return all();
    for (const d of dirs) {
      const link = path.join(d, p.name);
      const nameDir = path.join(d, STORE_DIR, p.name);
      if (u.container === link || u.container.startsWith(`${link}/`)) {
        if (!u.startTime) {
          if (/PENDING|CONFIGURING/.test(u.state) && current) out.add(current);
          else return all();
          continue;
        }
        if (!history.length) return all();
        const from = u.startTime.getTime() - LINK_CACHE_SLACK_MS;
        for (let i = 0; i < history.length; i++) {
          const until = i + 1 < history.length ? Date.parse(history[i + 1]!.time) : nowMs;
          if (until >= from) out.add(history[i]!.version);
        }
        if (current) out.add(current);
      } else if (u.container.startsWith(`${nameDir}/`)) {
        out.add(u.container.slice(nameDir.length + 1).split('/')[0]!);
      }
    }
  }
  return out;
}

/** Deletes versions: each is renamed to `.trash-<version>-<rand>` (gone from listings at once), then removed. */
export async function deleteVersions(p: StorePaths, victims: string[]): Promise<void> {
  for (const v of victims) {
    const trash = path.join(p.nameDir, trashName(v));
    await rename(path.join(p.nameDir, v), trash);
    await removeTree(trash);
  }
}
