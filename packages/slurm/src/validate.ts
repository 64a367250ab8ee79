// Strict grammars for what becomes Slurm arguments: partitions, job names, time limits, node counts, extra arguments
// (one per line, never shell-parsed), environment entries. Every failure is one ConfigurationError: what, value, fix.
import { ConfigurationError } from '@eda-oci/exec';

function bad(what: string, value: string, fix: string): ConfigurationError {
  return new ConfigurationError(`${what} '${value}' is not valid`, fix);
}

/** Partition name, or a comma-separated list of them (sbatch -p a,b). */
export function validatePartition(value: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(,[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/.test(value) || value.length > 200) {
    throw bad('partition', value, 'use a partition name from sinfo (letters, digits, _ . -), or several separated by commas');
  }
  return value;
}

/** Job name: letters, digits and . _ + - (Slurm allows more, but these survive every tool and file name). */
export function validateJobName(value: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$/.test(value)) {
    throw bad('job name', value, 'use letters, digits and . _ + - (at most 128), not starting with - or .');
  }
  return value;
}

/**
 * Slurm time limit: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes,
 * days-hours:minutes:seconds, or UNLIMITED/INFINITE.
 */
export function validateTimeLimit(value: string): string {
  const ok = /^(UNLIMITED|INFINITE)$/i.test(value) || /^\d+(:\d{1,2}){0,2}$/.test(value) || /^\d+-\d{1,2}(:\d{1,2}){0,2}$/.test(value);
  if (!ok) {
    throw bad('time limit', value, 'use minutes (30), MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED (as sbatch --time)');
  }
  return value;
}

/** Node count: N or MIN-MAX. */
export function validateNodes(value: string): string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value);
  if (!m || Number(m[1]) < 1 || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
    throw bad('node count', value, 'use a number of nodes (2) or a range (2-4)');
  }
  return value;
}

/** Options eda-oci sets itself; in extra-args they would conflict with it (or hang the run). */
const MANAGED: Record<string, string> = {
  container: 'bundle',
  parsable: '(always set)',
  wait: '(eda-oci waits itself)',
  W: '(eda-oci waits itself)',
  comment: '(eda-oci uses it to find the job again)',
  output: '(the output file is managed)',
  o: '(the output file is managed)',
  error: '(the output file is managed)',
  e: '(the output file is managed)',
  input: '(no input)',
  i: '(no input)',
  wrap: 'command',
  'job-name': 'job-name',
  J: 'job-name',
  partition: 'partition',
  p: 'partition',
  nodes: 'nodes',
  N: 'nodes',
  ntasks: 'ntasks',
  n: 'ntasks',
  time: 'time-limit',
  t: 'time-limit',
  export: 'env',
  array: '(one job per run)',
  a: '(one job per run)',
  hold: '(a held job never starts)',
  H: '(a held job never starts)',
  'test-only': '(nothing would run)',
  pty: '(no terminal)',
};

/**
 * Extra sbatch/srun arguments, one per line, passed as they are (never through a shell). Refuses lines that only make
 * sense to a shell (two words, quotes, ;, $(...), backticks, && or ||, redirections) and the options eda-oci sets.
 */
export function validateExtraArgs(args: readonly string[]): string[] {
  for (const a of args) {
    if (/[;`'"\\]|\$[({]|&&|\|\||^[<>|&]|[<>]$/.test(a)) {
      throw new ConfigurationError(
        `extra-args line '${a}' uses shell syntax, which is passed to Slurm literally and never interpreted`,
        'write plain arguments, one per line, without quotes, ;, $(...), backticks, && or redirections',
      );
    }
    if (/\s/.test(a)) {
      throw new ConfigurationError(
        `extra-args line '${a}' contains whitespace; extra-args are not shell-parsed`,
        'put one argument per line (e.g. --mem=4G, or -w and n3 on two lines)',
      );
    }
    const m = /^--?([A-Za-z][A-Za-z-]*)/.exec(a);
    if (m) {
      const long = a.startsWith('--');
      const name = long ? m[1]! : m[1]![0]!;
      const owner = MANAGED[name];
      if (owner !== undefined && (long || name.length === 1)) {
        throw new ConfigurationError(
          `extra-args line '${a}' sets an option eda-oci manages`,
          owner.startsWith('(') ? `remove it ${owner}` : `use the input '${owner}' instead`,
        );
      }
    }
  }
  return [...args];
}

/** Multiline KEY=value environment entries for the job; KEY is a shell-style name. */
export function parseEnvEntries(lines: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq) : line;
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new ConfigurationError(`env line '${line}' is not KEY=value`, 'write one KEY=value per line; KEY is letters, digits and _');
    }
    env[key] = line.slice(eq + 1);
  }
  return env;
}
