// Entry of runs.main.
import { runMain } from '@eda-oci/action-kit';
import { getInputs } from './inputs.js';
import { run } from './run.js';

await runMain('test-bundle-runc', async (signal) => {
  await run(getInputs(), signal);
});
