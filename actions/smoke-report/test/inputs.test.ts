// Input parsing of smoke-report from INPUT_* variables, as the runner sets them (defaults of action.yml).
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import { getInputs } from '../src/inputs.js';

const DEFAULTS = { expected: '', title: 'Slurm smoke tests', 'fail-on-failure': 'true' };
const set = (inputs: Record<string, string>): void => {
  for (const [k, v] of Object.entries({ ...DEFAULTS, ...inputs })) process.env[`INPUT_${k.toUpperCase()}`] = v;
};
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
});

const CELL = { id: 'tool/debug/srun/version', bundle: 'tool', partition: 'debug', mode: 'srun', command: 'version' };

describe('getInputs', () => {
  it('applies the defaults', () => {
    set({ 'results-dir': 'results' });
    expect(getInputs()).toEqual({ resultsDir: 'results', expected: [], title: 'Slurm smoke tests', failOnFailure: true });
  });
  it("reads every input; expected is plan-bundles' smokes output", () => {
    set({
      'results-dir': '/w/results',
      expected: JSON.stringify([{ ...CELL, run: 'tool --version', 'time-limit': '5' }]),
      title: 'Nightly',
      'fail-on-failure': 'false',
    });
    expect(getInputs()).toEqual({ resultsDir: '/w/results', expected: [CELL], title: 'Nightly', failOnFailure: false });
  });
  it.each([
    [{}, /input 'results-dir' is required/],
    [{ 'results-dir': 'r', expected: '[{' }, /input 'expected' is not valid JSON/],
    [{ 'results-dir': 'r', expected: '{"id":"x"}' }, /input 'expected' is not a JSON array/],
    [{ 'results-dir': 'r', expected: '[{"id":"x","bundle":"b"}]' }, /input 'expected'\[0\]\.partition is missing/],
    [{ 'results-dir': 'r', 'fail-on-failure': 'no' }, /input 'fail-on-failure' is 'no', which is not a boolean/],
  ])('refuses %o with one ConfigurationError line', (inputs, message) => {
    set(inputs);
    expect(() => getInputs()).toThrow(ConfigurationError);
    expect(() => getInputs()).toThrow(message);
  });
});
