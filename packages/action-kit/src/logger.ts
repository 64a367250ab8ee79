// A Logger (from @eda-oci/exec) that writes through @actions/core: groups, annotations, debug.
import * as core from '@actions/core';
import type { Logger } from '@eda-oci/exec';

/** Logger for code running inside a GitHub Action step. */
export const actionsLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  error: (m) => core.error(m),
  group: (title, fn) => core.group(title, fn),
};
