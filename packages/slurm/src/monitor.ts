// Waiting for Slurm jobs to end without hammering slurmctld: one squeue for all watched jobs per poll, an interval
// that starts short (trivial jobs end within a second) and settles below 1 s (the end is seen within 1 s of Slurm
// knowing it), capped exponential backoff while the controller does not answer (no outcome is declared then), and
// final details from sacct (when accounting exists) or scontrol, fetched once per poll for all jobs that ended.
import { CancelledError, type Logger, silentLogger } from '@eda-oci/exec';
import { isTransient, type SlurmCommands } from './commands.js';
import type { JobDetails, QueueEntry } from './parse.js';
import { isActiveState, isStuck } from './states.js';

/** Sleeps `ms`, resolving early (not rejecting) when `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Poll interval after `elapsedMs` of watching: 250 ms for 3 s, 500 ms to 15 s, then 800 ms. */
export function pollInterval(elapsedMs: number): number {
  if (elapsedMs < 3_000) return 250;
  if (elapsedMs < 15_000) return 500;
  return 800;
}

/** Backoff after `failures` consecutive controller errors: 1, 2, 4, then 5 s. */
export function backoff(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 5000);
}

function fromQueue(q: QueueEntry, restarts: number): JobDetails {
  return {
    jobId: q.jobId,
    state: q.state,
    reason: q.reason,
    exitCode: 0,
    signal: 0,
    elapsedSeconds: q.elapsedSeconds,
    nodes: q.nodes,
    restarts,
    source: 'squeue',
  };
}

/** Thrown by {@link JobMonitor.wait} when the deadline passes; the jobs are still running. */
export class MonitorTimeout extends Error {
  override name = 'MonitorTimeout';
}

/** What {@link JobMonitor.wait} reports about a job on every poll that sees a change. */
export interface JobEvent {
  jobId: string;
  entry: QueueEntry;
  previous?: QueueEntry;
}

/** Options of {@link JobMonitor.wait}. */
export interface WaitOptions {
  signal?: AbortSignal;
  /** Absolute time (ms since epoch) after which wait throws MonitorTimeout. */
  deadline?: number;
  /** Called after every poll (e.g. to read output files). */
  onPoll?: () => Promise<void> | void;
  /** State or reason of a job changed. */
  onChange?: (e: JobEvent) => void;
  /** A job was requeued (node failure, preemption): it is followed to its real end. */
  onRequeue?: (d: JobDetails) => void;
  /** Poll interval after `elapsedMs` (default {@link pollInterval}). */
  interval?: (elapsedMs: number) => number;
}

/** Watches a set of jobs until each reaches a final state; one squeue per poll for all of them. */
export class JobMonitor {
  /** Restart count of jobs seen requeued. */
  private readonly restarts = new Map<string, number>();

  constructor(
    private readonly commands: SlurmCommands,
    private readonly logger: Logger = silentLogger,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = delay,
    private readonly now: () => number = Date.now,
  ) {}

  /** Waits until every job ended; returns final details per job id (state UNKNOWN when Slurm forgot the job). */
  async wait(jobIds: readonly string[], opts: WaitOptions = {}): Promise<Map<string, JobDetails>> {
    const started = this.now();
    const pending = new Set(jobIds);
    const results = new Map<string, JobDetails>();
    const last = new Map<string, QueueEntry>();
    let failures = 0;
    while (pending.size) {
      if (opts.signal?.aborted) throw new CancelledError('waiting for the Slurm job was cancelled');
      if (opts.deadline !== undefined && this.now() >= opts.deadline) throw new MonitorTimeout('deadline reached');
      let entries: QueueEntry[];
      try {
        entries = await this.commands.squeue([...pending]);
        if (failures) this.logger.info(`slurmctld answers again after ${failures} failed quer${failures === 1 ? 'y' : 'ies'}`);
        failures = 0;
      } catch (err) {
        if (!isTransient(err)) throw err;
        failures++;
        if (failures === 1 || failures % 5 === 0) {
          this.logger.warning(`slurmctld does not answer (${(err as Error).message.split('\n')[0]}); still waiting, retrying with backoff`);
        }
        await this.sleep(backoff(failures), opts.signal);
        continue;
      }
      const byId = new Map(entries.map((e) => [e.jobId, e]));
      const ended: string[] = [];
      for (const id of pending) {
        const e = byId.get(id);
        if (!e) {
          ended.push(id);
          continue;
        }
        const prev = last.get(id);
        if (!prev || prev.state !== e.state || prev.reason !== e.reason) opts.onChange?.({ jobId: id, entry: e, previous: prev });
        last.set(id, e);
        if (!isActiveState(e.state) || isStuck(e.state, e.reason)) ended.push(id);
      }
      if (ended.length) {
        const details = await this.details(ended, byId, opts.signal);
        for (const id of ended) {
          const d = details.get(id)!;
          if (isActiveState(d.state) && !isStuck(d.state, d.reason)) {
            // squeue saw an end (e.g. NODE_FAIL) but the job is already back in the queue: follow the requeue.
            this.restarts.set(id, d.restarts);
            opts.onRequeue?.(d);
            continue;
          }
          results.set(id, d);
          pending.delete(id);
        }
      }
      await opts.onPoll?.();
      if (pending.size) await this.sleep((opts.interval ?? pollInterval)(this.now() - started), opts.signal);
    }
    return results;
  }

  /**
   * Final details of jobs squeue saw end (or no longer lists): squeue alone for COMPLETED, else sacct when accounting
   * exists (its state must agree: slurmdbd lags), else scontrol (one call for all), else what squeue said, else UNKNOWN.
   */
  private async details(ids: string[], seen: Map<string, QueueEntry>, signal?: AbortSignal): Promise<Map<string, JobDetails>> {
    let failures = 0;
    for (;;) {
      try {
        const out = new Map<string, JobDetails>();
        // COMPLETED means every exit code was 0: squeue said all there is to know, no further query.
        for (const id of ids) {
          const q = seen.get(id);
          if (q?.state === 'COMPLETED') out.set(id, fromQueue(q, this.restarts.get(id) ?? 0));
        }
        const need = ids.filter((id) => !out.has(id));
        if (!need.length) return out;
        const acct = await this.commands.sacctJobs(need);
        for (const id of need) {
          const a = acct.get(id);
          const q = seen.get(id);
          if (a && !isActiveState(a.state) && (!q || q.state === a.state)) out.set(id, a);
        }
        const rest = need.filter((id) => !out.has(id));
        const sc = rest.length ? await this.commands.scontrolJobs(rest) : new Map<string, JobDetails>();
        for (const id of rest) {
          const s = sc.get(id);
          const q = seen.get(id);
          if (s) out.set(id, s);
          else if (q) {
            // Known to squeue only (e.g. purged between the two queries): its state, exit code unknown (0).
            out.set(id, fromQueue(q, this.restarts.get(id) ?? 0));
          } else {
            out.set(id, {
              jobId: id,
              state: 'UNKNOWN',
              reason: 'Slurm no longer knows the job (purged after MinJobAge, or never accepted)',
              exitCode: 0,
              signal: 0,
              elapsedSeconds: 0,
              nodes: '',
              restarts: 0,
              source: 'squeue',
            });
          }
        }
        return out;
      } catch (err) {
        if (!isTransient(err)) throw err;
        failures++;
        await this.sleep(backoff(failures), signal);
        if (signal?.aborted) throw new CancelledError('waiting for the Slurm job was cancelled');
      }
    }
  }
}
