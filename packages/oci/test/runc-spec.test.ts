// The bundle test spec parser: good lists, and every kind of bad input failing with one line naming line/test/key.
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import { parseTestSpec, testFromRun } from '../src/index.js';

const D = { timeoutSeconds: 60 };
const parse = (text: string) => parseTestSpec(text, "input 'tests'", D);
const fails = (text: string): string => {
  try {
    parse(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('expected a ConfigurationError');
};

describe('parseTestSpec', () => {
  it('parses run and args tests with defaults and expectations', () => {
    const tests = parse(`
- name: version
  run: tool --version | head -1
  expect-stdout: '^tool 1\\.0'
- name: exit three
  args: [/bin/sh, -c, 'exit 3']
  expect-exit: 3
  expect-stderr: 'warn(ing)?'
  timeout-seconds: 5
- name: numbers become strings
  args: [sleep, 1]
`);
    expect(tests).toHaveLength(3);
    expect(tests[0]).toEqual({
      name: 'version',
      args: ['/bin/sh', '-c', 'tool --version | head -1'],
      expectExit: 0,
      expectStdout: /^tool 1\.0/m,
      expectStderr: undefined,
      timeoutSeconds: 60,
    });
    expect(tests[1]).toMatchObject({ args: ['/bin/sh', '-c', 'exit 3'], expectExit: 3, timeoutSeconds: 5 });
    expect(tests[1]!.expectStderr!.test('a warning here')).toBe(true);
    expect(tests[2]!.args).toEqual(['sleep', '1']);
  });

  it('patterns are searched anywhere, ^/$ at line ends', () => {
    const [t] = parse(`- { name: m, run: x, expect-stdout: '^two$' }`);
    expect(t!.expectStdout!.test('one\ntwo\nthree\n')).toBe(true);
    expect(t!.expectStdout!.test('one two\n')).toBe(false);
  });

  it('accepts JSON (a YAML subset)', () => {
    expect(parse('[{"name": "a", "run": "true"}]')[0]!.name).toBe('a');
  });

  it.each([
    ['an unclosed quote', `- name: a\n  run: "true\n- name: b\n  run: x\n`, /input 'tests' is not valid YAML at line \d+/],
    ['bad indentation', `- name: a\n   run: true\n  args: [x]\n`, /not valid YAML at line 2: bad indentation/],
    ['a tab', `- name: a\n\trun: true\n`, /not valid YAML at line 2/],
  ])('malformed YAML (%s) names the line', (_n, text, re) => {
    expect(fails(text)).toMatch(re);
  });

  it.each([
    ['not a list', 'name: a\nrun: true\n', /must be a non-empty YAML list of tests, got a object/],
    ['an empty list', '[]', /got an empty list/],
    ['empty text', '', /got nothing/],
    ['an item that is not a mapping', '- true\n', /test #1 must be a mapping/],
    ['a missing name', '- run: true\n', /test #1 needs a name/],
    ['a multi-line name', '- name: "a\\nb"\n  run: x\n', /test #1 needs a name: a non-empty one-line string/],
    [
      'an unknown key',
      '- name: a\n  run: true\n  expect_exit: 1\n',
      /test 'a' has an unknown key 'expect_exit'.*allowed keys: name, run, args/,
    ],
    ['both run and args', '- name: a\n  run: true\n  args: [true]\n', /test 'a' must have exactly one of run .* or args .*, it has both/],
    ['neither run nor args', '- name: a\n', /test 'a' must have exactly one of run.*it has neither/],
    ['an empty run', '- name: a\n  run: ""\n', /test 'a': run must be a non-empty string/],
    ['args that are not a list', '- name: a\n  args: true\n', /test 'a': args must be a non-empty list of strings/],
    ['args with a mapping', '- name: a\n  args: [x, {y: 1}]\n', /args must be a non-empty list of strings/],
    ['an empty args list', '- name: a\n  args: []\n', /args must be a non-empty list/],
    [
      'a bad regex',
      '- name: a\n  run: x\n  expect-stdout: "(unclosed"\n',
      /test 'a': expect-stdout is not a valid regular expression: .*Unterminated group/,
    ],
    ['a bad stderr regex', '- name: a\n  run: x\n  expect-stderr: "a**"\n', /test 'a': expect-stderr is not a valid regular expression/],
    ['a regex that is a list', '- name: a\n  run: x\n  expect-stdout: [a]\n', /expect-stdout must be a regular expression string/],
    [
      'a negative expect-exit',
      '- name: a\n  run: x\n  expect-exit: -1\n',
      /test 'a': expect-exit is -1, which is not a whole number from 0 to 255/,
    ],
    ['expect-exit 256', '- name: a\n  run: x\n  expect-exit: 256\n', /expect-exit is 256/],
    ['a string expect-exit', '- name: a\n  run: x\n  expect-exit: "0"\n', /expect-exit is "0"/],
    ['a zero timeout', '- name: a\n  run: x\n  timeout-seconds: 0\n', /timeout-seconds is 0, which is not a whole number from 1 to 86400/],
    ['a fractional timeout', '- name: a\n  run: x\n  timeout-seconds: 1.5\n', /timeout-seconds is 1.5/],
    ['duplicate names', '- name: a\n  run: x\n- name: b\n  run: y\n- name: a\n  run: z\n', /test name 'a' is used twice/],
  ])('rejects %s', (_n, text, re) => {
    expect(fails(text)).toMatch(re);
  });
});

describe('testFromRun', () => {
  it('makes one /bin/sh -c test named after the command', () => {
    expect(testFromRun('tool --version', D)).toEqual({
      name: 'tool --version',
      args: ['/bin/sh', '-c', 'tool --version'],
      expectExit: 0,
      timeoutSeconds: 60,
    });
  });
  it('names a long or multi-line command by its first 77 characters on one line', () => {
    const t = testFromRun(`echo ${'x'.repeat(100)}\n  && true`, D);
    expect(t.name).toHaveLength(80);
    expect(t.name).not.toContain('\n');
    expect(t.args[2]).toContain('\n');
  });
  it('refuses an empty command', () => {
    expect(() => testFromRun('  ', D)).toThrow(ConfigurationError);
  });
});
