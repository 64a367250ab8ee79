// Which bundle paths queued or running Slurm jobs use, from squeue's Container field (Slurm 21.08+; on 22.05 the
// field is `--Format=Container`, relative paths are kept as given and resolve against the job's WorkDir, `(null)`
// means no container). Jobs and job steps are both asked: `srun --container` inside an allocation puts the container
// on the step only. This is the store's default in-use query; it belongs in packages/slurm once that has a client.
import path from 'node:path';
import { CommandFailedError, EdaOciError, runCommand, type Logger, type RunCommand } from '@eda-oci/exec';

/** One job or step that names a container bundle. */
export interface ContainerUse {
  /** Job id, or `job.step` for a step. */
  id: string;
  state: string;
  /** When it started (undefined: not started, or unknown). */
  startTime?: Date;
  /** Absolute, normalized bundle path as the job gave it (relative paths resolved against the job's WorkDir). */
  container: string;
}

/** Returns the bundle paths of every queued or running job and step. */
export type InUseQuery = () => Promise<ContainerUse[]>;

/** Slurm could not be asked (squeue missing or failing): gc must not guess. */
export class SlurmUnavailableError extends EdaOciError {
  override name = 'SlurmUnavailableError';
}

/** Separator that cannot occur in squeue's fields (ASCII unit separator); squeue prints a field suffix verbatim. */
const US = '\x1f';
/** States after which a job no longer uses its bundle; every other state (pending, running, suspended, ...) does. */
const FINISHED = new Set([
  'COMPLETED',
  'CANCELLED',
  'FAILED',
  'TIMEOUT',
  'NODE_FAIL',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
  'OUT_OF_MEMORY',
  'REVOKED',
  'SPECIAL_EXIT',
]);

/** squeue arguments for jobs and for steps. */
export const SQUEUE_JOB_ARGS = [
  '-h',
  '-a',
  '-t',
  'all',
  '--Format',
  ['JobID', 'State', 'StartTime', 'WorkDir', 'Container'].map((f) => `${f}:${US}`).join(','),
];
export const SQUEUE_STEP_ARGS = ['-h', '-a', '-s', '--Format', ['StepID', 'StartTime', 'Container'].map((f) => `${f}:${US}`).join(',')];

function parseStart(s: string | undefined): Date | undefined {
  if (!s || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(s)) return undefined; // N/A, Unknown, None
  const d = new Date(s); // squeue prints local time without a zone, which Date reads as local time too
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function containerPath(raw: string | undefined, workDir: string | undefined): string | undefined {
  const c = (raw ?? '').trim();
  if (!c || c === '(null)') return undefined;
  // path.resolve normalizes and drops a trailing slash, so `/b/vcs/` and `/b/vcs` compare equal.
  return path.isAbsolute(c) ? path.resolve(c) : workDir ? path.resolve(workDir, c) : undefined;
}

/** Parses `squeue` output for {@link SQUEUE_JOB_ARGS}; finished jobs are left out. Also returns each job's WorkDir. */
export function parseSqueueJobs(text: string): { uses: ContainerUse[]; workDirs: Map<string, string> } {
  const uses: ContainerUse[] = [];
  const workDirs = new Map<string, string>();
  for (const line of text.split('\n')) {
    const f = line.split(US);
    if (f.length < 5) continue;
    const [id, state, start, workDir, container] = f.map((s) => s.trim()) as [string, string, string, string, string];
    if (workDir) workDirs.set(id, workDir);
    if (FINISHED.has(state.split(' ')[0]!)) continue;
    const c = containerPath(container, workDir);
    // A relative path without WorkDir cannot be placed: keep it as unplaceable so callers stay conservative.
    if (c) uses.push({ id, state, startTime: parseStart(start), container: c });
    else if (container && container !== '(null)') uses.push({ id, state, startTime: parseStart(start), container: `?${container}` });
  }
  return { uses, workDirs };
}

/** Parses `squeue -s` output for {@link SQUEUE_STEP_ARGS} (steps are running); WorkDir comes from the step's job. */
export function parseSqueueSteps(text: string, workDirs: Map<string, string>): ContainerUse[] {
  const uses: ContainerUse[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(US);
    if (f.length < 3) continue;
    const [id, start, container] = f.map((s) => s.trim()) as [string, string, string];
    const raw = container;
    if (!raw || raw === '(null)') continue;
    const c = containerPath(raw, workDirs.get(id.split('.')[0]!.split('_')[0]!) ?? workDirs.get(id.split('.')[0]!));
    uses.push({ id, state: 'RUNNING', startTime: parseStart(start), container: c ?? `?${raw}` });
  }
  return uses;
}

/** The default in-use query: squeue for jobs, then for steps. */
export function slurmInUse(deps: { run?: RunCommand; logger?: Logger; squeue?: string } = {}): InUseQuery {
  const run = deps.run ?? runCommand;
  const squeue = deps.squeue ?? 'squeue';
  const ask = async (args: string[]): Promise<string> => {
    try {
      return (await run(squeue, args, { timeoutMs: 60_000, logger: deps.logger, quiet: true })).stdout;
    } catch (err) {
      const missing = err instanceof CommandFailedError && (err.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      throw new SlurmUnavailableError(
        missing
          ? `cannot ask Slurm which bundle versions queued or running jobs use: ${squeue} was not found`
          : `cannot ask Slurm which bundle versions queued or running jobs use: ${err instanceof Error ? err.message : String(err)}`,
        'run where squeue works (a login node), or pass --ignore-slurm if no Slurm job can use this bundles dir',
        { cause: err },
      );
    }
  };
  return async () => {
    const jobs = parseSqueueJobs(await ask(SQUEUE_JOB_ARGS));
    return [...jobs.uses, ...parseSqueueSteps(await ask(SQUEUE_STEP_ARGS), jobs.workDirs)];
  };
}
