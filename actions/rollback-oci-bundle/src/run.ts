// rollback-oci-bundle: one library call (rollbackStore), then outputs, a notice when nothing was done, and the summary.
import * as core from '@actions/core';
import { actionsLogger, writeSummary } from '@eda-oci/action-kit';
import { rollbackStore, type RollbackResult } from '@eda-oci/store';
import type { Inputs } from './inputs.js';

/** Rolls back (or explains why not), writes outputs and the summary; returns the library result (tests use it). */
export async function run(inputs: Inputs, rollback = rollbackStore): Promise<RollbackResult> {
  const r = await rollback(inputs, { logger: actionsLogger });
  core.setOutput('rolled-back', String(r.changed));
  core.setOutput('current', r.to);
  core.setOutput('previous', r.from ?? '');
  if (r.skipped) core.notice(`${r.name}: not rolled back: ${r.skipped}`, { title: 'rollback-oci-bundle did nothing' });
  else if (r.changed) core.info(`${r.path} -> ${r.to} (was ${r.from ?? 'nothing'})`);
  else core.info(`${r.path} already points at ${r.to}: nothing to do`);
  const guard = inputs.onlyIfPublishedBy;
  await writeSummary(`rollback-oci-bundle: ${r.name}`, [
    ['Path', r.path],
    ['Rolled back', r.changed ? 'yes' : r.skipped ? `no: ${r.skipped}` : 'no: that version was already current'],
    ['Current now', r.to || '(none)'],
    ['Before', r.from ?? '(none)'],
    ['Target', inputs.to ?? 'the previous version'],
    ['Only if published by run', guard ? `${guard.runId}${guard.repository ? ` (${guard.repository})` : ''}` : '-'],
  ]);
  return r;
}
