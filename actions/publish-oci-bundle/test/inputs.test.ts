// Input parsing of publish-oci-bundle from INPUT_* variables, as the runner sets them.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import { getInputs } from '../src/inputs.js';

const set = (inputs: Record<string, string>): void => {
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
};
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
});

describe('getInputs', () => {
  it('applies defaults', () => {
    set({ bundle: '/b/vcs', 'bundles-dir': '/shared/bundles' });
    expect(getInputs()).toEqual({
      bundle: '/b/vcs',
      bundlesDir: '/shared/bundles',
      name: undefined,
      keep: 5,
      lockTimeoutSeconds: 600,
      shared: true,
      dryRun: false,
      expectedDigest: undefined,
    });
  });
  it('reads every input', () => {
    const d = `sha256:${'a'.repeat(64)}`;
    set({
      bundle: 'b',
      'bundles-dir': '/s',
      name: 'vcs-2024.06',
      keep: '2',
      'lock-timeout-seconds': '0',
      shared: 'false',
      'dry-run': 'TRUE',
      'expected-digest': d,
    });
    expect(getInputs()).toMatchObject({
      name: 'vcs-2024.06',
      keep: 2,
      lockTimeoutSeconds: 0,
      shared: false,
      dryRun: true,
      expectedDigest: d,
    });
  });
  it.each([
    [{ 'bundles-dir': '/s' }, /input 'bundle' is required/],
    [{ bundle: 'b' }, /input 'bundles-dir' is required/],
    [{ bundle: 'b', 'bundles-dir': '/s', keep: '0' }, /input 'keep' is '0', which is not a whole number from 1 to 10000/],
    [{ bundle: 'b', 'bundles-dir': '/s', keep: 'five' }, /input 'keep' is 'five'/],
    [{ bundle: 'b', 'bundles-dir': '/s', 'lock-timeout-seconds': '-1' }, /input 'lock-timeout-seconds' is '-1'/],
    [{ bundle: 'b', 'bundles-dir': '/s', shared: 'yes' }, /input 'shared' is 'yes', which is not a boolean/],
    [{ bundle: 'b', 'bundles-dir': '/s', 'dry-run': '1' }, /input 'dry-run' is '1'/],
    [{ bundle: 'b', 'bundles-dir': '/s', name: '../etc' }, /bundle name '..\/etc' is invalid/],
    [{ bundle: 'b', 'bundles-dir': '/s', name: '-x' }, /bundle name '-x' is invalid: it starts with '-'/],
    [{ bundle: 'b', 'bundles-dir': '-s' }, /bundles-dir '-s' starts with '-'/],
    [{ bundle: 'b', 'bundles-dir': '/s', 'expected-digest': 'sha256:abc' }, /expected-digest 'sha256:abc' is not a bundle digest/],
  ])('refuses %o with one ConfigurationError line', (inputs, message) => {
    set(inputs as Record<string, string>);
    expect(() => getInputs()).toThrow(ConfigurationError);
    expect(() => getInputs()).toThrow(message);
  });
});
