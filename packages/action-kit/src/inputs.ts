// Typed readers for action inputs (INPUT_* variables). Each bad value fails with one ConfigurationError line.
import * as core from '@actions/core';
import { ConfigurationError, parseYamlText } from '@eda-oci/exec';

/** A required input; empty or missing is a ConfigurationError naming the input. */
export function getRequired(name: string): string {
  const value = core.getInput(name).trim();
  if (!value) throw new ConfigurationError(`input '${name}' is required but was empty`, `set 'with: ${name}: ...' in the workflow step`);
  return value;
}

/** An optional input: undefined when empty. */
export function getOptional(name: string): string | undefined {
  const value = core.getInput(name).trim();
  return value === '' ? undefined : value;
}

/** One of a fixed set of values (case-sensitive, as documented in action.yml). */
export function getEnum<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = getOptional(name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigurationError(
      `input '${name}' is '${value}', which is not one of ${allowed.join(', ')}`,
      `use one of: ${allowed.join(' | ')}`,
    );
  }
  return value as T;
}

/** Strict boolean: only true/false (any case) are accepted, unlike YAML 1.1's yes/on/1. */
export function getBoolean(name: string, fallback: boolean): boolean {
  const value = getOptional(name);
  if (value === undefined) return fallback;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new ConfigurationError(`input '${name}' is '${value}', which is not a boolean`, `use true or false`);
}

/** A whole number within [min, max]. */
export function getInteger(name: string, fallback: number, min: number, max: number): number {
  const value = getOptional(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigurationError(
      `input '${name}' is '${value}', which is not a whole number from ${min} to ${max}`,
      `set a number in that range`,
    );
  }
  return Number(value);
}

/** A multiline list: one item per line, blank lines and surrounding spaces ignored, never shell-parsed. */
export function getList(name: string): string[] {
  return core
    .getInput(name)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** YAML (or JSON, a subset) parsed with the safe core schema; a syntax error names the line. */
export function getYaml(name: string): unknown {
  const value = getOptional(name);
  if (value === undefined) return undefined;
  return parseYamlText(value, `input '${name}'`);
}

/** An input exactly as given (no trimming: YAML blocks keep their indentation); undefined when blank. */
export function getRaw(name: string): string | undefined {
  const value = core.getInput(name, { trimWhitespace: false });
  return value.trim() === '' ? undefined : value;
}
