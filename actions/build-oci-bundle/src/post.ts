// Entry of runs.post: removes the export container and staging dir of a main step that was killed before cleanup.
import * as core from '@actions/core';
import { runPost } from '@eda-oci/action-kit';
import { DockerClient } from '@eda-oci/docker';
import { removeTree } from '@eda-oci/oci';
import { STATE_CONTAINER, STATE_DOCKER_HOST, STATE_STAGING } from './state.js';

await runPost('build-oci-bundle', async () => {
  const id = core.getState(STATE_CONTAINER);
  const staging = core.getState(STATE_STAGING);
  if (id) {
    await new DockerClient({ host: core.getState(STATE_DOCKER_HOST) || undefined }).removeContainer(id);
    core.info(`removed leftover export container ${id.slice(0, 12)}`);
  }
  if (staging && /\/\.[A-Za-z0-9][A-Za-z0-9._-]*\.staging-\d+-[0-9a-f]+$/.test(staging)) {
    await removeTree(staging);
    core.info(`removed leftover staging directory ${staging}`);
  }
});
