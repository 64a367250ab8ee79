// Unit tests of the local runner's expression evaluator: GitHub's operators, coercions and functions, the forms the
// workflows use, and the throws for everything the evaluator does not handle.
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  evaluateCondition,
  evaluateValue,
  interpolate,
  looseEquals,
  truthy,
  usesStatusFunction,
  type ExprContext,
} from './expressions.js';

const ctx: ExprContext = {
  contexts: {
    inputs: { 'runner-labels': '["self-hosted","eda-oci"]', 'bundles-dir': '/shared/bundles', keep: 5, 'staging-dir': '' },
    github: {
      event_name: 'pull_request',
      repository: 'org/site',
      run_id: '77',
      event: { pull_request: { number: 12, head: { repo: { full_name: 'Org/Site' } } } },
    },
    matrix: { smoke: { id: 'a/debug/srun/x', 'time-limit': '2' } },
    needs: { plan: { result: 'success', outputs: { count: '0', bundles: '[{"name":"a"}]' } } },
    strategy: { 'job-index': 3 },
  },
  status: { success: () => true, failure: () => false, cancelled: () => false },
};
const ev = (s: string) => evaluate(s, ctx);

describe('expression evaluator', () => {
  it('literals', () => {
    expect(ev("'it''s'")).toBe("it's");
    expect(ev('42')).toBe(42);
    expect(ev('-1.5')).toBe(-1.5);
    expect(ev('0xff')).toBe(255);
    expect(ev('true')).toBe(true);
    expect(ev('false')).toBe(false);
    expect(ev('null')).toBe(null);
  });

  it('property access with dashes, case-insensitive names, index access, missing properties are null', () => {
    expect(ev('inputs.runner-labels')).toBe('["self-hosted","eda-oci"]');
    expect(ev('matrix.smoke.time-limit')).toBe('2');
    expect(ev('MATRIX.Smoke.ID')).toBe('a/debug/srun/x');
    expect(ev("matrix['smoke']['id']")).toBe('a/debug/srun/x');
    expect(ev('fromJSON(inputs.runner-labels)[1]')).toBe('eda-oci');
    expect(ev('strategy.job-index')).toBe(3);
    expect(ev('needs.build.outputs.x')).toBe(null);
    expect(ev('github.event.pull_request.number')).toBe(12);
  });

  it('== and != are loose, strings compare ignoring case, types coerce to numbers', () => {
    expect(ev('github.event.pull_request.head.repo.full_name == github.repository')).toBe(true);
    expect(ev("'abc' == 'ABC'")).toBe(true);
    expect(ev("needs.plan.outputs.count != '0'")).toBe(false);
    expect(ev('needs.plan.outputs.count == 0')).toBe(true);
    expect(ev("'' == null")).toBe(true); // both 0 as numbers
    expect(ev("needs.nothing.outputs.x != ''")).toBe(false);
    expect(ev("'1' == true")).toBe(true);
    expect(ev("'abc' == 0")).toBe(false); // NaN
    expect(ev("fromJSON('[]') == fromJSON('[]')")).toBe(false); // objects by identity
    expect(looseEquals(NaN, NaN)).toBe(false);
  });

  it('&& and || return operand values; ! and parentheses', () => {
    expect(ev("github.event_name == 'pull_request' && 'staging' || 'prod'")).toBe('staging');
    expect(ev("github.event_name == 'push' && 'staging' || 'prod'")).toBe('prod');
    expect(ev("inputs.staging-dir || 'default'")).toBe('default');
    expect(ev('inputs.keep && inputs.bundles-dir')).toBe('/shared/bundles');
    expect(ev("!(github.event_name == 'push')")).toBe(true);
    expect(ev('!inputs.staging-dir')).toBe(true);
    expect(ev("false || 0 || ''")).toBe('');
    expect([0, '', null, false, NaN].some(truthy)).toBe(false);
    expect(['0', 'false', [], {}, -1].every(truthy)).toBe(true);
  });

  it('functions: fromJSON, toJSON, format, contains, startsWith', () => {
    expect(ev('fromJSON(\'{"a":[1,2]}\')')).toEqual({ a: [1, 2] });
    expect(ev("toJSON(fromJSON('[1]'))")).toBe('[\n  1\n]');
    expect(ev("format('{0}/pr-{1} {{x}}', inputs.bundles-dir, github.event.pull_request.number)")).toBe('/shared/bundles/pr-12 {x}');
    expect(ev('contains(fromJSON(\'["Debug","x"]\'), \'debug\')')).toBe(true);
    expect(ev("contains('Hello world', 'WORLD')")).toBe(true);
    expect(ev("contains(fromJSON('[1]'), '2')")).toBe(false);
    expect(ev("startsWith(github.event_name, 'PULL_')")).toBe(true);
    expect(ev("FromJson('[]')")).toEqual([]);
  });

  it('whole values keep their type; embedded ${{ }} become strings', () => {
    expect(evaluateValue('${{ fromJSON(inputs.runner-labels) }}', ctx)).toEqual(['self-hosted', 'eda-oci']);
    expect(evaluateValue('${{ inputs.keep }}', ctx)).toBe(5);
    expect(evaluateValue('smoke ${{ matrix.smoke.id }}', ctx)).toBe('smoke a/debug/srun/x');
    expect(evaluateValue('${{ inputs.bundles-dir }}/${{ matrix.smoke.id }}', ctx)).toBe('/shared/bundles/a/debug/srun/x');
    expect(evaluateValue("${{ format('}}{0}', 'x') }}", ctx)).toBe('}x');
    expect(evaluateValue(true, ctx)).toBe(true);
    expect(interpolate('no expression', ctx)).toBe('no expression');
    expect(() => interpolate('x ${{ fromJSON(inputs.runner-labels) }}', ctx)).toThrow(/array cannot be used as a string/);
  });

  it('conditions: implicit success() unless a status function is called', () => {
    const failed: ExprContext = { ...ctx, status: { success: () => false, failure: () => true, cancelled: () => false } };
    expect(evaluateCondition("github.event_name == 'pull_request'", ctx)).toBe(true);
    expect(evaluateCondition("github.event_name == 'pull_request'", failed)).toBe(false);
    expect(evaluateCondition("${{ !cancelled() && github.event_name == 'pull_request' }}", failed)).toBe(true);
    expect(evaluateCondition('always()', failed)).toBe(true);
    expect(evaluateCondition('failure()', failed)).toBe(true);
    expect(evaluateCondition(undefined, failed)).toBe(false);
    expect(evaluateCondition(undefined, ctx)).toBe(true);
    expect(evaluateCondition('inputs.staging-dir', ctx)).toBe(false);
    expect(usesStatusFunction("contains('a', 'b') && success()")).toBe(true);
    expect(usesStatusFunction("contains('success()', 'b')")).toBe(false);
  });

  it.each([
    ['an unknown function', "endsWith('a', 'b')", /unsupported function 'endsWith'/],
    ['hashFiles', "hashFiles('**/x')", /unsupported function 'hashFiles'/],
    ['an unknown context', 'secrets.TOKEN', /unknown context 'secrets'/],
    ['vars', 'vars.X', /unknown context 'vars'/],
    ['a comparison operator', 'inputs.keep > 3', /unsupported syntax at '> 3'/],
    ['the object filter', 'github.*.x', /unsupported syntax at '\*\.x'/],
    ['an unterminated string', "'abc", /unterminated string/],
    ['a missing parenthesis', "format('{0}', 'a'", /expected '\)'/],
    ['a trailing token', "'a' 'b'", /unexpected 'b'/],
    ['wrong arity', "startsWith('a')", /takes 2..2 arguments/],
    ['fromJSON of bad JSON', "fromJSON('[1,')", /fromJSON\('\[1,'\)/],
    ['fromJSON of a non-string', 'fromJSON(1)', /needs a string/],
    ['format with a missing argument', "format('{1}', 'a')", /no argument \{1\}/],
    ['format with a lone brace', "format('{a}', 'a')", /invalid format string/],
  ])('throws on %s', (_what, src, re) => {
    expect(() => ev(src)).toThrow(re);
  });

  it('throws on status functions outside if:, mixed if: text and unterminated ${{', () => {
    expect(() => evaluate('success()', { contexts: {} })).toThrow(/only in if:/);
    expect(() => evaluateCondition("x ${{ 'a' }}", ctx)).toThrow(/mixes text/);
    expect(() => interpolate('a ${{ inputs.keep', ctx)).toThrow(/unterminated/);
  });
});
