// Catalog files: every kind of mistake gives one line naming file, line and field; valid files give entries; the
// examples validate; loadCatalog aggregates; smoke cells are partitions x modes x commands.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@eda-oci/exec';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CatalogError,
  loadCatalog,
  loadCatalogEntry,
  loadCatalogFile,
  parseCatalogText,
  smokeCells,
  type CatalogEntry,
} from '../src/index.js';

const F = 'bundles/tool.yml';
const GOOD = `image: registry.example.com:5000/cad/tool:1.0
platform: linux/amd64
description: Tool 1.0 for the digital flow
config:
  env: { LM_LICENSE_FILE: 27000@lic1 }
tests:
  - { name: version, run: tool --version, expect-stdout: '^tool 1' }
smoke:
  partitions: [debug, interactive]
  modes: [srun, sbatch]
  time-limit: '5'
  commands:
    - { name: hostname, run: hostname }
`;

/** The error line parseCatalogText throws for `text`. */
function errorOf(text: string, file = F): string {
  try {
    parseCatalogText(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    expect(err).toBeInstanceOf(ConfigurationError);
    const m = (err as Error).message;
    expect(m).not.toContain('\n');
    return m;
  }
  throw new Error('no error');
}

/** GOOD with `from` replaced by `to` (exactly once). */
function edit(from: string, to: string): string {
  expect(GOOD.split(from).length).toBe(2);
  return GOOD.replace(from, to);
}

describe('parseCatalogText: a valid file', () => {
  it('gives the entry with defaults and the raw config/tests', () => {
    const e = parseCatalogText(GOOD, F);
    expect(e).toEqual({
      name: 'tool',
      file: F,
      image: 'registry.example.com:5000/cad/tool:1.0',
      platform: 'linux/amd64',
      description: 'Tool 1.0 for the digital flow',
      config: { env: { LM_LICENSE_FILE: '27000@lic1' } },
      tests: [{ name: 'version', run: 'tool --version', 'expect-stdout': '^tool 1' }],
      smoke: {
        partitions: ['debug', 'interactive'],
        modes: ['srun', 'sbatch'],
        timeLimit: '5',
        commands: [{ name: 'hostname', run: 'hostname' }],
      },
    } satisfies CatalogEntry);
  });

  it('defaults modes to srun+sbatch and time-limit to 5; an unquoted number time limit is accepted', () => {
    const e = parseCatalogText('image: r.example.com/a:1\nsmoke:\n  partitions: [p]\n  commands: [{name: x, run: "true"}]\n', 'cat/a.yaml');
    expect([e.name, e.smoke.modes, e.smoke.timeLimit, e.config, e.tests]).toEqual(['a', ['srun', 'sbatch'], '5', undefined, undefined]);
    expect(parseCatalogText(edit("time-limit: '5'", 'time-limit: 30'), F).smoke.timeLimit).toBe('30');
  });

  it('YAML 1.2: yes/on stay strings, so a partition named on is a string', () => {
    expect(parseCatalogText(edit('[debug, interactive]', '[on, yes]'), F).smoke.partitions).toEqual(['on', 'yes']);
  });
});

describe('parseCatalogText: each kind of mistake is one line with file, line and field', () => {
  const cases: [string, string, string][] = [
    [
      'YAML syntax error',
      edit('  partitions: [debug, interactive]', '  partitions: [debug, interactive'),
      'bundles/tool.yml:10: YAML syntax error: ',
    ],
    [
      'duplicate key',
      edit("  time-limit: '5'", "  time-limit: '5'\n  time-limit: '6'"),
      "bundles/tool.yml:12: YAML syntax error: the key 'time-limit' appears twice in the same mapping",
    ],
    ['two documents', `${GOOD}---\nimage: x\n`, 'bundles/tool.yml:14: YAML syntax error: Source contains multiple documents'],
    ['unresolved alias', edit('hostname }', '*nothing }'), 'bundles/tool.yml:1: YAML syntax error: Unresolved alias'],
    ['empty file', '', 'bundles/tool.yml:1: the file is empty; a catalog file needs at least image: and smoke:'],
    ['comments only', '# nothing yet\n', 'bundles/tool.yml:1: the file is empty'],
    ['top level is a list', '- image: x\n', 'bundles/tool.yml:1: (top level): must be a mapping of keys (image, smoke, ...), got a list'],
    [
      'top level is a scalar',
      'just text\n',
      'bundles/tool.yml:1: (top level): must be a mapping of keys (image, smoke, ...), got a single value',
    ],
    [
      'unknown key with a suggestion',
      edit('platform:', 'platfrom:'),
      "bundles/tool.yml:2: platfrom: unknown key 'platfrom'; did you mean 'platform'? (allowed here: image, platform, description, config, tests, smoke)",
    ],
    [
      'unknown key without a close match',
      edit('description:', 'owner:'),
      "bundles/tool.yml:3: owner: unknown key 'owner'; allowed here: image, platform,",
    ],
    ['unknown key in smoke', edit('  modes:', '  mode:'), "bundles/tool.yml:10: smoke.mode: unknown key 'mode'; did you mean 'modes'?"],
    [
      'unknown key in a smoke command',
      edit('{ name: hostname, run: hostname }', '{ name: hostname, cmd: hostname }'),
      "bundles/tool.yml:13: smoke.commands[0].cmd: unknown key 'cmd'",
    ],
    [
      'missing image',
      edit('image: registry.example.com:5000/cad/tool:1.0\n', ''),
      "bundles/tool.yml:1: (top level): missing required key 'image'; add 'image:' (Image reference",
    ],
    ['missing smoke', GOOD.slice(0, GOOD.indexOf('smoke:')), "bundles/tool.yml:1: (top level): missing required key 'smoke'"],
    [
      'missing smoke.commands',
      edit('  commands:\n    - { name: hostname, run: hostname }\n', ''),
      "bundles/tool.yml:9: smoke: missing required key 'commands'",
    ],
    [
      'wrong type: image a list',
      edit('image: registry.example.com:5000/cad/tool:1.0', 'image: [a, b]'),
      'bundles/tool.yml:1: image: must be a string, got a list',
    ],
    [
      'wrong type: partitions a string',
      edit('[debug, interactive]', 'debug'),
      'bundles/tool.yml:9: smoke.partitions: must be a list, got the string "debug"',
    ],
    [
      'wrong type: a partition a number',
      edit('[debug, interactive]', '[debug, 7]'),
      'bundles/tool.yml:9: smoke.partitions[1]: must be a string, got the number 7',
    ],
    [
      'wrong type: run a boolean',
      edit('run: hostname', 'run: true'),
      'bundles/tool.yml:13: smoke.commands[0].run: must be a string, got boolean true',
    ],
    [
      'empty partitions',
      edit('[debug, interactive]', '[]'),
      'bundles/tool.yml:9: smoke.partitions: needs at least 1 item, got an empty list',
    ],
    [
      'empty commands',
      edit('  commands:\n    - { name: hostname, run: hostname }\n', '  commands: []\n'),
      'bundles/tool.yml:12: smoke.commands: needs at least 1 item',
    ],
    [
      'partition listed twice',
      edit('[debug, interactive]', '[debug, debug]'),
      'bundles/tool.yml:9: smoke.partitions[1]: the string "debug" is listed twice (also at [0]); remove the duplicate',
    ],
    [
      'bad image reference',
      edit('cad/tool:1.0', 'CAD/Tool:1.0'),
      "bundles/tool.yml:1: image: image 'registry.example.com:5000/CAD/Tool:1.0' has an invalid repository component 'CAD'",
    ],
    ['image with shell characters', edit('cad/tool:1.0', 'cad/tool:1.0;rm'), 'bundles/tool.yml:1: image: image '],
    [
      'image without tag or digest',
      edit('cad/tool:1.0', 'cad/tool'),
      "bundles/tool.yml:1: image: image 'registry.example.com:5000/cad/tool' has no tag or digest",
    ],
    [
      'image that is a local id',
      edit('registry.example.com:5000/cad/tool:1.0', `sha256:${'b'.repeat(64)}`),
      'is a local image id, which CI runners cannot pull',
    ],
    [
      'bad platform',
      edit('linux/amd64', 'amd64'),
      "bundles/tool.yml:2: platform: platform 'amd64' is not os/arch[/variant]; use e.g. linux/amd64",
    ],
    [
      'multi-line description',
      edit('description: Tool 1.0 for the digital flow', 'description: "a\\nb"'),
      'bundles/tool.yml:3: description: the string "a\\nb" does not match the pattern',
    ],
    [
      'bad partition',
      edit('[debug, interactive]', "[debug, 'de bug']"),
      "bundles/tool.yml:9: smoke.partitions[1]: partition 'de bug' is not valid; use a partition name as sinfo shows it",
    ],
    [
      'comma list as one partition',
      edit('[debug, interactive]', "['debug,interactive']"),
      "bundles/tool.yml:9: smoke.partitions[0]: partition 'debug,interactive' names several partitions; list each partition as its own item",
    ],
    [
      'bad mode',
      edit('[srun, sbatch]', '[srun, sbach]'),
      'bundles/tool.yml:10: smoke.modes[1]: the string "sbach" is not one of srun, sbatch; did you mean \'sbatch\'?',
    ],
    [
      'bad time-limit',
      edit("time-limit: '5'", "time-limit: '5 min'"),
      "bundles/tool.yml:11: smoke.time-limit: time limit '5 min' is not valid; use minutes (30)",
    ],
    [
      'bad command name',
      edit('name: hostname,', "name: 'host name',"),
      'bundles/tool.yml:13: smoke.commands[0].name: the string "host name" does not match the pattern ^[A-Za-z0-9._-]+$',
    ],
    ['empty command run', edit('run: hostname', "run: ''"), 'bundles/tool.yml:13: smoke.commands[0].run: must not be empty'],
    [
      'duplicate command names',
      edit(
        '    - { name: hostname, run: hostname }\n',
        '    - { name: hostname, run: hostname }\n    - { name: hostname, run: uname -a }\n',
      ),
      "bundles/tool.yml:14: smoke.commands[1].name: the command name 'hostname' is already used by smoke.commands[0]",
    ],
    [
      'bad config key',
      edit('  env: { LM_LICENSE_FILE: 27000@lic1 }', '  environment: { A: b }'),
      "bundles/tool.yml:5: config.environment: unknown key 'environment'; did you mean 'env'?",
    ],
    [
      'bad config env name',
      edit('  env: { LM_LICENSE_FILE: 27000@lic1 }', '  env:\n    OK: 1\n    1BAD: x'),
      "bundles/tool.yml:7: config.env has an invalid key '1BAD'; variable names are letters, digits and _",
    ],
    [
      'bad config cwd',
      edit('  env: { LM_LICENSE_FILE: 27000@lic1 }', '  cwd: work'),
      'bundles/tool.yml:5: config.cwd must be an absolute path inside the container, got "work"; e.g. cwd: /work',
    ],
    [
      'bad config mount',
      edit('  env: { LM_LICENSE_FILE: 27000@lic1 }', '  mounts:\n    - { destination: /t, source: /opt }\n    - { destination: tools }'),
      'bundles/tool.yml:7: config.mounts[1].destination must be an absolute path inside the container',
    ],
    [
      'bad test: unknown key',
      edit("expect-stdout: '^tool 1' }", "expect-stdout: '^tool 1', expect: 0 }"),
      "bundles/tool.yml:7: tests[0].expect: unknown key 'expect'; did you mean 'expect-exit'?",
    ],
    [
      'bad test: run and args',
      edit('run: tool --version,', 'run: tool --version, args: [tool],'),
      "bundles/tool.yml:7: tests: test 'version' must have exactly one of run (a shell command) or args (a list), it has both",
    ],
    [
      'bad test: regex',
      edit("'^tool 1'", "'^tool ('"),
      "bundles/tool.yml:7: tests: test 'version': expect-stdout is not a valid regular expression",
    ],
    [
      'bad test: exit code range',
      edit("expect-stdout: '^tool 1' }", 'expect-exit: 300 }'),
      "bundles/tool.yml:7: tests: test 'version': expect-exit is 300, which is not a whole number from 0 to 255",
    ],
    [
      'bad test: duplicate name',
      edit(
        "  - { name: version, run: tool --version, expect-stdout: '^tool 1' }",
        '  - { name: version, run: a }\n  - { name: version, run: b }',
      ),
      "bundles/tool.yml:8: tests: test name 'version' is used twice; give every test a unique name",
    ],
    ['bad test: no name', edit('name: version, ', ''), "bundles/tool.yml:7: tests[0]: missing required key 'name'"],
    [
      'empty tests list',
      edit("  - { name: version, run: tool --version, expect-stdout: '^tool 1' }\n", '').replace('tests:', 'tests: []'),
      'bundles/tool.yml:6: tests: needs at least 1 item, got an empty list',
    ],
  ];
  it.each(cases)('%s', (_what, text, expected) => {
    expect(errorOf(text)).toContain(expected);
    expect(errorOf(text).startsWith(expected.startsWith('bundles/') ? expected.slice(0, 20) : 'bundles/tool.yml:')).toBe(true);
  });

  it('the file name must be a bundle name and end in .yml/.yaml', () => {
    expect(errorOf(GOOD, 'bundles/-tool.yml')).toBe(
      "bundles/-tool.yml: file name: bundle name '-tool' is invalid: it starts with '-' (the file name is the bundle name); use letters, digits, ., _ and -, starting with a letter or digit (e.g. vcs-2024.06)",
    );
    expect(errorOf(GOOD, 'bundles/my tool.yml')).toContain("bundles/my tool.yml: file name: bundle name 'my tool' is invalid");
    expect(errorOf(GOOD, 'bundles/tool.json')).toBe(
      'bundles/tool.json: a catalog file name must end in .yml or .yaml; rename it to <bundle-name>.yml',
    );
  });

  it('NUL bytes are refused before parsing', () => {
    expect(errorOf(`${GOOD}\0`)).toContain('bundles/tool.yml: the file contains NUL bytes');
  });

  it('an alias bomb is refused, not expanded', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => `${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(errorOf(bomb)).toMatch(/^bundles\/tool\.yml:1: YAML syntax error: .*alias/i);
  });
});

describe('loadCatalog / loadCatalogFile', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'catalog-unit-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = (name: string, files: Record<string, string>): string => {
    const d = path.join(root, name);
    mkdirSync(d, { recursive: true });
    for (const [f, t] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
      writeFileSync(path.join(d, f), t);
    }
    return d;
  };

  it('loads *.yml and *.yaml directly in the directory, sorted by name; other files and subdirectories are ignored', async () => {
    const d = dir('ok', {
      'zeta.yml': GOOD,
      'alpha.yaml': GOOD,
      'README.md': '# catalog\n',
      'sub/nested.yml': 'not: [valid',
      'notes.txt': 'x',
    });
    mkdirSync(path.join(d, 'dir.yml'));
    symlinkSync('zeta.yml', path.join(d, 'link.yml'));
    const entries = await loadCatalog(d);
    expect(entries.map((e) => [e.name, path.relative(d, e.file)])).toEqual([
      ['alpha', 'alpha.yaml'],
      ['link', 'link.yml'],
      ['zeta', 'zeta.yml'],
    ]);
  });

  it('reports the first bad file and names the other bad ones, in one line', async () => {
    const d = dir('bad', { 'a.yml': GOOD, 'b.yml': edit('[srun, sbatch]', '[srun, batch]'), 'c.yml': '', 'd.yml': '- x\n' });
    const err = await loadCatalog(d).catch((e: Error) => e);
    expect(err).toBeInstanceOf(CatalogError);
    const m = (err as Error).message;
    expect(m).not.toContain('\n');
    expect(m).toBe(
      `${d}/b.yml:10: smoke.modes[1]: the string "batch" is not one of srun, sbatch; did you mean 'sbatch'? (2 more files with errors: ${d}/c.yml, ${d}/d.yml)`,
    );
  });

  it('tool.yml and tool.yaml both present is an error', async () => {
    const d = dir('twice', { 'tool.yml': GOOD, 'tool.yaml': GOOD });
    await expect(loadCatalog(d)).rejects.toThrow(
      `${d}/tool.yml: bundle 'tool' is also defined by ${d}/tool.yaml; keep one of tool.yaml and tool.yml`,
    );
  });

  it('loadCatalogEntry finds NAME.yml or NAME.yaml, refuses both and bad names', async () => {
    const d = dir('entry', { 'a.yaml': GOOD, 'b.yml': GOOD, 'c.yml': GOOD, 'c.yaml': GOOD });
    expect((await loadCatalogEntry(d, 'a')).file).toBe(`${d}/a.yaml`);
    expect((await loadCatalogEntry(d, 'b')).name).toBe('b');
    await expect(loadCatalogEntry(d, 'c')).rejects.toThrow(`${d}/c.yml: bundle 'c' is also defined by ${d}/c.yaml`);
    await expect(loadCatalogEntry(d, 'zz')).rejects.toThrow(
      `${d}/zz.yml: no catalog file for bundle 'zz' (neither zz.yml nor zz.yaml in ${d})`,
    );
    await expect(loadCatalogEntry(d, '../x')).rejects.toThrow("bundle name '../x' is invalid");
  });

  it('a missing directory or file is one actionable line', async () => {
    await expect(loadCatalog(path.join(root, 'nope'))).rejects.toThrow(
      `catalog directory '${root}/nope' does not exist; set the catalog directory`,
    );
    await expect(loadCatalogFile(path.join(root, 'nope.yml'))).rejects.toThrow(
      `${root}/nope.yml: no such catalog file; check the bundle name`,
    );
  });

  it('the examples in examples/catalog are valid', async () => {
    const examples = path.resolve(import.meta.dirname, '../../../examples/catalog');
    const entries = await loadCatalog(examples);
    expect(entries.map((e) => e.name)).toEqual(['klayout', 'openroad', 'vcs']);
    expect(entries.every((e) => e.image.startsWith('registry.example.com'))).toBe(true);
    expect(entries.find((e) => e.name === 'vcs')!.config).toMatchObject({ env: { LM_LICENSE_FILE: expect.stringContaining('27000@') } });
    expect(smokeCells(entries).length).toBe(2 * 2 * 1 + 1 * 1 * 1 + 2 * 2 * 2);
  });
});

describe('smokeCells', () => {
  it('is partitions x modes x commands per entry, ids bundle/partition/mode/command', () => {
    const a = parseCatalogText(
      edit('    - { name: hostname, run: hostname }\n', '    - { name: hostname, run: hostname }\n    - { name: ver, run: tool -v }\n'),
      'b/a.yml',
    );
    const b = parseCatalogText(
      'image: r.example.com/b:2\nsmoke:\n  partitions: [p1]\n  modes: [sbatch]\n  time-limit: 1:00\n  commands: [{name: x, run: "true"}]\n',
      'b/b.yml',
    );
    const cells = smokeCells([a, b]);
    expect(cells.map((c) => c.id)).toEqual([
      'a/debug/srun/hostname',
      'a/debug/srun/ver',
      'a/debug/sbatch/hostname',
      'a/debug/sbatch/ver',
      'a/interactive/srun/hostname',
      'a/interactive/srun/ver',
      'a/interactive/sbatch/hostname',
      'a/interactive/sbatch/ver',
      'b/p1/sbatch/x',
    ]);
    expect(cells[1]).toEqual({
      id: 'a/debug/srun/ver',
      bundle: 'a',
      partition: 'debug',
      mode: 'srun',
      command: 'ver',
      run: 'tool -v',
      timeLimit: '5',
    });
    // time-limit 1:00 unquoted is a string in YAML 1.2 (no sexagesimal numbers).
    expect(cells[8]!.timeLimit).toBe('1:00');
    expect(smokeCells([])).toEqual([]);
  });
});
