// Entry of runs.post: stops the rootless daemon the main step started (never a reused one), unless keep-running.
import * as core from '@actions/core';
import { actionsLogger, runPost } from '@eda-oci/action-kit';
import { parseDaemonState, stopRootlessDocker } from '@eda-oci/docker';
import { STATE_DAEMON, STATE_KEEP_RUNNING } from './state.js';

await runPost('setup-rootless-docker', async () => {
  const saved = core.getState(STATE_DAEMON);
  if (!saved) {
    core.info('no rootless daemon was started by this job step: nothing to stop');
    return;
  }
  const state = parseDaemonState(saved);
  if (core.getState(STATE_KEEP_RUNNING) === 'true') {
    core.info(`keep-running: leaving the rootless daemon (pid ${state.pid}) running at unix://${state.socket}`);
    return;
  }
  core.info((await stopRootlessDocker(state, { logger: actionsLogger })).detail);
});
