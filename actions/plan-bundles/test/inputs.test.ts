// Input parsing of plan-bundles from INPUT_* variables and the event payload, as the runner provides them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCatalogText } from '@eda-oci/catalog';
import { getInputs } from '../src/inputs.js';
import { bundleOutput, smokeOutput } from '../src/run.js';
import { smokeCells } from '@eda-oci/catalog';
import { parseConfigOverlay, parseTestSpec } from '@eda-oci/oci';

const set = (inputs: Record<string, string>): void => {
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
};
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
});

const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-bundles-inputs-'));
function payload(name: string, value: unknown): string {
  const f = path.join(dir, `${name}.json`);
  writeFileSync(f, JSON.stringify(value));
  return f;
}
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

describe('getInputs', () => {
  it('pull_request: base and head SHAs from the payload; defaults', () => {
    const env = {
      GITHUB_WORKSPACE: '/w',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: payload('pr', { pull_request: { base: { sha: A }, head: { sha: B } } }),
    };
    expect(getInputs(env)).toEqual({
      repo: '/w',
      catalogDir: 'bundles',
      all: false,
      base: A,
      head: B,
      bundlesDir: undefined,
      publishedOnly: false,
    });
  });

  it('push: before/after; an all-zero before (new branch) is kept as is', () => {
    const env = { GITHUB_WORKSPACE: '/w', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload('push', { before: ZERO, after: B }) };
    expect(getInputs(env)).toMatchObject({ base: ZERO, head: B });
  });

  it('explicit base/head win over the event; head defaults to GITHUB_SHA when only base is given on other events', () => {
    set({ base: 'main', head: 'HEAD~1', 'catalog-dir': './cad/bundles/' });
    const env = { GITHUB_WORKSPACE: '/w', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: payload('push2', { before: A, after: B }) };
    expect(getInputs(env)).toMatchObject({ base: 'main', head: 'HEAD~1', catalogDir: 'cad/bundles' });
    for (const k of ['INPUT_HEAD']) delete process.env[k];
    expect(getInputs({ GITHUB_WORKSPACE: '/w', GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: B })).toMatchObject({
      base: 'main',
      head: B,
    });
  });

  it('all: no revisions needed; published-only needs an absolute bundles-dir', () => {
    set({ all: 'true', 'published-only': 'true', 'bundles-dir': '/shared/bundles' });
    expect(getInputs({ GITHUB_WORKSPACE: '/w', GITHUB_EVENT_NAME: 'schedule' })).toEqual({
      repo: '/w',
      catalogDir: 'bundles',
      all: true,
      bundlesDir: '/shared/bundles',
      publishedOnly: true,
    });
    set({ 'bundles-dir': '' });
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w' })).toThrow("input 'published-only' is true but 'bundles-dir' is empty");
    set({ 'bundles-dir': 'rel/dir' });
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w' })).toThrow("input 'bundles-dir' is 'rel/dir', which is not an absolute path");
  });

  it('one actionable line for each bad input', () => {
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w', GITHUB_EVENT_NAME: 'schedule' })).toThrow(
      "input 'base' is empty and the 'schedule' event has no base commit; set all: true (schedule, workflow_dispatch) or give base and head",
    );
    expect(() => getInputs({})).toThrow('GITHUB_WORKSPACE is not set');
    set({ all: 'yes' });
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w' })).toThrow("input 'all' is 'yes', which is not a boolean");
    set({ all: 'true', base: 'main' });
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w' })).toThrow("input 'all' is true together with base/head");
    set({ all: 'false', base: '--output=x', head: 'HEAD' });
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w' })).toThrow("input 'base' '--output=x' starts with '-'");
    set({ base: 'main', head: 'a b' });
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w' })).toThrow("input 'head' 'a b' is not a git revision");
    set({ base: 'main', head: 'HEAD', 'catalog-dir': '../elsewhere' });
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w' })).toThrow("catalog directory '../elsewhere' is outside the repository");
    set({ 'catalog-dir': 'bundles', base: '', head: '' });
    const bad = path.join(dir, 'broken.json');
    writeFileSync(bad, '{');
    expect(() => getInputs({ GITHUB_WORKSPACE: '/w', GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: bad })).toThrow(
      'cannot read the event payload',
    );
  });
});

describe('outputs', () => {
  it('bundles items carry config and tests as JSON text (empty when absent); smokes use time-limit', () => {
    const e = parseCatalogText(
      "image: r.example.com/t:1\nconfig: { env: { A: '1' } }\ntests: [{ name: v, run: t -v, expect-stdout: '^t\\.1' }]\nsmoke: { partitions: [debug], modes: [srun], commands: [{ name: h, run: hostname }] }\n",
      'bundles/t.yml',
    );
    expect(bundleOutput(e)).toEqual({
      name: 't',
      file: 'bundles/t.yml',
      image: 'r.example.com/t:1',
      platform: '',
      config: '{"env":{"A":"1"}}',
      tests: '[{"name":"v","run":"t -v","expect-stdout":"^t\\\\.1"}]',
    });
    // What build-oci-bundle and test-bundle-runc do with those inputs: the same overlay and tests come back.
    expect(parseConfigOverlay(bundleOutput(e).config)).toEqual({ env: { A: '1' } });
    const [t] = parseTestSpec(bundleOutput(e).tests, "input 'tests'", { timeoutSeconds: 60 });
    expect([t!.name, t!.args, t!.expectStdout!.test('t.1'), t!.expectStdout!.test('tx1')]).toEqual([
      'v',
      ['/bin/sh', '-c', 't -v'],
      true,
      false,
    ]);
    const bare = parseCatalogText(
      'image: r.example.com/t:1\nsmoke: { partitions: [p], commands: [{ name: h, run: hostname }] }\n',
      'bundles/u.yml',
    );
    expect([bundleOutput(bare).config, bundleOutput(bare).tests]).toEqual(['', '']);
    expect(smokeOutput(smokeCells([e])[0]!)).toEqual({
      id: 't/debug/srun/h',
      bundle: 't',
      partition: 'debug',
      mode: 'srun',
      command: 'h',
      run: 'hostname',
      'time-limit': '5',
    });
  });
});
