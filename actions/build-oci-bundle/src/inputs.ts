// The only place that reads this action's inputs: typed, validated before anything runs.
import path from 'node:path';
import { getEnum, getOptional, getRaw, getRequired } from '@eda-oci/action-kit';
import { parseImageReference, validateDockerHost } from '@eda-oci/docker';
import { ConfigurationError } from '@eda-oci/exec';
import {
  parseConfigOverlay,
  parseExtractMethod,
  validateBundleName,
  validatePlatform,
  type BuildOptions,
  type PullPolicy,
} from '@eda-oci/oci';

/** Parsed inputs of build-oci-bundle. */
export interface Inputs extends Omit<BuildOptions, 'signal' | 'onContainer' | 'onStaging'> {
  dockerHost?: string;
}

/** Reads and validates every input; throws ConfigurationError on the first bad one. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const image = getRequired('image');
  parseImageReference(image);
  const name = validateBundleName(getRequired('name'));
  let outputDir = getOptional('output-dir');
  if (!outputDir) {
    if (!env.RUNNER_TEMP) throw new ConfigurationError('output-dir is not set and RUNNER_TEMP is unset', 'set output-dir');
    outputDir = path.join(env.RUNNER_TEMP, 'oci-bundles');
  }
  const pull = getEnum<PullPolicy>('pull', ['missing', 'always', 'never'], 'missing');
  const platform = getOptional('platform');
  if (platform) validatePlatform(platform);
  const config = parseConfigOverlay(getRaw('config'));
  const dockerHost = getOptional('docker-host');
  if (dockerHost) validateDockerHost(dockerHost);
  // Troubleshooting knob, not an input: how to read the image filesystem (see eda-oci build --extract).
  const extract = parseExtractMethod(env.EDA_OCI_EXTRACT, 'EDA_OCI_EXTRACT');
  return { image, name, outputDir, pull, platform, config, dockerHost, extract };
}
