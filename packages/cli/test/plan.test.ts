// Unit tests of `eda-oci plan` without git: --all from the working tree (text, --json, --published-only) and the
// all-zero head (a deleted branch), which plans nothing; the git plans run in plan.itg.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryText } from '../../catalog/test/git-repo.js';
import { runMain } from './helpers/run-main.js';

const run = runMain;

const repo = mkdtempSync(path.join(os.tmpdir(), 'cli-plan-unit-'));
mkdirSync(path.join(repo, 'bundles'));
writeFileSync(path.join(repo, 'bundles/tool.yml'), entryText('registry.example.com:5000/cad/tool:1.0', ['debug', 'batch']));
writeFileSync(path.join(repo, 'bundles/sim.yaml'), entryText('registry.example.com:5000/cad/sim:2.0'));

describe('eda-oci plan (no git)', () => {
  it('--all: one line per bundle of the working tree, then the counts', async () => {
    const r = await run(['plan', '--repo', repo, '--all']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')).toEqual([
      'build   sim   bundles/sim.yaml  registry.example.com:5000/cad/sim:2.0',
      'build   tool  bundles/tool.yml  registry.example.com:5000/cad/tool:1.0',
      '2 bundle(s) to build, 0 removed, 6 smoke cell(s)',
      '',
    ]);
  });

  it('--all --published-only --json: the plan object of the published bundles', async () => {
    const bundlesDir = mkdtempSync(path.join(os.tmpdir(), 'cli-plan-unit-bundles-'));
    mkdirSync(path.join(bundlesDir, 'tool'));
    const r = await run(['plan', '--repo', repo, '--all', '--published-only', '--bundles-dir', bundlesDir, '--json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const p = JSON.parse(r.stdout) as { bundles: { name: string }[]; smokes: { bundle: string }[] };
    expect(Object.keys(p)).toEqual(['bundles', 'smokes', 'removed', 'changes', 'base', 'head', 'mergeBase']);
    expect(p.bundles.map((b) => b.name)).toEqual(['tool']);
    expect(p.smokes.map((c) => c.bundle)).toEqual(['tool', 'tool', 'tool', 'tool']);
  });

  it('an all-zero --head (a deleted branch) plans nothing; exit 0', async () => {
    const r = await run(['plan', '--repo', repo, '--base', 'main', '--head', '0'.repeat(40)]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('no catalog bundle changed\n0 bundle(s) to build, 0 removed, 0 smoke cell(s)\n');
  });
});
