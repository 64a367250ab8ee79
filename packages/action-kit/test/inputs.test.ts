// The typed input readers every action uses.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import { getBoolean, getEnum, getInteger, getList, getOptional, getRaw, getRequired, getYaml } from '../src/index.js';

const set = (name: string, value: string): void => {
  process.env[`INPUT_${name.toUpperCase()}`] = value;
};
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
});

describe('action inputs', () => {
  it('getRequired names the missing input and how to set it', () => {
    expect(() => getRequired('image')).toThrow(ConfigurationError);
    expect(() => getRequired('image')).toThrow(/input 'image' is required.*with: image:/);
    set('image', '  busybox  ');
    expect(getRequired('image')).toBe('busybox');
  });
  it('getOptional and getRaw', () => {
    expect(getOptional('x')).toBeUndefined();
    set('x', '  a:\n    b: 1\n');
    expect(getRaw('x')).toBe('  a:\n    b: 1\n');
    expect(getOptional('x')).toBe('a:\n    b: 1');
  });
  it('getBoolean is strict', () => {
    expect(getBoolean('flag', true)).toBe(true);
    set('flag', 'FALSE');
    expect(getBoolean('flag', true)).toBe(false);
    set('flag', 'yes');
    expect(() => getBoolean('flag', true)).toThrow(/input 'flag' is 'yes', which is not a boolean/);
  });
  it('getEnum lists the allowed values', () => {
    set('mode', 'srun');
    expect(getEnum('mode', ['sbatch', 'srun'], 'sbatch')).toBe('srun');
    set('mode', 'salloc');
    expect(() => getEnum('mode', ['sbatch', 'srun'], 'sbatch')).toThrow(/use one of: sbatch \| srun/);
  });
  it('getInteger checks the range', () => {
    expect(getInteger('n', 5, 1, 10)).toBe(5);
    set('n', '11');
    expect(() => getInteger('n', 5, 1, 10)).toThrow(/not a whole number from 1 to 10/);
    set('n', '-1');
    expect(() => getInteger('n', 5, 1, 10)).toThrow(ConfigurationError);
  });
  it('getList keeps one item per line, never shell-parsed', () => {
    set('args', '--mem=4G\n\n  --comment=a b;c  \n');
    expect(getList('args')).toEqual(['--mem=4G', '--comment=a b;c']);
  });
  it('getYaml parses with the core schema and names the line of an error', () => {
    set('tests', '- name: t\n  run: "true"\n');
    expect(getYaml('tests')).toEqual([{ name: 't', run: 'true' }]);
    set('tests', '- name: t\n run: [\n');
    expect(() => getYaml('tests')).toThrow(/input 'tests' is not valid YAML at line \d/);
  });
});
