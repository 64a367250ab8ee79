// `eda-oci smoke`: run a catalog entry's smoke commands on its partitions in srun and sbatch mode through Slurm (the
// same runContainerJob as slurm-submit-container, one job per smoke cell, a few at a time) and report every cell.
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogEntry, smokeCells, type SmokeCell, type SmokeMode } from '@eda-oci/catalog';
import { CancelledError, createConsoleLogger, type Logger } from '@eda-oci/exec';
import { validateBundleName } from '@eda-oci/oci';
import { prepareContainerJob, runContainerJob, SlurmJobError, type ContainerJobOptions, type ContainerJobResult } from '@eda-oci/slurm';
import { EXIT, parseCommandLine, usageError, type Command } from '../args.js';
import { ProgressLine, withProgress } from '../progress.js';
import { bundlesDirOption, intOption } from './publish.js';

/** Cells run at the same time by default: enough to overlap Slurm's scheduling latency, few enough for a shared queue. */
export const DEFAULT_PARALLEL = 4;

const HELP = `Usage: eda-oci smoke --name NAME [--catalog-dir DIR] [--bundles-dir DIR | --bundle PATH] [options]

Runs the smoke test of catalog entry NAME (CATALOG-DIR/NAME.yml or .yaml): every smoke command on every partition
in every mode (srun and sbatch unless the entry says otherwise) is one Slurm job inside the bundle, the same job
eda-oci submit and slurm-submit-container run: a cell passes when its job completed with exit code 0 and proved it
ran inside the bundle (/.eda-oci/bundle-id). Up to ${DEFAULT_PARALLEL} cells run at the same time. The bundle is resolved once
(a publish meanwhile does not change what the remaining cells run). Ctrl-C (SIGINT/SIGTERM) cancels the submitted
jobs (scancel) and starts no more.

Options:
  --name NAME            the catalog entry (bundle name)  (required)
  --catalog-dir DIR      the catalog directory (default: bundles)
  --bundles-dir DIR      the shared bundles directory: the bundle is BUNDLES-DIR/NAME (default: $EDA_OCI_BUNDLES_DIR)
  --bundle PATH          smoke this bundle directory instead (e.g. a build's bundle-path or a staging copy)
  --partition P          only this of the entry's partitions (repeatable; default: all of them)
  --mode M               only this mode, srun or sbatch (repeatable; default: the entry's modes)
  --parallel N           cells run at the same time, 1 to 16 (default ${DEFAULT_PARALLEL})
  --timeout-seconds N    whole wait per cell incl. queueing; the job is cancelled after it (default 0: no limit)
  --output-dir DIR       where sbatch writes eda-oci-JOBID.out (default: the current directory; must be on a file
                         system the nodes share, or the output and the in-bundle proof are not seen)
  --json                 one JSON object on stdout: {name, bundle, bundlePath, bundleId, cells: [{id, partition, mode,
                         command, run, jobId, state, exitCode, signal, elapsedSeconds, nodes, verified, ok, message}],
                         passed, failed, total}
  -v, --verbose          debug logging; also every job's output, prefixed with its cell id
  -h, --help             this help

Output: a table on stdout, one row per cell (cell id BUNDLE/PARTITION/MODE/COMMAND, job id, final state, exit code,
elapsed seconds, ok or FAILED), then passed=, failed=, total=. On stderr: a line per finished cell, and for each
failed cell what happened and the last lines of its output; on a terminal also one updating progress line.

Exit codes: 0 every cell passed, 1 a cell failed (or an error, e.g. an invalid catalog file), 2 usage error,
130 cancelled (the jobs already submitted were cancelled).`;

const OPTIONS = {
  name: { type: 'string' },
  'catalog-dir': { type: 'string' },
  'bundles-dir': { type: 'string' },
  bundle: { type: 'string' },
  partition: { type: 'string', multiple: true },
  mode: { type: 'string', multiple: true },
  parallel: { type: 'string' },
  'timeout-seconds': { type: 'string' },
  'output-dir': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

/** One cell's outcome, as `--json` prints it. */
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

/** What `eda-oci smoke --json` prints. */
export interface SmokeReport {
  name: string;
  /** The bundle as given (BUNDLES-DIR/NAME or --bundle). */
  bundle: string;
  /** The bundle directory every cell ran (resolved once). */
  bundlePath: string;
  bundleId: string;
  cells: SmokeCellResult[];
  passed: number;
  failed: number;
  total: number;
}

/** Runs `fn` over `items` with at most `limit` at a time; stops starting new ones once `signal` aborted. */
export async function runLimited<T, R>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  fn: (item: T, index: number) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The cell's row from what runContainerJob returned or threw. */
export function cellResult(cell: SmokeCell, outcome: { result: ContainerJobResult } | { error: unknown }): SmokeCellResult {
  const r = 'result' in outcome ? outcome.result : outcome.error instanceof SlurmJobError ? outcome.error.result : undefined;
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

/** The result table (stdout without --json). */
export function formatSmokeTable(cells: readonly SmokeCellResult[]): string {
  const rows = [
    ['CELL', 'JOB', 'STATE', 'EXIT', 'ELAPSED', 'RESULT'],
    ...cells.map((c) => [
      c.id,
      c.jobId || '-',
      c.state || '-',
      c.exitCode === null ? '-' : c.signal ? `${c.exitCode}:${c.signal}` : String(c.exitCode),
      c.elapsedSeconds === null ? '-' : `${c.elapsedSeconds} s`,
      c.ok ? 'ok' : 'FAILED',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** Keeps only the entry's values that `wanted` names; a value the entry does not have is a usage error. */
function only<T extends string>(what: string, have: readonly T[], wanted: readonly string[] | undefined, file: string): T[] {
  if (!wanted?.length) return [...have];
  for (const w of wanted)
    if (!have.includes(w as T)) throw usageError('smoke', `--${what} '${w}' is not one of ${file}'s ${what}s (${have.join(', ')})`);
  return have.filter((h) => wanted.includes(h));
}

/** A logger that prefixes every line with the cell id; info only when verbose (several jobs log at once). */
function cellLogger(base: Logger, id: string, verbose: boolean): Logger {
  return {
    debug: (m) => base.debug(`[${id}] ${m}`),
    info: (m) => (verbose ? base.info(`[${id}] ${m}`) : undefined),
    warning: (m) => base.warning(`[${id}] ${m}`),
    error: (m) => base.error(`[${id}] ${m}`),
    group: (_t, fn) => fn(),
  };
}

export const smokeCommand: Command = {
  name: 'smoke',
  summary: "run a catalog entry's smoke commands on its partitions (srun + sbatch) through Slurm",
  options: OPTIONS,
  help: HELP,
  async run(args, { out, signal }) {
    const v = parseCommandLine('smoke', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    if (!v.name) throw usageError('smoke', '--name is required');
    if (v.bundle !== undefined && v['bundles-dir'] !== undefined) throw usageError('smoke', 'give --bundles-dir or --bundle, not both');
    for (const m of v.mode ?? []) if (m !== 'srun' && m !== 'sbatch') throw usageError('smoke', `--mode is '${m}', not srun or sbatch`);
    const parallel = intOption('smoke', 'parallel', v.parallel, 1, 16) ?? DEFAULT_PARALLEL;
    const timeoutSeconds = intOption('smoke', 'timeout-seconds', v['timeout-seconds'], 0, 10 ** 7) ?? 0;
    const name = validateBundleName(v.name);

    const entry = await loadCatalogEntry(v['catalog-dir'] ?? 'bundles', name);
    entry.smoke.partitions = only('partition', entry.smoke.partitions, v.partition, entry.file);
    entry.smoke.modes = only('mode', entry.smoke.modes, v.mode, entry.file);
    const cells = smokeCells([entry]);
    const given = v.bundle ?? path.join(bundlesDirOption('smoke', v['bundles-dir']), name);
    // Resolved once: every cell runs the same version even if a publish switches BUNDLES-DIR/NAME meanwhile.
    const bundlePath = existsSync(given) ? realpathSync(given) : given;
    const jobOptions = (cell: SmokeCell): ContainerJobOptions => ({
      bundle: bundlePath,
      command: cell.run,
      mode: cell.mode,
      partition: cell.partition,
      timeLimit: cell.timeLimit,
      jobName: `smoke.${cell.bundle}.${cell.command}`.slice(0, 128),
      timeoutSeconds,
      outputDir: v['output-dir'],
      signal,
    });
    // Every cell validated (bundle, partition, time limit, command) before the first job is submitted.
    const bundleId = cells.map((c) => prepareContainerJob(jobOptions(c)))[0]?.bundleId ?? '';

    const progress = new ProgressLine(process.stderr);
    const logger = withProgress(createConsoleLogger({ verbose: v.verbose }), progress);
    logger.info(`smoke of ${name} (${entry.file}): ${cells.length} cell(s), bundle ${bundlePath}${bundleId ? ` (${bundleId})` : ''}`);
    let done = 0;
    let failed = 0;
    const running = new Set<string>();
    const submitted: string[] = [];
    const show = (): void => progress.update(`smoke ${name}: ${done} of ${cells.length} done, ${failed} failed, ${running.size} running`);
    const results = await runLimited(cells, parallel, signal, async (cell) => {
      running.add(cell.id);
      show();
      let row: SmokeCellResult;
      try {
        const result = await runContainerJob(
          {
            ...jobOptions(cell),
            onSubmitted: (id) => {
              submitted.push(id);
              logger.info(`[${cell.id}] job ${id} submitted`);
            },
            onOutputLine: v.verbose ? (l) => (progress.clear(), process.stderr.write(`[${cell.id}] ${l}\n`)) : () => undefined,
          },
          { logger: cellLogger(logger, cell.id, v.verbose === true) },
        );
        row = cellResult(cell, { result });
      } catch (error) {
        row = cellResult(cell, { error });
        if (error instanceof SlurmJobError && error.result.outputTail.length) {
          logger.error(`[${cell.id}] ${row.message}; last output lines:`);
          for (const l of error.result.outputTail.slice(-10)) logger.error(`[${cell.id}]   ${l}`);
        } else if (!(error instanceof CancelledError)) logger.error(`[${cell.id}] ${row.message}`);
      }
      running.delete(cell.id);
      done++;
      if (!row.ok) failed++;
      if (row.ok) logger.info(`[${cell.id}] ok: job ${row.jobId} ${row.message}`);
      show();
      return row;
    }).finally(() => progress.done());

    if (signal.aborted) {
      throw new CancelledError(
        `smoke cancelled after ${done} of ${cells.length} cell(s) ended` +
          (submitted.length ? `; job(s) ${submitted.join(', ')} were cancelled (scancel) unless they had ended` : '; no job was submitted'),
      );
    }
    const rows = results as SmokeCellResult[];
    const passed = rows.filter((r) => r.ok).length;
    const report: SmokeReport = {
      name,
      bundle: given,
      bundlePath,
      bundleId,
      cells: rows,
      passed,
      failed: rows.length - passed,
      total: rows.length,
    };
    if (v.json) out.write(`${JSON.stringify(report)}\n`);
    else out.write(`${formatSmokeTable(rows)}\npassed=${passed}\nfailed=${report.failed}\ntotal=${report.total}\n`);
    return report.failed === 0 ? EXIT.ok : EXIT.failed;
  },
};
