// The only place that reads this action's inputs: typed, validated before anything runs.
import { statSync } from 'node:fs';
import path from 'node:path';
import { getBoolean, getInteger, getOptional, getRaw, getRequired } from '@eda-oci/action-kit';
import { ConfigurationError } from '@eda-oci/exec';
import { MAX_TIMEOUT_SECONDS, parseTestSpec, tempSuffix, testFromRun, type BundleTest } from '@eda-oci/oci';

/** Parsed inputs of test-bundle-runc. */
export interface Inputs {
  bundle: string;
  tests: BundleTest[];
  runc: string;
  root: string;
  /** True when root is the default private directory (the post step removes it). */
  privateRoot: boolean;
  junitFile?: string;
  allowVulnerableRunc: boolean;
}

/** Refuses values that would be read as options where they become program arguments. */
function notOption(name: string, value: string): string {
  if (value.startsWith('-')) throw new ConfigurationError(`input '${name}' is '${value}', which starts with '-'`, 'give a path (e.g. ./x)');
  return value;
}

/** Reads and validates every input; throws ConfigurationError on the first bad one. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): Inputs {
  // Relative paths are relative to the workspace, as in the workflow file (where the runner starts actions anyway).
  const base = env.GITHUB_WORKSPACE || process.cwd();
  const bundle = path.resolve(base, notOption('bundle', getRequired('bundle')));
  const defaults = { timeoutSeconds: getInteger('timeout-seconds', 60, 1, MAX_TIMEOUT_SECONDS) };
  const testsText = getRaw('tests');
  const runText = getOptional('run');
  if ((testsText === undefined) === (runText === undefined)) {
    throw new ConfigurationError(
      testsText === undefined ? "neither 'tests' nor 'run' is set" : "both 'tests' and 'run' are set",
      'give tests (a YAML list) or run (one command), exactly one of them; put the run command into tests as a test if you need both',
    );
  }
  const tests = testsText !== undefined ? parseTestSpec(testsText, "input 'tests'", defaults) : [testFromRun(runText!, defaults)];
  const runc = notOption('runc', getOptional('runc') ?? 'runc');
  let root = getOptional('root');
  const privateRoot = root === undefined;
  if (root === undefined) {
    if (!env.RUNNER_TEMP) throw new ConfigurationError('root is not set and RUNNER_TEMP is unset', 'set root to a runc state directory');
    root = path.join(env.RUNNER_TEMP, `eda-oci-runc-${tempSuffix()}`);
  }
  root = path.resolve(base, notOption('root', root));
  const junit = getOptional('junit-file');
  const junitFile = junit === undefined ? undefined : path.resolve(base, notOption('junit-file', junit));
  if (junitFile && isDirectory(junitFile)) {
    throw new ConfigurationError(
      `input 'junit-file' is '${junit}', which is a directory`,
      'give a file path, e.g. reports/bundle-tests.xml',
    );
  }
  const allowVulnerableRunc = getBoolean('allow-vulnerable-runc', false);
  return { bundle, tests, runc, root, privateRoot, junitFile, allowVulnerableRunc };
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
