// Entry of runs.main.
import { runMain } from '@eda-oci/action-kit';
import { getInputs } from './inputs.js';
import { run } from './run.js';

await runMain('plan-bundles', async (signal) => {
  await run(getInputs(), signal);
});
