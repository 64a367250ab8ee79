// The JSON Schema interpreter: each keyword it implements, refusal of keywords it does not, and that the catalog
// schema agrees with the validators it stands next to (test keys, config overlay keys).
import { ConfigurationError } from '@eda-oci/exec';
import { TEST_KEYS, validateOverlay } from '@eda-oci/oci';
import { describe, expect, it } from 'vitest';
import { CATALOG_SCHEMA, closest, compileSchema, validateSchema, type SchemaNode } from '../src/index.js';

const even = (v: string): void => {
  if (Number(v) % 2 !== 0) throw new ConfigurationError(`'${v}' is odd`, 'use an even number');
};

function check(schema: SchemaNode, value: unknown) {
  return validateSchema(value, compileSchema(schema, { even }));
}

describe('compileSchema', () => {
  it('refuses keywords, types and formats the interpreter does not implement', () => {
    expect(() => compileSchema({ oneOf: [] }, {})).toThrow("schema # uses the keyword 'oneOf'");
    expect(() => compileSchema({ properties: { a: { $ref: '#/x' } } }, {})).toThrow("schema #.properties.a uses the keyword '$ref'");
    expect(() => compileSchema({ type: 'map' }, {})).toThrow("unknown type 'map'");
    expect(() => compileSchema({ type: 'string', format: 'email' }, {})).toThrow("no checker for format 'email'");
    expect(() => compileSchema({ items: { pattern: '(' } }, {})).toThrow();
  });

  it('accepts annotations (description, default, title, $schema, $id, examples, $comment)', () => {
    expect(() =>
      compileSchema({ $schema: 'x', $id: 'y', title: 't', description: 'd', default: 1, examples: [1], $comment: 'c' }, {}),
    ).not.toThrow();
  });

  it('compiles the catalog schema (every keyword and format it uses is implemented)', () => {
    expect(() =>
      compileSchema(CATALOG_SCHEMA, {
        'image-reference': () => {},
        platform: () => {},
        'slurm-partition': () => {},
        'slurm-time-limit': () => {},
      }),
    ).not.toThrow();
    expect(() => compileSchema(CATALOG_SCHEMA, {})).toThrow(/no checker for format/);
  });
});

describe('validateSchema keywords', () => {
  it('type (single and several), with the path and a description hint', () => {
    expect(check({ type: 'string', description: 'a name' }, 3)).toEqual({
      path: [],
      at: 'value',
      keyword: 'type',
      message: 'must be a string, got the number 3',
      hint: 'a name',
    });
    expect(check({ type: ['string', 'integer'] }, 1.5)?.message).toBe('must be a string or a whole number, got the number 1.5');
    expect(check({ type: 'object' }, [])?.message).toBe('must be a mapping, got a list');
    expect(check({ type: 'array' }, null)?.message).toBe('must be a list, got nothing');
    expect(check({ type: 'boolean' }, 'true')?.message).toBe('must be true or false, got the string "true"');
    expect(check({ type: 'integer' }, 2)).toBeUndefined();
  });

  it('enum with a did-you-mean hint', () => {
    expect(check({ enum: ['srun', 'sbatch'] }, 'srn')).toMatchObject({ keyword: 'enum', hint: "did you mean 'srun'?" });
    expect(check({ enum: ['srun', 'sbatch'] }, 'xyzzy')?.hint).toBe('use one of srun, sbatch');
    expect(check({ enum: ['srun'] }, 'srun')).toBeUndefined();
  });

  it('minLength, maxLength (characters, not bytes), pattern', () => {
    expect(check({ minLength: 1 }, '')?.message).toBe('must not be empty');
    expect(check({ minLength: 3 }, 'ab')?.message).toBe('is shorter than 3 characters');
    expect(check({ maxLength: 2 }, 'abc')?.message).toBe('is longer than 2 characters');
    expect(check({ maxLength: 2 }, 'éé')).toBeUndefined();
    expect(check({ pattern: '^[a-z]+$' }, 'a b')?.message).toBe('the string "a b" does not match the pattern ^[a-z]+$');
    expect(check({ minLength: 1 }, 5)).toBeUndefined(); // string keywords ignore other types (type says what is allowed)
  });

  it('format runs the checker; its ConfigurationError gives message and hint', () => {
    expect(check({ format: 'even' }, '3')).toMatchObject({ keyword: 'format', message: "'3' is odd", hint: 'use an even number' });
    expect(check({ format: 'even' }, 4)).toBeUndefined();
  });

  it('minItems, maxItems, items (with index paths), uniqueItems (path of the repeat)', () => {
    expect(check({ minItems: 1 }, [])?.message).toBe('needs at least 1 item, got an empty list');
    expect(check({ minItems: 2 }, [1])?.message).toBe('needs at least 2 items, got 1');
    expect(check({ maxItems: 1 }, [1, 2])?.message).toBe('has 2 items, at most 1 are allowed');
    expect(check({ items: { type: 'string' } }, ['a', 1])).toMatchObject({ path: [1], message: 'must be a string, got the number 1' });
    expect(check({ uniqueItems: true }, ['a', 'b', 'a'])).toMatchObject({
      path: [2],
      message: 'the string "a" is listed twice (also at [0])',
    });
    expect(check({ uniqueItems: true }, [{ a: 1 }, { a: 2 }])).toBeUndefined();
  });

  it('required, properties, additionalProperties false (unknown key at the key) and as a schema', () => {
    const s: SchemaNode = {
      type: 'object',
      required: ['image'],
      additionalProperties: false,
      properties: { image: { type: 'string', description: 'the image' }, smoke: { type: 'object' } },
    };
    expect(check(s, {})).toMatchObject({
      path: [],
      keyword: 'required',
      message: "missing required key 'image'",
      hint: "add 'image:' (the image)",
    });
    expect(check(s, { imgae: 'x' })).toMatchObject({
      path: ['imgae'],
      at: 'key',
      message: "unknown key 'imgae'",
      hint: "did you mean 'image'? (allowed here: image, smoke)",
    });
    expect(check(s, { image: 'x', smoke: [] })).toMatchObject({ path: ['smoke'], message: 'must be a mapping, got a list' });
    expect(check({ additionalProperties: { type: 'string' } }, { a: 'x', b: 2 })).toMatchObject({ path: ['b'] });
    expect(check(s, { image: 'x' })).toBeUndefined();
  });

  it('nested paths', () => {
    const s: SchemaNode = { properties: { smoke: { properties: { commands: { items: { required: ['run'] } } } } } };
    expect(check(s, { smoke: { commands: [{ run: 'a' }, {}] } })).toMatchObject({
      path: ['smoke', 'commands', 1],
      message: "missing required key 'run'",
    });
  });
});

describe('closest', () => {
  it('suggests typos and extensions, not unrelated words', () => {
    expect(closest('imgae', ['image', 'smoke'])).toBe('image');
    expect(closest('Image', ['image', 'smoke'])).toBe('image');
    expect(closest('mode', ['modes', 'partitions'])).toBe('modes');
    expect(closest('expect', ['name', 'expect-stdout', 'expect-exit'])).toBe('expect-exit');
    expect(closest('owner', ['image', 'smoke', 'config'])).toBeUndefined();
  });
});

describe('the catalog schema matches the validators it sits next to', () => {
  const props = (CATALOG_SCHEMA as { properties: Record<string, SchemaNode> }).properties;

  it('test item keys are exactly oci TEST_KEYS', () => {
    expect(Object.keys(props.tests!.items!.properties!).sort()).toEqual([...TEST_KEYS].sort());
  });

  it('config keys are exactly what validateOverlay accepts', () => {
    const samples: Record<string, unknown> = {
      env: { A: 'b' },
      cwd: '/w',
      args: ['a'],
      hostname: 'h',
      mounts: [{ destination: '/t' }],
      annotations: { a: 'b' },
    };
    expect(Object.keys(props.config!.properties!).sort()).toEqual(Object.keys(samples).sort());
    for (const [k, v] of Object.entries(samples)) expect(() => validateOverlay({ [k]: v })).not.toThrow();
    expect(() => validateOverlay({ extra: 1 })).toThrow("config has an unknown key 'extra'");
  });

  it('defaults in the schema are the defaults the parser applies', () => {
    const smoke = props.smoke!.properties!;
    expect(smoke.modes!.default).toEqual(['srun', 'sbatch']);
    expect(smoke['time-limit']!.default).toBe('5');
  });
});
