// The only place that reads this action's inputs: typed, validated before anything runs.
import { getBoolean, getOptional, getRequired } from '@eda-oci/action-kit';
import { ConfigurationError } from '@eda-oci/exec';
import { parseExpectedCells, type ExpectedSmokeCell } from '@eda-oci/slurm';

/** Parsed inputs of smoke-report. */
export interface Inputs {
  resultsDir: string;
  expected: ExpectedSmokeCell[];
  title: string;
  failOnFailure: boolean;
}

/** Reads and validates every input; throws ConfigurationError on the first bad one. */
export function getInputs(): Inputs {
  const resultsDir = getRequired('results-dir');
  if (resultsDir.includes('\0')) throw new ConfigurationError('results-dir contains a NUL byte', 'give a directory path');
  const expected = getOptional('expected');
  return {
    resultsDir,
    expected: expected === undefined ? [] : parseExpectedCells(expected, "input 'expected'"),
    title: getOptional('title') ?? 'Slurm smoke tests',
    failOnFailure: getBoolean('fail-on-failure', true),
  };
}
