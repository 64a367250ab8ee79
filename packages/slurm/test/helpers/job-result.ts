// A ContainerJobResult for unit tests of what is built from a job's end (outputs, records, smoke cells): a job 42 that
// completed on n1 inside the bundle; each test overrides the fields its assertions rely on.
import type { ContainerJobResult } from '../../src/index.js';

/** A completed job's result with `over` applied. */
export function jobResult(over: Partial<ContainerJobResult> = {}): ContainerJobResult {
  return {
    jobId: '42',
    state: 'COMPLETED',
    exitCode: 0,
    signal: 0,
    elapsedSeconds: 1,
    nodes: 'n1',
    outputFile: '',
    bundlePath: '/b',
    bundleId: 'sha256:x',
    outcome: { success: true, kind: 'completed', message: 'completed on n1 with exit code 0' },
    outputTail: [],
    verified: true,
    restarts: 0,
    source: 'squeue',
    commands: { squeue: 1, scontrol: 0, sacct: 0, sbatch: 0, scancel: 0 },
    timingsMs: { submit: 1, wait: 2, total: 3 },
    ...over,
  };
}
