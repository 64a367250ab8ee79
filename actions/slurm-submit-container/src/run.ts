// slurm-submit-container: one library call (runContainerJob), then outputs, the job summary and the result record,
// also when it failed.
import * as core from '@actions/core';
import { actionsLogger, writeSummary } from '@eda-oci/action-kit';
import { EdaOciError } from '@eda-oci/exec';
import {
  jobOutputs,
  runContainerJob,
  smokeRecord,
  SlurmJobError,
  writeSmokeRecord,
  type ContainerJobResult,
  type SmokeResultRecord,
} from '@eda-oci/slurm';
import type { Inputs } from './inputs.js';
import { STATE_CANCEL, STATE_JOB_IDS } from './state.js';

/** Runs the job, publishes outputs, the summary and the result record; returns the library result (tests use it). */
export async function run(inputs: Inputs, signal?: AbortSignal, runJob = runContainerJob): Promise<ContainerJobResult> {
  const { resultFile, resultId, ...job } = inputs;
  core.saveState(STATE_CANCEL, String(job.cancelOnAbort !== false));
  const base = { id: resultId, bundle: job.bundle, partition: job.partition, mode: job.mode, command: job.command, script: job.script };
  let result: ContainerJobResult;
  try {
    result = await core.group(`Slurm job (${job.mode})`, () =>
      runJob(
        {
          ...job,
          signal,
          // Saved at once: if this step is killed, the post step still finds (and cancels) the job.
          onSubmitted: (id) => core.saveState(STATE_JOB_IDS, id),
          onOutputLine: (line) => core.info(line),
        },
        { logger: actionsLogger },
      ),
    );
  } catch (err) {
    if (err instanceof SlurmJobError) await publish(inputs, err.result, err.message);
    // The record of a failure must not hide the failure itself: a record that cannot be written is a warning here.
    if (resultFile)
      await writeRecord(resultFile, smokeRecord(base, { error: err })).catch((e: unknown) => core.warning((e as Error).message));
    throw err;
  }
  await publish(inputs, result);
  if (resultFile) await writeRecord(resultFile, smokeRecord(base, { result }));
  return result;
}

async function writeRecord(file: string, record: SmokeResultRecord): Promise<void> {
  try {
    await writeSmokeRecord(file, record);
  } catch (err) {
    throw new EdaOciError(`could not write result-file ${file}: ${(err as Error).message}`, 'check that the step may write there', {
      cause: err,
    });
  }
  core.info(`result record (${record.ok ? 'ok' : 'failed'}) written to ${file}`);
}

async function publish(inputs: Inputs, r: ContainerJobResult, failure?: string): Promise<void> {
  for (const [k, v] of Object.entries(jobOutputs(r))) core.setOutput(k, String(v));
  const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  await writeSummary(
    `slurm-submit-container: job ${r.jobId}`,
    [
      ['Job id', r.jobId],
      ['Nodes', r.nodes || '-'],
      ['State', r.state],
      ['Outcome', r.outcome.message],
      ['Exit code', `${r.exitCode}${r.signal ? ` (signal ${r.signal})` : ''}`],
      ['Elapsed', `${r.elapsedSeconds} s${r.restarts ? ` (requeued ${r.restarts}x)` : ''}`],
      ['Inside the bundle', r.verified === undefined ? 'not checked' : r.verified ? `yes (${r.bundleId})` : 'NO'],
      ['Bundle', r.bundlePath],
      ['Mode', `${inputs.mode}${inputs.partition ? `, partition ${inputs.partition}` : ''}`],
      ['Output file', r.outputFile || '(srun: in the log)'],
      ['Time', `submit ${secs(r.timingsMs.submit)}, wait ${secs(r.timingsMs.wait)}, total ${secs(r.timingsMs.total)}`],
      ['Slurm queries', `${r.commands.squeue} squeue, ${r.commands.scontrol} scontrol, ${r.commands.sacct} sacct`],
    ],
    failure ? [failure] : [],
  );
  if (process.env.GITHUB_STEP_SUMMARY && r.outputTail.length) {
    await core.summary.addRaw(`\nOutput tail (${r.outputTail.length} lines):\n`, true).addCodeBlock(r.outputTail.join('\n')).write();
  }
}
