// The workflow safety test: every workflow under .github/workflows and examples/workflows follows the safety rules
// (safety.ts), the reusable workflows are workflow_call only and the examples call them; and the checker catches
// each kind of violation in a small bad workflow, so this test can fail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  GUARD_NOT_FORK,
  GUARD_NOT_PR_TARGET,
  checkWorkflow,
  topLevelConjuncts,
  triggersOf,
  workflowFiles,
  type AllowedWrite,
  type Rule,
} from './safety.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const files = workflowFiles(ROOT);
/** Write scopes a rule needs, each with its reason (e.g. a release job's contents: write); none today. */
const ALLOWED_WRITES: AllowedWrite[] = [];
const load = (rel: string): Record<string, unknown> => yaml.load(readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;

describe('the repository workflows', () => {
  it('includes the reusable workflows and the site examples', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        '.github/workflows/bundle-pr.yml',
        '.github/workflows/nightly-smoke.yml',
        'examples/workflows/bundles.yml',
        'examples/workflows/nightly-smoke.yml',
      ]),
    );
  });

  it.each(files)('%s follows every safety rule', (rel) => {
    expect(checkWorkflow(rel, readFileSync(path.join(ROOT, rel), 'utf8'), ALLOWED_WRITES)).toEqual([]);
  });

  it.each(['.github/workflows/bundle-pr.yml', '.github/workflows/nightly-smoke.yml'])('%s is reusable: on workflow_call only', (rel) => {
    expect(triggersOf(load(rel).on)).toEqual(['workflow_call']);
  });

  it('the examples call the reusable workflows at @v1 with the triggers a site needs', () => {
    const pr = load('examples/workflows/bundles.yml');
    expect(triggersOf(pr.on).sort()).toEqual(['pull_request', 'push']);
    expect(Object.values(pr.jobs as Record<string, { uses: string }>).map((j) => j.uses)).toEqual([
      'org/eda-oci/.github/workflows/bundle-pr.yml@v1',
    ]);
    const nightly = load('examples/workflows/nightly-smoke.yml');
    expect(triggersOf(nightly.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(Object.values(nightly.jobs as Record<string, { uses: string }>).map((j) => j.uses)).toEqual([
      'org/eda-oci/.github/workflows/nightly-smoke.yml@v1',
    ]);
  });

  it('bundle-pr: publish and rollback jobs are environment-gated; only the plan job checks out; rollback is guarded by the run id', () => {
    const jobs = load('.github/workflows/bundle-pr.yml').jobs as Record<string, Record<string, unknown>>;
    expect(Object.keys(jobs)).toEqual(['plan', 'build', 'smoke', 'report', 'rollback']);
    const checksOut = Object.entries(jobs)
      .filter(([, j]) => (j.steps as { uses?: string }[]).some((s) => s.uses?.startsWith('actions/checkout@')))
      .map(([id]) => id);
    expect(checksOut).toEqual(['plan']);
    expect(jobs.build!.environment).toBeDefined();
    expect(jobs.rollback!.environment).toBe('${{ inputs.environment }}');
    const rb = (jobs.rollback!.steps as { with: Record<string, string> }[])[0]!;
    expect(rb.with['only-if-published-by-run']).toBe('${{ github.run_id }}');
    expect(String(jobs.rollback!.if)).toContain("github.event_name == 'push'");
    expect(jobs.build!.if).toContain("needs.plan.outputs.count != '0'");
  });
});

// A small reusable workflow that passes every rule; each bad case below changes one thing.
const GOOD = `
on:
  workflow_call:
    inputs:
      labels: { type: string, required: true }
permissions: {}
jobs:
  plan:
    if: ${GUARD_NOT_PR_TARGET} && ${GUARD_NOT_FORK}
    runs-on: \${{ fromJSON(inputs.labels) }}
    timeout-minutes: 5
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: echo "$NAME"
        env:
          NAME: \${{ github.ref_name }}
  publish:
    needs: plan
    if: \${{ !cancelled() && ${GUARD_NOT_PR_TARGET} && ${GUARD_NOT_FORK} }}
    runs-on: \${{ fromJSON(inputs.labels) }}
    timeout-minutes: 30
    environment: bundles
    strategy:
      fail-fast: false
      matrix:
        name: [a, b]
    steps:
      - uses: org/eda-oci/actions/publish-oci-bundle@v1
        with: { bundle: /b, bundles-dir: /s }
`;

describe('the checker', () => {
  it('accepts the good example', () => {
    expect(checkWorkflow('good.yml', GOOD)).toEqual([]);
  });

  const bad: [string, Rule, (t: string) => string][] = [
    ['a pull_request_target trigger', 'no-pull-request-target', () => 'on: [push, pull_request_target]\npermissions: {}\njobs: {}\n'],
    [
      'pull_request_target in a map',
      'no-pull-request-target',
      () => 'on:\n  pull_request_target:\n    types: [opened]\npermissions: {}\njobs: {}\n',
    ],
    ['a reusable workflow with another trigger', 'reusable-workflow-call-only', (t) => t.replace('on:\n', 'on:\n  push:\n')],
    [
      'a job without the guard',
      'job-refuses-untrusted-events',
      (t) => t.replace(`    if: ${GUARD_NOT_PR_TARGET} && ${GUARD_NOT_FORK}\n`, ''),
    ],
    [
      'a guard without the fork part',
      'job-refuses-untrusted-events',
      (t) =>
        t.replace(
          `${GUARD_NOT_PR_TARGET} && ${GUARD_NOT_FORK}\n    runs-on: \${{ fromJSON(inputs.labels) }}\n    timeout-minutes: 5`,
          `${GUARD_NOT_PR_TARGET}\n    runs-on: \${{ fromJSON(inputs.labels) }}\n    timeout-minutes: 5`,
        ),
    ],
    ['a guard bypassed by a top-level ||', 'job-refuses-untrusted-events', (t) => t.replace('!cancelled() && ', 'always() || ')],
    ['no top-level permissions', 'permissions-present', (t) => t.replace('permissions: {}\n', '')],
    ['permissions: write-all', 'permissions-least', (t) => t.replace('permissions: {}\n', 'permissions: write-all\n')],
    ['a write scope no rule names', 'permissions-least', (t) => t.replace('      contents: read', '      contents: write')],
    ['an expression inside run:', 'no-expression-in-run', (t) => t.replace('- run: echo "$NAME"', '- run: echo "${{ github.head_ref }}"')],
    [
      'a third-party action by tag',
      'action-pinned-by-sha',
      (t) => t.replace('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2', 'actions/checkout@v4'),
    ],
    ['a pinned action without its version comment', 'action-pinned-by-sha', (t) => t.replace(' # v4.2.2', '')],
    ['a short SHA', 'action-pinned-by-sha', (t) => t.replace('11bd71901bbe5b1630ceea73d27597364c9af683', '11bd719')],
    ['a publish job without environment', 'environment-for-publish', (t) => t.replace('    environment: bundles\n', '')],
    [
      'checkout keeping its credentials',
      'checkout-no-credentials',
      (t) => t.replace('persist-credentials: false', 'persist-credentials: true'),
    ],
    [
      'checkout without the option',
      'checkout-no-credentials',
      (t) => t.replace('        with:\n          persist-credentials: false\n', ''),
    ],
    [
      'checkout in the publish job',
      'checkout-only-without-bundle-steps',
      (t) =>
        t.replace(
          '      - uses: org/eda-oci/actions/publish-oci-bundle@v1',
          '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n        with: { persist-credentials: false }\n      - uses: org/eda-oci/actions/publish-oci-bundle@v1',
        ),
    ],
    ['a job without timeout-minutes', 'job-timeout', (t) => t.replace('    timeout-minutes: 30\n', '')],
    ['a matrix without fail-fast: false', 'matrix-no-fail-fast', (t) => t.replace('      fail-fast: false\n', '')],
  ];
  it.each(bad)('catches %s', (_what, rule, mutate) => {
    const text = mutate(GOOD);
    expect(text).not.toBe(GOOD);
    const found = checkWorkflow('bad.yml', text);
    expect(found.map((f) => f.rule)).toContain(rule);
    // Only the rule the mutation broke (and nothing unrelated) is reported.
    expect(new Set(found.map((f) => f.rule))).toEqual(new Set([rule]));
  });

  it('allows a write scope a rule names', () => {
    const text = GOOD.replace('      contents: read', '      contents: write');
    expect(checkWorkflow('w.yml', text, [{ file: 'w.yml', job: 'plan', scope: 'contents', why: 'test' }])).toEqual([]);
  });

  it('topLevelConjuncts splits at top-level && only', () => {
    expect(topLevelConjuncts("${{ a && (b || c) && d == 'x && y' }}")).toEqual(['a', '(b || c)', "d == 'x && y'"]);
    expect(topLevelConjuncts('a || b && c')).toEqual(['a || b && c']);
  });
});
