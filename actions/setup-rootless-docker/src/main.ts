// Entry of runs.main.
import { runMain } from '@eda-oci/action-kit';
import { getInputs } from './inputs.js';
import { run } from './run.js';

await runMain('setup-rootless-docker', async (signal) => {
  await run(getInputs(), signal);
});
