// Smoke result records: the JSON file slurm-submit-container writes per job (result-file), and the reading and judging
// of a directory of them against the expected smoke cells (smoke-report; the CLI can reuse it).
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CancelledError, ConfigurationError } from '@eda-oci/exec';
import { resultOf, type ContainerJobResult } from './container-job.js';

/** One job's result as written to a result file (keys kebab-case like the action outputs). */
export interface SmokeResultRecord {
  /** The smoke cell id (result-id), e.g. `tool/debug/srun/version`. */
  id: string;
  /** Bundle name: the last component of the bundle path as given (`<bundles-dir>/<name>`). */
  bundle: string;
  /** The bundle path the job was submitted with (resolved when pinned). */
  'bundle-path': string;
  /** Partition asked for ('' = the cluster's default). */
  partition: string;
  mode: string;
  /** The command line (or `script: <path>`). */
  command: string;
  /** '' when no job was submitted. */
  'job-id': string;
  /** Slurm's final state; '' when no job was submitted. */
  state: string;
  'exit-code': number | null;
  signal: number | null;
  'elapsed-seconds': number | null;
  nodes: string;
  /** Whether the job proved it ran inside the bundle; null when not checked or unknown. */
  verified: boolean | null;
  /** The job completed with exit code 0 (inside the bundle, when verified). */
  ok: boolean;
  /** One line: what happened. */
  message: string;
}

/** What the caller knows before the job ran: the record's identity. */
export interface SmokeRecordBase {
  id?: string;
  bundle: string;
  partition?: string;
  mode: string;
  command?: string;
  script?: string;
}

/** The bundle name of a bundle path: its last component as given (a published `<bundles-dir>/<name>` gives `name`). */
export function bundleNameOf(bundle: string): string {
  return path.basename(bundle.replace(/\/+$/, '')) || bundle;
}

/**
 * Builds the record of a finished run: `outcome` is the result of runContainerJob or the error it threw
 * (SlurmJobError carries the job's result; any other error means no job result is known, e.g. the submission failed).
 */
export function smokeRecord(base: SmokeRecordBase, outcome: { result: ContainerJobResult } | { error: unknown }): SmokeResultRecord {
  const bundle = bundleNameOf(base.bundle);
  const partition = base.partition ?? '';
  const r = resultOf(outcome);
  const error = 'error' in outcome ? outcome.error : undefined;
  const message =
    error === undefined
      ? r!.outcome.message
      : error instanceof CancelledError
        ? `cancelled: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
  return {
    id: base.id || `${bundle}/${partition || 'default'}/${base.mode}`,
    bundle,
    'bundle-path': r?.bundlePath ?? base.bundle,
    partition,
    mode: base.mode,
    command: base.command?.trim() ? base.command : base.script ? `script: ${base.script}` : '',
    'job-id': r?.jobId ?? '',
    state: r?.state ?? '',
    'exit-code': r ? r.exitCode : null,
    signal: r ? r.signal : null,
    'elapsed-seconds': r ? r.elapsedSeconds : null,
    nodes: r?.nodes ?? '',
    verified: r?.verified ?? null,
    ok: error === undefined,
    message,
  };
}

/** Checks a result-file path before anything runs: it must name a `.json` file (smoke-report reads `*.json`). */
export function validateResultFile(file: string, what = 'result-file'): string {
  if (file.includes('\0')) throw new ConfigurationError(`${what} contains a NUL byte`, 'give a file path');
  if (!file.endsWith('.json') || path.basename(file) === '.json')
    throw new ConfigurationError(
      `${what} '${file}' does not end in .json`,
      'name the file e.g. results/<cell>.json (smoke-report reads *.json)',
    );
  return file;
}

/**
 * Writes the record atomically (a temporary file in the same directory, then rename(2)): a reader, or an artifact
 * upload, never sees half a record. Creates the parent directories.
 */
export async function writeSmokeRecord(file: string, record: SmokeResultRecord): Promise<void> {
  const full = path.resolve(file);
  await mkdir(path.dirname(full), { recursive: true });
  const tmp = path.join(path.dirname(full), `.${path.basename(full)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
    await rename(tmp, full);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** A smoke cell that must have a result (the shape of @eda-oci/catalog's SmokeCell and plan-bundles' `smokes`). */
export interface ExpectedSmokeCell {
  id: string;
  bundle: string;
  partition: string;
  mode: string;
  command: string;
}

/** Parses a JSON array of expected smoke cells (extra keys such as `run` and `time-limit` are ignored). */
export function parseExpectedCells(text: string, what = 'expected'): ExpectedSmokeCell[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigurationError(`${what} is not valid JSON: ${(err as Error).message}`, "pass plan-bundles' smokes output");
  }
  if (!Array.isArray(value)) throw new ConfigurationError(`${what} is not a JSON array`, "pass plan-bundles' smokes output (a JSON array)");
  return value.map((c: unknown, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    for (const k of ['id', 'bundle', 'partition', 'mode', 'command']) {
      if (typeof o[k] !== 'string' || o[k] === '')
        throw new ConfigurationError(`${what}[${i}].${k} is missing or not a string`, "pass plan-bundles' smokes output unchanged");
    }
    return { id: o.id, bundle: o.bundle, partition: o.partition, mode: o.mode, command: o.command } as ExpectedSmokeCell;
  });
}

/** A record file found under the results dir, or why it could not be used. */
export type FoundRecord = { file: string; record: SmokeResultRecord } | { file: string; error: string };

/** Checks that a parsed value has the record's shape; returns a reason when not. */
function recordProblem(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  for (const k of ['id', 'bundle', 'mode', 'state', 'job-id', 'message']) if (typeof o[k] !== 'string') return `'${k}' is not a string`;
  if (!o.id) return "'id' is empty";
  if (typeof o.ok !== 'boolean') return "'ok' is not true or false";
  for (const k of ['exit-code', 'elapsed-seconds', 'signal'])
    if (o[k] !== null && o[k] !== undefined && typeof o[k] !== 'number') return `'${k}' is not a number`;
  return undefined;
}

/** Reads every `*.json` under `dir` (recursively, as download-artifact lays artifacts out), sorted by path. */
export async function readSmokeRecords(dir: string): Promise<FoundRecord[]> {
  const files: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && d === dir) return;
      throw err;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.')) files.push(p);
    }
  };
  await walk(dir);
  files.sort();
  const out: FoundRecord[] = [];
  for (const file of files) {
    const rel = path.relative(dir, file);
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      out.push({ file: rel, error: `not valid JSON (${(err as Error).message})` });
      continue;
    }
    const problem = recordProblem(value);
    if (problem) out.push({ file: rel, error: `not a smoke result record: ${problem}` });
    else {
      const r = value as SmokeResultRecord;
      out.push({ file: rel, record: { ...r, partition: r.partition ?? '', command: r.command ?? '', nodes: r.nodes ?? '' } });
    }
  }
  return out;
}

/** One line of the report. */
export interface SmokeRow {
  id: string;
  bundle: string;
  partition: string;
  mode: string;
  command: string;
  jobId: string;
  state: string;
  exitCode: number | null;
  elapsedSeconds: number | null;
  passed: boolean;
  /** 'passed', or why not (one line). */
  verdict: string;
  /** The record file, relative to the results dir ('' for a missing result). */
  file: string;
}

/** The judged results. */
export interface SmokeReport {
  rows: SmokeRow[];
  passed: number;
  failed: number;
  total: number;
  /** Names of the bundles with at least one failed row, sorted, without duplicates. */
  failedBundles: string[];
}

/** Why a record is not a pass ('' when it is): ok must agree with the state, the exit code and the verification. */
function failureOf(r: SmokeResultRecord): string {
  const exit = r['exit-code'];
  const plain = `${r.state || 'not submitted'}${exit !== null && exit !== undefined ? `, exit code ${exit}` : ''}`;
  if (!r.ok) return r.message || plain;
  if (r.state !== 'COMPLETED' || exit !== 0) return `record says ok but ${plain}`;
  if (r.verified === false) return 'record says ok but the job did not run inside the container';
  return '';
}

/**
 * Judges the records: each record is a row (passed only when ok, COMPLETED, exit code 0 and not unverified); each
 * expected cell without a record is a failed row "no result"; an unreadable file is a failed row naming it.
 * Display fields (bundle, partition, mode, command name) come from the expected cell when the id matches.
 */
export function judgeSmokeResults(found: FoundRecord[], expected: ExpectedSmokeCell[] = []): SmokeReport {
  const cells = new Map(expected.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const rows: SmokeRow[] = [];
  for (const f of found) {
    if ('error' in f) {
      rows.push({
        id: f.file,
        bundle: '',
        partition: '',
        mode: '',
        command: '',
        jobId: '',
        state: '',
        exitCode: null,
        elapsedSeconds: null,
        passed: false,
        verdict: `unreadable result ${f.file}: ${f.error}`,
        file: f.file,
      });
      continue;
    }
    const r = f.record;
    seen.add(r.id);
    const cell = cells.get(r.id);
    const why = failureOf(r);
    rows.push({
      id: r.id,
      bundle: cell?.bundle ?? r.bundle,
      partition: cell?.partition ?? (r.partition || 'default'),
      mode: cell?.mode ?? r.mode,
      command: cell?.command ?? r.command,
      jobId: r['job-id'],
      state: r.state,
      exitCode: r['exit-code'] ?? null,
      elapsedSeconds: r['elapsed-seconds'] ?? null,
      passed: why === '',
      verdict: why === '' ? 'passed' : why,
      file: f.file,
    });
  }
  for (const c of expected) {
    if (seen.has(c.id)) continue;
    rows.push({
      id: c.id,
      bundle: c.bundle,
      partition: c.partition,
      mode: c.mode,
      command: c.command,
      jobId: '',
      state: '',
      exitCode: null,
      elapsedSeconds: null,
      passed: false,
      verdict: 'no result (the smoke job did not run or did not upload its record)',
      file: '',
    });
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : 1));
  const failedRows = rows.filter((r) => !r.passed);
  return {
    rows,
    passed: rows.length - failedRows.length,
    failed: failedRows.length,
    total: rows.length,
    failedBundles: [...new Set(failedRows.map((r) => r.bundle).filter(Boolean))].sort(),
  };
}
