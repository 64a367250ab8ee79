// rollback-oci-bundle's run(): outputs, the notice when the guard refused, and the summary (the store call faked;
// the store's own tests and the e2e test of the dist cover the real rollback).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RollbackResult, rollbackStore } from '@eda-oci/store';
import { run } from '../src/run.js';

// One set of runner files for the whole file (core.summary keeps the path it saw first).
const dir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-rollback-run-'));
const files = { GITHUB_OUTPUT: 'out', GITHUB_STEP_SUMMARY: 'summary.md' };
beforeEach(() => {
  for (const [k, f] of Object.entries(files)) {
    process.env[k] = path.join(dir, f);
    writeFileSync(process.env[k]!, '');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fake = (r: RollbackResult) => vi.fn(async () => r) as unknown as typeof rollbackStore & ReturnType<typeof vi.fn>;
const V1 = '20260101T000001Z-aaaaaaaaaaaa';
const V2 = '20260101T000002Z-bbbbbbbbbbbb';
const inputs = { bundlesDir: '/s', name: 'tool', onlyIfPublishedBy: { runId: '77', repository: 'org/site' } };

describe('run', () => {
  it('a rollback: outputs rolled-back/current/previous and a summary; passes the options through', async () => {
    const rb = fake({ name: 'tool', path: '/s/tool', from: V2, to: V1, changed: true });
    await run(inputs, rb);
    expect(rb).toHaveBeenCalledWith(inputs, expect.anything());
    const out = readFileSync(process.env.GITHUB_OUTPUT!, 'utf8');
    expect(out).toMatch(/rolled-back<<.*\ntrue\n/);
    expect(out).toMatch(new RegExp(`current<<.*\\n${V1}\\n`));
    expect(out).toMatch(new RegExp(`previous<<.*\\n${V2}\\n`));
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toContain('rollback-oci-bundle: tool');
    expect(summary).toContain('<td>Rolled back</td><td>yes</td>');
    expect(summary).toContain('<td>Only if published by run</td><td>77 (org/site)</td>');
  });

  it('the guard refused: rolled-back false, a notice with the reason, the step succeeds', async () => {
    const log = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await run(
        inputs,
        fake({
          name: 'tool',
          path: '/s/tool',
          from: V2,
          to: V2,
          changed: false,
          skipped: `current version ${V2} was published by run 5, not by run 77`,
        }),
      );
      const printed = log.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toMatch(
        /::notice title=rollback-oci-bundle did nothing::tool: not rolled back: current version .* was published by run 5, not by run 77/,
      );
    } finally {
      log.mockRestore();
    }
    expect(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8')).toMatch(/rolled-back<<.*\nfalse\n/);
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('<td>Rolled back</td><td>no: current version');
  });
});
