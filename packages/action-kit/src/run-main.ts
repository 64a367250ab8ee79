// Entry wrappers for runs.main / runs.post: typed errors -> setFailed, stack -> debug, signals -> cancellation.
import * as core from '@actions/core';
import { EdaOciError } from '@eda-oci/exec';
import { assertTrustedEvent } from './event-guard.js';

/**
 * Runs an action's main step. SIGINT/SIGTERM (workflow cancelled) abort the passed AbortSignal so the library
 * can stop programs and clean up; a second signal exits at once. Errors become one `setFailed` line. Before anything
 * else it refuses untrusted events (pull_request_target, pull requests from forks: see event-guard.ts).
 */
export async function runMain(action: string, fn: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(1);
    core.warning(`${action}: received ${sig}, cancelling and cleaning up`);
    controller.abort(new Error(sig));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    assertTrustedEvent();
    await fn(controller.signal);
  } catch (err) {
    fail(action, err);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Runs an action's post step; failures are warnings unless `strict` (leftover state that is dangerous). */
export async function runPost(action: string, fn: () => Promise<void>, strict = false): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (strict) fail(`${action} (post)`, err);
    else {
      core.debug(err instanceof Error ? (err.stack ?? err.message) : String(err));
      core.warning(`${action} (post): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function fail(action: string, err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  if (e.stack) core.debug(e.stack);
  const message = e instanceof EdaOciError ? e.message : `unexpected error: ${e.message}`;
  core.setFailed(`${action} failed: ${message}`);
  process.exitCode = 1;
}
