// scripts/workflow-refs.mjs: the workflow files it lists and the references to this repository's own actions and
// reusable workflows it finds in them (where, line, ref, target, problem), as release.mjs and actionlint.mjs use them.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { scanWorkflows, workflowFiles } from '../../scripts/workflow-refs.mjs';

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'workflow-refs-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const WORKFLOW = `on: push
jobs:
  call:
    uses: org/eda-oci/.github/workflows/bundle-pr.yml@v1
    with: { catalog: bundles }
  b:
    steps:
      - uses: actions/checkout@v4
      - uses: org/eda-oci/actions/build-oci-bundle@main
      - uses: fork/eda-oci/actions/build-oci-bundle@v1
      - uses: org/eda-oci/bad
`;

describe('scripts/workflow-refs.mjs', () => {
  it('lists .github/workflows then examples/workflows, YAML files only, sorted', () => {
    const root = repo({
      '.github/workflows/b.yml': '',
      '.github/workflows/a.yaml': '',
      '.github/workflows/notes.md': '',
      'examples/workflows/c.yml': '',
    });
    expect(workflowFiles(root)).toEqual(['.github/workflows/a.yaml', '.github/workflows/b.yml', 'examples/workflows/c.yml']);
    expect(workflowFiles(repo({}))).toEqual([]);
  });

  it('finds job and step references of any owner/eda-oci with their line, ref, target and problem against the major tag', () => {
    const [wf] = scanWorkflows(repo({ '.github/workflows/w.yml': WORKFLOW }), 'v1');
    const refs = wf.refs.map(({ where, line, kind, ref, target, problem }: Record<string, unknown>) => ({
      where,
      line,
      kind,
      ref,
      target,
      problem,
    }));
    expect(refs).toEqual([
      {
        where: ".github/workflows/w.yml: job 'call'",
        line: 4,
        kind: 'workflow',
        ref: 'v1',
        target: { isAction: false, file: '.github/workflows/bundle-pr.yml' },
        problem: '',
      },
      {
        where: ".github/workflows/w.yml: job 'b' step 2",
        line: 9,
        kind: 'action',
        ref: 'main',
        target: { isAction: true, file: 'actions/build-oci-bundle/action.yml' },
        problem: "'org/eda-oci/actions/build-oci-bundle@main' must use the release tag v1",
      },
      {
        where: ".github/workflows/w.yml: job 'b' step 3",
        line: 10,
        kind: 'action',
        ref: 'v1',
        target: null,
        problem:
          "'fork/eda-oci/actions/build-oci-bundle@v1' is not org/eda-oci/actions/<name>@v1 or org/eda-oci/.github/workflows/<file>@v1",
      },
      {
        where: ".github/workflows/w.yml: job 'b' step 4",
        line: 11,
        kind: 'action',
        ref: undefined,
        target: null,
        problem: "'org/eda-oci/bad' is not org/eda-oci/actions/<name>@v1 or org/eda-oci/.github/workflows/<file>@v1",
      },
    ]);
    expect(wf.refs[0].with).toEqual({ catalog: 'bundles' });
  });

  it('gives a workflow that is not valid YAML with its error and no references', () => {
    const [wf] = scanWorkflows(repo({ 'examples/workflows/x.yml': 'on: [push\n' }), 'v2');
    expect(wf.rel).toBe('examples/workflows/x.yml');
    expect(wf.error).toBeInstanceOf(Error);
    expect(wf.refs).toEqual([]);
  });
});
