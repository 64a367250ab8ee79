// `eda-oci smoke`: run a catalog entry's smoke commands on its partitions in srun and sbatch mode through Slurm (the
// same runContainerJob as slurm-submit-container, one job per smoke cell, a few at a time) and report every cell.
import path from 'node:path';
import { DEFAULT_SMOKE_PARALLEL, loadCatalogEntry, runSmoke, smokeCells, type SmokeCellResult } from '@eda-oci/catalog';
import { createConsoleLogger, type Logger } from '@eda-oci/exec';
import { validateBundleName } from '@eda-oci/oci';
import { bundlesDirOption, EXIT, intOption, parseCommandLine, usageError, type Command } from '../args.js';
import { ProgressLine, withProgress } from '../progress.js';

const HELP = `Usage: eda-oci smoke --name NAME [--catalog-dir DIR] [--bundles-dir DIR | --bundle PATH] [options]

Runs the smoke test of catalog entry NAME (CATALOG-DIR/NAME.yml or .yaml): every smoke command on every partition
in every mode (srun and sbatch unless the entry says otherwise) is one Slurm job inside the bundle, the same job
eda-oci submit and slurm-submit-container run: a cell passes when its job completed with exit code 0 and proved it
ran inside the bundle (/.eda-oci/bundle-id). Up to ${DEFAULT_SMOKE_PARALLEL} cells run at the same time. The bundle is resolved once
(a publish meanwhile does not change what the remaining cells run). Ctrl-C (SIGINT/SIGTERM) cancels the submitted
jobs (scancel) and starts no more.

Options:
  --name NAME            the catalog entry (bundle name)  (required)
  --catalog-dir DIR      the catalog directory (default: bundles)
  --bundles-dir DIR      the shared bundles directory: the bundle is BUNDLES-DIR/NAME (default: $EDA_OCI_BUNDLES_DIR)
  --bundle PATH          smoke this bundle directory instead (e.g. a build's bundle-path or a staging copy)
  --partition P          only this of the entry's partitions (repeatable; default: all of them)
  --mode M               only this mode, srun or sbatch (repeatable; default: the entry's modes)
  --parallel N           cells run at the same time, 1 to 16 (default ${DEFAULT_SMOKE_PARALLEL})
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

/** Drops info lines unless verbose (several jobs log at once; their progress is the progress line). */
function quietInfo(base: Logger, verbose: boolean): Logger {
  return verbose ? base : { ...base, info: () => undefined };
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
    const name = validateBundleName(v.name);
    const parallel = intOption('smoke', 'parallel', v.parallel, 1, 16) ?? DEFAULT_SMOKE_PARALLEL;
    const timeoutSeconds = intOption('smoke', 'timeout-seconds', v['timeout-seconds'], 0, 10 ** 7) ?? 0;

    const entry = await loadCatalogEntry(v['catalog-dir'] ?? 'bundles', name);
    entry.smoke.partitions = only('partition', entry.smoke.partitions, v.partition, entry.file);
    entry.smoke.modes = only('mode', entry.smoke.modes, v.mode, entry.file);
    const given = v.bundle ?? path.join(bundlesDirOption('smoke', v['bundles-dir']), name);
    const progress = new ProgressLine(process.stderr);
    const logger = withProgress(createConsoleLogger({ verbose: v.verbose }), progress);
    const total = smokeCells([entry]).length;
    let done = 0;
    let failed = 0;
    let running = 0;
    const show = (): void => progress.update(`smoke ${name}: ${done} of ${total} done, ${failed} failed, ${running} running`);
    const report = await runSmoke({
      entry,
      bundle: given,
      parallel,
      timeoutSeconds,
      outputDir: v['output-dir'],
      signal,
      logger,
      jobLogger: quietInfo(logger, v.verbose === true),
      onSubmitted: (cell, id) => logger.info(`[${cell.id}] job ${id} submitted`),
      onOutputLine: v.verbose ? (cell, l) => (progress.clear(), process.stderr.write(`[${cell.id}] ${l}\n`)) : undefined,
      onCell: (_cell, row) => {
        if (!row) running++;
        else {
          running--;
          done++;
          if (!row.ok) failed++;
        }
        show();
      },
    }).finally(() => progress.done());
    if (v.json) out.write(`${JSON.stringify(report)}\n`);
    else out.write(`${formatSmokeTable(report.cells)}\npassed=${report.passed}\nfailed=${report.failed}\ntotal=${report.total}\n`);
    return report.failed === 0 ? EXIT.ok : EXIT.failed;
  },
};
