// The bundle catalog: one YAML file per bundle (<catalog-dir>/<name>.yml), validated against catalog.schema.json plus
// the semantic checks the actions themselves apply; every error is one line naming file, line and field.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseImageReference } from '@eda-oci/docker';
import { ConfigurationError } from '@eda-oci/exec';
import { validateBundleName, validateOverlay, validatePlatform, validateTests } from '@eda-oci/oci';
import { validatePartition, validateTimeLimit } from '@eda-oci/slurm';
import schemaJson from '../catalog.schema.json';
import { compileSchema, validateSchema, type DocPath } from './schema.js';
import { parseLocated, type LocatedDoc } from './yaml-doc.js';

/** One smoke command of a catalog entry. */
export interface SmokeCommand {
  name: string;
  run: string;
}

/** Smoke modes: srun (a job step) and sbatch (a batch job). */
export type SmokeMode = 'srun' | 'sbatch';

/** A validated catalog file. */
export interface CatalogEntry {
  /** Bundle name: the file name without .yml/.yaml. */
  name: string;
  /** The file as given (relative to the repository root when it came from git). */
  file: string;
  image: string;
  platform?: string;
  description?: string;
  /** The build-oci-bundle `config` overlay as written (validated). */
  config?: Record<string, unknown>;
  /** The test-bundle-runc `tests` list as written (validated). */
  tests?: unknown[];
  smoke: { partitions: string[]; modes: SmokeMode[]; timeLimit: string; commands: SmokeCommand[] };
}

/** One smoke job: a bundle's command on one partition in one mode. */
export interface SmokeCell {
  /** `bundle/partition/mode/command`. */
  id: string;
  bundle: string;
  partition: string;
  mode: SmokeMode;
  command: string;
  run: string;
  timeLimit: string;
}

/** A catalog error: one line `file:line: field: what; how to fix`. */
export class CatalogError extends ConfigurationError {
  override name = 'CatalogError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly what: string,
    hint?: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${what}`, hint);
  }
}

/** Default smoke modes and time limit (also the schema's `default`s). */
export const DEFAULT_MODES: readonly SmokeMode[] = ['srun', 'sbatch'];
export const DEFAULT_TIME_LIMIT = '5';
/** Catalog file extensions; both for one name is an error. */
export const CATALOG_EXTENSIONS = ['.yml', '.yaml'] as const;
/** Largest catalog file read (a catalog file is a few hundred bytes). */
export const MAX_CATALOG_FILE_BYTES = 256 * 1024;

/** The catalog JSON Schema (packages/catalog/catalog.schema.json) as an object. */
export const CATALOG_SCHEMA: unknown = schemaJson;

const schema = compileSchema(schemaJson, {
  'image-reference': (v) => {
    const ref = parseImageReference(v);
    if (ref.isId) {
      throw new ConfigurationError(
        `image '${v}' is a local image id, which CI runners cannot pull`,
        'use registry/repository:tag or @sha256:<digest>',
      );
    }
    if (!ref.tag && !ref.digest) {
      throw new ConfigurationError(
        `image '${v}' has no tag or digest, so every build could get a different image`,
        `pin it: ${v}:1.0 or ${v}@sha256:<64 hex digits>`,
      );
    }
  },
  platform: (v) => void validatePlatform(v),
  'slurm-partition': (v) => {
    if (v.includes(',')) {
      throw new ConfigurationError(`partition '${v}' names several partitions`, 'list each partition as its own item: [a, b]');
    }
    try {
      validatePartition(v);
    } catch (err) {
      // validatePartition also accepts a,b lists (sbatch -p a,b); here one item is one partition, so its hint differs.
      if (err instanceof ConfigurationError)
        throw new ConfigurationError(err.problem, 'use a partition name as sinfo shows it (letters, digits, _ . -)');
      throw err;
    }
  },
  'slurm-time-limit': (v) => void validateTimeLimit(v),
});

/** Field path as users read it: `smoke.partitions[1]`. */
export function formatPath(p: DocPath): string {
  let s = '';
  for (const seg of p) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

/** The bundle name a catalog file stands for, or undefined when it is not a catalog file name (.yml/.yaml). */
export function catalogName(file: string): string | undefined {
  const base = path.posix.basename(file.replace(/\\/g, '/'));
  const ext = CATALOG_EXTENSIONS.find((e) => base.endsWith(e));
  return ext ? base.slice(0, -ext.length) : undefined;
}

/**
 * Parses and validates the text of one catalog file. `file` names it in errors and its base name (without
 * .yml/.yaml) is the bundle name. Throws CatalogError (a ConfigurationError) naming file, line and field.
 */
export function parseCatalogText(text: string, file: string): CatalogEntry {
  const name = catalogName(file);
  if (name === undefined)
    throw new CatalogError(file, undefined, undefined, 'a catalog file name must end in .yml or .yaml', 'rename it to <bundle-name>.yml');
  try {
    validateBundleName(name);
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err;
    throw new CatalogError(file, undefined, 'file name', `${err.problem} (the file name is the bundle name)`, err.hint);
  }
  if (text.includes('\0'))
    throw new CatalogError(file, undefined, undefined, 'the file contains NUL bytes, so it is not YAML text', 'save it as UTF-8 text');
  const doc = parseLocated(text);
  if (!('value' in doc)) throw new CatalogError(file, doc.line, undefined, `YAML syntax error: ${doc.message}`, 'fix the YAML syntax');
  const v = doc.value;
  if (v === null || v === undefined) {
    throw new CatalogError(
      file,
      1,
      undefined,
      'the file is empty',
      'a catalog file needs at least image: and smoke: (see packages/catalog/catalog.schema.json)',
    );
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new CatalogError(
      file,
      doc.lineOf([]),
      '(top level)',
      `must be a mapping of keys (image, smoke, ...), got ${Array.isArray(v) ? 'a list' : 'a single value'}`,
      'write key: value lines, e.g. image: registry.example.com/cad/tool:1.0',
    );
  }
  const violation = validateSchema(v, schema);
  if (violation) {
    throw new CatalogError(
      file,
      doc.lineOf(violation.path, violation.at),
      formatPath(violation.path) || '(top level)',
      violation.message,
      violation.hint,
    );
  }
  const raw = v as Record<string, unknown>;
  if (raw.config !== undefined) checkWith(doc, file, ['config'], () => validateOverlay(raw.config), configLocation);
  if (raw.tests !== undefined)
    checkWith(doc, file, ['tests'], () => validateTests(raw.tests, 'tests', { timeoutSeconds: 60 }), testsLocation(raw.tests));
  const smoke = raw.smoke as Record<string, unknown>;
  const commands = smoke.commands as SmokeCommand[];
  commands.forEach((c, i) => {
    const j = commands.findIndex((o) => o.name === c.name);
    if (j < i) {
      throw new CatalogError(
        file,
        doc.lineOf(['smoke', 'commands', i, 'name']),
        `smoke.commands[${i}].name`,
        `the command name '${c.name}' is already used by smoke.commands[${j}]`,
        'give every smoke command a unique name (it is part of the smoke cell id)',
      );
    }
  });
  const entry: CatalogEntry = {
    name,
    file,
    image: raw.image as string,
    smoke: {
      partitions: [...(smoke.partitions as string[])],
      modes: [...((smoke.modes as SmokeMode[] | undefined) ?? DEFAULT_MODES)],
      timeLimit: smoke['time-limit'] === undefined ? DEFAULT_TIME_LIMIT : String(smoke['time-limit']),
      commands: commands.map((c) => ({ name: c.name, run: c.run })),
    },
  };
  if (raw.platform !== undefined) entry.platform = raw.platform as string;
  if (raw.description !== undefined) entry.description = raw.description as string;
  if (raw.config !== undefined) entry.config = raw.config as Record<string, unknown>;
  if (raw.tests !== undefined) entry.tests = raw.tests as unknown[];
  return entry;
}

/** Runs an existing validator; its ConfigurationError becomes a CatalogError at the line `locate` finds. */
function checkWith(
  doc: LocatedDoc,
  file: string,
  base: DocPath,
  fn: () => unknown,
  locate: (what: string) => { path: DocPath; at: 'value' | 'key' },
): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof ConfigurationError)) throw err;
    const where = locate(err.problem);
    const p = where.path.length ? where.path : base;
    throw new CatalogError(file, doc.lineOf(p, where.at), undefined, err.problem, err.hint);
  }
}

/** Where a validateOverlay message points: it starts with the field (`config.mounts[0].destination must ...`). */
function configLocation(what: string): { path: DocPath; at: 'value' | 'key' } {
  const m = /^(config(?:\.[A-Za-z0-9_-]+|\[\d+\])*)/.exec(what);
  const p: (string | number)[] = [];
  for (const seg of (m?.[1] ?? 'config').matchAll(/([A-Za-z0-9_-]+)|\[(\d+)\]/g)) p.push(seg[2] !== undefined ? Number(seg[2]) : seg[1]!);
  const key = /has an (?:unknown|invalid) key '([^']*)'/.exec(what);
  if (key) return { path: [...p, key[1]!], at: 'key' };
  return { path: p, at: 'value' };
}

/** Where a validateTests message points: `tests: test #2 ...` or `tests: 'name' ...` (the test), plus the key it names. */
function testsLocation(tests: unknown): (what: string) => { path: DocPath; at: 'value' | 'key' } {
  return (what) => {
    const list = Array.isArray(tests) ? tests : [];
    let i = -1;
    const num = /test #(\d+)/.exec(what);
    if (num) i = Number(num[1]) - 1;
    const named = /^tests: (?:test (?:name )?)?'([^']*)'/.exec(what);
    if (i < 0 && named) {
      const matches = list.map((t, k) => ((t as { name?: unknown })?.name === named[1] ? k : -1)).filter((k) => k >= 0);
      i = matches[/is used twice/.test(what) ? 1 : 0] ?? -1;
    }
    if (i < 0) return { path: ['tests'], at: 'value' };
    const unknown = /unknown key '([^']*)'/.exec(what);
    if (unknown) return { path: ['tests', i, unknown[1]!], at: 'key' };
    const key = /: (run|args|expect-exit|expect-stdout|expect-stderr|timeout-seconds)\b/.exec(what);
    if (key) return { path: ['tests', i, key[1]!], at: 'value' };
    if (/is used twice/.test(what)) return { path: ['tests', i, 'name'], at: 'value' };
    return { path: ['tests', i], at: 'value' };
  };
}

/** Reads and validates one catalog file; errors name `file` as given. */
export async function loadCatalogFile(file: string): Promise<CatalogEntry> {
  return readCatalogFile(file, file);
}

/** Reads `source`, naming it `file` in the entry and in errors. */
async function readCatalogFile(source: string, file: string): Promise<CatalogEntry> {
  let text: string;
  try {
    const buf = await readFile(source);
    if (buf.length > MAX_CATALOG_FILE_BYTES) {
      throw new CatalogError(
        file,
        undefined,
        undefined,
        `the file has ${buf.length} bytes, more than a catalog file needs`,
        `keep it under ${MAX_CATALOG_FILE_BYTES} bytes`,
      );
    }
    text = buf.toString('utf8');
  } catch (err) {
    if (err instanceof CatalogError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new CatalogError(
      file,
      undefined,
      undefined,
      code === 'ENOENT' ? 'no such catalog file' : `cannot read the catalog file: ${(err as Error).message}`,
      code === 'ENOENT' ? 'check the bundle name and --catalog-dir' : 'check its permissions',
    );
  }
  return parseCatalogText(text, file);
}

/**
 * Loads the catalog entry of bundle `name` from `dir`: `<dir>/<name>.yml` or `<dir>/<name>.yaml` (both is an error,
 * as in loadCatalog). For `eda-oci smoke --name NAME`.
 */
export async function loadCatalogEntry(dir: string, name: string): Promise<CatalogEntry> {
  validateBundleName(name);
  const found = CATALOG_EXTENSIONS.map((ext) => path.join(dir, `${name}${ext}`)).filter((f) => existsSync(f));
  if (found.length === 0) {
    throw new CatalogError(
      path.join(dir, `${name}.yml`),
      undefined,
      undefined,
      `no catalog file for bundle '${name}' (neither ${name}.yml nor ${name}.yaml in ${dir})`,
      'check the name and the catalog directory (default bundles)',
    );
  }
  const twice = duplicateNameErrors(found)[0];
  if (twice) throw twice;
  return loadCatalogFile(found[0]!);
}

/**
 * One error for several bad files: the first file's error line, then how many more files have errors and which
 * (each is reported fully when checked on its own, e.g. by fixing the first and running again).
 */
export function combineCatalogErrors(errors: readonly CatalogError[]): CatalogError {
  const [first, ...rest] = errors;
  if (!first) throw new Error('combineCatalogErrors needs at least one error');
  if (rest.length === 0) return first;
  const files = [...new Set(rest.map((e) => e.file))].filter((f) => f !== first.file);
  if (files.length === 0) return first;
  const more = `(${files.length} more file${files.length === 1 ? '' : 's'} with errors: ${files.join(', ')})`;
  return new CatalogError(first.file, first.line, first.field, first.what, first.hint ? `${first.hint} ${more}` : more);
}

/** Checks that no bundle name has both a .yml and a .yaml file; `files` are paths (any directory). */
export function duplicateNameErrors(files: readonly string[]): CatalogError[] {
  const byName = new Map<string, string>();
  const errors: CatalogError[] = [];
  for (const f of [...files].sort()) {
    const n = catalogName(f);
    if (n === undefined) continue;
    const other = byName.get(n);
    if (other !== undefined) {
      errors.push(
        new CatalogError(
          f,
          undefined,
          undefined,
          `bundle '${n}' is also defined by ${other}`,
          `keep one of ${path.posix.basename(other)} and ${path.posix.basename(f)}`,
        ),
      );
    } else byName.set(n, f);
  }
  return errors;
}

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /** Name files `<as>/<file>` in entries and errors instead of `<dir>/<file>` (e.g. repo-relative `bundles`). */
  as?: string;
}

/**
 * Loads every catalog file (*.yml, *.yaml) directly in `dir`, sorted by bundle name. Subdirectories and other files
 * are ignored. Every file is checked; with errors it throws one CatalogError: the first error and the other bad files.
 */
export async function loadCatalog(dir: string, options: LoadCatalogOptions = {}): Promise<CatalogEntry[]> {
  let dirents;
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      `catalog directory '${dir}' ${code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read: ${(err as Error).message}`}`,
      'set the catalog directory (default bundles) to the folder that holds <name>.yml files',
    );
  }
  // Symlinks count too (a catalog file may be a link), directories never: stat follows the link in loadCatalogFile.
  const names = dirents
    .filter((d) => (d.isFile() || d.isSymbolicLink()) && catalogName(d.name) !== undefined)
    .map((d) => d.name)
    .sort();
  const shown = (n: string): string => (options.as === undefined ? path.join(dir, n) : options.as === '' ? n : `${options.as}/${n}`);
  const errors: CatalogError[] = duplicateNameErrors(names.map(shown));
  const entries: CatalogEntry[] = [];
  for (const n of names) {
    try {
      entries.push(await readCatalogFile(path.join(dir, n), shown(n)));
    } catch (err) {
      if (err instanceof CatalogError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length) throw combineCatalogErrors(errors.sort((a, b) => a.file.localeCompare(b.file)));
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every smoke job of `entries`: partitions x modes x commands, in that order per entry; id `bundle/partition/mode/command`. */
export function smokeCells(entries: readonly CatalogEntry[]): SmokeCell[] {
  const cells: SmokeCell[] = [];
  for (const e of entries) {
    for (const partition of e.smoke.partitions) {
      for (const mode of e.smoke.modes) {
        for (const c of e.smoke.commands) {
          cells.push({
            id: `${e.name}/${partition}/${mode}/${c.name}`,
            bundle: e.name,
            partition,
            mode,
            command: c.name,
            run: c.run,
            timeLimit: e.smoke.timeLimit,
          });
        }
      }
    }
  }
  return cells;
}
