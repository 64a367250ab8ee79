// Entry of runs.main. No post step: a cancelled publish removes its staging dir and releases its lock itself, and what
// a killed one leaves (staging dir, lock of a dead process) is removed or taken over by the next publish.
import { runMain } from '@eda-oci/action-kit';
import { getInputs } from './inputs.js';
import { run } from './run.js';

await runMain('publish-oci-bundle', async (signal) => {
  await run(getInputs(), signal);
});
