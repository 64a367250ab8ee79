// Input parsing of test-bundle-runc from INPUT_* variables, as the runner sets them.
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
  it('applies defaults: one run test, 60 s, runc from PATH, a private root under RUNNER_TEMP', () => {
    set({ bundle: '/b/tool', run: 'tool --version' });
    const i = getInputs({ RUNNER_TEMP: '/rt' });
    expect(i).toMatchObject({
      bundle: '/b/tool',
      runc: 'runc',
      privateRoot: true,
      junitFile: undefined,
      allowVulnerableRunc: false,
      tests: [{ name: 'tool --version', args: ['/bin/sh', '-c', 'tool --version'], expectExit: 0, timeoutSeconds: 60 }],
    });
    expect(i.root).toMatch(/^\/rt\/eda-oci-runc-\d+-[0-9a-f]{8}$/);
  });

  it('reads every input; YAML tests keep their indentation and get the default timeout', () => {
    set({
      bundle: 'rel/bundle',
      tests: '  - name: a\n    run: "true"\n  - name: b\n    args: [x]\n    timeout-seconds: 5\n',
      'timeout-seconds': '7',
      runc: '/usr/sbin/runc',
      root: '/tmp/state',
      'junit-file': 'reports/t.xml',
      'allow-vulnerable-runc': 'true',
    });
    const i = getInputs({ GITHUB_WORKSPACE: '/ws' });
    expect(i.bundle).toBe('/ws/rel/bundle');
    expect(i.tests.map((t) => [t.name, t.timeoutSeconds])).toEqual([
      ['a', 7],
      ['b', 5],
    ]);
    expect(i).toMatchObject({
      runc: '/usr/sbin/runc',
      root: '/tmp/state',
      privateRoot: false,
      junitFile: '/ws/reports/t.xml',
      allowVulnerableRunc: true,
    });
  });

  it.each([
    [{ run: 'x' }, /input 'bundle' is required/],
    [{ bundle: '/b' }, /neither 'tests' nor 'run' is set.*exactly one of them/],
    [{ bundle: '/b', run: 'x', tests: '- {name: a, run: x}' }, /both 'tests' and 'run' are set/],
    [{ bundle: '/b', tests: '- name: a\n  run: "x\n' }, /input 'tests' is not valid YAML at line \d/],
    [{ bundle: '/b', tests: '- name: a\n  run: x\n  expect: 1\n' }, /input 'tests': test 'a' has an unknown key 'expect'/],
    [{ bundle: '/b', run: 'x', 'timeout-seconds': '0' }, /input 'timeout-seconds' is '0'/],
    [{ bundle: '/b', run: 'x', runc: '--help' }, /input 'runc' is '--help', which starts with '-'/],
    [{ bundle: '-b', run: 'x' }, /input 'bundle' is '-b'/],
    [{ bundle: '/b', run: 'x', 'junit-file': '/tmp' }, /input 'junit-file' is '\/tmp', which is a directory/],
    [{ bundle: '/b', run: 'x', 'allow-vulnerable-runc': 'yes' }, /input 'allow-vulnerable-runc' is 'yes', which is not a boolean/],
  ])('refuses %j', (inputs, re) => {
    set(inputs);
    let err: unknown;
    try {
      getInputs({ RUNNER_TEMP: '/rt' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(re);
  });

  it('needs RUNNER_TEMP when root is not set', () => {
    set({ bundle: '/b', run: 'x' });
    expect(() => getInputs({})).toThrow(/root is not set and RUNNER_TEMP is unset/);
  });
});
