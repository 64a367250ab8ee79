// JUnit XML report: counts, failure messages, outputs, and escaping that keeps any test output well-formed
// (checked with a strict XML parser: Python's expat, part of Debian's python3).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { junitXml, writeJUnitFile, xmlEscape, type TestResult } from '../src/index.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const result = (over: Partial<TestResult>): TestResult => ({
  name: 't',
  status: 'passed',
  exitCode: 0,
  signal: null,
  timedOut: false,
  durationMs: 40,
  stdout: '',
  stderr: '',
  expected: 'exit 0',
  actual: 'exit 0',
  reason: '',
  containerId: 'eda-oci-test-1-1',
  ...over,
});

/** Parses XML strictly and returns, per testcase, [name, failure/error tag, message, system-out, system-err]. */
function parseStrict(xml: string): unknown {
  const py = `
import sys, json, xml.dom.minidom as m
d = m.parseString(sys.stdin.buffer.read())
s = d.getElementsByTagName('testsuite')[0]
def text(n, tag):
    e = n.getElementsByTagName(tag)
    return e[0].firstChild.data if e and e[0].firstChild else None
out = {'suite': {k: s.getAttribute(k) for k in ('name','tests','failures','errors','skipped')}, 'cases': []}
for c in d.getElementsByTagName('testcase'):
    bad = c.getElementsByTagName('failure') or c.getElementsByTagName('error')
    out['cases'].append([c.getAttribute('name'), bad[0].tagName if bad else None, bad[0].getAttribute('message') if bad else None,
                         text(c, 'system-out'), text(c, 'system-err')])
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { input: xml }).toString());
}

describe('junitXml', () => {
  const nasty = 'a < b && c > "d" \'e\'\x1b[31mred\x00\x07\ttab\r\n\ud800lone \ud83d\ude00 emoji \ufffe end]]>';
  const suite = {
    name: 'tool',
    timestamp: new Date('2026-01-02T03:04:05.678Z'),
    properties: { bundle: '/b/tool', runc: '1.1.5+ds1' },
    results: [
      result({ name: 'ok <1>', stdout: 'hello\n' }),
      result({
        name: 'exit "3"',
        status: 'failed',
        exitCode: 1,
        reason: 'exit 1, expected exit 3',
        expected: 'exit 3',
        actual: 'exit 1',
        stderr: nasty,
      }),
      result({
        name: 'hang',
        status: 'failed',
        timedOut: true,
        exitCode: null,
        signal: 'SIGKILL',
        reason: 'timed out after 2 s',
        durationMs: 2100,
      }),
      result({ name: 'runc', status: 'error', exitCode: null, reason: 'runc could not run the test: exec: "/x": no such file' }),
    ],
  };

  it('is well-formed with counts, failures vs errors, messages and outputs', () => {
    const xml = junitXml(suite);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="test-bundle-runc" tests="4" failures="2" errors="1"'),
    ).toBe(true);
    expect(xml).toContain('timestamp="2026-01-02T03:04:05"');
    expect(xml).toContain('<property name="runc" value="1.1.5+ds1"/>');
    expect(xml).toContain('time="2.220"');
    expect(xml).toContain('type="timeout"');
    const parsed = parseStrict(xml) as { suite: Record<string, string>; cases: unknown[][] };
    expect(parsed.suite).toEqual({ name: 'tool', tests: '4', failures: '2', errors: '1', skipped: '0' });
    expect(parsed.cases[0]).toEqual(['ok <1>', null, null, 'hello\n', null]);
    expect(parsed.cases[1]!.slice(0, 3)).toEqual(['exit "3"', 'failure', 'exit 1, expected exit 3']);
    // Markup and quotes survive; control characters, lone surrogates and U+FFFE become visible escapes; CR is kept.
    expect(parsed.cases[1]![4]).toBe('a < b && c > "d" \'e\'\\x1b[31mred\\x00\\x07\ttab\r\n\\ud800lone \ud83d\ude00 emoji \\ufffe end]]>');
    expect(parsed.cases[2]!.slice(1, 3)).toEqual(['failure', 'timed out after 2 s']);
    expect(parsed.cases[3]!.slice(1, 3)).toEqual(['error', 'runc could not run the test: exec: "/x": no such file']);
  });

  it('xmlEscape leaves ordinary text alone', () => {
    expect(xmlEscape('tool 1.0 user=1000 cwd=/work\n')).toBe('tool 1.0 user=1000 cwd=/work\n');
  });

  it('writeJUnitFile creates the parent directory and writes atomically', async () => {
    const f = await writeJUnitFile(path.join(dir, 'reports/deep/junit.xml'), suite);
    expect(f).toBe(path.join(dir, 'reports/deep/junit.xml'));
    expect(readFileSync(f, 'utf8')).toBe(junitXml(suite));
  });
});
