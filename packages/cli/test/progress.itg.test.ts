// Integration: the progress line of eda-oci build (extraction, forced through docker export) and eda-oci publish (files
// written), as the unprivileged user edaoci with the 200 MB Debian test image: under a real pseudo-terminal
// (util-linux script) the line is redrawn in place and ended with a newline; with stderr a pipe there is none.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, clusterEnv, isRoot, runAs, tempDirFor, type RunResult } from '../../../test/helpers/cluster.js';

const env = clusterEnv();
const USER = env.EDA_OCI_TEST_USER!;
const USER_ENV = { XDG_RUNTIME_DIR: env.EDA_OCI_TEST_XDG_RUNTIME_DIR! };
const IMAGE = env.EDA_OCI_IMG_DEBIAN!;

/**
 * Runs the CLI as USER under a pseudo-terminal: `script -qfec COMMAND /dev/null` (stdin, stdout and stderr are the
 * pty; script copies what the program writes to its own stdout and passes the exit code on). script takes one shell
 * command string, so only fixed test values of plain characters are put into it, each single-quoted.
 */
function cliOnTerminal(args: string[]): RunResult {
  const words = [process.execPath, CLI, ...args];
  for (const w of words) if (!/^[A-Za-z0-9_./:@=-]+$/.test(w)) throw new Error(`not a plain test value for a script command: ${w}`);
  return runAs(USER, 'script', ['-qfec', words.map((w) => `'${w}'`).join(' '), '/dev/null'], {
    ...USER_ENV,
    TERM: 'xterm',
    COLUMNS: '200',
  });
}

/** The progress lines a terminal saw: each redraw is `\r<text>\x1b[K`. */
function redraws(output: string, prefix: string): string[] {
  // eslint-disable-next-line no-control-regex -- ESC is what the terminal gets
  return [...output.matchAll(/\r([^\r\n\x1b]*)\x1b\[K/g)].map((m) => m[1]!).filter((t) => t.startsWith(prefix));
}

const buildArgs = (out: string, json: boolean): string[] => [
  'build',
  '--image',
  IMAGE,
  '--name',
  'deb',
  '--output-dir',
  out,
  '--docker-host',
  env.EDA_OCI_ROOTLESS_DOCKER_HOST!,
  '--pull',
  'never',
  '--extract',
  'export',
  ...(json ? ['--json'] : []),
];

describe.runIf(isRoot)('progress on a terminal only, as edaoci (needs root for runuser)', () => {
  let onTty: RunResult;
  let bundle = '';
  beforeAll(() => {
    const out = tempDirFor(USER);
    bundle = path.join(out, 'deb');
    onTty = cliOnTerminal(buildArgs(out, true));
  });

  it('build on a terminal: extraction progress redrawn in place (also with --json), ended with a newline', () => {
    expect(onTty.status, onTty.stdout).toBe(0);
    const lines = redraws(onTty.stdout, 'extract');
    const during = lines.filter((l) => l.startsWith('extracting from docker export: '));
    expect(during.length, onTty.stdout).toBeGreaterThanOrEqual(2);
    console.log(`build progress: ${during.length} redraw(s), e.g. '${during[0]}', then '${lines.at(-1)}'`);
    const counts = during.map((l) => Number(/: ([\d,]+) entries/.exec(l)![1]!.replaceAll(',', '')));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const final = lines.at(-1)!;
    expect(final).toMatch(/^extracted from docker export: [\d,]+ entries, [\d.]+ MiB$/);
    // The final line is ended (the pty turns \n into \r\n) before the next log line.
    expect(onTty.stdout).toContain(`\r${final}\x1b[K\r\n`);
    // No cache hit (the bundle was extracted), and stdout's JSON object is intact on its own line.
    const json = onTty.stdout.split('\r\n').find((l) => l.startsWith('{'));
    expect(JSON.parse(json!)).toMatchObject({ 'bundle-path': bundle, 'cache-hit': false });
  });

  it('build without a terminal (stderr a pipe): no progress, no carriage return', () => {
    const r = cli(buildArgs(tempDirFor(USER), false), { user: USER, env: USER_ENV });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('cache-hit=false');
    expect(r.stderr).not.toContain('\r');
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).not.toMatch(/extracting/);
  });

  it('publish on a terminal: files written of the total redrawn in place; without a terminal none', () => {
    const store = tempDirFor(USER);
    const r = cliOnTerminal(['publish', '--bundle', bundle, '--bundles-dir', store]);
    expect(r.status, r.stdout).toBe(0);
    const lines = redraws(r.stdout, 'writ');
    const final = lines.at(-1)!;
    const total = /^written: ([\d,]+) of \1 files \(100%\), 0 hard-linked, \1 copied \([\d.]+ MiB\)$/.exec(final);
    expect(total, final).not.toBeNull();
    const during = lines.filter((l) => l.startsWith('writing: '));
    expect(during.length, r.stdout).toBeGreaterThanOrEqual(1);
    for (const l of during) expect(l).toMatch(new RegExp(`^writing: [\\d,]+ of ${total![1]} files \\(\\d+%\\)`));
    expect(r.stdout).toContain(`\r${final}\x1b[K\r\n`);

    const plain = cli(['publish', '--bundle', bundle, '--bundles-dir', tempDirFor(USER)], { user: USER });
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('changed=true');
    expect(plain.stderr).not.toContain('\r');
    expect(plain.stderr).not.toMatch(/writing: /);
    // The two stores hold the same bundle.
    const digest = (text: string): string => /bundle-digest=(\S+)/.exec(text)?.[1] ?? '';
    expect(digest(r.stdout.replaceAll('\r', ''))).toBe(digest(plain.stdout));
    console.log(`publish progress: ${during.length} redraw(s) before '${final}'`);
  });
});
