// The only place that reads this action's inputs (and the event payload for the base/head defaults).
import { getBoolean, getOptional, readEventPayload } from '@eda-oci/action-kit';
import { isZeroSha, normalizeCatalogDir, validateGitRevision } from '@eda-oci/catalog';
import { ConfigurationError } from '@eda-oci/exec';

/** Parsed inputs of plan-bundles. */
export interface Inputs {
  /** The checkout (GITHUB_WORKSPACE). */
  repo: string;
  catalogDir: string;
  /** Every bundle of the checkout instead of a git plan. */
  all: boolean;
  /** Set unless `all`: the revisions to compare (base may be all zeros: every bundle at head). */
  base?: string;
  head?: string;
  bundlesDir?: string;
  publishedOnly: boolean;
}

/** base/head an event implies: pull request base/head SHAs, push before/after. */
export function eventRevisions(event: string, payload: Record<string, unknown>): { base?: string; head?: string } {
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  if (event.startsWith('pull_request')) {
    const pr = (payload.pull_request ?? {}) as { base?: { sha?: unknown }; head?: { sha?: unknown } };
    return { base: str(pr.base?.sha), head: str(pr.head?.sha) };
  }
  if (event === 'push') return { base: str(payload.before), head: str(payload.after) };
  if (event === 'merge_group') {
    const mg = (payload.merge_group ?? {}) as { base_sha?: unknown; head_sha?: unknown };
    return { base: str(mg.base_sha), head: str(mg.head_sha) };
  }
  return {};
}

function readPayload(file: string | undefined): Record<string, unknown> {
  try {
    return readEventPayload(file) ?? {};
  } catch (err) {
    throw new ConfigurationError(
      `cannot read the event payload GITHUB_EVENT_PATH='${file}': ${(err as Error).message}`,
      'give base and head explicitly, or run on a GitHub runner',
    );
  }
}

/** Reads and validates every input; throws ConfigurationError on the first bad one. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const catalogDir = normalizeCatalogDir(getOptional('catalog-dir') ?? 'bundles');
  const all = getBoolean('all', false);
  const publishedOnly = getBoolean('published-only', false);
  const bundlesDir = getOptional('bundles-dir');
  if (bundlesDir !== undefined && (bundlesDir.includes('\0') || !bundlesDir.startsWith('/'))) {
    throw new ConfigurationError(
      `input 'bundles-dir' is '${bundlesDir}', which is not an absolute path`,
      'give the shared bundles directory, e.g. /shared/bundles',
    );
  }
  if (publishedOnly && !bundlesDir) {
    throw new ConfigurationError(
      "input 'published-only' is true but 'bundles-dir' is empty",
      'set bundles-dir to the shared bundles directory',
    );
  }
  const repo = env.GITHUB_WORKSPACE;
  if (!repo) throw new ConfigurationError('GITHUB_WORKSPACE is not set', 'run the action in a job after actions/checkout');
  let base = getOptional('base');
  let head = getOptional('head');
  if (all) {
    if (base !== undefined || head !== undefined) {
      throw new ConfigurationError(
        "input 'all' is true together with base/head",
        'use either all: true (every bundle) or base/head (what changed)',
      );
    }
    return { repo, catalogDir, all, bundlesDir, publishedOnly };
  }
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (base === undefined || head === undefined) {
    const fromEvent = eventRevisions(event, readPayload(env.GITHUB_EVENT_PATH));
    base ??= fromEvent.base;
    head ??= fromEvent.head ?? (base !== undefined ? env.GITHUB_SHA : undefined);
  }
  if (base === undefined || head === undefined) {
    throw new ConfigurationError(
      `input '${base === undefined ? 'base' : 'head'}' is empty and the '${event || 'unknown'}' event has no ${base === undefined ? 'base' : 'head'} commit`,
      'set all: true (schedule, workflow_dispatch) or give base and head',
    );
  }
  if (!isZeroSha(base)) validateGitRevision(base, "input 'base'");
  if (!isZeroSha(head)) validateGitRevision(head, "input 'head'");
  return { repo, catalogDir, all, base, head, bundlesDir, publishedOnly };
}
