// setup-rootless-docker: one library call (setupRootlessDocker), then outputs, DOCKER_HOST and the job summary.
import * as core from '@actions/core';
import { actionsLogger, writeSummary, type SummaryRow } from '@eda-oci/action-kit';
import { PrerequisiteError, setupRootlessDocker, type CheckRow, type SetupResult } from '@eda-oci/docker';
import type { Inputs } from './inputs.js';
import { STATE_DAEMON, STATE_KEEP_RUNNING } from './state.js';

function checkRows(rows: CheckRow[]): SummaryRow[] {
  return rows.map((r) => [r.name, r.ok ? `ok: ${r.detail}` : `FAIL: ${r.detail}. Fix: ${r.fix}`]);
}

/** Sets up the daemon and publishes outputs; returns the library result (tests use it). */
export async function run(inputs: Inputs, signal?: AbortSignal): Promise<SetupResult> {
  core.saveState(STATE_KEEP_RUNNING, String(inputs.keepRunning));
  let result: SetupResult;
  try {
    result = await setupRootlessDocker(
      { ...inputs, signal, onStarted: (state) => core.saveState(STATE_DAEMON, JSON.stringify(state)) },
      { logger: actionsLogger },
    );
  } catch (err) {
    if (err instanceof PrerequisiteError) await writeSummary('setup-rootless-docker: prerequisites (eda-oci doctor)', checkRows(err.rows));
    throw err;
  }
  core.setOutput('docker-host', result.dockerHost);
  core.setOutput('data-root', result.dataRoot);
  core.setOutput('started', String(result.started));
  core.exportVariable('DOCKER_HOST', result.dockerHost);
  const daemon = result.started
    ? `started by this step (pid ${result.pid}, answered after ${((result.startMs ?? 0) / 1000).toFixed(1)} s)${inputs.keepRunning ? ', keep-running' : ''}`
    : inputs.start
      ? 'reused: a healthy rootless daemon of this user was already running'
      : 'not started (start: false)';
  const json = result.daemonJson;
  await writeSummary(
    'setup-rootless-docker',
    [
      ['Docker host', result.dockerHost],
      ['Daemon', daemon],
      ['Server version', result.serverVersion ?? '-'],
      ['Data root', result.dataRoot],
      ['daemon.json', `${json.file}${json.changed ? ` (written${json.backup ? `, previous in ${json.backup}` : ''})` : ' (unchanged)'}`],
      ['Daemon log', result.logFile ?? '-'],
    ],
    result.warnings,
  );
  await writeSummary('Prerequisites (eda-oci doctor)', checkRows(result.checks));
  return result;
}
