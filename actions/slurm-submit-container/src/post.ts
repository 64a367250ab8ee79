// Entry of runs.post: scancel the job this run submitted if it is still queued or running (main was cancelled or
// killed). Idempotent: a finished or unknown job is left alone. A job it cannot cancel fails the step (it keeps using
// the cluster).
import * as core from '@actions/core';
import { actionsLogger, runPost } from '@eda-oci/action-kit';
import { cancelLeftoverJobs } from '@eda-oci/slurm';
import { STATE_CANCEL, STATE_JOB_IDS } from './state.js';

await runPost(
  'slurm-submit-container',
  async () => {
    const ids = core.getState(STATE_JOB_IDS).split(',').filter(Boolean);
    if (!ids.length) return;
    if (core.getState(STATE_CANCEL) === 'false') {
      core.info(`leaving job(s) ${ids.join(', ')} alone (cancel-on-abort is false)`);
      return;
    }
    const cancelled = await cancelLeftoverJobs(ids, { logger: actionsLogger });
    core.info(cancelled.length ? `cancelled leftover job(s) ${cancelled.join(', ')}` : `job(s) ${ids.join(', ')} already ended`);
  },
  true,
);
