// The local workflow runner's own semantics, with small synthetic workflows of run: steps as the runner user edaoci
// (needs root for runuser): step outputs, GITHUB_ENV and summaries, job outputs, matrices with and without fail-fast,
// failure()/always()/continue-on-error, needs results, artifacts v4 (pattern downloads in subdirectories, overwrite,
// if-no-files-found) and workflow outputs; and the throws for workflows it cannot interpret.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../packages/catalog/test/git-repo.js';
import { clusterEnv, isRoot, tempDirFor } from '../helpers/cluster.js';
import { runWorkflow, type LocalRunOptions } from '../workflows/local-runner.js';

const USER = clusterEnv().EDA_OCI_TEST_USER!;
const UPLOAD = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02';
const DOWNLOAD = 'actions/download-artifact@d3f86a106a0bac45b974a628896c90dbdf5c8093';

let home: string;
let repo: string;
let head: string;

function workflowFile(text: string): string {
  const f = path.join(home, `wf-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(f, text);
  return f;
}

function options(workflow: string, inputs: LocalRunOptions['inputs'] = { word: 'w' }): LocalRunOptions {
  return {
    workflow,
    inputs,
    eventName: 'push',
    payload: { ref: 'refs/heads/main', before: '0'.repeat(40), after: head, repository: { full_name: 'org/site' } },
    repository: 'org/site',
    runId: '99',
    sha: head,
    checkoutRepo: repo,
    user: USER,
    workDir: tempDirFor(USER, 'e2e-local-runner-'),
  };
}

const SEMANTICS = `name: semantics
on:
  workflow_call:
    inputs:
      word: { type: string, required: true }
      n: { type: number, default: 2 }
    outputs:
      last: { value: '\${{ jobs.cells.outputs.which }}' }
      first: { value: '\${{ jobs.first.outputs.out }}' }
permissions: {}
env:
  TOP: top-\${{ inputs.word }}
jobs:
  first:
    runs-on: \${{ fromJSON('["self-hosted"]') }}
    environment: env-\${{ inputs.n }}
    outputs:
      out: \${{ steps.s.outputs.value }}
    steps:
      - uses: ${'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683'}
      - id: s
        env: { STEP: step }
        run: |
          echo "value=$TOP/$STEP/$GITHUB_EVENT_NAME/$(cat file.txt)" >> "$GITHUB_OUTPUT"
          echo "FROM_ENV=exported" >> "$GITHUB_ENV"
          echo "## hello" >> "$GITHUB_STEP_SUMMARY"
      - run: test "$FROM_ENV" = exported && test "$(id -un)" = ${USER} && test "$PWD" = "$GITHUB_WORKSPACE"
  cells:
    needs: first
    strategy:
      fail-fast: false
      matrix:
        n: \${{ fromJSON('[1, 2, 3]') }}
    outputs:
      which: \${{ steps.w.outputs.n }}
    steps:
      - id: w
        env: { N: '\${{ matrix.n }}' }
        run: |
          echo "n=$N" >> "$GITHUB_OUTPUT"
          echo "cell $N" > "$RUNNER_TEMP/record.txt"
          test "$N" != 2
      - if: failure()
        run: echo cleanup
      - run: echo after
      - id: soft
        if: always()
        continue-on-error: true
        run: exit 4
      - if: always()
        uses: ${UPLOAD}
        with:
          name: r-\${{ strategy.job-index }}
          path: \${{ runner.temp }}/record.txt
  fast:
    strategy:
      matrix:
        n: [1, 2]
    steps:
      - run: exit 1
  after:
    needs: cells
    steps:
      - run: echo never
  collect:
    needs: [cells, after]
    if: always()
    steps:
      - uses: ${DOWNLOAD}
        with: { pattern: 'r-*', path: '\${{ runner.temp }}/all' }
      - uses: ${DOWNLOAD}
        with: { name: r-1, path: '\${{ runner.temp }}/one' }
      - env: { NEEDS: '\${{ needs.cells.result }}/\${{ needs.after.result }}' }
        run: |
          test "$NEEDS" = failure/skipped
          test "$(cat "$RUNNER_TEMP/all/r-0/record.txt" "$RUNNER_TEMP/all/r-2/record.txt")" = "cell 1
          cell 3"
          test "$(cat "$RUNNER_TEMP/one/record.txt")" = "cell 2"
          echo again > "$RUNNER_TEMP/record.txt"
      - id: dup
        continue-on-error: true
        uses: ${UPLOAD}
        with: { name: r-0, path: '\${{ runner.temp }}/record.txt' }
      - id: missing
        continue-on-error: true
        uses: ${UPLOAD}
        with: { name: none, path: '\${{ runner.temp }}/nothing', if-no-files-found: error }
      - uses: ${UPLOAD}
        with: { name: none, path: '\${{ runner.temp }}/nothing', if-no-files-found: ignore }
`;

describe.runIf(isRoot)('local workflow runner semantics, as edaoci (needs root for runuser)', () => {
  beforeAll(() => {
    home = tempDirFor(USER, 'e2e-local-runner-');
    repo = path.join(home, 'repo');
    git(home, 'init', '-q', '-b', 'main', repo);
    writeFileSync(path.join(repo, 'file.txt'), 'checked-out\n');
    git(repo, 'add', 'file.txt');
    git(repo, 'commit', '-q', '-m', 'one');
    head = git(repo, 'rev-parse', 'HEAD');
    execFileSync('chown', ['-R', `${USER}:`, home]);
  });

  it('outputs, env, matrices, status functions, needs and artifacts behave like GitHub', async () => {
    const r = await runWorkflow(options(workflowFile(SEMANTICS)));
    const res = Object.fromEntries(Object.entries(r.jobs).map(([k, j]) => [k, j.result]));
    expect(res).toEqual({ first: 'success', cells: 'failure', fast: 'failure', after: 'skipped', collect: 'success' });
    const first = r.jobs.first!.cells[0]!;
    expect(first.steps.map((s) => s.outcome)).toEqual(['success', 'success', 'success']);
    expect(first.steps[1]!.summary).toBe('## hello\n');
    expect(first.recorded).toMatchObject({ runsOn: ['self-hosted'], environment: 'env-2' });
    expect(r.jobs.first!.outputs).toEqual({ out: 'top-w/step/push/checked-out' });

    const cells = r.jobs.cells!.cells;
    expect(cells.map((c) => c.result)).toEqual(['success', 'failure', 'success']);
    expect(cells.map((c) => c.steps.map((s) => `${s.outcome}/${s.conclusion}`))).toEqual([
      ['success/success', 'skipped/skipped', 'success/success', 'failure/success', 'success/success'],
      ['failure/failure', 'success/success', 'skipped/skipped', 'failure/success', 'success/success'],
      ['success/success', 'skipped/skipped', 'success/success', 'failure/success', 'success/success'],
    ]);
    expect(cells[0]!.steps[0]!.exitCode).toBe(0);
    expect(cells[1]!.steps[0]!.exitCode).toBe(1);
    expect(cells[0]!.steps[3]!.exitCode).toBe(4);
    expect(r.jobs.cells!.outputs).toEqual({ which: '3' }); // the last cell's
    expect(r.jobs.fast!.cells.map((c) => c.result)).toEqual(['failure', 'cancelled']);

    const collect = r.jobs.collect!.cells[0]!.steps;
    expect(collect.map((s) => s.outcome)).toEqual(['success', 'success', 'success', 'failure', 'failure', 'success']);
    expect(collect[3]!.errors[0]).toMatch(/an artifact with this name already exists/);
    expect(collect[4]!.errors[0]).toMatch(/No files were found/);
    expect(r.outputs).toEqual({ last: '3', first: 'top-w/step/push/checked-out' });
  });

  it.each([
    ['an unknown action', `steps:\n      - uses: actions/cache@${'a'.repeat(40)}`, /uses 'actions\/cache@a+' is not supported/],
    ['an unpinned checkout', 'steps:\n      - uses: actions/checkout@v4', /uses 'actions\/checkout@v4' is not supported/],
    ['an unknown function', "if: hashFiles('x') != ''\n    steps:\n      - run: 'true'", /unsupported function 'hashFiles'/],
    ['an unknown context', "if: vars.X == 'y'\n    steps:\n      - run: 'true'", /unknown context 'vars'/],
    ['an unsupported job key', "container: debian\n    steps:\n      - run: 'true'", /key 'container' is not supported/],
    ['an expression inside run:', "steps:\n      - run: echo '${{ inputs.word }}'", /expression inside run: is not supported/],
    [
      'an input our action does not have',
      'steps:\n      - uses: org/eda-oci/actions/smoke-report@v1\n        with: { result-dir: x }',
      /smoke-report has no input 'result-dir'/,
    ],
    [
      'a matrix include',
      "strategy:\n      matrix:\n        include: [{ a: 1 }]\n    steps:\n      - run: 'true'",
      /include is not supported/,
    ],
  ])('throws on %s', async (_what, jobBody, re) => {
    const wf = `on:\n  workflow_call:\n    inputs:\n      word: { type: string, required: true }\njobs:\n  j:\n    ${jobBody}\n`;
    await expect(runWorkflow(options(workflowFile(wf)))).rejects.toThrow(re);
  });

  it('throws on inputs that do not match the declaration', async () => {
    const f = workflowFile(SEMANTICS);
    await expect(runWorkflow(options(f, {}))).rejects.toThrow(/required input 'word' is missing/);
    await expect(runWorkflow(options(f, { word: 'w', other: 'x' }))).rejects.toThrow(/input 'other' is not declared/);
    await expect(runWorkflow(options(f, { word: 'w', n: '2' }))).rejects.toThrow(/input 'n' is declared number/);
  });
});
