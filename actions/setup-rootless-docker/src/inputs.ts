// The only place that reads this action's inputs: typed, validated before anything runs.
import { getBoolean, getInteger, getOptional, getRaw } from '@eda-oci/action-kit';
import { parseDaemonConfig, validateDataRoot } from '@eda-oci/docker';

/** Parsed inputs of setup-rootless-docker. */
export interface Inputs {
  /** Undefined: the library's default /var/tmp/<user>/containers/storage. */
  dataRoot?: string;
  daemonConfig: Record<string, unknown>;
  start: boolean;
  keepRunning: boolean;
  waitSeconds: number;
}

/** Reads and validates every input; throws ConfigurationError on the first bad one. */
export function getInputs(): Inputs {
  const dataRoot = getOptional('data-root');
  return {
    dataRoot: dataRoot === undefined ? undefined : validateDataRoot(dataRoot),
    daemonConfig: parseDaemonConfig(getRaw('daemon-config'), "input 'daemon-config'"),
    start: getBoolean('start', true),
    keepRunning: getBoolean('keep-running', false),
    waitSeconds: getInteger('wait-seconds', 60, 1, 3600),
  };
}
