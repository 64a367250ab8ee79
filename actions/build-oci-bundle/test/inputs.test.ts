// Input parsing of build-oci-bundle from INPUT_* variables, as the runner sets them.
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
    set({ image: 'busybox:1', name: 'bb' });
    expect(getInputs({ RUNNER_TEMP: '/rt' })).toEqual({
      image: 'busybox:1',
      name: 'bb',
      outputDir: '/rt/oci-bundles',
      pull: 'missing',
      platform: undefined,
      config: {},
      dockerHost: undefined,
      extract: 'auto',
    });
  });
  it('reads every input', () => {
    set({
      image: 'r:5000/a/b@sha256:' + 'c'.repeat(64),
      name: 'x',
      'output-dir': '/o',
      pull: 'never',
      platform: 'linux/arm64',
      config: '  env:\n    A: "1"\n',
      'docker-host': 'unix:///s.sock',
    });
    const i = getInputs({});
    expect(i).toMatchObject({
      outputDir: '/o',
      pull: 'never',
      platform: 'linux/arm64',
      config: { env: { A: '1' } },
      dockerHost: 'unix:///s.sock',
    });
  });
  it.each([
    [{ name: 'bb' }, /input 'image' is required/],
    [{ image: 'busybox' }, /input 'name' is required/],
    [{ image: 'busybox', name: 'bb', pull: 'yes' }, /input 'pull' is 'yes'/],
    [{ image: 'busybox', name: '../x' }, /bundle name '..\/x' is invalid/],
    [{ image: '-x', name: 'bb' }, /starts with '-'/],
    [{ image: 'a;b', name: 'bb' }, /shell metacharacters/],
    [{ image: 'busybox', name: 'bb', platform: 'amd64' }, /platform 'amd64' is not os\/arch/],
    [{ image: 'busybox', name: 'bb', config: 'env: [' }, /config is not valid YAML at line 1/],
    [{ image: 'busybox', name: 'bb', 'docker-host': 'tcp://a b' }, /not a Docker daemon address/],
  ])('rejects %j', (inputs, re) => {
    set(inputs);
    expect(() => getInputs({ RUNNER_TEMP: '/rt' })).toThrow(ConfigurationError);
    expect(() => getInputs({ RUNNER_TEMP: '/rt' })).toThrow(re);
  });
  it('reads the EDA_OCI_EXTRACT knob and rejects bad values', () => {
    set({ image: 'busybox', name: 'bb' });
    expect(getInputs({ RUNNER_TEMP: '/rt', EDA_OCI_EXTRACT: 'export' }).extract).toBe('export');
    expect(() => getInputs({ RUNNER_TEMP: '/rt', EDA_OCI_EXTRACT: 'fast' })).toThrow(/EDA_OCI_EXTRACT is 'fast'/);
  });
  it('needs output-dir when RUNNER_TEMP is unset', () => {
    set({ image: 'busybox', name: 'bb' });
    expect(() => getInputs({})).toThrow(/RUNNER_TEMP is unset/);
  });
});
