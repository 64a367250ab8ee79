// The bundle test specification (the `tests` YAML of test-bundle-runc, `eda-oci test --tests FILE`): schema and parser.
import { ConfigurationError, parseYamlText } from '@eda-oci/exec';

/** One validated test: what to run inside the bundle and what to expect. */
export interface BundleTest {
  name: string;
  /** process.args of the container: `args` as given, or `/bin/sh -c RUN`. */
  args: string[];
  expectExit: number;
  expectStdout?: RegExp;
  expectStderr?: RegExp;
  timeoutSeconds: number;
}

/** Defaults applied while parsing. */
export interface TestDefaults {
  timeoutSeconds: number;
}

/** The keys a test may have, in the order the docs list them. */
export const TEST_KEYS = ['name', 'run', 'args', 'expect-exit', 'expect-stdout', 'expect-stderr', 'timeout-seconds'] as const;

/** Longest accepted timeout: one day. */
export const MAX_TIMEOUT_SECONDS = 86_400;

const EXAMPLE = 'e.g. - { name: version, run: "tool --version", expect-stdout: "^tool 1\\\\." }';

/**
 * Parses the YAML text of a test list. A syntax error names the line; a bad test names the test and the key.
 * `where` says where the text came from (`input 'tests'`, a file path).
 */
export function parseTestSpec(text: string, where: string, defaults: TestDefaults): BundleTest[] {
  if (text.trim() === '') return validateTests(undefined, where, defaults);
  return validateTests(parseYamlText(text, where), where, defaults);
}

/** Validates an already parsed test list (see {@link parseTestSpec}). */
export function validateTests(value: unknown, where: string, defaults: TestDefaults): BundleTest[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigurationError(
      `${where} must be a non-empty YAML list of tests, got ${value === null || value === undefined ? 'nothing' : Array.isArray(value) ? 'an empty list' : `a ${typeof value}`}`,
      EXAMPLE,
    );
  }
  const seen = new Set<string>();
  return value.map((item, i) => {
    const t = validateTest(item, `${where}: test #${i + 1}`, defaults);
    if (seen.has(t.name)) throw new ConfigurationError(`${where}: test name '${t.name}' is used twice`, 'give every test a unique name');
    seen.add(t.name);
    return t;
  });
}

/** The single test of the `run` shorthand: `/bin/sh -c COMMAND`, named after the command. */
export function testFromRun(command: string, defaults: TestDefaults): BundleTest {
  if (command.trim() === '' || command.includes('\0')) {
    throw new ConfigurationError(`run must be a non-empty shell command without NUL bytes`, 'e.g. run: tool --version');
  }
  const oneLine = command.trim().replace(/\s+/g, ' ');
  return {
    name: oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine,
    args: ['/bin/sh', '-c', command],
    expectExit: 0,
    timeoutSeconds: defaults.timeoutSeconds,
  };
}

function validateTest(item: unknown, at: string, defaults: TestDefaults): BundleTest {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new ConfigurationError(`${at} must be a mapping with name and run (or args)`, EXAMPLE);
  }
  const t = item as Record<string, unknown>;
  if (typeof t.name !== 'string' || t.name.trim() === '' || /[\0\n\r]/.test(t.name)) {
    throw new ConfigurationError(`${at} needs a name: a non-empty one-line string`, EXAMPLE);
  }
  const name = t.name.trim();
  const here = `${at.replace(/#\d+$/, '')}'${name}'`;
  for (const k of Object.keys(t)) {
    if (!(TEST_KEYS as readonly string[]).includes(k)) {
      throw new ConfigurationError(`${here} has an unknown key '${k}'`, `allowed keys: ${TEST_KEYS.join(', ')}`);
    }
  }
  if ((t.run === undefined) === (t.args === undefined)) {
    throw new ConfigurationError(
      `${here} must have exactly one of run (a shell command) or args (a list), it has ${t.run === undefined ? 'neither' : 'both'}`,
      'use run: "cmd arg" for /bin/sh -c, or args: [cmd, arg] to run a program directly',
    );
  }
  let args: string[];
  if (t.run !== undefined) {
    if (typeof t.run !== 'string' || t.run.trim() === '' || t.run.includes('\0')) {
      throw new ConfigurationError(`${here}: run must be a non-empty string`, 'e.g. run: tool --version');
    }
    args = ['/bin/sh', '-c', t.run];
  } else {
    const a = t.args;
    if (
      !Array.isArray(a) ||
      a.length === 0 ||
      !a.every((x) => (typeof x === 'string' || typeof x === 'number') && !String(x).includes('\0')) ||
      String(a[0]) === ''
    ) {
      throw new ConfigurationError(`${here}: args must be a non-empty list of strings`, 'e.g. args: [/opt/tool/bin/tool, --version]');
    }
    args = a.map(String);
  }
  const expectExit = integer(t['expect-exit'], 0, 0, 255, `${here}: expect-exit`);
  const timeoutSeconds = integer(t['timeout-seconds'], defaults.timeoutSeconds, 1, MAX_TIMEOUT_SECONDS, `${here}: timeout-seconds`);
  return {
    name,
    args,
    expectExit,
    expectStdout: regex(t['expect-stdout'], `${here}: expect-stdout`),
    expectStderr: regex(t['expect-stderr'], `${here}: expect-stderr`),
    timeoutSeconds,
  };
}

function integer(v: unknown, fallback: number, min: number, max: number, what: string): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigurationError(
      `${what} is ${JSON.stringify(v)}, which is not a whole number from ${min} to ${max}`,
      'set a number in that range',
    );
  }
  return v;
}

/**
 * Expected-output patterns are JavaScript regular expressions, searched anywhere in the output with the `m` flag
 * (^ and $ match at line ends). They are compiled here so a typo fails before any test runs.
 */
function regex(v: unknown, what: string): RegExp | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') {
    throw new ConfigurationError(`${what} must be a regular expression string`, 'quote it, e.g. expect-stdout: "^ok$"');
  }
  try {
    return new RegExp(String(v), 'm');
  } catch (err) {
    throw new ConfigurationError(
      `${what} is not a valid regular expression: ${(err as Error).message}`,
      'fix the pattern (JavaScript syntax)',
    );
  }
}
