// Input parsing of slurm-submit-container from INPUT_* variables, as the runner sets them (defaults of action.yml).
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import { getInputs } from '../src/inputs.js';

const DEFAULTS = { mode: 'sbatch', 'timeout-seconds': '0', 'cancel-on-abort': 'true', 'verify-container': 'true', 'pin-version': 'true' };
const set = (inputs: Record<string, string>): void => {
  for (const [k, v] of Object.entries({ ...DEFAULTS, ...inputs })) process.env[`INPUT_${k.toUpperCase()}`] = v;
};
let bundle: string;
beforeEach(() => {
  bundle = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-ssc-'));
  mkdirSync(path.join(bundle, 'rootfs/.eda-oci'), { recursive: true });
  writeFileSync(path.join(bundle, 'config.json'), '{}');
  writeFileSync(path.join(bundle, 'rootfs/.eda-oci/bundle-id'), 'sha256:x\n');
});
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
  rmSync(bundle, { recursive: true, force: true });
});

describe('getInputs', () => {
  it('applies the defaults', () => {
    set({ bundle, command: 'make test' });
    expect(getInputs({})).toEqual({
      bundle,
      command: 'make test',
      script: undefined,
      mode: 'sbatch',
      partition: undefined,
      nodes: undefined,
      ntasks: undefined,
      timeLimit: undefined,
      jobName: undefined,
      extraArgs: [],
      env: {},
      timeoutSeconds: 0,
      cancelOnAbort: true,
      verifyContainer: true,
      pinVersion: true,
      outputDir: undefined,
      // The job the run submits, prepared once here (bundle resolved, its id read).
      prepared: expect.objectContaining({ mode: 'sbatch', bundlePath: realpathSync(bundle), bundleId: 'sha256:x', verify: true }),
    });
  });
  it('reads every input; multiline lists are one item per line', () => {
    set({
      bundle,
      command: 'true',
      mode: 'srun',
      partition: 'interactive',
      nodes: '2',
      ntasks: '4',
      'time-limit': '0:30',
      'job-name': 'smoke',
      'extra-args': '--mem=1G\n  -w\nn1\n',
      env: 'A=1\nB=two words\n',
      'timeout-seconds': '600',
      'cancel-on-abort': 'false',
      'verify-container': 'FALSE',
      'pin-version': 'false',
    });
    expect(getInputs({ EDA_OCI_SLURM_OUTPUT_DIR: '/shared/logs' })).toMatchObject({
      mode: 'srun',
      nodes: '2',
      ntasks: 4,
      timeLimit: '0:30',
      extraArgs: ['--mem=1G', '-w', 'n1'],
      env: { A: '1', B: 'two words' },
      timeoutSeconds: 600,
      cancelOnAbort: false,
      verifyContainer: false,
      pinVersion: false,
      outputDir: '/shared/logs',
    });
  });
  it.each([
    [{ mode: 'batch' }, /input 'mode' is 'batch', which is not one of sbatch, srun/],
    [{ 'cancel-on-abort': 'yes' }, /input 'cancel-on-abort' is 'yes', which is not a boolean/],
    [{ ntasks: '0' }, /input 'ntasks' is '0', which is not a whole number from 1/],
    [{ 'extra-args': '--wrap=id' }, /sets an option eda-oci manages; use the input 'command' instead/],
    [{ env: 'not-an-entry' }, /env line 'not-an-entry' is not KEY=value/],
    [{ 'time-limit': 'soon' }, /time limit 'soon' is not valid/],
  ])('refuses %j before any side effect', (bad, re) => {
    set({ bundle, command: 'true', ...bad });
    expect(() => getInputs({})).toThrow(ConfigurationError);
    expect(() => getInputs({})).toThrow(re);
  });
  it('the bundle must exist and be a bundle', () => {
    set({ bundle: path.join(bundle, 'missing'), command: 'true' });
    expect(() => getInputs({})).toThrow(/does not exist; give the path of a bundle on the shared file system/);
    set({ bundle: path.join(bundle, 'rootfs'), command: 'true' });
    expect(() => getInputs({})).toThrow(/has no config.json/);
  });
});
