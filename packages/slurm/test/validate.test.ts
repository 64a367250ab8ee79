// Input grammars: partitions, job names, time limits, node counts, extra-args (never shell-parsed), env entries.
import { describe, expect, it } from 'vitest';
import { parseEnvEntries, validateExtraArgs, validateJobName, validateNodes, validatePartition, validateTimeLimit } from '../src/index.js';

describe('validators', () => {
  it('time limits in every sbatch --time form, and nothing else', () => {
    for (const t of ['30', '0:30', '1:00:00', '2-0', '2-12', '2-12:30', '2-12:30:15', 'UNLIMITED', 'infinite'])
      expect(validateTimeLimit(t)).toBe(t);
    for (const t of ['', '1:2:3:4', 'abc', '-5', '1h', '1-', '1 0', '1:00:00;rm']) {
      expect(() => validateTimeLimit(t)).toThrow(`time limit '${t}' is not valid; use minutes (30)`);
    }
  });
  it('partitions, job names, node counts', () => {
    expect(validatePartition('debug,interactive')).toBe('debug,interactive');
    expect(() => validatePartition('-p')).toThrow(/partition '-p' is not valid/);
    expect(() => validatePartition('a b')).toThrow(/partition/);
    expect(validateJobName('smoke-1.0_x+y')).toBe('smoke-1.0_x+y');
    expect(() => validateJobName('-x')).toThrow(/job name '-x' is not valid/);
    expect(() => validateJobName('a/b')).toThrow(/job name/);
    expect(validateNodes('2')).toBe('2');
    expect(validateNodes('2-4')).toBe('2-4');
    for (const n of ['0', '4-2', 'x', '2,3']) expect(() => validateNodes(n)).toThrow(/node count/);
  });
  it('extra-args: plain arguments pass, one per line', () => {
    const ok = ['--mem=1G', '-w', 'n3', '--constraint=a&b|c', '--dependency=afterok:12', '--no-requeue', '--exclusive'];
    expect(validateExtraArgs(ok)).toEqual(ok);
  });
  it.each([
    ['--comment=x; rm -rf /', /uses shell syntax, which is passed to Slurm literally and never interpreted/],
    ['--mem 1G', /contains whitespace; extra-args are not shell-parsed; put one argument per line/],
    ['--mem=$(cat /etc/passwd)', /uses shell syntax/],
    ['--mem=`id`', /uses shell syntax/],
    ['--mem=1G;id', /uses shell syntax/],
    ['--x=a&&b', /uses shell syntax/],
    ['>out', /uses shell syntax/],
    ['"--mem=1G"', /uses shell syntax/],
    ['--output=/tmp/x', /sets an option eda-oci manages; remove it \(the output file is managed\)/],
    ['-pdebug', /use the input 'partition' instead/],
    ['--time=5', /use the input 'time-limit' instead/],
    ['--container=/b', /use the input 'bundle' instead/],
    ['--wait', /remove it/],
    ['--export=ALL', /use the input 'env' instead/],
  ])('extra-args refuses %s', (arg, re) => {
    expect(() => validateExtraArgs([arg])).toThrow(re);
  });
  it('env entries', () => {
    expect(parseEnvEntries(['A=1', 'B_2=x=y', 'C='])).toEqual({ A: '1', B_2: 'x=y', C: '' });
    expect(() => parseEnvEntries(['1A=x'])).toThrow(`env line '1A=x' is not KEY=value`);
    expect(() => parseEnvEntries(['NOEQ'])).toThrow(/not KEY=value/);
  });
});
