// A strict evaluator of GitHub Actions expressions (`${{ ... }}` and bare `if:` conditions) for the local workflow runner:
// literals, contexts with dashed property names, index access, == != && || ! and parentheses with GitHub's semantics, and
// the functions fromJSON toJSON format contains startsWith success failure cancelled always. Anything else throws, so
// a workflow the local runner cannot interpret fails its test instead of passing silently.

/** A value an expression can produce (JSON values). */
export type ExprValue = null | boolean | number | string | ExprValue[] | { [k: string]: ExprValue };

/** The status of the surrounding job or step, for success() / failure() / cancelled(). */
export interface StatusFunctions {
  success: () => boolean;
  failure: () => boolean;
  cancelled: () => boolean;
}

/** Contexts by name (inputs, github, matrix, ...) plus the status functions. A context not given here throws. */
export interface ExprContext {
  contexts: Record<string, ExprValue>;
  status?: StatusFunctions;
}

type Token =
  { kind: 'str'; value: string } | { kind: 'num'; value: number } | { kind: 'ident'; value: string } | { kind: 'op'; value: string };

type Node =
  | { type: 'lit'; value: ExprValue }
  | { type: 'ctx'; name: string }
  | { type: 'prop'; object: Node; name: string }
  | { type: 'index'; object: Node; index: Node }
  | { type: 'not'; operand: Node }
  | { type: 'bin'; op: '==' | '!=' | '&&' | '||'; left: Node; right: Node }
  | { type: 'call'; name: string; args: Node[] };

const FUNCTIONS = ['fromjson', 'tojson', 'format', 'contains', 'startswith', 'success', 'failure', 'cancelled', 'always'];
const STATUS_FUNCTIONS = ['success', 'failure', 'cancelled', 'always'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`expression '${src}': unterminated string`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += src[i++];
      }
      out.push({ kind: 'str', value: v });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?(0x[0-9a-fA-F]+|[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(src.slice(i))!;
      out.push({ kind: 'num', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      out.push({ kind: 'ident', value: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '&&', '||'].includes(two)) {
        out.push({ kind: 'op', value: two });
        i += 2;
      } else if ('!().,[]'.includes(c)) {
        out.push({ kind: 'op', value: c });
        i++;
      } else {
        throw new Error(`expression '${src}': unsupported syntax at '${src.slice(i)}'`);
      }
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  parse(): Node {
    const n = this.or();
    if (this.pos < this.tokens.length) this.fail(`unexpected '${String(this.tokens[this.pos]!.value)}'`);
    return n;
  }

  private fail(msg: string): never {
    throw new Error(`expression '${this.src}': ${msg}`);
  }

  private peekOp(v: string): boolean {
    const t = this.tokens[this.pos];
    return t?.kind === 'op' && t.value === v;
  }

  private expectOp(v: string): void {
    if (!this.peekOp(v)) this.fail(`expected '${v}'`);
    this.pos++;
  }

  private or(): Node {
    let left = this.and();
    while (this.peekOp('||')) {
      this.pos++;
      left = { type: 'bin', op: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.equality();
    while (this.peekOp('&&')) {
      this.pos++;
      left = { type: 'bin', op: '&&', left, right: this.equality() };
    }
    return left;
  }

  private equality(): Node {
    let left = this.unary();
    while (this.peekOp('==') || this.peekOp('!=')) {
      const op = this.tokens[this.pos++]!.value as '==' | '!=';
      left = { type: 'bin', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.peekOp('!')) {
      this.pos++;
      return { type: 'not', operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      if (this.peekOp('.')) {
        this.pos++;
        const t = this.tokens[this.pos++];
        if (t?.kind !== 'ident') this.fail("expected a property name after '.'");
        node = { type: 'prop', object: node, name: t.value };
      } else if (this.peekOp('[')) {
        this.pos++;
        const index = this.or();
        this.expectOp(']');
        node = { type: 'index', object: node, index };
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const t = this.tokens[this.pos++];
    if (!t) this.fail('unexpected end');
    if (t.kind === 'str' || t.kind === 'num') return { type: 'lit', value: t.value };
    if (t.kind === 'op') {
      if (t.value !== '(') this.fail(`unexpected '${t.value}'`);
      const n = this.or();
      this.expectOp(')');
      return n;
    }
    const id = t.value;
    if (id === 'true' || id === 'false') return { type: 'lit', value: id === 'true' };
    if (id === 'null') return { type: 'lit', value: null };
    if (this.peekOp('(')) {
      this.pos++;
      const name = id.toLowerCase();
      if (!FUNCTIONS.includes(name)) this.fail(`unsupported function '${id}'`);
      const args: Node[] = [];
      if (!this.peekOp(')')) {
        args.push(this.or());
        while (this.peekOp(',')) {
          this.pos++;
          args.push(this.or());
        }
      }
      this.expectOp(')');
      return { type: 'call', name, args };
    }
    return { type: 'ctx', name: id };
  }
}

/** Parses an expression (without `${{ }}`); throws on syntax the evaluator does not handle. */
export function parseExpression(src: string): Node {
  return new Parser(tokenize(src), src).parse();
}

/** True when the expression calls success(), failure(), cancelled() or always() (then no implicit success() applies). */
export function usesStatusFunction(src: string): boolean {
  return callsStatusFunction(parseExpression(src));
}

function callsStatusFunction(node: Node): boolean {
  const walk = (n: Node): boolean => {
    switch (n.type) {
      case 'call':
        return STATUS_FUNCTIONS.includes(n.name) || n.args.some(walk);
      case 'prop':
        return walk(n.object);
      case 'index':
        return walk(n.object) || walk(n.index);
      case 'not':
        return walk(n.operand);
      case 'bin':
        return walk(n.left) || walk(n.right);
      default:
        return false;
    }
  };
  return walk(node);
}

/** GitHub's truthiness: false, 0, -0, '', null and NaN are falsy. */
export function truthy(v: ExprValue): boolean {
  if (v === null || v === false || v === '') return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return true;
}

function toNumber(v: ExprValue): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return 0;
    return /^[-+]?(0x[0-9a-f]+|[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?|Infinity)$/i.test(t) ? Number(t) : NaN;
  }
  return NaN;
}

/** GitHub's loose equality: same types compare directly (strings ignoring case, objects by identity); else as numbers. */
export function looseEquals(a: ExprValue, b: ExprValue): boolean {
  const ta = a === null ? 'null' : typeof a;
  const tb = b === null ? 'null' : typeof b;
  if (ta === tb) {
    if (typeof a === 'string') return a.toLowerCase() === (b as string).toLowerCase();
    return a === b;
  }
  if (ta === 'object' || tb === 'object') return false;
  return toNumber(a) === toNumber(b);
}

/** Converts a value to the string GitHub substitutes; an object or array throws (GitHub would give 'Object'/'Array'). */
export function toStr(v: ExprValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  throw new Error(`an ${Array.isArray(v) ? 'array' : 'object'} cannot be used as a string (${JSON.stringify(v)}); use toJSON()`);
}

function evalNode(n: Node, ctx: ExprContext): ExprValue {
  switch (n.type) {
    case 'lit':
      return n.value;
    case 'ctx': {
      // Context names are case-insensitive like property names.
      const hit = Object.keys(ctx.contexts).find((k) => k.toLowerCase() === n.name.toLowerCase());
      if (hit === undefined) throw new Error(`unknown context '${n.name}'`);
      return ctx.contexts[hit]!;
    }
    case 'prop':
    case 'index': {
      const obj = evalNode(n.object, ctx);
      const key = n.type === 'prop' ? n.name : evalNode(n.index, ctx);
      if (Array.isArray(obj)) return typeof key === 'number' ? (obj[key] ?? null) : null;
      if (obj === null || typeof obj !== 'object') return null;
      if (typeof key !== 'string') return null;
      // Property names are case-insensitive in GitHub expressions.
      const hit = Object.keys(obj).find((k) => k.toLowerCase() === key.toLowerCase());
      return hit === undefined ? null : obj[hit]!;
    }
    case 'not':
      return !truthy(evalNode(n.operand, ctx));
    case 'bin': {
      const left = evalNode(n.left, ctx);
      if (n.op === '&&') return truthy(left) ? evalNode(n.right, ctx) : left;
      if (n.op === '||') return truthy(left) ? left : evalNode(n.right, ctx);
      const eq = looseEquals(left, evalNode(n.right, ctx));
      return n.op === '==' ? eq : !eq;
    }
    case 'call':
      return callFunction(n.name, n.args, ctx);
  }
}

function arity(name: string, args: Node[], min: number, max: number): void {
  if (args.length < min || args.length > max) throw new Error(`${name}() takes ${min}..${max} arguments, got ${args.length}`);
}

function callFunction(name: string, args: Node[], ctx: ExprContext): ExprValue {
  const a = (): ExprValue[] => args.map((x) => evalNode(x, ctx));
  const status = (): StatusFunctions => {
    if (!ctx.status) throw new Error(`${name}() is not available here (only in if:)`);
    return ctx.status;
  };
  switch (name) {
    case 'success':
      arity(name, args, 0, 0);
      return status().success();
    case 'failure':
      arity(name, args, 0, 0);
      return status().failure();
    case 'cancelled':
      arity(name, args, 0, 0);
      return status().cancelled();
    case 'always':
      arity(name, args, 0, 0);
      status();
      return true;
    case 'fromjson': {
      arity(name, args, 1, 1);
      const [s] = a();
      if (typeof s !== 'string') throw new Error(`fromJSON() needs a string, got ${JSON.stringify(s)}`);
      try {
        return JSON.parse(s) as ExprValue;
      } catch (err) {
        throw new Error(`fromJSON('${s}'): ${(err as Error).message}`);
      }
    }
    case 'tojson':
      arity(name, args, 1, 1);
      return JSON.stringify(a()[0], null, 2);
    case 'format': {
      if (args.length < 1) throw new Error('format() needs a format string');
      const [fmt, ...rest] = a();
      if (typeof fmt !== 'string') throw new Error('format(): the first argument must be a string');
      return fmt.replace(/\{\{|\}\}|\{(\d+)\}|\{|\}/g, (m, i: string | undefined) => {
        if (m === '{{') return '{';
        if (m === '}}') return '}';
        if (i === undefined) throw new Error(`format('${fmt}'): invalid format string`);
        if (Number(i) >= rest.length) throw new Error(`format('${fmt}'): no argument {${i}}`);
        return toStr(rest[Number(i)]!);
      });
    }
    case 'contains': {
      arity(name, args, 2, 2);
      const [search, item] = a();
      if (Array.isArray(search)) return search.some((x) => looseEquals(x, item!));
      return toStr(search!).toLowerCase().includes(toStr(item!).toLowerCase());
    }
    case 'startswith': {
      arity(name, args, 2, 2);
      const [s, p] = a();
      return toStr(s!).toLowerCase().startsWith(toStr(p!).toLowerCase());
    }
    default:
      throw new Error(`unsupported function '${name}'`);
  }
}

/** Evaluates an expression (the text inside `${{ }}`, or a bare `if:` condition). */
export function evaluate(src: string, ctx: ExprContext): ExprValue {
  return evalNode(parseExpression(src), ctx);
}

const WHOLE = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;

/**
 * Evaluates a workflow value: a string that is one `${{ }}` gives the expression's value (arrays and objects too);
 * `${{ }}` embedded in text is replaced by each expression's string; other scalars are returned as they are.
 */
export function evaluateValue(value: unknown, ctx: ExprContext): ExprValue {
  if (typeof value !== 'string') {
    if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
    throw new Error(`cannot evaluate a ${typeof value} value: ${JSON.stringify(value)}`);
  }
  const whole = WHOLE.exec(value);
  if (whole && !whole[1]!.includes('}}')) return evaluate(whole[1]!, ctx);
  return interpolate(value, ctx);
}

/** Replaces every `${{ expr }}` in `text` by the expression's string value. */
export function interpolate(text: string, ctx: ExprContext): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = text.indexOf('${{', i);
    if (start < 0) return out + text.slice(i);
    const end = findClose(text, start + 3);
    out += text.slice(i, start) + toStr(evaluate(text.slice(start + 3, end), ctx));
    i = end + 2;
  }
}

/** Index of the `}}` closing an expression that starts at `from`, skipping string literals. */
function findClose(text: string, from: number): number {
  let inStr = false;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "'") inStr = !inStr;
    else if (!inStr && text.startsWith('}}', i)) return i;
  }
  throw new Error(`unterminated \${{ in '${text}'`);
}

/** An `if:` value: a bare condition or one wrapped in `${{ }}`; returns the expression text. */
export function conditionText(value: unknown): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new Error(`if: must be a string, got ${JSON.stringify(value)}`);
  const whole = WHOLE.exec(value);
  if (whole) return whole[1]!;
  if (value.includes('${{')) throw new Error(`if: '${value}' mixes text and \${{ }}`);
  return value;
}

/**
 * Evaluates an `if:` condition like the runner: without a status function the condition is `success() && (cond)`;
 * the result's truthiness decides.
 */
export function evaluateCondition(value: unknown, ctx: ExprContext): boolean {
  const cond = parseExpression(conditionText(value ?? 'success()'));
  const full: Node = callsStatusFunction(cond)
    ? cond
    : { type: 'bin', op: '&&', left: { type: 'call', name: 'success', args: [] }, right: cond };
  return truthy(evalNode(full, ctx));
}
