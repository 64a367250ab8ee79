// The Slurm version of the cluster this runs on, from `scontrol --version` (same output as `sinfo -V`).
import { runCommand, type RunCommand } from '@eda-oci/exec';
import { parseSlurmVersionOutput } from './oci-conf.js';

/** Asks the local Slurm client tools for their version, e.g. "22.05.8". */
export async function detectSlurmVersion(run: RunCommand = runCommand): Promise<string> {
  const r = await run('scontrol', ['--version'], { timeoutMs: 15_000, quiet: true });
  return parseSlurmVersionOutput(r.stdout);
}
