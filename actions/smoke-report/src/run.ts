// smoke-report: one library call pair (readSmokeRecords + judgeSmokeResults), then outputs, one summary table, an
// error annotation per failed cell, and the verdict of the step.
import * as core from '@actions/core';
import { escapeHtml } from '@eda-oci/action-kit';
import { EdaOciError } from '@eda-oci/exec';
import { judgeSmokeResults, readSmokeRecords, type SmokeReport, type SmokeRow } from '@eda-oci/slurm';
import type { Inputs } from './inputs.js';

/** Thrown when cells failed and fail-on-failure is true (after the summary and annotations are written). */
export class SmokeFailedError extends EdaOciError {
  override name = 'SmokeFailedError';
}

/** Judges the records under results-dir; returns the report (tests use it). */
export async function run(inputs: Inputs): Promise<SmokeReport> {
  const report = judgeSmokeResults(await readSmokeRecords(inputs.resultsDir), inputs.expected);
  core.setOutput('passed', String(report.passed));
  core.setOutput('failed', String(report.failed));
  core.setOutput('total', String(report.total));
  core.setOutput('failed-bundles', JSON.stringify(report.failedBundles));
  for (const r of report.rows) {
    if (r.passed) core.info(`passed: ${label(r)}${r.jobId ? ` (job ${r.jobId})` : ''}`);
    else core.error(r.verdict, { title: r.bundle ? `smoke failed: ${label(r)}` : 'smoke result unreadable' });
  }
  const line = `${report.passed} passed, ${report.failed} failed, ${report.total} in all`;
  core.info(line);
  if (report.total === 0) core.warning(`no smoke results in ${inputs.resultsDir} and no expected cells: nothing was judged`);
  await writeTable(inputs.title, line, report.rows);
  if (report.failed && inputs.failOnFailure) {
    throw new SmokeFailedError(
      `${report.failed} of ${report.total} smoke cells failed${report.failedBundles.length ? ` (bundles: ${report.failedBundles.join(', ')})` : ''}`,
      'see the annotations and the summary table',
    );
  }
  return report;
}

function label(r: SmokeRow): string {
  return `${r.bundle} on ${r.partition} (${r.mode}, ${r.command})`;
}

async function writeTable(title: string, line: string, rows: SmokeRow[]): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const head = ['Bundle', 'Partition', 'Mode', 'Command', 'Job id', 'State', 'Exit', 'Elapsed', 'Verdict'];
  const body = rows.map((r) =>
    [
      r.bundle || '-',
      r.partition || '-',
      r.mode || '-',
      r.command || '-',
      r.jobId || '-',
      r.state || '-',
      r.exitCode === null ? '-' : String(r.exitCode),
      r.elapsedSeconds === null ? '-' : `${r.elapsedSeconds} s`,
      r.passed ? 'passed' : `FAILED: ${r.verdict}`,
    ].map(escapeHtml),
  );
  await core.summary
    .addHeading(escapeHtml(title), 3)
    .addRaw(`\n${escapeHtml(line)}\n`, true)
    .addTable([head.map((data) => ({ data, header: true })), ...body])
    .write();
}
