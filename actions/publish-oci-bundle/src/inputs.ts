// The only place that reads this action's inputs: typed, validated before anything runs.
import { getBoolean, getInteger, getOptional, getRequired } from '@eda-oci/action-kit';
import { validatePublishOptions, type PublishOptions } from '@eda-oci/store';

/** Parsed inputs of publish-oci-bundle. */
export type Inputs = Omit<PublishOptions, 'signal'>;

/** Reads and validates every input; throws ConfigurationError on the first bad one. */
export function getInputs(): Inputs {
  const inputs: Inputs = {
    bundle: getRequired('bundle'),
    bundlesDir: getRequired('bundles-dir'),
    name: getOptional('name'),
    keep: getInteger('keep', 5, 1, 10_000),
    lockTimeoutSeconds: getInteger('lock-timeout-seconds', 600, 0, 86_400),
    shared: getBoolean('shared', true),
    dryRun: getBoolean('dry-run', false),
    expectedDigest: getOptional('expected-digest'),
  };
  validatePublishOptions(inputs);
  return inputs;
}
