// `eda-oci submit`: run a command inside an OCI bundle through Slurm, the same library call as slurm-submit-container.
import { ConfigurationError, createConsoleLogger } from '@eda-oci/exec';
import { jobOutputs, parseEnvEntries, runContainerJob, SlurmJobError, type ContainerJobResult, type SubmitMode } from '@eda-oci/slurm';
import { EXIT, parseCommandLine, usageError, type Command } from '../args.js';

const HELP = `Usage: eda-oci submit --bundle PATH (--command CMD | --script FILE) [options]

Runs CMD (with /bin/sh -c) or the batch script FILE inside the OCI bundle through Slurm (sbatch --container, or srun
--container with --mode srun), streams the job's output to stderr while it runs, notices the end within a second,
and prints how it ended. Ctrl-C (SIGINT/SIGTERM) cancels the job (scancel).

Options:
  --bundle PATH          bundle directory (config.json + rootfs/), or a symlink to one (required)
  --command CMD          command line run with /bin/sh -c inside the container
  --script FILE          batch script (sbatch mode; #!/bin/sh or bash when verifying)
  --mode M               sbatch (default) | srun
  --partition P          partition (default: the cluster's default)
  --nodes N              node count, N or MIN-MAX
  --ntasks N             task count
  --time-limit T         time limit as sbatch --time (30, 1:00:00, 1-00:00:00, ...)
  --job-name NAME        job name
  --extra-arg ARG        one more sbatch/srun argument, passed as is (repeatable; never shell-parsed)
  --env KEY=VALUE        environment variable for the job (repeatable)
  --timeout-seconds N    whole wait; the job is cancelled after it (default 0: no limit)
  --output-dir DIR       where sbatch writes eda-oci-JOBID.out (default: the current directory)
  --no-cancel-on-abort   leave the job running when eda-oci is interrupted
  --no-verify-container  do not check /.eda-oci/bundle-id inside the job
  --no-pin-version       submit the bundle path as given (default: its resolved path, so a publish meanwhile
                         does not change what runs)
  --json                 print the outputs as one JSON object (default: key=value lines) on stdout
  -v, --verbose          debug logging
  -h, --help             this help

Output: key=value lines on stdout: job-id, state, exit-code, signal, elapsed-seconds, nodes, output-file (with --json
one object with these keys and outcome, verified, timings-ms), also when the job failed. The job's own output goes to
stderr while it runs.

Exit codes: 0 the job completed with exit code 0 (inside the bundle), 1 it did not (or an error), 2 usage error,
130 cancelled (the job was cancelled with scancel unless --no-cancel-on-abort).`;

const OPTIONS = {
  bundle: { type: 'string' },
  command: { type: 'string' },
  script: { type: 'string' },
  mode: { type: 'string' },
  partition: { type: 'string' },
  nodes: { type: 'string' },
  ntasks: { type: 'string' },
  'time-limit': { type: 'string' },
  'job-name': { type: 'string' },
  'extra-arg': { type: 'string', multiple: true },
  env: { type: 'string', multiple: true },
  'timeout-seconds': { type: 'string' },
  'output-dir': { type: 'string' },
  'no-cancel-on-abort': { type: 'boolean' },
  'no-verify-container': { type: 'boolean' },
  'no-pin-version': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const submitCommand: Command = {
  name: 'submit',
  summary: 'run a command inside a bundle through Slurm (sbatch/srun --container) and report how it ended',
  options: OPTIONS,
  help: HELP,
  async run(args, { out, signal }) {
    const v = parseCommandLine('submit', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    if (!v.bundle) throw usageError('submit', '--bundle is required');
    const mode = (v.mode ?? 'sbatch') as SubmitMode;
    if (mode !== 'sbatch' && mode !== 'srun') throw usageError('submit', `--mode is '${v.mode}', not sbatch or srun`);
    const int = (name: string, value: string | undefined): number | undefined => {
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value)) throw new ConfigurationError(`--${name} '${value}' is not a whole number`, `give --${name} as digits`);
      return Number(value);
    };
    const logger = createConsoleLogger({ verbose: v.verbose });
    const report = (r: ContainerJobResult): void => {
      if (v.json)
        out.write(`${JSON.stringify({ ...jobOutputs(r), outcome: r.outcome, verified: r.verified, 'timings-ms': r.timingsMs })}\n`);
      else for (const [k, val] of Object.entries(jobOutputs(r))) out.write(`${k}=${String(val)}\n`);
    };
    try {
      const r = await runContainerJob(
        {
          bundle: v.bundle,
          command: v.command,
          script: v.script,
          mode,
          partition: v.partition,
          nodes: v.nodes,
          ntasks: int('ntasks', v.ntasks),
          timeLimit: v['time-limit'],
          jobName: v['job-name'],
          extraArgs: v['extra-arg'] ?? [],
          env: parseEnvEntries(v.env ?? []),
          timeoutSeconds: int('timeout-seconds', v['timeout-seconds']) ?? 0,
          cancelOnAbort: !v['no-cancel-on-abort'],
          verifyContainer: !v['no-verify-container'],
          pinVersion: !v['no-pin-version'],
          outputDir: v['output-dir'],
          signal,
          onOutputLine: (l) => process.stderr.write(`${l}\n`),
        },
        { logger },
      );
      logger.info(`job ${r.jobId} ${r.outcome.message}${r.verified ? ', inside the bundle' : ''}`);
      report(r);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof SlurmJobError) report(err.result);
      throw err;
    }
  },
};
