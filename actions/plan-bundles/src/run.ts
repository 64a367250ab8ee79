// plan-bundles: one library call (planBundles), then matrix outputs and the job summary.
import * as core from '@actions/core';
import { actionsLogger, writeSummary, type SummaryRow } from '@eda-oci/action-kit';
import {
  CatalogError,
  isZeroSha,
  planBundles,
  type CatalogChange,
  type CatalogEntry,
  type RemovedBundle,
  type SmokeCell,
} from '@eda-oci/catalog';
import type { Inputs } from './inputs.js';

/** What the action planned (tests use it). */
export interface PlanResult {
  bundles: CatalogEntry[];
  smokes: SmokeCell[];
  removed: RemovedBundle[];
  changes: CatalogChange[];
  mergeBase: string | null;
}

/** One item of the `bundles` output. */
export interface BundleOutput {
  name: string;
  file: string;
  image: string;
  platform: string;
  config: string;
  tests: string;
}

/** The `bundles` output item: config and tests as JSON text ('' when absent) for build-oci-bundle / test-bundle-runc. */
export function bundleOutput(e: CatalogEntry): BundleOutput {
  return {
    name: e.name,
    file: e.file,
    image: e.image,
    platform: e.platform ?? '',
    config: e.config === undefined ? '' : JSON.stringify(e.config),
    tests: e.tests === undefined ? '' : JSON.stringify(e.tests),
  };
}

/** The `smokes` output item: a SmokeCell with `time-limit` (kebab-case like every action input). */
export function smokeOutput(c: SmokeCell): Record<string, string> {
  return { id: c.id, bundle: c.bundle, partition: c.partition, mode: c.mode, command: c.command, run: c.run, 'time-limit': c.timeLimit };
}

async function plan(inputs: Inputs, signal?: AbortSignal): Promise<PlanResult> {
  // A push that deleted the branch: no head commit, nothing to build (planBundles returns an empty plan).
  if (!inputs.all && isZeroSha(inputs.head!)) core.notice('plan-bundles: the head is all zeros (the branch was deleted); nothing to plan');
  const p = await planBundles(
    {
      repo: inputs.repo,
      // The normalized root is '': give it as '.', which normalizes to it again.
      catalogDir: inputs.catalogDir || '.',
      publishedIn: inputs.publishedOnly ? inputs.bundlesDir : undefined,
      ...(inputs.all ? { all: true } : { base: inputs.base!, head: inputs.head! }),
    },
    { logger: actionsLogger, signal },
  );
  return { bundles: p.bundles, smokes: p.smokes, removed: p.removed, changes: p.changes, mergeBase: p.mergeBase };
}

/** Plans, sets the outputs and writes the summary; a bad catalog file is also annotated at its line. */
export async function run(inputs: Inputs, signal?: AbortSignal): Promise<PlanResult> {
  let result: PlanResult;
  try {
    result = await core.group('Plan the bundle catalog', () => plan(inputs, signal));
  } catch (err) {
    if (err instanceof CatalogError) {
      core.error(err.message, { title: 'invalid catalog file', file: err.file, startLine: err.line });
    }
    throw err;
  }
  core.setOutput('bundles', JSON.stringify(result.bundles.map(bundleOutput)));
  core.setOutput('smokes', JSON.stringify(result.smokes.map(smokeOutput)));
  core.setOutput('count', String(result.bundles.length));
  core.setOutput('smoke-count', String(result.smokes.length));
  core.setOutput('names', JSON.stringify(result.bundles.map((b) => b.name)));
  core.setOutput('removed', JSON.stringify(result.removed.map((r) => r.name)));

  const status = new Map(result.changes.map((c) => [c.file, c]));
  const rows: SummaryRow[] = [
    ['Catalog', inputs.all ? `${inputs.catalogDir || '.'} (all bundles)` : `${inputs.catalogDir || '.'}, ${inputs.base} .. ${inputs.head}`],
  ];
  if (result.mergeBase) rows.push(['Merge-base', result.mergeBase]);
  if (inputs.publishedOnly) rows.push(['Published only', `bundles present in ${inputs.bundlesDir}`]);
  for (const b of result.bundles) {
    const c = status.get(b.file);
    const how = c ? (c.status === 'renamed' ? `renamed from ${c.oldFile}` : c.status) : 'planned';
    rows.push([
      `build ${b.name}`,
      `${b.image} (${b.file}, ${how}; smoke on ${b.smoke.partitions.join(', ')} via ${b.smoke.modes.join(', ')})`,
    ]);
  }
  for (const r of result.removed) rows.push([`removed ${r.name}`, `${r.file} deleted`]);
  rows.push(['Bundles to build', String(result.bundles.length)], ['Smoke cells', String(result.smokes.length)]);
  const notes = result.bundles.length === 0 && result.removed.length === 0 ? ['No catalog bundle changed.'] : [];
  await writeSummary('plan-bundles', rows, notes);
  core.info(
    `${result.bundles.length} bundle(s) to build (${result.bundles.map((b) => b.name).join(', ') || 'none'}), ${result.removed.length} removed, ${result.smokes.length} smoke cell(s)`,
  );
  return result;
}
