// test-bundle-runc: one library call (runBundleTests), then the JUnit report, outputs, annotations and the summary.
import * as core from '@actions/core';
import { actionsLogger, escapeHtml } from '@eda-oci/action-kit';
import { EdaOciError } from '@eda-oci/exec';
import {
  TEST_CONTAINER_PREFIX,
  describeFailure,
  runBundleTests,
  tempSuffix,
  writeJUnitFile,
  type RunBundleTestsResult,
  type TestResult,
} from '@eda-oci/oci';
import type { Inputs } from './inputs.js';
import { STATE_PREFIX, STATE_ROOT, STATE_ROOT_PRIVATE, STATE_RUNC, STATE_TEMP } from './state.js';

/** A step that ran but had tests that did not pass. */
export class TestsFailedError extends EdaOciError {
  override name = 'TestsFailedError';
}

/** Runs the tests, writes report/outputs/summary; throws TestsFailedError when any test did not pass. */
export async function run(inputs: Inputs, signal?: AbortSignal): Promise<RunBundleTestsResult> {
  const idPrefix = `${TEST_CONTAINER_PREFIX}${tempSuffix()}`;
  // Saved before anything runs: a cancelled or killed step leaves its containers to the post step.
  core.saveState(STATE_ROOT, inputs.root);
  core.saveState(STATE_ROOT_PRIVATE, String(inputs.privateRoot));
  core.saveState(STATE_RUNC, inputs.runc);
  core.saveState(STATE_PREFIX, idPrefix);
  const result = await runBundleTests(
    {
      bundle: inputs.bundle,
      tests: inputs.tests,
      runc: inputs.runc,
      root: inputs.root,
      allowVulnerableRunc: inputs.allowVulnerableRunc,
      hints: { allowVulnerable: "'allow-vulnerable-runc: true'", runc: "the 'runc' input" },
      idPrefix,
      signal,
      onTempDir: (dir) => core.saveState(STATE_TEMP, dir),
    },
    { logger: actionsLogger },
  );
  core.saveState(STATE_TEMP, '');
  core.setOutput('passed', String(result.passed));
  core.setOutput('failed', String(result.failed));
  core.setOutput('total', String(result.total));
  const report = inputs.junitFile
    ? await writeJUnitFile(inputs.junitFile, {
        name: result.bundle.split('/').pop() ?? result.bundle,
        results: result.results,
        timestamp: result.startedAt,
        properties: { bundle: result.bundle, runc: result.runc.version.version },
      })
    : '';
  core.setOutput('report', report);
  for (const r of result.results) {
    if (r.status !== 'passed')
      core.error(`test '${r.name}' ${r.status === 'error' ? 'could not run' : 'failed'}: ${describeFailure(r)}`, {
        title: `test-bundle-runc: ${r.name}`,
      });
  }
  await summary(result, report);
  if (result.failed > 0) {
    const names = result.results.filter((r) => r.status !== 'passed').map((r) => r.name);
    throw new TestsFailedError(`${result.failed} of ${result.total} tests did not pass: ${names.join(', ')}`);
  }
  core.info(`all ${result.total} tests passed`);
  return result;
}

const status = (r: TestResult): string =>
  r.status === 'passed' ? 'passed' : r.status === 'error' ? 'error' : r.timedOut ? 'timed out' : 'failed';

/** Job summary: what was tested with which runc, then one row per test with status, duration and why it failed. */
async function summary(result: RunBundleTestsResult, report: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary
    .addHeading(`test-bundle-runc: ${result.passed} of ${result.total} passed`, 3)
    .addRaw(
      `<p>Bundle <code>${escapeHtml(result.bundle)}</code>, runc ${escapeHtml(result.runc.version.version)} (${escapeHtml(result.runc.verdict.reason)})` +
        `${report ? `, report <code>${escapeHtml(report)}</code>` : ''}, ${(result.durationMs / 1000).toFixed(2)} s</p>`,
      true,
    )
    .addTable([
      [
        { data: 'Test', header: true },
        { data: 'Status', header: true },
        { data: 'Duration', header: true },
        { data: 'Detail', header: true },
      ],
      // An empty cell would render as an unclosed <td> (@actions/core drops the closing tag of empty content).
      ...result.results.map((r) => [
        escapeHtml(r.name),
        status(r),
        `${(r.durationMs / 1000).toFixed(2)} s`,
        escapeHtml(describeFailure(r)) || '-',
      ]),
    ])
    .write();
}
