// The one YAML reader for text users write (action inputs, test specs, config overlays): the core schema, and a syntax
// error as one ConfigurationError naming where the text came from and the line.
import * as yaml from 'js-yaml';
import { ConfigurationError } from './errors.js';

/** Parses YAML text with the core schema; a syntax error is a ConfigurationError naming `where` and the line. */
export function parseYamlText(text: string, where: string, hint = 'fix the YAML syntax'): unknown {
  try {
    return yaml.load(text, { schema: yaml.CORE_SCHEMA });
  } catch (err) {
    const e = err as { mark?: { line: number }; reason?: string; message: string };
    const line = e.mark ? ` at line ${e.mark.line + 1}` : '';
    throw new ConfigurationError(`${where} is not valid YAML${line}: ${e.reason ?? e.message}`, hint);
  }
}
