// The safety rules of this repository's workflow files (reusable workflows and the site examples), as a checker that
// returns every violation: the workflow safety test runs it over the real files and over small bad texts.
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';

/** One broken rule. */
export interface Violation {
  file: string;
  job?: string;
  rule: Rule;
  message: string;
}

/** The rules (ids are stable: tests name them). */
export type Rule =
  | 'yaml'
  | 'no-pull-request-target'
  | 'reusable-workflow-call-only'
  | 'job-refuses-untrusted-events'
  | 'permissions-present'
  | 'permissions-least'
  | 'no-expression-in-run'
  | 'action-pinned-by-sha'
  | 'environment-for-publish'
  | 'checkout-no-credentials'
  | 'checkout-only-without-bundle-steps'
  | 'job-timeout'
  | 'matrix-no-fail-fast';

/** A write scope a rule allows, with the reason (none is needed today). */
export interface AllowedWrite {
  file: string;
  job: string;
  scope: string;
  why: string;
}

/** The two conjuncts every job `if:` of a reusable workflow must have (whitespace-insensitive). */
export const GUARD_NOT_PR_TARGET = "github.event_name != 'pull_request_target'";
export const GUARD_NOT_FORK = "(github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)";

/** This repository's actions that build, run, publish or roll back bundles on the cluster runner. */
const BUNDLE_ACTIONS =
  /^org\/eda-oci\/actions\/(build-oci-bundle|test-bundle-runc|publish-oci-bundle|slurm-submit-container|rollback-oci-bundle)@/;
const PUBLISHING_ACTIONS = /^org\/eda-oci\/actions\/(publish-oci-bundle|rollback-oci-bundle)@/;
const SHA_PINNED = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[^@\s]+)?@[0-9a-f]{40}$/;

type Map = Record<string, unknown>;
const isMap = (v: unknown): v is Map => v !== null && typeof v === 'object' && !Array.isArray(v);
const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The event names of a workflow's `on:` (string, list or map form). */
export function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  if (isMap(on)) return Object.keys(on);
  return [];
}

/** Splits an expression at its top-level `&&` (outside parentheses and quotes); `${{ }}` removed. */
export function topLevelConjuncts(expr: string): string[] {
  const e = norm(expr.replace(/^\$\{\{/, '').replace(/\}\}$/, ''));
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < e.length; i++) {
    const c = e[i];
    if (c === "'") quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && e.startsWith('&&', i)) {
      out.push(e.slice(start, i).trim());
      start = i + 2;
      i++;
    } else if (!quote && depth === 0 && e.startsWith('||', i)) {
      // A top-level || could let any conjunct be bypassed: report the whole expression as one unusable conjunct.
      return [e];
    }
  }
  out.push(e.slice(start).trim());
  return out;
}

/** Checks one workflow file's text against every rule; returns all violations (none: safe). */
export function checkWorkflow(file: string, text: string, allowedWrites: AllowedWrite[] = []): Violation[] {
  const v: Violation[] = [];
  const add = (rule: Rule, message: string, job?: string): void => void v.push({ file, job, rule, message });
  let wf: unknown;
  try {
    wf = yaml.load(text);
  } catch (err) {
    add('yaml', `not valid YAML: ${(err as Error).message}`);
    return v;
  }
  if (!isMap(wf)) {
    add('yaml', 'not a mapping');
    return v;
  }
  const triggers = triggersOf(wf.on);
  if (triggers.includes('pull_request_target'))
    add('no-pull-request-target', 'pull_request_target runs with the base repository token and secrets on any pull request');
  const reusable = triggers.includes('workflow_call');
  if (reusable && triggers.length !== 1)
    add('reusable-workflow-call-only', `a reusable workflow must be on: workflow_call only, not ${triggers.join(', ')}`);

  const checkPermissions = (perm: unknown, job?: string): void => {
    if (perm === undefined) return;
    if (typeof perm === 'string') {
      add('permissions-least', `permissions: ${perm} grants every scope; list the scopes needed (or {})`, job);
      return;
    }
    if (!isMap(perm)) {
      add('permissions-least', 'permissions must be a map of scopes', job);
      return;
    }
    for (const [scope, level] of Object.entries(perm)) {
      if (level === 'write' && !allowedWrites.some((a) => a.file === file && a.job === (job ?? '') && a.scope === scope))
        add('permissions-least', `${scope}: write is not needed by any rule`, job);
      else if (level !== 'read' && level !== 'write' && level !== 'none')
        add('permissions-least', `${scope}: '${String(level)}' is not read, write or none`, job);
    }
  };
  if (!('permissions' in wf))
    add('permissions-present', 'no top-level permissions: the token would get the repository default (often write-all)');
  checkPermissions(wf.permissions);

  const lines = text.split('\n');
  const jobs = isMap(wf.jobs) ? wf.jobs : {};
  for (const [id, jobValue] of Object.entries(jobs)) {
    if (!isMap(jobValue)) continue;
    const job = jobValue;
    checkPermissions(job.permissions, id);
    if (reusable) {
      const conj = typeof job.if === 'string' ? topLevelConjuncts(job.if) : [];
      if (!conj.includes(norm(GUARD_NOT_PR_TARGET)) || !conj.includes(norm(GUARD_NOT_FORK)))
        add('job-refuses-untrusted-events', `if: must be ANDed with "${GUARD_NOT_PR_TARGET}" and "${GUARD_NOT_FORK}"`, id);
    }
    const steps = Array.isArray(job.steps) ? (job.steps as unknown[]).filter(isMap) : [];
    if (steps.length && job['timeout-minutes'] === undefined)
      add('job-timeout', 'no timeout-minutes (the default is 6 hours of a cluster runner)', id);
    const strategy = isMap(job.strategy) ? job.strategy : undefined;
    if (strategy?.matrix !== undefined && strategy['fail-fast'] !== false)
      add('matrix-no-fail-fast', 'a matrix needs fail-fast: false (one failing bundle must not cancel the others mid-publish)', id);
    const uses = [
      typeof job.uses === 'string' ? job.uses : undefined,
      ...steps.map((s) => (typeof s.uses === 'string' ? s.uses : undefined)),
    ].filter((u): u is string => u !== undefined);
    for (const u of uses) {
      if (u.startsWith('org/eda-oci/') || u.startsWith('./')) continue;
      if (u.startsWith('docker://')) {
        if (!/@sha256:[0-9a-f]{64}$/.test(u)) add('action-pinned-by-sha', `${u} is not pinned by digest`, id);
        continue;
      }
      if (!SHA_PINNED.test(u)) add('action-pinned-by-sha', `${u} is not pinned by a 40-hex commit SHA`, id);
      else if (!lines.some((l) => l.includes(u) && /#\s*v\d+(\.\d+)*\b/.test(l)))
        add('action-pinned-by-sha', `${u} has no '# vX.Y.Z' comment naming the release the SHA is`, id);
    }
    for (const s of steps) {
      if (typeof s.run === 'string' && s.run.includes('${{'))
        add('no-expression-in-run', `a run: contains \${{ }} (pass values through env: instead): ${norm(s.run).slice(0, 80)}`, id);
      if (typeof s.uses === 'string' && /^actions\/checkout@/.test(s.uses)) {
        const pc = isMap(s.with) ? s.with['persist-credentials'] : undefined;
        if (pc !== false && pc !== 'false') add('checkout-no-credentials', 'actions/checkout without persist-credentials: false', id);
      }
    }
    if (steps.some((s) => typeof s.uses === 'string' && PUBLISHING_ACTIONS.test(s.uses)) && job.environment === undefined)
      add('environment-for-publish', 'a job that publishes or rolls back needs an environment: (reviewers can be required)', id);
    const checksOut = steps.some((s) => typeof s.uses === 'string' && /^actions\/checkout@/.test(s.uses));
    if (reusable && checksOut && steps.some((s) => typeof s.uses === 'string' && BUNDLE_ACTIONS.test(s.uses)))
      add('checkout-only-without-bundle-steps', 'checks out the repository and builds, runs or publishes bundles in the same job', id);
  }
  return v;
}

/** Workflow files of this repository that the rules cover: .github/workflows and examples/workflows. */
export function workflowFiles(root: string): string[] {
  const out: string[] = [];
  for (const dir of ['.github/workflows', 'examples/workflows']) {
    if (!existsSync(path.join(root, dir))) continue;
    for (const f of readdirSync(path.join(root, dir)).sort()) if (/\.ya?ml$/.test(f)) out.push(path.join(dir, f));
  }
  return out;
}
