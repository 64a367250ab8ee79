// The job state model: which Slurm states are still moving, which are final, and the explicit outcome of each final
// state (COMPLETED with exit code 0 is the only success; an unknown state is a failure).
import type { JobDetails } from './parse.js';

/** States in which a job will still change (squeue -t all names). REQUEUE*: Slurm puts the job back in the queue. */
const ACTIVE = new Set([
  'PENDING',
  'CONFIGURING',
  'RUNNING',
  'COMPLETING',
  'SUSPENDED',
  'STOPPED',
  'SIGNALING',
  'STAGE_OUT',
  'RESIZING',
  'REQUEUED',
  'REQUEUE_FED',
  'REQUEUE_HOLD',
  'RESV_DEL_HOLD',
  'SPECIAL_EXIT',
]);

/**
 * Pending reasons that mean the job will not start without a person: Slurm failed to launch it and held it (e.g. the
 * bundle is missing on the node: "launch_failed_requeued_held"). eda-oci treats them as the end of its run.
 */
const STUCK_REASONS =
  /^(launch_failed_requeued_held|JobHeldAdmin|BadConstraints|PartitionDown|PartitionInactive|InvalidAccount|InvalidQOS)$/i;

/** True while the job can still change state. */
export function isActiveState(state: string): boolean {
  return ACTIVE.has(state.toUpperCase());
}

/** True when a pending job will not start by itself (see STUCK_REASONS); the reason is the explanation. */
export function isStuck(state: string, reason: string): boolean {
  if (/^(REQUEUE_HOLD|SPECIAL_EXIT)$/i.test(state)) return true;
  return /^PENDING$/i.test(state) && STUCK_REASONS.test(reason);
}

/** How a job ended, for people and for code. */
export interface Outcome {
  success: boolean;
  /** Stable kind: completed, failed, cancelled, timeout, out-of-memory, node-fail, preempted, boot-fail, deadline, stuck, unknown. */
  kind: string;
  /** One line: what happened. */
  message: string;
}

function sig(n: number): string {
  const names: Record<number, string> = {
    1: 'SIGHUP',
    2: 'SIGINT',
    6: 'SIGABRT',
    9: 'SIGKILL',
    11: 'SIGSEGV',
    13: 'SIGPIPE',
    15: 'SIGTERM',
  };
  return names[n] ? `${names[n]} (${n})` : `signal ${n}`;
}

/** Maps a final job state (with exit code, signal and reason) to an explicit outcome. */
export function outcomeOf(
  d: Pick<JobDetails, 'state' | 'exitCode' | 'signal' | 'reason' | 'nodes' | 'cancelledBy'>,
  cancelledByUs = false,
): Outcome {
  const state = d.state.toUpperCase();
  const where = d.nodes ? ` on ${d.nodes}` : '';
  switch (state) {
    case 'COMPLETED':
      return d.exitCode === 0 && d.signal === 0
        ? { success: true, kind: 'completed', message: `completed${where} with exit code 0` }
        : {
            success: false,
            kind: 'failed',
            message: `completed${where} but with exit code ${d.exitCode}${d.signal ? `, ${sig(d.signal)}` : ''}`,
          };
    case 'FAILED':
      return {
        success: false,
        kind: 'failed',
        message: d.signal
          ? `failed${where}: killed by ${sig(d.signal)}`
          : `failed${where} with exit code ${d.exitCode}${d.reason && d.reason !== 'NonZeroExitCode' && d.reason !== 'None' ? ` (${d.reason})` : ''}`,
      };
    case 'CANCELLED':
      return {
        success: false,
        kind: 'cancelled',
        message: cancelledByUs
          ? 'cancelled by eda-oci (the run was cancelled or timed out)'
          : d.cancelledBy
            ? `cancelled by uid ${d.cancelledBy}`
            : 'cancelled (by a user or an administrator; who is not recorded without accounting)',
      };
    case 'TIMEOUT':
      return { success: false, kind: 'timeout', message: `hit its time limit${where} and was killed` };
    case 'OUT_OF_MEMORY':
      return { success: false, kind: 'out-of-memory', message: `ran out of memory${where}` };
    case 'NODE_FAIL':
      return { success: false, kind: 'node-fail', message: `ended by a node failure${where}` };
    case 'PREEMPTED':
      return { success: false, kind: 'preempted', message: `was preempted${where} and not requeued` };
    case 'BOOT_FAIL':
      return { success: false, kind: 'boot-fail', message: `could not start: node boot failure${where}` };
    case 'DEADLINE':
      return { success: false, kind: 'deadline', message: 'missed its deadline (--deadline) and was cancelled' };
    case 'REVOKED':
      return { success: false, kind: 'revoked', message: 'was revoked (it runs on another cluster of the federation)' };
    default:
      if (isStuck(state, d.reason)) {
        return { success: false, kind: 'stuck', message: `cannot start: ${state} with reason ${d.reason}` };
      }
      return { success: false, kind: 'unknown', message: `ended in state ${d.state || 'UNKNOWN'}, which eda-oci does not know` };
  }
}
