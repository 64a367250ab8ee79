// A small JSON Schema (draft 2020-12) interpreter for the keywords catalog.schema.json uses, so the published schema is
// what validation runs: a keyword it does not know makes compileSchema throw instead of being silently ignored.
import { ConfigurationError } from '@eda-oci/exec';

/** A path into a parsed document: mapping keys and list indexes, e.g. ['smoke', 'partitions', 1]. */
export type DocPath = readonly (string | number)[];

/** The first schema violation found: where, what, and how to fix it. */
export interface SchemaViolation {
  path: DocPath;
  /** `key`: the problem is the key at `path` itself (an unknown key), not its value. */
  at: 'value' | 'key';
  keyword: string;
  message: string;
  hint: string;
}

/** Checks a string value of a `format`; throws ConfigurationError (its message and hint are reused). */
export type FormatCheck = (value: string) => void;

/** The subset of a JSON Schema node that the interpreter understands. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  format?: string;
  description?: string;
  default?: unknown;
}

const ASSERTIONS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'pattern',
  'enum',
  'minLength',
  'maxLength',
  'format',
]);
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples']);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);

/** A schema checked once for keywords the interpreter supports, with the checkers of its formats. */
export interface CompiledSchema {
  root: SchemaNode;
  formats: Readonly<Record<string, FormatCheck>>;
}

/**
 * Checks that `schema` uses only keywords this interpreter implements (and that every `format` has a checker), so a
 * keyword added to the schema file cannot be ignored by validation. Throws a plain Error: this is a programming error.
 */
export function compileSchema(schema: unknown, formats: Record<string, FormatCheck>): CompiledSchema {
  const walk = (node: unknown, where: string): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) throw new Error(`schema ${where} is not an object`);
    for (const [k, v] of Object.entries(node)) {
      if (ANNOTATIONS.has(k)) continue;
      if (!ASSERTIONS.has(k)) throw new Error(`schema ${where} uses the keyword '${k}', which the catalog validator does not implement`);
      if (k === 'type') {
        for (const t of Array.isArray(v) ? v : [v]) if (!TYPES.has(t as string)) throw new Error(`schema ${where}: unknown type '${t}'`);
      }
      if (k === 'properties') for (const [p, s] of Object.entries(v as object)) walk(s, `${where}.properties.${p}`);
      if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object')) walk(v, `${where}.${k}`);
      if (k === 'format' && !formats[v as string]) throw new Error(`schema ${where}: no checker for format '${v}'`);
      if (k === 'pattern') new RegExp(v as string, 'u');
    }
  };
  walk(schema, '#');
  return { root: schema as SchemaNode, formats };
}

/** Describes a value for messages: `a string 'x'`, `a list`, `a mapping`, `nothing`. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return `${typeof v} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  null: 'nothing (null)',
};

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    default:
      return false;
  }
}

/** Levenshtein distance (small strings: schema keys). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The known word closest to `word` when it is plausibly a typo of it (or a prefix/extension of it). */
export function closest(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w.length >= 3) {
    const extended = known.filter((k) => k.startsWith(w)).sort((a, b) => a.length - b.length)[0];
    if (extended !== undefined) return extended;
  }
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(best.length / 3));
  const related = best.startsWith(word.toLowerCase()) || word.toLowerCase().startsWith(best);
  return bestD <= limit || (related && word.length >= 3) ? best : undefined;
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates `value` against a compiled schema; returns the first violation in document order (keys in the order the
 * schema lists them, then unknown keys), or undefined. Hints come from the nearest `description`.
 */
export function validateSchema(value: unknown, schema: CompiledSchema): SchemaViolation | undefined {
  return check(value, schema.root, [], schema.root.description ?? '', schema.formats);
}

function check(
  v: unknown,
  s: SchemaNode,
  path: DocPath,
  hintUp: string,
  formats: Record<string, FormatCheck>,
): SchemaViolation | undefined {
  const hint = s.description ?? hintUp;
  const fail = (keyword: string, message: string, h = hint, at: 'value' | 'key' = 'value', p: DocPath = path): SchemaViolation => ({
    path: p,
    at,
    keyword,
    message,
    hint: h,
  });
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => hasType(v, t))) {
      return fail('type', `must be ${types.map((t) => TYPE_WORDS[t]).join(' or ')}, got ${describeValue(v)}`);
    }
  }
  if (s.enum && !s.enum.some((e) => equal(e, v))) {
    const options = s.enum.map(String);
    const near = typeof v === 'string' ? closest(v, options) : undefined;
    return fail(
      'enum',
      `${describeValue(v)} is not one of ${options.join(', ')}`,
      near ? `did you mean '${near}'?` : `use one of ${options.join(', ')}`,
    );
  }
  if (typeof v === 'string') {
    if (s.minLength !== undefined && [...v].length < s.minLength) {
      return fail('minLength', s.minLength === 1 ? 'must not be empty' : `is shorter than ${s.minLength} characters`);
    }
    if (s.maxLength !== undefined && [...v].length > s.maxLength) return fail('maxLength', `is longer than ${s.maxLength} characters`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) {
      return fail('pattern', `${describeValue(v)} does not match the pattern ${s.pattern}`);
    }
  }
  if (s.format !== undefined && (typeof v === 'string' || typeof v === 'number')) {
    try {
      formats[s.format]!(String(v));
    } catch (err) {
      if (!(err instanceof ConfigurationError)) throw err;
      return fail('format', err.problem, err.hint ?? hint);
    }
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) {
      return fail(
        'minItems',
        `needs at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}, got ${v.length === 0 ? 'an empty list' : v.length}`,
      );
    }
    if (s.maxItems !== undefined && v.length > s.maxItems)
      return fail('maxItems', `has ${v.length} items, at most ${s.maxItems} are allowed`);
    if (s.items) {
      for (let i = 0; i < v.length; i++) {
        const r = check(v[i], s.items, [...path, i], hint, formats);
        if (r) return r;
      }
    }
    if (s.uniqueItems) {
      for (let i = 1; i < v.length; i++) {
        const j = v.findIndex((x) => equal(x, v[i]));
        if (j < i)
          return fail('uniqueItems', `${describeValue(v[i])} is listed twice (also at [${j}])`, 'remove the duplicate', 'value', [
            ...path,
            i,
          ]);
      }
    }
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const obj = v as Record<string, unknown>;
    const props = s.properties ?? {};
    // Unknown keys first: 'imgae' is better reported as a typo of 'image' than as 'image' missing.
    for (const k of Object.keys(obj)) {
      if (k in props) continue;
      if (s.additionalProperties === false) {
        const known = Object.keys(props);
        const near = closest(k, known);
        return fail(
          'additionalProperties',
          `unknown key '${k}'`,
          near ? `did you mean '${near}'? (allowed here: ${known.join(', ')})` : `allowed here: ${known.join(', ')}`,
          'key',
          [...path, k],
        );
      }
      if (typeof s.additionalProperties === 'object') {
        const r = check(obj[k], s.additionalProperties, [...path, k], hint, formats);
        if (r) return r;
      }
    }
    for (const r of s.required ?? []) {
      if (!(r in obj)) {
        return fail('required', `missing required key '${r}'`, `add '${r}:' (${props[r]?.description ?? 'required'})`);
      }
    }
    for (const [k, sub] of Object.entries(props)) {
      if (k in obj) {
        const r = check(obj[k], sub, [...path, k], hint, formats);
        if (r) return r;
      }
    }
  }
  return undefined;
}
