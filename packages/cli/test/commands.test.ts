// Unit tests over every eda-oci command: --help names every option, --json, the output and the exit codes and exits
// 0; an unknown option is a usage error (exit 2) of one line on stderr; `eda-oci --help` lists the commands.
import { describe, expect, it } from 'vitest';
import { runMain } from './helpers/run-main.js';
import { COMMANDS } from '../src/commands/index.js';

const run = runMain;

describe('eda-oci --help', () => {
  it('lists every command with its summary and documents the exit codes', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS)
      expect(r.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*\b0 +success[\s\S]*\b1 +failure[\s\S]*\b2 +usage error[\s\S]*\b130 +cancelled/);
    expect((await run(['help'])).code).toBe(0);
  });

  it('no command prints the help and exits 2; an unknown command exits 2 with one line', async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Usage: eda-oci <command>');
    const bad = await run(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("eda-oci: unknown command 'frobnicate'; run 'eda-oci --help' for the list\n");
  });
});

describe.each(COMMANDS.map((c) => [c.name, c] as const))('eda-oci %s', (name, command) => {
  it('--help exits 0 and names every option, --json, the output and the exit codes', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await run([name, flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(new RegExp(`^Usage: eda-oci ${name}\\b`));
      expect(r.stdout).toContain('--json');
      expect(r.stdout).toMatch(/^ +-h, --help +/m);
      expect(r.stdout).toMatch(/^Output: /m);
      expect(r.stdout).toMatch(/^Exit codes: 0 .*\b1 .*\b2 usage error/ms);
      expect(command.help, 'the Command carries its help text').toBeDefined();
      expect(r.stdout).toBe(`${command.help}\n`);
      expect(command.options, 'the Command carries its option spec').toBeDefined();
      for (const [opt, spec] of Object.entries(command.options ?? {})) {
        expect(r.stdout, `--help names --${opt}`).toMatch(new RegExp(`^ +${spec.short ? `-${spec.short}, ` : ''}--${opt}\\b`, 'm'));
      }
    }
  });

  it('an unknown option is a usage error: exit 2, one line on stderr naming it, nothing on stdout', async () => {
    const r = await run([name, '--json', '--no-such-option']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line + the final newline
    expect(r.stderr).toMatch(new RegExp(`^eda-oci ${name}: error: .*'--no-such-option'.*run 'eda-oci ${name} --help'\\n$`));
  });

  it('a stray positional argument is a usage error too', async () => {
    const r = await run([name, 'stray']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^eda-oci ${name}: error: .*'stray'.*\\n$`));
  });
});

describe('whole-number options: one check and one message in every command (intOption)', () => {
  it.each([
    [['test', '--bundle', '/b', '--run', 'true', '--timeout-seconds', '0'], 'timeout-seconds', '0', '1 to 86400'],
    [['test', '--bundle', '/b', '--run', 'true', '--timeout-seconds', '1e3'], 'timeout-seconds', '1e3', '1 to 86400'],
    [['publish', '--bundle', '/b', '--bundles-dir', '/s', '--keep', '0'], 'keep', '0', '1 to 10000'],
    [['gc', '--bundles-dir', '/s', '--grace-seconds', 'soon'], 'grace-seconds', 'soon', '0 to 1000000000'],
  ])('%j: usage error (exit 2) naming the option, its value and the range; nothing on stdout', async (argv, opt, value, range) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `eda-oci ${argv[0]}: error: --${opt} is '${value}', which is not a whole number from ${range}; run 'eda-oci ${argv[0]} --help'\n`,
    );
  });
});

describe('--json where no cluster is needed', () => {
  it('oci-conf --json is one JSON object with the text', async () => {
    const r = await run(['oci-conf', '--slurm-version', '22.05', '--json']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout) as Record<string, string>;
    expect(o['slurm-version']).toBe('22.05');
    expect(o['oci-conf']).toContain('RunTimeRun=');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});
