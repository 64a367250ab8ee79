// Running a catalog entry's smoke test: every smoke cell (partition x mode x command) is one Slurm container job
// (slurm's runContainerJob, the job slurm-submit-container runs), a few at a time, each judged and reported.
import { CancelledError, silentLogger, type Logger } from '@eda-oci/exec';
import {
  prepareContainerJob,
  resultOf,
  runContainerJob,
  SlurmJobError,
  type ContainerJobDeps,
  type ContainerJobOptions,
  type ContainerJobResult,
  type PreparedJob,
} from '@eda-oci/slurm';
import { smokeCells, type CatalogEntry, type SmokeCell, type SmokeMode } from './catalog.js';

/** Cells run at the same time by default: enough to overlap Slurm's scheduling latency, few enough for a shared queue. */
export const DEFAULT_SMOKE_PARALLEL = 4;

/** One cell's outcome. */
export interface SmokeCellResult {
  id: string;
  partition: string;
  mode: SmokeMode;
  /** The smoke command's name. */
  command: string;
  /** The command line run inside the container. */
  run: string;
  /** '' when no job was submitted. */
  jobId: string;
  state: string;
  exitCode: number | null;
  signal: number | null;
  elapsedSeconds: number | null;
  nodes: string;
  verified: boolean | null;
  ok: boolean;
  /** One line: what happened. */
  message: string;
}

/** The whole smoke test of one entry. */
export interface SmokeReport {
  name: string;
  /** The bundle as given. */
  bundle: string;
  /** The bundle directory every cell ran (resolved once). */
  bundlePath: string;
  bundleId: string;
  cells: SmokeCellResult[];
  passed: number;
  failed: number;
  total: number;
}

/** What to smoke and how. */
export interface RunSmokeOptions {
  entry: CatalogEntry;
  /** The bundle directory, or a symlink to one (a published name): resolved once, so every cell runs the same version. */
  bundle: string;
  /** Cells at the same time (default {@link DEFAULT_SMOKE_PARALLEL}). */
  parallel?: number;
  /** Whole wait per cell incl. queueing, 0 = no limit. */
  timeoutSeconds?: number;
  /** Where sbatch writes its output files (a file system the nodes share). */
  outputDir?: string;
  /** Aborting cancels the submitted jobs and starts no more; runSmoke then throws CancelledError. */
  signal?: AbortSignal;
  logger?: Logger;
  /** The logger each job gets, its lines prefixed with the cell id (default `logger`). */
  jobLogger?: Logger;
  /** Each cell's job lines as they arrive (several cells run at once). */
  onOutputLine?: (cell: SmokeCell, line: string) => void;
  /** Progress: a cell started (running) or ended (with its result). */
  onCell?: (cell: SmokeCell, result?: SmokeCellResult) => void;
  /** A cell's job was submitted. */
  onSubmitted?: (cell: SmokeCell, jobId: string) => void;
}

/** Runs `fn` over `items` with at most `limit` at a time; stops starting new ones once `signal` aborted. */
export async function runLimited<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal | undefined,
  fn: (item: T, index: number) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal?.aborted) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The cell's row from what runContainerJob returned or threw. */
export function cellResult(cell: SmokeCell, outcome: { result: ContainerJobResult } | { error: unknown }): SmokeCellResult {
  const r = resultOf(outcome);
  const ok = 'result' in outcome;
  const message = ok
    ? r!.outcome.message
    : outcome.error instanceof Error
      ? outcome.error.message.replace(/\s*\n\s*/g, ' ')
      : String(outcome.error);
  return {
    id: cell.id,
    partition: cell.partition,
    mode: cell.mode,
    command: cell.command,
    run: cell.run,
    jobId: r?.jobId ?? '',
    state: r?.state ?? '',
    exitCode: r ? r.exitCode : null,
    signal: r ? r.signal : null,
    elapsedSeconds: r ? r.elapsedSeconds : null,
    nodes: r?.nodes ?? '',
    verified: r?.verified ?? null,
    ok,
    message,
  };
}

/** A logger that prefixes every line with the cell id (several jobs log at once). */
function cellLogger(base: Logger, id: string): Logger {
  return {
    debug: (m) => base.debug(`[${id}] ${m}`),
    info: (m) => base.info(`[${id}] ${m}`),
    warning: (m) => base.warning(`[${id}] ${m}`),
    error: (m) => base.error(`[${id}] ${m}`),
    group: (_t, fn) => fn(),
  };
}

/**
 * Runs every smoke cell of `entry` against `bundle`. All cells are validated (bundle, partition, time limit, command)
 * before the first job is submitted; a cell fails when its job did not complete with exit code 0 inside the bundle.
 * Throws CancelledError when `signal` aborted (the jobs already submitted are cancelled by runContainerJob).
 */
export async function runSmoke(o: RunSmokeOptions, deps: ContainerJobDeps = {}): Promise<SmokeReport> {
  const logger = o.logger ?? deps.logger ?? silentLogger;
  const cells = smokeCells([o.entry]);
  const jobOptions = (cell: SmokeCell, bundle: string): ContainerJobOptions => ({
    bundle,
    command: cell.run,
    mode: cell.mode,
    partition: cell.partition,
    timeLimit: cell.timeLimit,
    jobName: `smoke.${cell.bundle}.${cell.command}`.slice(0, 128),
    timeoutSeconds: o.timeoutSeconds ?? 0,
    outputDir: o.outputDir,
    signal: o.signal,
  });
  // Every cell is prepared before the first job is submitted; the first resolves the bundle, the others reuse it.
  const jobs: PreparedJob[] = [];
  for (const cell of cells) jobs.push(prepareContainerJob(jobOptions(cell, o.bundle), undefined, jobs[0]));
  const bundlePath = jobs[0]?.bundlePath ?? o.bundle;
  const bundleId = jobs[0]?.bundleId ?? '';
  logger.info(
    `smoke of ${o.entry.name} (${o.entry.file}): ${cells.length} cell(s), bundle ${bundlePath}${bundleId ? ` (${bundleId})` : ''}`,
  );
  const submitted: string[] = [];
  let ended = 0;
  const results = await runLimited(cells, o.parallel ?? DEFAULT_SMOKE_PARALLEL, o.signal, async (cell, i) => {
    o.onCell?.(cell);
    let row: SmokeCellResult;
    try {
      const result = await runContainerJob(
        {
          // The resolved bundle: each cell's log names the version it runs, without "pinned from".
          ...jobOptions(cell, bundlePath),
          prepared: jobs[i],
          onSubmitted: (id) => {
            submitted.push(id);
            o.onSubmitted?.(cell, id);
          },
          onOutputLine: (line) => o.onOutputLine?.(cell, line),
        },
        { ...deps, logger: cellLogger(o.jobLogger ?? logger, cell.id) },
      );
      row = cellResult(cell, { result });
      logger.info(`[${cell.id}] ok: job ${row.jobId} ${row.message}`);
    } catch (error) {
      row = cellResult(cell, { error });
      if (error instanceof SlurmJobError && error.result.outputTail.length) {
        logger.error(`[${cell.id}] ${row.message}; last output lines:`);
        for (const l of error.result.outputTail.slice(-10)) logger.error(`[${cell.id}]   ${l}`);
      } else if (!(error instanceof CancelledError)) logger.error(`[${cell.id}] ${row.message}`);
    }
    ended++;
    o.onCell?.(cell, row);
    return row;
  });
  if (o.signal?.aborted) {
    throw new CancelledError(
      `smoke cancelled after ${ended} of ${cells.length} cell(s) ended` +
        (submitted.length ? `; job(s) ${submitted.join(', ')} were cancelled (scancel) unless they had ended` : '; no job was submitted'),
    );
  }
  const rows = results as SmokeCellResult[];
  const passed = rows.filter((r) => r.ok).length;
  return {
    name: o.entry.name,
    bundle: o.bundle,
    bundlePath,
    bundleId,
    cells: rows,
    passed,
    failed: rows.length - passed,
    total: rows.length,
  };
}
