// Entry of runs.main.
import { runMain } from '@eda-oci/action-kit';
import { getInputs } from './inputs.js';
import { run } from './run.js';

await runMain('slurm-submit-container', async (signal) => {
  await run(getInputs(), signal);
});
