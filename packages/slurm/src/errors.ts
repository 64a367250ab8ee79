// SlurmJobError: a job that eda-oci submitted did not succeed; carries what is known about it for outputs and summaries.
import { EdaOciError } from '@eda-oci/exec';
import type { ContainerJobResult } from './container-job.js';

/** The job ran (or was submitted) and did not succeed: failed, cancelled, timed out, lost, not inside the container. */
export class SlurmJobError extends EdaOciError {
  override name = 'SlurmJobError';
  constructor(
    message: string,
    /** What is known about the job (job id, final state, exit code, output tail...). */
    readonly result: ContainerJobResult,
    hint?: string,
  ) {
    super(message, hint);
  }
}
