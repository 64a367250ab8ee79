// Run one command (or batch script) inside an OCI bundle through Slurm and report how it really ended: what
// slurm-submit-container and `eda-oci submit` do. Submit once (a unique comment finds a submission whose answer was
// lost), stream the output, see the end within 1 s, map the final state to an outcome, prove the job ran inside the
// bundle, scancel on cancellation or timeout.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  CancelledError,
  CommandFailedError,
  ConfigurationError,
  lastLine,
  runCommand,
  silentLogger,
  type Logger,
  type RunCommand,
} from '@eda-oci/exec';
import { isTransient, SlurmCommands, type CommandCounts } from './commands.js';
import { SlurmJobError } from './errors.js';
import { backoff, delay, JobMonitor, MonitorTimeout, pollInterval } from './monitor.js';
import { FileFollower, OutputSink, VERIFY_PREFIX } from './output.js';
import { parseSbatchParsable, type JobDetails } from './parse.js';
import { isActiveState, outcomeOf, type Outcome } from './states.js';
import { validateExtraArgs, validateJobName, validateNodes, validatePartition, validateTimeLimit } from './validate.js';

/** How the job is started: a batch job (sbatch) or a job step the run stays attached to (srun). */
export type SubmitMode = 'sbatch' | 'srun';

/** What to run; see action.yml of slurm-submit-container for the meaning of each field. */
export interface ContainerJobOptions {
  /** Bundle directory (or a symlink to one, e.g. a published bundle name). */
  bundle: string;
  /** A command line, run with /bin/sh -c inside the container. Exactly one of command/script. */
  command?: string;
  /** Path of a batch script (sbatch mode). */
  script?: string;
  mode: SubmitMode;
  partition?: string;
  nodes?: string;
  ntasks?: number;
  timeLimit?: string;
  jobName?: string;
  /** Extra sbatch/srun arguments, one per element, never shell-parsed. */
  extraArgs?: string[];
  /** Environment for the job (added to this process's environment, which sbatch/srun export). */
  env?: Record<string, string>;
  /** Whole wait in seconds (0: no limit); the job is cancelled when it passes. */
  timeoutSeconds?: number;
  /** scancel the job when the run is cancelled (default true). */
  cancelOnAbort?: boolean;
  /** Prove that the job ran inside the bundle via /.eda-oci/bundle-id (default true). */
  verifyContainer?: boolean;
  /** Submit with the resolved path of a symlinked bundle, so a later publish does not change what runs (default true). */
  pinVersion?: boolean;
  /** Directory for the sbatch output file (default: the current directory, like sbatch). */
  outputDir?: string;
  signal?: AbortSignal;
  /** Called as soon as Slurm gave the job id (save it for the post step). */
  onSubmitted?: (jobId: string) => void;
  /** Each line of the job's output (stdout and stderr), as it arrives. */
  onOutputLine?: (line: string) => void;
  /** The job as prepareContainerJob already prepared it from these options (runContainerJob then does not prepare it again). */
  prepared?: PreparedJob;
}

/** Everything known about the job at the end (also carried by SlurmJobError). */
export interface ContainerJobResult {
  jobId: string;
  state: string;
  exitCode: number;
  signal: number;
  elapsedSeconds: number;
  nodes: string;
  /** sbatch output file ('' in srun mode). */
  outputFile: string;
  /** The bundle path the job was submitted with (resolved when pinned). */
  bundlePath: string;
  bundleId: string;
  outcome: Outcome;
  /** Last lines of the output (without eda-oci's verification line). */
  outputTail: string[];
  /** true/false when verified, undefined when not checked. */
  verified: boolean | undefined;
  restarts: number;
  /** Where the final state came from. */
  source: string;
  /** Controller queries and other Slurm commands this run made. */
  commands: CommandCounts;
  timingsMs: { submit: number; wait: number; total: number };
}

/** The job's outputs as slurm-submit-container and `eda-oci submit` name them (the same keys, in this order). */
export function jobOutputs(r: ContainerJobResult): {
  'job-id': string;
  state: string;
  'exit-code': number;
  signal: number;
  'elapsed-seconds': number;
  nodes: string;
  'output-file': string;
} {
  return {
    'job-id': r.jobId,
    state: r.state,
    'exit-code': r.exitCode,
    signal: r.signal,
    'elapsed-seconds': r.elapsedSeconds,
    nodes: r.nodes,
    'output-file': r.outputFile,
  };
}

/**
 * The job result behind what runContainerJob returned or threw: the result, or the one a SlurmJobError carries;
 * undefined for any other error (no job result is known, e.g. the submission failed).
 */
export function resultOf(outcome: { result: ContainerJobResult } | { error: unknown }): ContainerJobResult | undefined {
  return 'result' in outcome ? outcome.result : outcome.error instanceof SlurmJobError ? outcome.error.result : undefined;
}

/** Dependencies (defaults: real commands, a stderr-less logger, real time). */
export interface ContainerJobDeps {
  run?: RunCommand;
  commands?: SlurmCommands;
  logger?: Logger;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

/** A job fully validated and resolved, before anything was submitted. */
export interface PreparedJob {
  mode: SubmitMode;
  bundlePath: string;
  bundleId: string;
  /** The unique comment of this run's job: finds it again if the submission's answer is lost. */
  comment: string;
  token: string;
  /** sbatch/srun arguments (without the command). */
  args: string[];
  /** sbatch: the job script (stdin); srun: the /bin/sh -c text. */
  script: string;
  outputPattern: string;
  env: NodeJS.ProcessEnv;
  verify: boolean;
}

const SHELLS = /^(sh|bash|dash|ash|ksh|mksh|zsh)$/;

/** The verification line's command: prints the bundle id the job sees (or "none"), before the user's command. */
function verifyLine(token: string): string {
  return `printf '%s\\n' "${VERIFY_PREFIX}${token}:$(cat /.eda-oci/bundle-id 2>/dev/null || echo none)"`;
}

/** Inserts the verification line after the shebang, comments and #SBATCH directives of a shell batch script. */
function injectIntoScript(text: string, line: string, file: string): string {
  const lines = text.split('\n');
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(lines[0] ?? '');
  if (!shebang) {
    throw new ConfigurationError(`script ${file} does not start with #!`, 'start it with #!/bin/sh (sbatch needs an interpreter line)');
  }
  const interp = path.basename(shebang[1]!) === 'env' ? path.basename(shebang[2] ?? '') : path.basename(shebang[1]!);
  if (!SHELLS.test(interp)) {
    throw new ConfigurationError(
      `verify-container needs a shell batch script, but ${file} runs ${interp}`,
      'use a #!/bin/sh or #!/bin/bash script (it may call your program), or set verify-container to false',
    );
  }
  let i = 1;
  while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]!)) i++;
  return [...lines.slice(0, i), line, ...lines.slice(i)].join('\n');
}

/** The bundle as the nodes will see it (the runner is on the cluster's shared file system): its path and its id. */
function resolveBundle(o: ContainerJobOptions, cwd: string): Pick<PreparedJob, 'bundlePath' | 'bundleId'> {
  const given = path.resolve(cwd, o.bundle);
  if (!existsSync(given)) {
    throw new ConfigurationError(
      `bundle ${given} does not exist`,
      'give the path of a bundle on the shared file system the nodes mount (e.g. the bundle-path output of build-oci-bundle)',
    );
  }
  const bundlePath = o.pinVersion === false ? given : realpathSync(given);
  for (const [p, dir] of [
    ['config.json', false],
    ['rootfs', true],
  ] as const) {
    const full = path.join(bundlePath, p);
    if (!existsSync(full) || statSync(full).isDirectory() !== dir) {
      throw new ConfigurationError(
        `bundle ${bundlePath} has no ${p}${dir ? '/' : ''}`,
        'give an OCI bundle directory (config.json and rootfs/), as build-oci-bundle writes',
      );
    }
  }
  const idFile = path.join(bundlePath, 'rootfs/.eda-oci/bundle-id');
  return { bundlePath, bundleId: existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : '' };
}

/**
 * Validates and resolves everything before any side effect; ConfigurationError names the first problem. `bundle`: the
 * bundle as an earlier preparation with the same bundle and pin-version resolved it (it is not checked on disk again).
 */
export function prepareContainerJob(
  o: ContainerJobOptions,
  cwd = process.cwd(),
  bundle?: Pick<PreparedJob, 'bundlePath' | 'bundleId'>,
): PreparedJob {
  if (o.mode !== 'sbatch' && o.mode !== 'srun')
    throw new ConfigurationError(`mode '${String(o.mode)}' is not sbatch or srun`, 'use sbatch or srun');
  if (!o.bundle) throw new ConfigurationError('bundle is empty', 'give the bundle directory (with config.json and rootfs/)');
  if (o.bundle.startsWith('-')) throw new ConfigurationError(`bundle '${o.bundle}' starts with -`, 'give a path');
  if (Boolean(o.command?.trim()) === Boolean(o.script)) {
    throw new ConfigurationError(
      o.command?.trim() ? 'both command and script are set' : 'neither command nor script is set',
      'set exactly one of command or script',
    );
  }
  if (o.script && o.mode === 'srun')
    throw new ConfigurationError('script works with mode sbatch only', 'use command with mode srun, or mode sbatch');
  if (o.partition !== undefined) validatePartition(o.partition);
  if (o.jobName !== undefined) validateJobName(o.jobName);
  if (o.timeLimit !== undefined) validateTimeLimit(o.timeLimit);
  if (o.nodes !== undefined) validateNodes(o.nodes);
  if (o.ntasks !== undefined && (!Number.isInteger(o.ntasks) || o.ntasks < 1)) {
    throw new ConfigurationError(`ntasks '${o.ntasks}' is not a positive whole number`, 'set ntasks to 1 or more');
  }
  const extra = validateExtraArgs(o.extraArgs ?? []);
  if (o.timeoutSeconds !== undefined && (!Number.isInteger(o.timeoutSeconds) || o.timeoutSeconds < 0)) {
    throw new ConfigurationError(
      `timeout-seconds '${o.timeoutSeconds}' is not a whole number >= 0`,
      'use 0 (no limit) or a number of seconds',
    );
  }

  const { bundlePath, bundleId } = bundle ?? resolveBundle(o, cwd);
  const verify = o.verifyContainer !== false;
  if (verify && !bundleId) {
    throw new ConfigurationError(
      `bundle ${bundlePath} has no rootfs/.eda-oci/bundle-id, so the job cannot prove it ran inside it`,
      'build the bundle with build-oci-bundle, or set verify-container to false',
    );
  }

  const token = randomBytes(8).toString('hex');
  const comment = `eda-oci:${token}`;
  const args = [`--container=${bundlePath}`, `--comment=${comment}`];
  if (o.partition) args.push(`--partition=${o.partition}`);
  if (o.jobName) args.push(`--job-name=${o.jobName}`);
  if (o.timeLimit) args.push(`--time=${o.timeLimit}`);
  if (o.nodes) args.push(`--nodes=${o.nodes}`);
  if (o.ntasks) args.push(`--ntasks=${o.ntasks}`);
  let outputPattern = '';
  let script: string;
  const vline = verify ? `${verifyLine(token)}\n` : '';
  if (o.mode === 'sbatch') {
    const outDir = path.resolve(cwd, o.outputDir ?? '.');
    outputPattern = path.join(outDir, 'eda-oci-%j.out');
    args.push(`--output=${outputPattern}`);
    if (o.script) {
      const file = path.resolve(cwd, o.script);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new ConfigurationError(
          `cannot read script ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
          'give the path of a readable batch script',
        );
      }
      script = verify ? injectIntoScript(text, vline.trimEnd(), file) : text;
    } else {
      script = `#!/bin/sh\n${vline}${o.command!}\n`;
    }
  } else {
    script = `${vline}${o.command!}`;
  }
  args.push(...extra);
  return { mode: o.mode, bundlePath, bundleId, comment, token, args, script, outputPattern, env: { ...process.env, ...o.env }, verify };
}

/**
 * Submits the job and waits for its real end. Returns the result when it completed with exit code 0 (and, with
 * verify-container, printed the bundle's id); throws SlurmJobError (with the result) otherwise, ConfigurationError for
 * bad input (before any side effect) and CancelledError when `signal` aborted (after scancel, unless cancelOnAbort
 * is false).
 */
export async function runContainerJob(o: ContainerJobOptions, deps: ContainerJobDeps = {}): Promise<ContainerJobResult> {
  const logger = deps.logger ?? silentLogger;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? delay;
  const t0 = now();
  const job = o.prepared ?? prepareContainerJob(o);
  const commands = deps.commands ?? new SlurmCommands({ run: deps.run ?? runCommand, logger });
  const monitor = new JobMonitor(commands, logger, sleep, now);
  const deadline = o.timeoutSeconds ? t0 + o.timeoutSeconds * 1000 : undefined;
  const sink = new OutputSink(job.token, o.onOutputLine ?? ((l) => logger.info(l)));
  const verifiedIds = sink.verifiedIds;
  logger.info(
    `bundle ${job.bundlePath}${job.bundlePath !== path.resolve(o.bundle) ? ` (pinned from ${o.bundle})` : ''}${job.bundleId ? `, id ${job.bundleId}` : ''}`,
  );

  let jobId = '';
  let tSubmitted = t0;
  let cancelledByUs = false;
  let follower: FileFollower | undefined;
  let final: JobDetails | undefined;

  const finish = (d: JobDetails): ContainerJobResult => ({
    jobId,
    state: d.state,
    exitCode: d.exitCode,
    signal: d.signal,
    elapsedSeconds: d.elapsedSeconds,
    nodes: d.nodes,
    outputFile: follower?.path ?? '',
    bundlePath: job.bundlePath,
    bundleId: job.bundleId,
    outcome: outcomeOf(d, cancelledByUs),
    outputTail: [...sink.tail],
    verified: job.verify && verifiedIds.length ? verifiedIds.every((v) => v === job.bundleId) : job.verify ? false : undefined,
    restarts: d.restarts,
    source: d.source,
    commands: { ...commands.counts },
    timingsMs: { submit: tSubmitted - t0, wait: now() - tSubmitted, total: now() - t0 },
  });

  /** scancel with retries while the controller is down (bounded): cancelling must not be lost to an outage. */
  const cancel = async (why: string): Promise<void> => {
    if (!jobId) return;
    cancelledByUs = true;
    logger.warning(`cancelling job ${jobId} (${why})`);
    for (let i = 1; ; i++) {
      try {
        await commands.scancel([jobId]);
        return;
      } catch (err) {
        if (!isTransient(err) || i >= 6) {
          logger.warning(`scancel ${jobId} failed: ${(err as Error).message}; the post step tries again`);
          return;
        }
        await sleep(backoff(i));
      }
    }
  };
  /** After scancel: the final state, briefly (a cancelled job ends at once; do not wait long for a report). */
  const settle = async (): Promise<JobDetails | undefined> => {
    try {
      const r = await monitor.wait([jobId], { deadline: now() + 5000, onPoll: () => follower?.poll() });
      return r.get(jobId);
    } catch {
      return undefined;
    }
  };

  try {
    if (job.mode === 'sbatch') {
      jobId = await submitBatch(job, commands, logger, sleep, o.signal, deadline);
      tSubmitted = now();
      o.onSubmitted?.(jobId);
      follower = new FileFollower(job.outputPattern.replace('%j', jobId), sink);
      logger.info(`submitted batch job ${jobId}; output ${follower.path}`);
      const res = await monitor.wait([jobId], {
        signal: o.signal,
        deadline,
        onPoll: () => follower!.poll(),
        onChange: (e) => logChange(logger, e.entry.jobId, e.entry.state, e.entry.reason, e.entry.nodes),
        onRequeue: (d) => logger.warning(`job ${d.jobId} was requeued (restart ${d.restarts}, ${d.reason}); following it to its end`),
      });
      final = res.get(jobId)!;
      await follower.poll(true);
      if (!follower.seen) logger.warning(`output file ${follower.path} is not visible here (not on a file system shared with the nodes?)`);
    } else {
      final = await runSrun(job, commands, monitor, sink, logger, o, deadline, (id) => {
        jobId = id;
        tSubmitted = now();
        o.onSubmitted?.(id);
      });
    }
  } catch (err) {
    if (err instanceof CancelledError || o.signal?.aborted) {
      if (o.cancelOnAbort !== false) {
        await cancel('the run was cancelled');
        await settle();
        await follower?.poll(true).catch(() => undefined);
        throw new CancelledError(jobId ? `cancelled; job ${jobId} was cancelled (scancel)` : 'cancelled before a job was submitted');
      }
      throw new CancelledError(
        jobId ? `cancelled; job ${jobId} was left running (cancel-on-abort is false)` : 'cancelled before a job was submitted',
      );
    }
    if (err instanceof MonitorTimeout) {
      await cancel(`timeout-seconds ${o.timeoutSeconds} passed`);
      const d = (await settle()) ?? unknownDetails(jobId, 'CANCELLED');
      await follower?.poll(true).catch(() => undefined);
      const r = finish(d);
      throw new SlurmJobError(
        `job ${jobId} did not end within timeout-seconds (${o.timeoutSeconds} s) and was cancelled`,
        r,
        "raise timeout-seconds or the job's speed",
      );
    }
    throw err;
  } finally {
    await follower?.close();
  }

  const result = finish(final);
  if (!result.outcome.success) {
    if (result.outcome.kind === 'stuck' && o.cancelOnAbort !== false) await cancel(`it cannot start: ${final.reason}`);
    throw new SlurmJobError(`job ${jobId} ${result.outcome.message}`, result, hintFor(result));
  }
  if (job.verify && result.verified !== true) {
    const seen = verifiedIds.length
      ? `it saw bundle id '${verifiedIds.find((v) => v !== job.bundleId) ?? verifiedIds[0]}'`
      : 'it printed no bundle id';
    throw new SlurmJobError(
      `job ${jobId} did not run inside the container: ${seen}, expected ${job.bundleId}`,
      result,
      `node(s) ${result.nodes || '?'} may have no oci.conf (Slurm then runs --container jobs on the host); see eda-oci oci-conf`,
    );
  }
  return result;
}

function unknownDetails(jobId: string, state: string): JobDetails {
  return { jobId, state, reason: '', exitCode: 0, signal: 0, elapsedSeconds: 0, nodes: '', restarts: 0, source: 'squeue' };
}

function hintFor(r: ContainerJobResult): string | undefined {
  switch (r.outcome.kind) {
    case 'failed':
      return r.outputFile ? `see the output above or ${r.outputFile}` : 'see the output above';
    case 'timeout':
      return 'raise time-limit';
    case 'stuck':
      return 'check that the bundle exists on the nodes and that they can run it (scontrol show job, slurmd logs)';
    case 'node-fail':
      return 'run again; ask the admins about the node';
    default:
      return undefined;
  }
}

function logChange(logger: Logger, id: string, state: string, reason: string, nodes: string): void {
  const detail = state === 'PENDING' ? ` (${reason})` : nodes ? ` on ${nodes}` : '';
  logger.info(`job ${id}: ${state}${detail}`);
}

/** Translates sbatch's answer to a bad request into one ConfigurationError line. */
async function badRequest(err: CommandFailedError, job: PreparedJob): Promise<Error> {
  const text = `${err.stderr}\n${err.message}`;
  if (/invalid partition/i.test(text)) {
    let names = '';
    try {
      const r = await runCommand('sinfo', ['-h', '-o', '%R'], { timeoutMs: 15_000, quiet: true });
      names = [
        ...new Set(
          r.stdout
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
        ),
      ].join(', ');
    } catch {
      // the list is a courtesy
    }
    const p = job.args.find((a) => a.startsWith('--partition='))?.slice('--partition='.length) ?? '(default)';
    return new ConfigurationError(`partition '${p}' does not exist on this cluster`, names ? `use one of: ${names}` : 'see sinfo');
  }
  if (/Invalid --time|time limit/i.test(text))
    return new ConfigurationError(`Slurm refused the time limit: ${lastSlurmError(err)}`, 'use a time limit within the partition MaxTime');
  return new ConfigurationError(`Slurm refused the job: ${lastSlurmError(err)}`, 'check the inputs and extra-args');
}

/** The last line sbatch/srun printed to stderr, without their "error: " prefix (the error message when none). */
function lastSlurmError(err: CommandFailedError): string {
  return lastLine(err.stderr.replace(/^s(batch|run): error: /gm, '')) || err.message;
}

/**
 * sbatch --parsable with the run's unique comment. When sbatch fails with a controller error or times out, the job
 * may have been accepted anyway: look for it by its comment before submitting again (never two jobs for one run).
 */
async function submitBatch(
  job: PreparedJob,
  commands: SlurmCommands,
  logger: Logger,
  sleep: (ms: number, s?: AbortSignal) => Promise<void>,
  signal: AbortSignal | undefined,
  deadline: number | undefined,
): Promise<string> {
  const giveUp = Math.min(deadline ?? Infinity, Date.now() + 120_000);
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new CancelledError('cancelled before the job was submitted');
    try {
      const out = await commands.sbatch(job.args, job.script, job.env);
      const id = parseSbatchParsable(out);
      if (!id) throw new CommandFailedError(`sbatch printed no job id: '${out.trim()}'`, 'sbatch', job.args, 0, null, '');
      return id;
    } catch (err) {
      const timedOut = err instanceof CommandFailedError && /timed out/.test(err.message);
      if (!(err instanceof CommandFailedError) || (!isTransient(err) && !timedOut)) {
        throw err instanceof CommandFailedError ? await badRequest(err, job) : err;
      }
      logger.warning(`sbatch did not get an answer from slurmctld (${lastSlurmError(err)}); checking whether the job was accepted`);
      try {
        const found = await commands.findByComment(job.comment);
        if (found.length) {
          logger.info(`found the job submitted by this run (${found[0]!.jobId}, comment ${job.comment}): adopting it`);
          return found[0]!.jobId;
        }
      } catch (e) {
        if (!isTransient(e)) throw e;
      }
      if (Date.now() > giveUp)
        throw new CommandFailedError(
          `cannot submit: slurmctld does not answer (${lastSlurmError(err)})`,
          'sbatch',
          job.args,
          null,
          null,
          err.stderr,
          'check the Slurm controller (scontrol ping)',
        );
      await sleep(backoff(attempt), signal);
    }
  }
}

/**
 * srun mode: srun runs in the foreground (its output streams through), the job id comes from the run's comment,
 * the final state from squeue/scontrol once srun ended.
 */
async function runSrun(
  job: PreparedJob,
  commands: SlurmCommands,
  monitor: JobMonitor,
  sink: OutputSink,
  logger: Logger,
  o: ContainerJobOptions,
  deadline: number | undefined,
  onId: (id: string) => void,
): Promise<JobDetails> {
  let jobId = '';
  const srunAbort = new AbortController();
  const fromStderr = (line: string): void => {
    const m = /^srun: job (\d+) (?:queued|has been allocated)/.exec(line);
    if (m && !jobId) {
      jobId = m[1]!;
      onId(jobId);
    }
    sink.line(line);
  };
  const srun = runCommand('srun', [...job.args, '/bin/sh', '-c', job.script], {
    env: job.env,
    logger,
    signal: srunAbort.signal,
    onStdoutLine: (l) => sink.line(l),
    onStderrLine: fromStderr,
    okExitCodes: Array.from({ length: 256 }, (_, i) => i),
    maxOutputBytes: 64 * 1024,
  });
  let srunDone = false;
  const srunResult = srun.then(
    (r) => {
      srunDone = true;
      return r;
    },
    (e: unknown) => {
      srunDone = true;
      throw e;
    },
  );
  srunResult.catch(() => undefined);
  // Wakes the wait below when srun ends or the run is cancelled; the timer must not outlive the wait (it would keep
  // the process alive).
  const srunEnded = new AbortController();
  const end = (): void => srunEnded.abort();
  void srunResult.then(end, end);
  const wake = o.signal ? AbortSignal.any([o.signal, srunEnded.signal]) : srunEnded.signal;
  // Find the job id by the comment while srun runs (one squeue per interval), for cancellation and the final state.
  const started = Date.now();
  try {
    while (!srunDone) {
      if (o.signal?.aborted) throw new CancelledError('cancelled');
      if (deadline !== undefined && Date.now() >= deadline) throw new MonitorTimeout('deadline');
      if (!jobId) {
        try {
          const found = await commands.findByComment(job.comment);
          if (found[0] && !jobId) {
            jobId = found[0].jobId;
            onId(jobId);
          }
        } catch (err) {
          if (!isTransient(err)) throw err;
        }
      }
      await delay(jobId ? 1000 : Math.min(1000, 100 + (Date.now() - started) / 4), wake);
    }
  } catch (err) {
    // Cancellation/timeout: the caller scancels the job (srun then ends); stop srun if it lingers.
    setTimeout(() => srunAbort.abort(), 3000).unref();
    throw err;
  }
  const r = await srunResult;
  if (!jobId) {
    const found = await commands.findByComment(job.comment).catch(() => []);
    if (found[0]) {
      jobId = found[0].jobId;
      onId(jobId);
    }
  }
  if (!jobId) {
    throw new CommandFailedError(
      `srun exited with code ${r.exitCode} and Slurm has no job for this run`,
      'srun',
      job.args,
      r.exitCode,
      null,
      r.stderr,
      'see the srun error above',
    );
  }
  // srun has ended: the job is ending too (COMPLETING for a moment); look closely for a short while.
  const res = await monitor.wait([jobId], { signal: o.signal, deadline, interval: (ms) => (ms < 2000 ? 50 : pollInterval(ms)) });
  return res.get(jobId)!;
}

/**
 * For post steps: scancel the given jobs of this run that are still queued or running (idempotent: finished or
 * unknown jobs are skipped). Returns the ids it cancelled.
 */
export async function cancelLeftoverJobs(jobIds: readonly string[], deps: { run?: RunCommand; logger?: Logger } = {}): Promise<string[]> {
  const ids = jobIds.filter((id) => /^\d+$/.test(id));
  if (!ids.length) return [];
  const commands = new SlurmCommands({ run: deps.run, logger: deps.logger });
  // A COMPLETING job has ended already (Slurm is cleaning up its nodes): nothing to cancel.
  const active = (await commands.squeue(ids)).filter((e) => isActiveState(e.state) && e.state !== 'COMPLETING');
  const todo = active.map((e) => e.jobId);
  if (todo.length) await commands.scancel(todo);
  return todo;
}
