// The only place that reads this action's inputs: typed, validated before anything runs.
import { ConfigurationError } from '@eda-oci/exec';
import { getBoolean, getEnum, getInteger, getList, getOptional, getRequired } from '@eda-oci/action-kit';
import { parseEnvEntries, prepareContainerJob, validateResultFile, type ContainerJobOptions, type SubmitMode } from '@eda-oci/slurm';

/** Parsed inputs of slurm-submit-container (the library's options without the run-time callbacks, plus the result file). */
export type Inputs = Omit<ContainerJobOptions, 'signal' | 'onSubmitted' | 'onOutputLine'> & {
  /** Where to write the JSON result record at the end (success or failure). */
  resultFile?: string;
  /** The record's id (e.g. the smoke cell id of plan-bundles). */
  resultId?: string;
};

/**
 * Reads and validates every input (and the bundle on disk); throws ConfigurationError on the first bad one. The job is
 * prepared here once (`prepared`), and the run submits it as prepared.
 */
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
    resultFile: getOptional('result-file'),
    resultId: getOptional('result-id'),
  };
  if (inputs.resultFile !== undefined) validateResultFile(inputs.resultFile);
  if (inputs.resultId !== undefined && !/^[\x21-\x7e]{1,512}$/.test(inputs.resultId))
    throw new ConfigurationError(
      `result-id '${inputs.resultId}' has spaces, control characters or non-ASCII, or is longer than 512`,
      "pass plan-bundles' smoke cell id (matrix.smoke.id)",
    );
  // Everything that can be checked before a side effect (grammars, bundle on disk, script) is checked here; the run
  // submits this prepared job.
  return { ...inputs, prepared: prepareContainerJob(inputs) };
}
