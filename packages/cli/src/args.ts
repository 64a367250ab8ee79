// Shared argv helpers for eda-oci commands: strict option parsing and usage errors (exit code 2).
import { parseArgs } from 'node:util';
import { ConfigurationError } from '@eda-oci/exec';

/** Exit codes: documented in `eda-oci --help`. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** What every command gets besides its arguments. */
export interface CommandContext {
  out: NodeJS.WritableStream;
  signal: AbortSignal;
}

/** One `eda-oci <name>` command: `run` returns the exit code; errors propagate to main's handler. */
export interface Command {
  name: string;
  summary: string;
  /** Its own options (besides --json and -h/--help), as run parses them; the CLI's unit test checks `help` names each. */
  options?: OptionSpec;
  /** The text `--help` prints: every option, the output, the exit codes. */
  help?: string;
  run(args: string[], ctx: CommandContext): Promise<number>;
}

/** A ConfigurationError that main maps to exit code 2 (usage error). */
export function usageError(command: string, message: string): ConfigurationError {
  const e = new ConfigurationError(message, `run 'eda-oci ${command} --help'`);
  (e as { usage?: boolean }).usage = true;
  return e;
}

/** True when `err` came from usageError. */
export function isUsageError(err: unknown): boolean {
  return err instanceof ConfigurationError && (err as { usage?: boolean }).usage === true;
}

/** Options as node:util parseArgs takes them. */
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** Strict parseArgs: unknown options and positionals are usage errors naming the command. */
export function parseOptions<T extends OptionSpec>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw usageError(command, (err as Error).message);
  }
}

/** Options every command has: `--json` and `-h/--help`. */
export const COMMON_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses a command's own options plus `--json` and `-h/--help`. With `--help` it prints `help` and returns undefined
 * (the command then exits 0).
 */
export function parseCommandLine<T extends OptionSpec>(
  command: string,
  args: string[],
  options: T,
  help: string,
  out: NodeJS.WritableStream,
) {
  const v = parseOptions(command, args, { ...options, ...COMMON_OPTIONS } as T & typeof COMMON_OPTIONS);
  if ((v as { help?: boolean }).help) {
    out.write(`${help}\n`);
    return undefined;
  }
  return v;
}

/** A whole-number option within [min, max]; undefined when not given. */
export function intOption(command: string, name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw usageError(command, `--${name} is '${value}', which is not a whole number from ${min} to ${max}`);
  return Number(value);
}

/** The bundles dir from the option or $EDA_OCI_BUNDLES_DIR. */
export function bundlesDirOption(command: string, value: string | undefined): string {
  const dir = value ?? process.env.EDA_OCI_BUNDLES_DIR;
  if (!dir) throw usageError(command, '--bundles-dir is required (or set EDA_OCI_BUNDLES_DIR)');
  return dir;
}
