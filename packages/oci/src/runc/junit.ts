// JUnit XML report of a bundle test run (the format CI systems and test-report actions read).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { tempSuffix } from '../fs-util.js';
import type { TestResult } from './run-tests.js';

/** What the report describes besides the results. */
export interface JUnitSuite {
  /** Suite name, e.g. the bundle directory's name. */
  name: string;
  results: readonly TestResult[];
  /** When the run started. */
  timestamp: Date;
  /** Extra <property> entries (bundle path, runc version). */
  properties?: Record<string, string>;
}

/**
 * Escapes text for XML 1.0 content and attribute values. Characters XML 1.0 cannot carry at all (control characters
 * other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF; not even as &#x..; references) become a visible
 * `\xNN` / `\uNNNN` so the file stays well-formed and the information is kept.
 */
export function xmlEscape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1];
        i++;
        continue;
      }
    }
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (c === 0x09 || c === 0x0a || c === 0x0d) out += c === 0x0d ? '&#13;' : ch;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

const secs = (ms: number): string => (ms / 1000).toFixed(3);

/** Renders the JUnit XML document: one <testsuite>, one <testcase> per test with <failure>/<error> and outputs. */
export function junitXml(suite: JUnitSuite): string {
  const r = suite.results;
  const failures = r.filter((t) => t.status === 'failed').length;
  const errors = r.filter((t) => t.status === 'error').length;
  const time = secs(r.reduce((a, t) => a + t.durationMs, 0));
  const attrs = (o: Record<string, string | number>): string =>
    Object.entries(o)
      .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
      .join('');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'test-bundle-runc', tests: r.length, failures, errors, time })}>`,
    `  <testsuite${attrs({
      name: suite.name,
      tests: r.length,
      failures,
      errors,
      skipped: 0,
      time,
      timestamp: suite.timestamp.toISOString().replace(/\.\d+Z$/, ''),
      hostname: os.hostname(),
    })}>`,
  ];
  const props = Object.entries(suite.properties ?? {});
  if (props.length) {
    lines.push('    <properties>');
    for (const [name, value] of props) lines.push(`      <property${attrs({ name, value })}/>`);
    lines.push('    </properties>');
  }
  for (const t of r) {
    lines.push(`    <testcase${attrs({ name: t.name, classname: suite.name, time: secs(t.durationMs) })}>`);
    if (t.status !== 'passed') {
      const tag = t.status === 'error' ? 'error' : 'failure';
      const type = t.timedOut ? 'timeout' : t.status === 'error' ? 'runc' : t.signal ? 'signal' : 'assertion';
      lines.push(
        `      <${tag}${attrs({ message: t.reason, type })}>${xmlEscape(`expected: ${t.expected}\nactual: ${t.actual}`)}</${tag}>`,
      );
    }
    if (t.stdout) lines.push(`      <system-out>${xmlEscape(t.stdout)}</system-out>`);
    if (t.stderr) lines.push(`      <system-err>${xmlEscape(t.stderr)}</system-err>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** Writes the report atomically (temp file + rename), creating the parent directory; returns the absolute path. */
export async function writeJUnitFile(file: string, suite: JUnitSuite): Promise<string> {
  const abs = path.resolve(file);
  await mkdir(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.tmp-${tempSuffix()}`;
  await writeFile(tmp, junitXml(suite));
  await rename(tmp, abs);
  return abs;
}
