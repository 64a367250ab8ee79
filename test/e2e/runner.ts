// A stand-in for the GitHub Actions runner: runs an action's committed dist (main, then post) with INPUT_*,
// GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV, GITHUB_STEP_SUMMARY and STATE_* as the real runner does.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import * as yaml from 'js-yaml';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** What one step left behind. */
export interface StepResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  summary: string;
  /** Lines of `::error::...` the step printed (annotations). */
  errors: string[];
}

/** How to run a step. */
export interface StepOptions {
  /** Inputs as a workflow's `with:` gives them; action.yml defaults are applied like the runner does. */
  with?: Record<string, string>;
  env?: Record<string, string>;
  /** Run as this unprivileged user (via runuser; the test must be root). */
  user?: string;
  /** Node binary (default: EDA_OCI_NODE24 when set, else this node). */
  node?: string;
  /** Working dir for runner files (RUNNER_TEMP lives below it). */
  workDir?: string;
  /** Current directory of the step (the runner uses the job's workspace); default this process's. */
  cwd?: string;
  /** Called with the child process right after it starts (to signal it). */
  onStart?: (pid: number) => void;
  /** Called with each piece of stdout as it arrives, and the step's pid. */
  onStdout?: (text: string, pid: number) => void;
  timeoutMs?: number;
}

/** Parses the GITHUB_OUTPUT / GITHUB_STATE file format (`name<<DELIM\nvalue\nDELIM` and `name=value`). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      const eq = line.indexOf('=');
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

interface ActionYaml {
  inputs?: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string; post?: string };
}

/** Runs `actions/<name>` main (and post, unless `post: false`) like a workflow step; returns both results. */
export async function runAction(name: string, opts: StepOptions & { post?: boolean; state?: Record<string, string> } = {}) {
  const r = await runSteps(name, opts);
  return { ...r, main: r.main! };
}

/** Runs only the post step, with STATE_* from `state` (what a killed main step saved). */
export async function runPostOnly(name: string, opts: StepOptions & { state: Record<string, string> }): Promise<StepResult> {
  const r = await runSteps(name, { ...opts, postOnly: true });
  return r.post!;
}

async function runSteps(name: string, opts: StepOptions & { post?: boolean; state?: Record<string, string>; postOnly?: boolean }) {
  const dir = path.join(REPO_ROOT, 'actions', name);
  const meta = yaml.load(readFileSync(path.join(dir, 'action.yml'), 'utf8')) as ActionYaml;
  const work = opts.workDir ?? mkdtempSync(path.join(process.env.EDA_OCI_TEST_TMP ?? os.tmpdir(), `e2e-${name}-`));
  const files = {
    output: path.join(work, 'github_output'),
    state: path.join(work, 'github_state'),
    env: path.join(work, 'github_env'),
    summary: path.join(work, 'step_summary.md'),
  };
  const runnerTemp = path.join(work, 'runner_temp');
  for (const f of Object.values(files)) writeFileSync(f, '');
  for (const d of [runnerTemp]) if (!existsSync(d)) (await import('node:fs')).mkdirSync(d, { recursive: true });
  if (opts.user) {
    const { uid, gid } = userIds(opts.user);
    for (const p of [work, runnerTemp, ...Object.values(files)]) chownSync(p, uid, gid);
  }
  chmodSync(work, 0o755);
  const inputs: Record<string, string> = {};
  for (const [k, spec] of Object.entries(meta.inputs ?? {})) inputs[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = spec.default ?? '';
  for (const [k, v] of Object.entries(opts.with ?? {})) inputs[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: opts.user ? `/home/${opts.user}` : (process.env.HOME ?? '/root'),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: work,
    GITHUB_REPOSITORY: 'org/eda-oci-e2e',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'e2e',
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_EVENT_NAME: 'push',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    ...opts.env,
  };
  if (opts.postOnly) {
    if (!meta.runs.post) throw new Error(`${name} has no post step`);
    const stateEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.state ?? {})) stateEnv[`STATE_${k}`] = v;
    const post = await step(path.join(dir, meta.runs.post), { ...baseEnv, ...inputs, ...stateEnv }, opts);
    return { main: undefined, post, workDir: work, runnerTemp };
  }
  const main = await step(path.join(dir, meta.runs.main), { ...baseEnv, ...inputs }, opts);
  main.outputs = parseFileCommands(readFileSync(files.output, 'utf8'));
  main.state = parseFileCommands(readFileSync(files.state, 'utf8'));
  main.env = parseFileCommands(readFileSync(files.env, 'utf8'));
  main.summary = readFileSync(files.summary, 'utf8');
  let post: StepResult | undefined;
  if (meta.runs.post && opts.post !== false) {
    const stateEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...main.state, ...opts.state })) stateEnv[`STATE_${k}`] = v;
    post = await step(path.join(dir, meta.runs.post), { ...baseEnv, ...inputs, ...stateEnv }, opts);
  }
  return { main, post, workDir: work, runnerTemp };
}

function userIds(user: string): { uid: number; gid: number } {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === user) return { uid: Number(f[2]), gid: Number(f[3]) };
  }
  throw new Error(`no user ${user}`);
}

/** Node that runs the dist: Node 24 (what `using: node24` means) when EDA_OCI_NODE24 points at one. */
export function nodeBinary(): string {
  return process.env.EDA_OCI_NODE24 && existsSync(process.env.EDA_OCI_NODE24) ? process.env.EDA_OCI_NODE24 : process.execPath;
}

function step(script: string, env: Record<string, string>, opts: StepOptions): Promise<StepResult> {
  const node = opts.node ?? nodeBinary();
  const [cmd, args] = opts.user
    ? ['runuser', ['-u', opts.user, '--', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), node, script]]
    : [node, [script]];
  const child = spawn(cmd as string, args as string[], {
    env: opts.user ? { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' } : env,
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) opts.onStart?.(child.pid);
  return collectStep(child, opts.timeoutMs ?? 300_000, (text) => child.pid && opts.onStdout?.(text, child.pid));
}

/**
 * Waits for a step's process: its stdout and stderr, exit code or signal, and the `::error` annotations it printed
 * (SIGKILL after `timeoutMs`). Outputs, state, env and summary are left empty for the caller to read from the files.
 */
export function collectStep(
  child: ChildProcessByStdio<null, Readable, Readable>,
  timeoutMs: number,
  onStdout?: (text: string) => void,
): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const errors = stdout
        .split('\n')
        .filter((l) => l.startsWith('::error'))
        .map((l) => l.replace(/^::error[^:]*::/, ''));
      resolve({ exitCode: code, signal, stdout, stderr, outputs: {}, state: {}, env: {}, summary: '', errors });
    });
  });
}
