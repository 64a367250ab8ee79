// A small, strict local interpreter of a `workflow_call` workflow (GitHub Actions cannot run on this machine): jobs in
// `needs` order with job/step `if:` (implicit success()), matrices (one cell after another, fail-fast), job and
// workflow outputs, `${{ }}` through ./expressions.ts, our actions (org/eda-oci/actions/<name>@v1) from their
// committed dists via test/e2e/runner.ts (post steps at the end of the job, in reverse order, like the runner),
// actions/checkout as a git clone of a local repository at the event's sha (a pull request's head sha, not GitHub's
// merge commit), upload/download-artifact v4 as copies through a per-run artifact store, and `run:` as bash. Every step
// runs as the runner user in the cell's workspace with the simulated run's GITHUB_* and RUNNER_TEMP.
// Recorded, NOT enforced: runs-on, environment (no reviewers), concurrency (runs are sequential anyway),
// timeout-minutes, permissions, max-parallel. Anything else this file does not know (a key, a `uses:`, an expression
// function or context) throws, so a workflow change it cannot interpret fails the test instead of passing silently.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';
import { collectStep, parseFileCommands, REPO_ROOT, runAction, runPostOnly, type StepResult } from '../e2e/runner.js';
import { evaluateCondition, evaluateValue, toStr, type ExprContext, type ExprValue } from './expressions.js';

/** How to run a workflow. */
export interface LocalRunOptions {
  /** Path of the workflow file (relative to the repository root or absolute). */
  workflow: string;
  /** Inputs of the workflow_call (typed as declared; defaults applied). */
  inputs: Record<string, string | number | boolean>;
  eventName: string;
  payload: Record<string, unknown>;
  /** owner/name of the repository the run belongs to. */
  repository: string;
  runId: string;
  /** The commit the run is for (actions/checkout checks it out). */
  sha: string;
  /** The git repository actions/checkout clones (readable by the runner user). */
  checkoutRepo: string;
  /** The runner user (steps run as this user via runuser; the caller must be root). */
  user: string;
  /** A directory owned by the runner user for the run's workspaces, temp dirs and artifact store. */
  workDir: string;
  /** Extra environment of every step (what the runner service's environment would give, e.g. XDG_RUNTIME_DIR). */
  runnerEnv?: Record<string, string>;
  stepTimeoutMs?: number;
}

/** One step of one job cell. */
export interface StepRecord {
  name: string;
  id?: string;
  outcome: 'success' | 'failure' | 'skipped';
  conclusion: 'success' | 'failure' | 'skipped';
  exitCode: number | null;
  /** The evaluated `with:` of a `uses:` step. */
  with: Record<string, string>;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  /** The ::error annotations the step printed. */
  errors: string[];
  /** The post step of an action, when it has one and it ran. */
  post?: { exitCode: number | null; stdout: string; stderr: string };
}

/** What a job cell recorded without enforcing it. */
export interface Recorded {
  runsOn: ExprValue;
  environment: ExprValue;
  concurrency: ExprValue;
  timeoutMinutes: ExprValue;
  permissions: unknown;
}

/** One run of a job: the job itself, or one matrix cell. */
export interface CellRecord {
  name: string;
  index: number;
  matrix: Record<string, ExprValue> | null;
  result: 'success' | 'failure' | 'cancelled';
  outputs: Record<string, string>;
  steps: StepRecord[];
  recorded: Recorded;
}

/** One job of the run. */
export interface JobRecord {
  id: string;
  result: 'success' | 'failure' | 'skipped' | 'cancelled';
  outputs: Record<string, string>;
  cells: CellRecord[];
  /** Why the job failed before any cell ran (e.g. an empty matrix). */
  error?: string;
}

/** The whole run. */
export interface WorkflowRun {
  jobs: Record<string, JobRecord>;
  outputs: Record<string, string>;
  /** The artifact store: <dir>/<artifact name>/<files>. */
  artifactsDir: string;
  concurrency: ExprValue;
}

type Yaml = Record<string, unknown>;
type Env = Record<string, string>;

const WORKFLOW_KEYS = ['name', 'on', 'permissions', 'concurrency', 'env', 'jobs'];
const JOB_KEYS = [
  'name',
  'needs',
  'if',
  'runs-on',
  'timeout-minutes',
  'permissions',
  'environment',
  'concurrency',
  'strategy',
  'env',
  'outputs',
  'steps',
];
const STEP_KEYS = ['id', 'name', 'uses', 'with', 'run', 'if', 'env', 'continue-on-error', 'shell', 'timeout-minutes'];
const STRATEGY_KEYS = ['matrix', 'fail-fast', 'max-parallel'];
const OUR_ACTION = /^org\/eda-oci\/actions\/([a-z0-9-]+)@v1$/;
const PINNED = /^actions\/(checkout|upload-artifact|download-artifact)@([0-9a-f]{40})$/;

function onlyKeys(obj: Yaml, allowed: string[], where: string): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) throw new Error(`${where}: key '${k}' is not supported by the local runner`);
}

interface UserIds {
  uid: number;
  gid: number;
}

function userIds(user: string): UserIds {
  const f = execFileSync('getent', ['passwd', user]).toString().trim().split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

function userDir(dir: string, { uid, gid }: UserIds): string {
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chownSync(dir, uid, gid);
  return dir;
}

function typedInputs(decl: Record<string, Yaml>, given: LocalRunOptions['inputs']): Record<string, ExprValue> {
  for (const k of Object.keys(given)) if (!decl[k]) throw new Error(`input '${k}' is not declared by the workflow`);
  const out: Record<string, ExprValue> = {};
  for (const [k, spec] of Object.entries(decl)) {
    const type = spec.type as string;
    if (!['string', 'number', 'boolean'].includes(type)) throw new Error(`input '${k}': type '${type}' is not supported`);
    if (k in given) {
      if (typeof given[k] !== type) throw new Error(`input '${k}' is declared ${type}, given ${JSON.stringify(given[k])}`);
      out[k] = given[k]!;
    } else if (spec.required === true) {
      throw new Error(`required input '${k}' is missing`);
    } else {
      const d = spec.default;
      out[k] = d !== undefined ? (d as ExprValue) : type === 'string' ? '' : type === 'number' ? 0 : false;
      if (typeof out[k] !== type) throw new Error(`input '${k}': default ${JSON.stringify(d)} is not a ${type}`);
    }
  }
  return out;
}

function topoOrder(jobs: Record<string, Yaml>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`needs cycle at job '${id}'`);
    if (!jobs[id]) throw new Error(`unknown job '${id}' in needs`);
    state.set(id, 'visiting');
    for (const n of needsOf(jobs[id]!)) visit(n);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id);
  return order;
}

function needsOf(job: Yaml): string[] {
  const n = job.needs;
  if (n === undefined) return [];
  return typeof n === 'string' ? [n] : (n as string[]);
}

/**
 * Expands `strategy.matrix` into cells (keys x values); include/exclude are not supported. A vector without values
 * gives no cells but `empty`, the message GitHub fails the job with.
 */
function matrixCells(matrix: unknown, ctx: ExprContext): { cells: Record<string, ExprValue>[]; empty?: string } {
  const m = typeof matrix === 'string' ? evaluateValue(matrix, ctx) : (matrix as ExprValue);
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new Error('strategy.matrix must be a mapping');
  let cells: Record<string, ExprValue>[] = [{}];
  for (const [key, raw] of Object.entries(m)) {
    if (key === 'include' || key === 'exclude') throw new Error(`strategy.matrix.${key} is not supported by the local runner`);
    const values = typeof raw === 'string' || raw === null ? evaluateValue(raw, ctx) : raw;
    if (!Array.isArray(values)) throw new Error(`matrix vector '${key}' is not an array: ${JSON.stringify(values)}`);
    if (values.length === 0) return { cells: [], empty: `Matrix vector '${key}' does not contain any values` };
    const items = values.map((v) => (typeof v === 'string' ? evaluateValue(v, ctx) : v));
    cells = cells.flatMap((c) => items.map((v) => ({ ...c, [key]: v })));
  }
  return { cells };
}

/** Plain objects of the YAML are evaluated recursively (mappings like concurrency: {group, cancel-in-progress}). */
function evalDeep(v: unknown, ctx: ExprContext): ExprValue {
  if (v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => evalDeep(x, ctx));
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Yaml).map(([k, x]) => [k, evalDeep(x, ctx)]));
  }
  return evaluateValue(v, ctx);
}

function evalEnv(env: unknown, ctx: ExprContext, where: string): Env {
  if (env === undefined) return {};
  if (env === null || typeof env !== 'object' || Array.isArray(env)) throw new Error(`${where}: env must be a mapping`);
  return Object.fromEntries(Object.entries(env as Yaml).map(([k, v]) => [k, toStr(evaluateValue(v, ctx))]));
}

function bash(script: string, env: Env, user: string, cwd: string, timeoutMs: number): Promise<StepResult> {
  const args = ['-u', user, '--', 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`)];
  args.push('bash', '--noprofile', '--norc', '-eo', 'pipefail', script);
  return collectStep(spawn('runuser', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }), timeoutMs);
}

function gitAs(user: string, args: string[]): void {
  execFileSync(
    'runuser',
    ['-u', user, '--', 'env', '-i', `PATH=${process.env.PATH ?? '/usr/bin:/bin'}`, `HOME=/home/${user}`, 'git', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function stepResult(exitCode: number, stdout: string, errors: string[] = []): StepResult {
  return { exitCode, signal: null, stdout, stderr: '', outputs: {}, state: {}, env: {}, summary: '', errors };
}

/** Runs the workflow file's jobs like a workflow_call of it would; returns what every job and step did. */
export async function runWorkflow(o: LocalRunOptions): Promise<WorkflowRun> {
  const wf = yaml.load(readFileSync(path.resolve(REPO_ROOT, o.workflow), 'utf8')) as Yaml;
  onlyKeys(wf, WORKFLOW_KEYS, o.workflow);
  const on = wf.on as Yaml;
  if (!on || typeof on !== 'object' || Object.keys(on).join() !== 'workflow_call') {
    throw new Error(`${o.workflow}: only 'on: workflow_call' is supported`);
  }
  const call = (on.workflow_call ?? {}) as Yaml;
  onlyKeys(call, ['inputs', 'outputs'], `${o.workflow} on.workflow_call`);
  const inputs = typedInputs((call.inputs ?? {}) as Record<string, Yaml>, o.inputs);

  // The user's uid and gid, looked up once: every directory and file command file of the run is chowned to them.
  const ids = userIds(o.user);
  const eventPath = path.join(userDir(path.join(o.workDir, 'event'), ids), 'event.json');
  writeFileSync(eventPath, JSON.stringify(o.payload));
  const artifactsDir = userDir(path.join(o.workDir, 'artifacts'), ids);
  const github: Record<string, ExprValue> = {
    event_name: o.eventName,
    event: o.payload as ExprValue,
    event_path: eventPath,
    repository: o.repository,
    repository_owner: o.repository.split('/')[0]!,
    run_id: o.runId,
    run_attempt: '1',
    sha: o.sha,
    ref: typeof o.payload.ref === 'string' ? o.payload.ref : '',
    server_url: 'https://github.example',
    workflow: String(wf.name ?? o.workflow),
  };
  const base = { github, inputs };
  const concurrency = evalDeep(wf.concurrency, { contexts: base });
  const wfEnv = evalEnv(wf.env, { contexts: base }, 'workflow');

  const jobsYaml = wf.jobs as Record<string, Yaml>;
  const jobs: Record<string, JobRecord> = {};
  for (const id of topoOrder(jobsYaml)) {
    jobs[id] = await runJob(id, jobsYaml[id]!, jobs, { o, ids, github, inputs, wfEnv, eventPath, artifactsDir });
  }

  const outputs: Record<string, string> = {};
  const jobsCtx = Object.fromEntries(Object.entries(jobs).map(([k, j]) => [k, { result: j.result, outputs: j.outputs }]));
  for (const [k, spec] of Object.entries((call.outputs ?? {}) as Record<string, Yaml>)) {
    outputs[k] = toStr(evaluateValue(spec.value, { contexts: { ...base, jobs: jobsCtx } }));
  }
  return { jobs, outputs, artifactsDir, concurrency };
}

interface RunCtx {
  o: LocalRunOptions;
  ids: UserIds;
  github: Record<string, ExprValue>;
  inputs: Record<string, ExprValue>;
  wfEnv: Env;
  eventPath: string;
  artifactsDir: string;
}

async function runJob(id: string, job: Yaml, done: Record<string, JobRecord>, rc: RunCtx): Promise<JobRecord> {
  onlyKeys(job, JOB_KEYS, `job '${id}'`);
  const needs = needsOf(job);
  const needsCtx: Record<string, ExprValue> = {};
  for (const n of needs) needsCtx[n] = { result: done[n]!.result, outputs: done[n]!.outputs };
  const results = needs.map((n) => done[n]!.result);
  const jobStatus = {
    success: () => results.every((r) => r === 'success'),
    failure: () => results.some((r) => r === 'failure'),
    cancelled: () => false,
  };
  const base = { github: { ...rc.github, job: id }, inputs: rc.inputs, needs: needsCtx };
  if (!evaluateCondition(job.if, { contexts: base, status: jobStatus })) return { id, result: 'skipped', outputs: {}, cells: [] };

  const strategy = (job.strategy ?? {}) as Yaml;
  onlyKeys(strategy, STRATEGY_KEYS, `job '${id}' strategy`);
  const failFast = strategy['fail-fast'] === undefined ? true : evaluateValue(strategy['fail-fast'], { contexts: base });
  const maxParallel = evaluateValue(strategy['max-parallel'] ?? null, { contexts: base });
  let matrices: (Record<string, ExprValue> | null)[] = [null];
  if (strategy.matrix !== undefined) {
    const { cells, empty } = matrixCells(strategy.matrix, { contexts: base });
    if (empty !== undefined) return { id, result: 'failure', outputs: {}, cells: [], error: empty };
    matrices = cells;
  }
  const cells: CellRecord[] = [];
  let stop = false;
  for (const [index, matrix] of matrices.entries()) {
    const strategyCtx = {
      'fail-fast': failFast,
      'job-index': index,
      'job-total': matrices.length,
      'max-parallel': maxParallel ?? matrices.length,
    };
    if (stop) {
      cells.push({ name: id, index, matrix, result: 'cancelled', outputs: {}, steps: [], recorded: emptyRecorded() });
      continue;
    }
    const cell = await runCell(id, job, index, matrix, strategyCtx, base, rc);
    cells.push(cell);
    if (cell.result === 'failure' && failFast === true) stop = true;
  }
  const ran = cells.filter((c) => c.result !== 'cancelled');
  const result = cells.some((c) => c.result !== 'success') ? 'failure' : 'success';
  return { id, result, outputs: ran[ran.length - 1]?.outputs ?? {}, cells };
}

function emptyRecorded(): Recorded {
  return { runsOn: null, environment: null, concurrency: null, timeoutMinutes: null, permissions: undefined };
}

interface PendingPost {
  action: string;
  opts: Parameters<typeof runPostOnly>[1];
  record: StepRecord;
}

async function runCell(
  id: string,
  job: Yaml,
  index: number,
  matrix: Record<string, ExprValue> | null,
  strategyCtx: Record<string, ExprValue>,
  base: Record<string, ExprValue>,
  rc: RunCtx,
): Promise<CellRecord> {
  const { o, ids } = rc;
  const cellDir = userDir(path.join(o.workDir, 'jobs', `${id}-${index}`), ids);
  const workspace = userDir(path.join(cellDir, 'workspace'), ids);
  const runnerTemp = userDir(path.join(cellDir, 'temp'), ids);
  const github = { ...(base.github as Record<string, ExprValue>), workspace };
  const runner = { temp: runnerTemp, os: 'Linux', arch: 'X64', name: 'local-runner' };
  const cellCtx: Record<string, ExprValue> = { ...base, github, matrix: matrix ?? {}, strategy: strategyCtx, runner };
  const c0: ExprContext = { contexts: cellCtx };
  const name = job.name === undefined ? id : toStr(evaluateValue(job.name, c0));
  const recorded: Recorded = {
    runsOn: evalDeep(job['runs-on'], c0),
    environment: evalDeep(job.environment, c0),
    concurrency: evalDeep(job.concurrency, c0),
    timeoutMinutes: evalDeep(job['timeout-minutes'], c0),
    permissions: job.permissions,
  };
  const jobEnv = { ...rc.wfEnv, ...evalEnv(job.env, { contexts: { ...cellCtx, env: rc.wfEnv } }, `job '${id}'`) };
  const githubEnv: Env = {};
  const stepsCtx: Record<string, ExprValue> = {};
  const steps: StepRecord[] = [];
  const posts: PendingPost[] = [];
  const stepsYaml = (job.steps ?? []) as Yaml[];
  for (const [si, step] of stepsYaml.entries()) {
    onlyKeys(step, STEP_KEYS, `job '${id}' step ${si + 1}`);
    const failed = steps.some((s) => s.conclusion === 'failure');
    const status = { success: () => !failed, failure: () => failed, cancelled: () => false };
    const envCtx = { ...jobEnv, ...githubEnv };
    const ctx: ExprContext = { contexts: { ...cellCtx, env: envCtx, steps: stepsCtx }, status };
    const stepName = step.name !== undefined ? toStr(evaluateValue(step.name, ctx)) : String(step.uses ?? step.run ?? si);
    const stepId = step.id as string | undefined;
    if (!evaluateCondition(step.if, ctx)) {
      const rec = skippedStep(stepName, stepId);
      steps.push(rec);
      if (stepId) stepsCtx[stepId] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
      continue;
    }
    const stepEnv = { ...envCtx, ...evalEnv(step.env, ctx, `step '${stepName}'`) };
    const sctx: ExprContext = { contexts: { ...cellCtx, env: stepEnv, steps: stepsCtx }, status };
    const stepDir = userDir(path.join(cellDir, `step-${si + 1}`), ids);
    const processEnv: Env = {
      ...o.runnerEnv,
      ...stepEnv,
      GITHUB_EVENT_NAME: o.eventName,
      GITHUB_EVENT_PATH: rc.eventPath,
      GITHUB_RUN_ID: o.runId,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_REPOSITORY: o.repository,
      GITHUB_SHA: o.sha,
      GITHUB_JOB: id,
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
    };
    const timeoutMs = o.stepTimeoutMs ?? 300_000;
    let r: StepResult;
    let post: Omit<PendingPost, 'record'> | undefined;
    let withs: Env = {};
    if (step.run !== undefined) {
      if (step.uses !== undefined) throw new Error(`step '${stepName}' has both run and uses`);
      if (step.shell !== undefined && step.shell !== 'bash') throw new Error(`step '${stepName}': shell '${String(step.shell)}'`);
      if (typeof step.run !== 'string' || step.run.includes('${{')) {
        // GitHub would substitute it; the local runner refuses (and the safety rules forbid it anyway).
        throw new Error(`step '${stepName}': an expression inside run: is not supported`);
      }
      const script = path.join(stepDir, 'script.sh');
      writeFileSync(script, step.run);
      const files = { GITHUB_OUTPUT: 'output', GITHUB_ENV: 'env', GITHUB_STEP_SUMMARY: 'summary.md' };
      const fileEnv: Env = {};
      for (const [k, f] of Object.entries(files)) {
        fileEnv[k] = path.join(stepDir, f);
        writeFileSync(fileEnv[k], '');
        chownSync(fileEnv[k], ids.uid, ids.gid);
      }
      const pathVar = process.env.PATH ?? '/usr/bin:/bin';
      r = await bash(
        script,
        { PATH: pathVar, HOME: `/home/${o.user}`, CI: 'true', GITHUB_ACTIONS: 'true', ...processEnv, ...fileEnv },
        o.user,
        workspace,
        timeoutMs,
      );
      r.outputs = parseFileCommands(readFileSync(fileEnv.GITHUB_OUTPUT!, 'utf8'));
      r.env = parseFileCommands(readFileSync(fileEnv.GITHUB_ENV!, 'utf8'));
      r.summary = readFileSync(fileEnv.GITHUB_STEP_SUMMARY!, 'utf8');
    } else if (typeof step.uses === 'string') {
      const withRaw = (step.with ?? {}) as Yaml;
      withs = Object.fromEntries(Object.entries(withRaw).map(([k, v]) => [k, toStr(evaluateValue(v, sctx))]));
      const ours = OUR_ACTION.exec(step.uses);
      const pinned = PINNED.exec(step.uses);
      if (ours) {
        const action = ours[1]!;
        const metaFile = path.join(REPO_ROOT, 'actions', action, 'action.yml');
        if (!existsSync(metaFile)) throw new Error(`step '${stepName}': no action ${action}`);
        const meta = yaml.load(readFileSync(metaFile, 'utf8')) as { inputs?: Yaml; runs: { post?: string } };
        for (const k of Object.keys(withs)) {
          if (!(k in (meta.inputs ?? {}))) throw new Error(`step '${stepName}': ${action} has no input '${k}'`);
        }
        const opts = { with: withs, env: processEnv, user: o.user, workDir: stepDir, cwd: workspace, timeoutMs };
        const res = await runAction(action, { ...opts, post: false });
        r = res.main;
        if (meta.runs.post) post = { action, opts: { ...opts, state: r.state } };
      } else if (pinned) {
        const kind = pinned[1]!;
        if (kind === 'checkout') r = checkout(withs, workspace, rc);
        else if (kind === 'upload-artifact') r = uploadArtifact(withs, workspace, rc);
        else r = downloadArtifact(withs, workspace, rc);
      } else {
        throw new Error(`step '${stepName}': uses '${step.uses}' is not supported by the local runner`);
      }
    } else {
      throw new Error(`step '${stepName}' has neither run nor uses`);
    }
    const outcome = r.exitCode === 0 ? 'success' : 'failure';
    const continueOnError = step['continue-on-error'] === undefined ? false : evaluateValue(step['continue-on-error'], sctx);
    const rec: StepRecord = {
      name: stepName,
      id: stepId,
      outcome,
      conclusion: outcome === 'failure' && continueOnError === true ? 'success' : outcome,
      exitCode: r.exitCode,
      with: withs,
      outputs: r.outputs,
      summary: r.summary,
      stdout: r.stdout,
      stderr: r.stderr,
      errors: r.errors,
    };
    if (post) posts.push({ ...post, record: rec });
    steps.push(rec);
    Object.assign(githubEnv, r.env);
    if (stepId) stepsCtx[stepId] = { outputs: r.outputs, outcome, conclusion: rec.conclusion };
  }
  // Post steps run after the last step, in reverse order, whatever the steps did (post-if: always()).
  for (const p of posts.reverse()) {
    const r = await runPostOnly(p.action, p.opts);
    p.record.post = { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  }
  const failed = steps.some((s) => s.conclusion === 'failure') || posts.some((p) => p.record.post?.exitCode !== 0);
  const outputs: Record<string, string> = {};
  const outCtx: ExprContext = { contexts: { ...cellCtx, env: { ...jobEnv, ...githubEnv }, steps: stepsCtx } };
  for (const [k, v] of Object.entries((job.outputs ?? {}) as Yaml)) outputs[k] = toStr(evaluateValue(v, outCtx));
  return { name, index, matrix, result: failed ? 'failure' : 'success', outputs, steps, recorded };
}

function skippedStep(name: string, id: string | undefined): StepRecord {
  return {
    name,
    id,
    outcome: 'skipped',
    conclusion: 'skipped',
    exitCode: null,
    with: {},
    outputs: {},
    summary: '',
    stdout: '',
    stderr: '',
    errors: [],
  };
}

/** actions/checkout: the run's sha of `checkoutRepo` into the workspace, fetch-depth commits deep (0 = all refs). */
function checkout(withs: Env, workspace: string, rc: RunCtx): StepResult {
  onlyKeys(withs, ['persist-credentials', 'fetch-depth'], 'actions/checkout with');
  const depth = Number(withs['fetch-depth'] ?? '1');
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`actions/checkout: fetch-depth '${withs['fetch-depth']}'`);
  const { user, checkoutRepo, sha } = rc.o;
  const url = `file://${checkoutRepo}`;
  gitAs(user, ['init', '-q', workspace]);
  // The checked-out sha is fetched by its id like actions/checkout does; the local upload-pack must allow that.
  const fetch = ['-C', workspace, '-c', 'uploadpack.allowAnySHA1InWant=true', 'fetch', '-q', '--no-tags', url];
  if (depth === 0) gitAs(user, [...fetch, '+refs/heads/*:refs/remotes/origin/*', sha]);
  else gitAs(user, [...fetch.slice(0, -1), `--depth=${depth}`, url, sha]);
  gitAs(user, ['-C', workspace, 'checkout', '-q', '--detach', sha]);
  return stepResult(0, `checked out ${sha} (fetch-depth ${depth})\n`);
}

/** actions/upload-artifact v4: the files of `path` (one file or directory, no globs) as artifact `name`. */
function uploadArtifact(withs: Env, workspace: string, rc: RunCtx): StepResult {
  onlyKeys(withs, ['name', 'path', 'if-no-files-found', 'overwrite', 'retention-days'], 'actions/upload-artifact with');
  const name = withs.name || 'artifact';
  const paths = (withs.path ?? '')
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  if (paths.length !== 1 || /[*?[\]!]/.test(paths[0]!)) throw new Error(`upload-artifact: path '${withs.path}' (one path, no globs)`);
  const mode = withs['if-no-files-found'] || 'warn';
  if (!['warn', 'error', 'ignore'].includes(mode)) throw new Error(`upload-artifact: if-no-files-found '${mode}'`);
  const src = path.resolve(workspace, paths[0]!);
  const dest = path.join(rc.artifactsDir, name);
  if (!existsSync(src)) {
    const msg = `No files were found with the provided path: ${paths[0]}. No artifacts will be uploaded.`;
    if (mode === 'error') return stepResult(1, `::error::${msg}\n`, [msg]);
    return stepResult(0, `${mode === 'warn' ? '::warning::' : ''}${msg}\n`);
  }
  if (existsSync(dest)) {
    if (withs.overwrite !== 'true') {
      const msg = `Failed to CreateArtifact: an artifact with this name already exists on the workflow run: ${name}`;
      return stepResult(1, `::error::${msg}\n`, [msg]);
    }
    execFileSync('rm', ['-rf', '--', dest]);
  }
  mkdirSync(dest, { recursive: true });
  if (statSync(src).isDirectory()) cpSync(src, dest, { recursive: true });
  else cpSync(src, path.join(dest, path.basename(src)));
  return stepResult(0, `uploaded artifact ${name}\n`);
}

/** actions/download-artifact v4: `name` into `path`, or every artifact matching `pattern` into `path/<artifact>/`. */
function downloadArtifact(withs: Env, workspace: string, rc: RunCtx): StepResult {
  onlyKeys(withs, ['name', 'pattern', 'path', 'merge-multiple'], 'actions/download-artifact with');
  if (withs['merge-multiple'] === 'true') throw new Error('download-artifact: merge-multiple is not supported by the local runner');
  const dest = path.resolve(workspace, withs.path || '.');
  const all = readdirSync(rc.artifactsDir).sort();
  let copies: [string, string][];
  if (withs.name) {
    if (!all.includes(withs.name)) {
      const msg = `Unable to download artifact(s): Artifact not found for name: ${withs.name}`;
      return stepResult(1, `::error::${msg}\n`, [msg]);
    }
    copies = [[withs.name, dest]];
  } else {
    const re = new RegExp(
      `^${(withs.pattern || '*')
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    copies = all.filter((a) => re.test(a)).map((a) => [a, path.join(dest, a)]);
  }
  mkdirSync(dest, { recursive: true });
  for (const [a, to] of copies) cpSync(path.join(rc.artifactsDir, a), to, { recursive: true });
  execFileSync('chown', ['-R', `${rc.o.user}:`, dest]);
  return stepResult(0, `downloaded ${copies.length} artifact(s): ${copies.map(([a]) => a).join(', ')}\n`);
}

/** The cells of a job that ran (not skipped or cancelled). */
export function ranCells(run: WorkflowRun, job: string): CellRecord[] {
  return (run.jobs[job]?.cells ?? []).filter((c) => c.result !== 'cancelled');
}
