// Input parsing of setup-rootless-docker from INPUT_* variables, as the runner sets them.
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
  it('applies defaults (data-root is filled in by the library for the running user)', () => {
    set({ start: 'true', 'keep-running': 'false', 'wait-seconds': '60' });
    expect(getInputs()).toEqual({ dataRoot: undefined, daemonConfig: {}, start: true, keepRunning: false, waitSeconds: 60 });
  });
  it('reads every input', () => {
    set({
      'data-root': '/scratch//me/docker/',
      'daemon-config': '{"log-level": "warn", "features": {"buildkit": true}}',
      start: 'FALSE',
      'keep-running': 'true',
      'wait-seconds': '5',
    });
    expect(getInputs()).toEqual({
      dataRoot: '/scratch/me/docker',
      daemonConfig: { 'log-level': 'warn', features: { buildkit: true } },
      start: false,
      keepRunning: true,
      waitSeconds: 5,
    });
  });
  it.each([
    [{ 'data-root': 'relative/dir' }, /data-root 'relative\/dir' is not an absolute path/],
    [{ 'data-root': '/' }, /is the root directory/],
    [{ 'daemon-config': '{"a": 1' }, /input 'daemon-config' is not valid JSON/],
    [{ 'daemon-config': '"text"' }, /input 'daemon-config' is not a JSON object/],
    [{ 'daemon-config': '{"hosts": ["tcp://0.0.0.0:2375"]}' }, /input 'daemon-config' sets "hosts"/],
    [{ start: 'yes' }, /input 'start' is 'yes', which is not a boolean/],
    [{ 'keep-running': '1' }, /input 'keep-running' is '1'/],
    [{ 'wait-seconds': '0' }, /input 'wait-seconds' is '0', which is not a whole number from 1 to 3600/],
  ])('rejects %j', (inputs, re) => {
    set(inputs);
    expect(() => getInputs()).toThrow(ConfigurationError);
    expect(() => getInputs()).toThrow(re);
  });
});
