// Input parsing of rollback-oci-bundle from INPUT_* variables, as the runner sets them (defaults of action.yml).
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import { getInputs } from '../src/inputs.js';

const DEFAULTS = { to: '', 'only-if-published-by-run': '', 'lock-timeout-seconds': '600' };
const set = (inputs: Record<string, string>): void => {
  for (const [k, v] of Object.entries({ ...DEFAULTS, ...inputs })) process.env[`INPUT_${k.toUpperCase()}`] = v;
};
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
});

describe('getInputs', () => {
  it('applies the defaults', () => {
    set({ 'bundles-dir': '/shared/bundles', name: 'tool' });
    expect(getInputs({})).toEqual({ bundlesDir: '/shared/bundles', name: 'tool', to: undefined, lockTimeoutSeconds: 600 });
  });
  it('reads every input; the guard carries the repository of this run', () => {
    set({
      'bundles-dir': '/s',
      name: 'tool-1.0',
      to: '20260101T000000Z-0123456789ab',
      'only-if-published-by-run': '987654321',
      'lock-timeout-seconds': '5',
    });
    expect(getInputs({ GITHUB_REPOSITORY: 'org/site' })).toEqual({
      bundlesDir: '/s',
      name: 'tool-1.0',
      to: '20260101T000000Z-0123456789ab',
      lockTimeoutSeconds: 5,
      onlyIfPublishedBy: { runId: '987654321', repository: 'org/site' },
    });
  });
  it.each([
    [{ name: 'tool' }, /input 'bundles-dir' is required/],
    [{ 'bundles-dir': '/s' }, /input 'name' is required/],
    [{ 'bundles-dir': '-s', name: 'tool' }, /bundles-dir '-s' starts with '-'/],
    [{ 'bundles-dir': '/s', name: '../x' }, /bundle name '..\/x' is invalid/],
    [{ 'bundles-dir': '/s', name: 'tool', to: 'latest' }, /input 'to' is 'latest', which is not a version name/],
    [
      { 'bundles-dir': '/s', name: 'tool', 'only-if-published-by-run': '${{ github.run_id }}' },
      /only-if-published-by-run '\$\{\{ github.run_id \}\}' is not a run id/,
    ],
    [{ 'bundles-dir': '/s', name: 'tool', 'only-if-published-by-run': '12 34' }, /is not a run id/],
    [{ 'bundles-dir': '/s', name: 'tool', 'lock-timeout-seconds': '-1' }, /input 'lock-timeout-seconds' is '-1'/],
  ])('refuses %o with one ConfigurationError line', (inputs, message) => {
    set(inputs);
    expect(() => getInputs({})).toThrow(ConfigurationError);
    expect(() => getInputs({})).toThrow(message);
  });
});
