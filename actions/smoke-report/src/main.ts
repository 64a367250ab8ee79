// Entry of runs.main (reads files only: nothing to clean up, no post step).
import { runMain } from '@eda-oci/action-kit';
import { getInputs } from './inputs.js';
import { run } from './run.js';

await runMain('smoke-report', async () => {
  await run(getInputs());
});
