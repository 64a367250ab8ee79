// The only place that reads this action's inputs: typed, validated before anything runs.
import { getBoolean, getEnum, getInteger, getList, getOptional, getRequired } from '@eda-oci/action-kit';
import { parseEnvEntries, prepareContainerJob, type ContainerJobOptions, type SubmitMode } from '@eda-oci/slurm';

/** Parsed inputs of slurm-submit-container (the library's options without the run-time callbacks). */
export type Inputs = Omit<ContainerJobOptions, 'signal' | 'onSubmitted' | 'onOutputLine'>;

/** Reads and validates every input (and the bundle on disk); throws ConfigurationError on the first bad one. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  const ntasks = getOptional('ntasks');
  const inputs: Inputs = {
    bundle: getRequired('bundle'),
    command: getOptional('command'),
    script: getOptional('script'),
    mode: getEnum<SubmitMode>('mode', ['sbatch', 'srun'], 'sbatch'),
    partition: getOptional('partition'),
    nodes: getOptional('nodes'),
    ntasks: ntasks === undefined ? undefined : getInteger('ntasks', 1, 1, 1_000_000),
    timeLimit: getOptional('time-limit'),
    jobName: getOptional('job-name'),
    extraArgs: getList('extra-args'),
    env: parseEnvEntries(getList('env')),
    timeoutSeconds: getInteger('timeout-seconds', 0, 0, 31 * 24 * 3600),
    cancelOnAbort: getBoolean('cancel-on-abort', true),
    verifyContainer: getBoolean('verify-container', true),
    pinVersion: getBoolean('pin-version', true),
    // Knob, not an input: where sbatch writes eda-oci-JOBID.out (default the step's working directory, like sbatch).
    outputDir: env.EDA_OCI_SLURM_OUTPUT_DIR || undefined,
  };
  // Everything that can be checked before a side effect (grammars, bundle on disk, script) is checked here.
  prepareContainerJob(inputs);
  return inputs;
}
