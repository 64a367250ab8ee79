// Entry of runs.main. No post step: an interrupted rollback releases its lock (or the next run takes over a dead one)
// and the symlink swap is one rename(2), so nothing is left half done.
import { runMain } from '@eda-oci/action-kit';
import { getInputs } from './inputs.js';
import { run } from './run.js';

await runMain('rollback-oci-bundle', async () => {
  await run(getInputs());
});
