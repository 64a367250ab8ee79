// Job-summary helpers: every action ends with a table of what it did.
import * as core from '@actions/core';

/** A row of the summary table: label and value (already formatted). */
export type SummaryRow = [label: string, value: string];

/** Writes a heading and a two-column table to the job summary (no-op when GITHUB_STEP_SUMMARY is unset). */
export async function writeSummary(title: string, rows: SummaryRow[], notes: string[] = []): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const s = core.summary.addHeading(title, 3).addTable([
    [
      { data: 'What', header: true },
      { data: 'Value', header: true },
    ],
    ...rows.map(([k, v]) => [k, escapeHtml(v)]),
  ]);
  for (const n of notes) s.addRaw(`\n${escapeHtml(n)}\n`, true);
  await s.write();
}

/** Human size: 1536 -> "1.5 KiB" (one formatter for the actions and the CLI). */
export { formatBytes } from '@eda-oci/exec';

/** Escapes `&`, `<` and `>` for text put into summary HTML (table cells, raw lines, code elements). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
