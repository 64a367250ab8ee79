// Entry of runs.post: kills and deletes test containers a cancelled or killed main step left in its runc root.
import { existsSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import * as core from '@actions/core';
import { actionsLogger, runPost } from '@eda-oci/action-kit';
import { TEST_CONTAINER_PREFIX, cleanupRoot, removeTree } from '@eda-oci/oci';
import { STATE_PREFIX, STATE_ROOT, STATE_ROOT_PRIVATE, STATE_RUNC, STATE_TEMP } from './state.js';

await runPost('test-bundle-runc', async () => {
  const root = core.getState(STATE_ROOT);
  const prefix = core.getState(STATE_PREFIX);
  const temp = core.getState(STATE_TEMP);
  if (root && prefix.startsWith(TEST_CONTAINER_PREFIX)) {
    const removed = await cleanupRoot(root, { runc: core.getState(STATE_RUNC) || 'runc', prefix: `${prefix}-`, logger: actionsLogger });
    if (removed.length) core.info(`removed ${removed.length} leftover test container(s) from ${root}`);
    if (core.getState(STATE_ROOT_PRIVATE) === 'true') await rmdir(root).catch(() => undefined);
  }
  if (temp && /\/\.?eda-oci-test-bundles-[A-Za-z0-9]{6}$/.test(temp) && existsSync(temp)) {
    await removeTree(temp);
    core.info(`removed leftover temporary bundles ${temp}`);
  }
});
