// The only place that reads this action's inputs: typed, validated before anything runs.
import { getInteger, getOptional, getRequired } from '@eda-oci/action-kit';
import { ConfigurationError } from '@eda-oci/exec';
import { validateBundleName, validateBundlesDir, validateRunId, VERSION_RE, type RollbackOptions } from '@eda-oci/store';

/** Parsed inputs of rollback-oci-bundle: the store library's rollback options. */
export type Inputs = RollbackOptions;

/** Reads and validates every input; throws ConfigurationError on the first bad one. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const inputs: Inputs = {
    bundlesDir: validateBundlesDir(getRequired('bundles-dir')),
    name: validateBundleName(getRequired('name')),
    to: getOptional('to'),
    lockTimeoutSeconds: getInteger('lock-timeout-seconds', 600, 0, 86_400),
  };
  if (inputs.to !== undefined && !VERSION_RE.test(inputs.to))
    throw new ConfigurationError(
      `input 'to' is '${inputs.to}', which is not a version name (YYYYMMDDTHHMMSSZ-<12 hex>)`,
      "pick one from 'eda-oci list', or leave it empty for the previous version",
    );
  const run = getOptional('only-if-published-by-run');
  if (run !== undefined) {
    // The repository the runner says this run belongs to: a run id of another repository never matches.
    inputs.onlyIfPublishedBy = { runId: validateRunId(run), repository: env.GITHUB_REPOSITORY || undefined };
  }
  return inputs;
}
