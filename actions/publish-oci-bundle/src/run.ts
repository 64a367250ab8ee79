// publish-oci-bundle: one library call (publishBundle), then outputs and the job summary.
import * as core from '@actions/core';
import { actionsLogger, formatBytes, writeSummary } from '@eda-oci/action-kit';
import { publishBundle, type PublishResult } from '@eda-oci/store';
import type { Inputs } from './inputs.js';

/** Publishes and writes outputs and summary; returns the library result (tests use it). */
export async function run(inputs: Inputs, signal?: AbortSignal): Promise<PublishResult> {
  const r = await publishBundle({ ...inputs, signal }, { logger: actionsLogger });
  core.setOutput('path', r.path);
  core.setOutput('version', r.version);
  core.setOutput('version-path', r.versionPath);
  core.setOutput('previous-version', r.previousVersion);
  core.setOutput('changed', String(r.changed));
  core.setOutput('bytes-written', String(r.bytesWritten));
  core.setOutput('files-linked', String(r.filesLinked));
  const t = r.timingsMs;
  const secs = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
  const share = r.bundleBytes
    ? ` (${((100 * r.bytesWritten) / r.bundleBytes).toFixed(2)}% of the bundle's ${formatBytes(r.bundleBytes)})`
    : '';
  const v = r.verified;
  const notes = [...r.warnings];
  if (r.dryRun) notes.unshift('Dry run: nothing was written; the numbers are what a publish would do.');
  await writeSummary(
    `publish-oci-bundle: ${r.name}${r.dryRun ? ' (dry run)' : ''}`,
    [
      ['Path', r.path],
      ['Version', r.version],
      ['Previous', r.previousVersion || '(none)'],
      ['Changed', r.changed ? 'yes' : 'no: this bundle was already current, nothing written'],
      ['Bundle digest', r.bundleDigest],
      ['Bytes written', `${formatBytes(r.bytesWritten)}${share}`],
      ['Files linked', `${r.filesLinked} linked, ${r.filesCopied} copied, of ${r.bundleFiles}`],
      [
        'Verified',
        v.usedManifest
          ? `${v.trusted} paths unchanged since the build (inode + ctime), ${v.reread} read again`
          : `no bundle.files: every file hashed (${formatBytes(v.bytesHashed)})`,
      ],
      ['Retention', r.retention ? (r.retention.deleted.length ? `deleted ${r.retention.deleted.join(', ')}` : 'nothing deleted') : '-'],
      ['Time', `verify ${secs(t.verify)}, lock ${secs(t.lock)}, write ${secs(t.write)}, switch ${secs(t.swap)}, total ${secs(t.total)}`],
    ],
    notes,
  );
  return r;
}
