// Refuses workflow events that would run untrusted code on a self-hosted cluster runner: pull_request_target, and pull
// requests (or workflow_run chains) whose code comes from a fork. Defence in depth behind the workflows' own `if:`.
import { readFileSync } from 'node:fs';
import { ConfigurationError } from '@eda-oci/exec';

/** Pull-request events whose payload carries `pull_request.head.repo` (the code being run comes from there). */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

const WHY =
  'eda-oci actions run on self-hosted runners that live on the cluster and can write the shared bundles directory, so code from a fork must never reach them';

interface RepoRef {
  full_name?: unknown;
}

/**
 * Checks the event the job runs for (GITHUB_EVENT_NAME, the payload at GITHUB_EVENT_PATH). Returns normally for trusted
 * events; throws one actionable ConfigurationError for:
 * - `pull_request_target` (runs with the base repository's secrets and write token whatever the PR contains);
 * - a pull request whose head repository is not the base repository (a fork), or whose head repository is gone;
 * - `workflow_run` started by a pull request from a fork (the classic way fork code reaches a privileged workflow);
 * - a pull-request event whose payload cannot be read (a fork cannot be ruled out).
 * Outside GitHub Actions (no GITHUB_EVENT_NAME) nothing is checked.
 */
export function assertTrustedEvent(env: NodeJS.ProcessEnv = process.env, readFile = readPayload): void {
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (event === '') return;
  if (event === 'pull_request_target') {
    throw new ConfigurationError(
      `refusing to run on the 'pull_request_target' event: it runs with this repository's secrets and token whatever the pull request contains, and ${WHY}`,
      `trigger the workflow with 'pull_request' (branches of this repository) or 'push' instead`,
    );
  }
  if (!PULL_REQUEST_EVENTS.has(event) && event !== 'workflow_run') return;
  const payload = readFile(env.GITHUB_EVENT_PATH ?? '');
  if (payload === undefined) {
    throw new ConfigurationError(
      `cannot read the '${event}' event payload (GITHUB_EVENT_PATH='${env.GITHUB_EVENT_PATH ?? ''}'), so a pull request from a fork cannot be ruled out`,
      'run the action on a GitHub runner, which provides the payload file',
    );
  }
  if (event === 'workflow_run') {
    const run = (payload.workflow_run ?? {}) as { event?: unknown; head_repository?: RepoRef | null };
    const base = (payload.repository ?? {}) as RepoRef;
    if (run.event === 'pull_request' || run.event === 'pull_request_target') {
      const head = run.head_repository?.full_name;
      if (typeof head !== 'string' || head !== base.full_name) {
        throw new ConfigurationError(
          `refusing to run on a 'workflow_run' started by a pull request from ${typeof head === 'string' ? `the fork '${head}'` : 'a deleted fork'}: ${WHY}`,
          'run bundle changes from branches of this repository',
        );
      }
    }
    return;
  }
  const pr = (payload.pull_request ?? {}) as { head?: { repo?: RepoRef | null }; base?: { repo?: RepoRef | null } };
  const head = pr.head?.repo;
  const baseName = pr.base?.repo?.full_name ?? (payload.repository as RepoRef | undefined)?.full_name;
  if (!head || typeof head.full_name !== 'string') {
    throw new ConfigurationError(
      `refusing to run on a '${event}' event whose head repository is unknown or deleted (a fork cannot be ruled out): ${WHY}`,
      'push the branch to this repository and open the pull request from there',
    );
  }
  // Compare names, not `head.repo.fork`: a site's own repository may itself be a fork of another one.
  if (head.full_name !== baseName) {
    throw new ConfigurationError(
      `refusing to run on a pull request from the fork '${head.full_name}' (base '${String(baseName)}'): ${WHY}`,
      'a maintainer pushes the change to a branch of this repository and opens the pull request from there',
    );
  }
}

/**
 * The event payload at `file` (GITHUB_EVENT_PATH) as an object; undefined when no file is given or the file holds no
 * JSON object. Throws the read or JSON error when the file cannot be read or parsed (callers word their own message).
 */
export function readEventPayload(file: string | undefined): Record<string, unknown> | undefined {
  if (!file) return undefined;
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

/** {@link readEventPayload} with an unreadable file as no payload: the guard then refuses, a fork cannot be ruled out. */
function readPayload(file: string): Record<string, unknown> | undefined {
  try {
    return readEventPayload(file);
  } catch {
    return undefined;
  }
}
