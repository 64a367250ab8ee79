// The Slurm client commands eda-oci runs (sbatch, squeue, scontrol, sacct, scancel), through @eda-oci/exec with
// timeouts, and the classification of their failures: a controller that does not answer is transient (retry, do
// not decide anything), everything else is an answer.
import { CommandFailedError, runCommand, type Logger, type RunCommand } from '@eda-oci/exec';
import { parseSacct, parseScontrolJobs, parseSqueue, SACCT_FIELDS, SQUEUE_FORMAT, type JobDetails, type QueueEntry } from './parse.js';

// What Slurm clients print when slurmctld (or the network to it) is down, restarting or overloaded. They retry for
// several seconds themselves (squeue ~8 s, sbatch/scancel ~4 s here) before giving up with one of these.
const TRANSIENT =
  /Unable to contact slurm controller|Socket timed out|Connection refused|connect failure|Zero Bytes were transmitted|Transport endpoint|temporarily unable|Resource temporarily unavailable|backup controller|Communication connection failure|Slurm controller not responding|timed out after/i;

/** True when a failed Slurm command says the controller is unreachable or busy (try again later). */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof CommandFailedError)) return false;
  return TRANSIENT.test(err.stderr) || TRANSIENT.test(err.message);
}

/** Counts of controller queries (squeue/scontrol) and other commands, for tests and benchmarks. */
export interface CommandCounts {
  squeue: number;
  scontrol: number;
  sacct: number;
  sbatch: number;
  scancel: number;
}

/** Options of {@link SlurmCommands}. */
export interface SlurmCommandsOptions {
  run?: RunCommand;
  logger?: Logger;
  /** Environment for every Slurm command (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Per-command time limit (default 30 s: the clients' own retries take up to ~8 s). */
  timeoutMs?: number;
}

/**
 * Typed wrappers of the Slurm client commands; each call is one process. Controller RPCs on Slurm 22.05 (sdiag):
 * squeue --local = job info + partition info, scontrol --local show job ID = one job info; without --local both add
 * a federation lookup.
 */
export class SlurmCommands {
  readonly counts: CommandCounts = { squeue: 0, scontrol: 0, sacct: 0, sbatch: 0, scancel: 0 };
  private readonly run: RunCommand;
  private readonly timeoutMs: number;
  /** undefined until the first sacct call tells whether accounting is configured. */
  accounting: boolean | undefined;

  constructor(private readonly opts: SlurmCommandsOptions = {}) {
    this.run = opts.run ?? runCommand;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  private exec(cmd: keyof CommandCounts, args: string[], extra: { input?: string; okExitCodes?: number[]; env?: NodeJS.ProcessEnv } = {}) {
    this.counts[cmd]++;
    return this.run(cmd, args, {
      timeoutMs: this.timeoutMs,
      logger: this.opts.logger,
      quiet: cmd === 'squeue' || cmd === 'scontrol' || cmd === 'sacct',
      env: extra.env ?? this.opts.env,
      input: extra.input,
      okExitCodes: extra.okExitCodes,
    });
  }

  /** `sbatch --parsable ARGS` with the job script on stdin; returns sbatch's stdout. */
  async sbatch(args: string[], script: string, env?: NodeJS.ProcessEnv): Promise<string> {
    return (await this.exec('sbatch', ['--parsable', ...args], { input: script, env })).stdout;
  }

  /**
   * One `squeue` for the given jobs (all states, so finished jobs still in slurmctld's memory are included). Jobs
   * that slurmctld no longer knows are simply absent. An empty list queries nothing.
   */
  async squeue(jobIds: readonly string[]): Promise<QueueEntry[]> {
    if (!jobIds.length) return [];
    // squeue exits 1 with "Invalid job id specified" when none of the ids is known any more.
    // --local: no federation lookup (one RPC fewer per poll; eda-oci submits to the local cluster).
    const r = await this.exec('squeue', ['--local', '-h', '-t', 'all', '-j', jobIds.join(','), '-o', SQUEUE_FORMAT], {
      okExitCodes: [0, 1],
    });
    if (r.exitCode === 1) {
      if (/Invalid job id/i.test(r.stderr)) return [];
      throw new CommandFailedError(`squeue failed: ${r.stderr.trim()}`, 'squeue', [], 1, null, r.stderr);
    }
    return parseSqueue(r.stdout);
  }

  /** The calling user's jobs whose comment is exactly `comment` (finding a submission whose answer was lost). */
  async findByComment(comment: string): Promise<QueueEntry[]> {
    const r = await this.exec('squeue', ['--local', '-h', '--me', '-t', 'all', '-o', SQUEUE_FORMAT]);
    return parseSqueue(r.stdout).filter((e) => e.comment === comment);
  }

  /** `scontrol -o show job [ID]`: details of one job (or of all jobs when several are needed at once). */
  async scontrolJobs(jobIds: readonly string[]): Promise<Map<string, JobDetails>> {
    const args = ['--local', '-o', 'show', 'job'];
    if (jobIds.length === 1) args.push(jobIds[0]!);
    const r = await this.exec('scontrol', args, { okExitCodes: [0, 1] });
    if (r.exitCode === 1) {
      if (/Invalid job id/i.test(r.stderr)) return new Map();
      throw new CommandFailedError(`scontrol show job failed: ${r.stderr.trim()}`, 'scontrol', args, 1, null, r.stderr);
    }
    const all = parseScontrolJobs(r.stdout);
    return new Map([...all].filter(([id]) => jobIds.includes(id)));
  }

  /** `sacct` details when accounting is configured; an empty map (and `accounting` false) otherwise. */
  async sacctJobs(jobIds: readonly string[]): Promise<Map<string, JobDetails>> {
    if (this.accounting === false || !jobIds.length) return new Map();
    const r = await this.exec('sacct', ['-n', '-P', '-X', '-j', jobIds.join(','), '-o', SACCT_FIELDS], { okExitCodes: [0, 1] });
    if (/accounting storage is disabled/i.test(r.stdout + r.stderr)) {
      this.accounting = false;
      return new Map();
    }
    if (r.exitCode !== 0) return new Map();
    this.accounting = true;
    return parseSacct(r.stdout);
  }

  /**
   * `scancel IDS`. Jobs that already ended are fine (scancel reports them as errors: "already completing or
   * completed", "Invalid job id"); a controller outage is thrown (transient) so the caller can retry.
   */
  async scancel(jobIds: readonly string[]): Promise<void> {
    if (!jobIds.length) return;
    const r = await this.exec('scancel', [...jobIds], { okExitCodes: [0, 1, 8, 255] });
    if (r.exitCode === 0) return;
    const lines = r.stderr.split('\n').filter((l) => l.trim());
    const real = lines.filter((l) => !/already completing or completed|Invalid job id|Job has already finished/i.test(l));
    if (real.length) throw new CommandFailedError(`scancel failed: ${real[0]!.trim()}`, 'scancel', [...jobIds], r.exitCode, null, r.stderr);
  }
}
