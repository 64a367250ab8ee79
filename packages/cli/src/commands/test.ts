// `eda-oci test`: runs a bundle's tests with runc, the same library call as actions/test-bundle-runc.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, createConsoleLogger } from '@eda-oci/exec';
import {
  MAX_TIMEOUT_SECONDS,
  describeFailure,
  parseTestSpec,
  runBundleTests,
  testFromRun,
  writeJUnitFile,
  type BundleTest,
} from '@eda-oci/oci';
import { EXIT, intOption, parseCommandLine, usageError, type Command } from '../args.js';

const HELP = `Usage: eda-oci test --bundle DIR (--tests FILE | --run CMD) [options]

Runs tests inside an OCI bundle with runc, each in its own container whose root is the bundle's rootfs, read-only;
the bundle is never modified. Refuses runc versions with known container-breakout CVEs (runc < 1.1.12,
CVE-2024-21626) unless --allow-vulnerable-runc.

Options:
  --bundle DIR              the bundle (config.json + rootfs/)  (required)
  --tests FILE              YAML list of tests: name, run (sh -c) or args (list), expect-exit (0),
                            expect-stdout / expect-stderr (regex), timeout-seconds
  --run CMD                 one test: CMD run with /bin/sh -c, expected to exit 0
  --timeout-seconds N       default per-test timeout (default 60)
  --runc PATH               runc program (default: runc in PATH)
  --root DIR                runc state directory (default: a private temporary one, removed afterwards)
  --junit-file F            also write a JUnit XML report to F
  --allow-vulnerable-runc   run even with a runc that has known breakout CVEs (warns)
  --json                    print the results as one JSON object on stdout: {passed, failed, total, report, tests}
  -v, --verbose             debug logging
  -h, --help                this help

Output: a table on stdout (test, status, seconds, detail of a failure), then passed=, failed=, total= and report=
(the JUnit file, '' without --junit-file).

Exit codes: 0 all tests passed, 1 a test failed (or an error), 2 usage error, 130 cancelled.`;

const OPTIONS = {
  bundle: { type: 'string' },
  tests: { type: 'string' },
  run: { type: 'string' },
  'timeout-seconds': { type: 'string' },
  runc: { type: 'string' },
  root: { type: 'string' },
  'junit-file': { type: 'string' },
  'allow-vulnerable-runc': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const testCommand: Command = {
  name: 'test',
  summary: 'run tests inside a bundle with runc (read-only, one container per test)',
  options: OPTIONS,
  help: HELP,
  async run(args, { out, signal }) {
    const v = parseCommandLine('test', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    if (!v.bundle) throw usageError('test', '--bundle is required');
    if ((v.tests === undefined) === (v.run === undefined)) {
      throw usageError('test', v.tests === undefined ? 'give --tests FILE or --run CMD' : 'give either --tests or --run, not both');
    }
    const defaults = { timeoutSeconds: intOption('test', 'timeout-seconds', v['timeout-seconds'], 1, MAX_TIMEOUT_SECONDS) ?? 60 };
    let tests: BundleTest[];
    if (v.tests !== undefined) {
      let text: string;
      try {
        text = await readFile(v.tests, 'utf8');
      } catch (err) {
        throw new ConfigurationError(
          `cannot read --tests file '${v.tests}': ${(err as NodeJS.ErrnoException).code}`,
          'give a readable YAML file',
        );
      }
      tests = parseTestSpec(text, v.tests, defaults);
    } else tests = [testFromRun(v.run!, defaults)];

    const logger = createConsoleLogger({ verbose: v.verbose });
    const result = await runBundleTests(
      {
        bundle: v.bundle,
        tests,
        runc: v.runc,
        root: v.root,
        allowVulnerableRunc: v['allow-vulnerable-runc'],
        hints: { allowVulnerable: '--allow-vulnerable-runc', runc: '--runc' },
        signal,
      },
      { logger },
    );
    const report = v['junit-file']
      ? await writeJUnitFile(v['junit-file'], {
          name: path.basename(result.bundle),
          results: result.results,
          timestamp: result.startedAt,
          properties: { bundle: result.bundle, runc: result.runc.version.version },
        })
      : '';
    if (v.json) {
      out.write(
        `${JSON.stringify({ passed: result.passed, failed: result.failed, total: result.total, report, tests: result.results })}\n`,
      );
    } else {
      const width = Math.max(4, ...result.results.map((r) => r.name.length));
      out.write(`${'TEST'.padEnd(width)}  STATUS  SECONDS  DETAIL\n`);
      for (const r of result.results) {
        const detail = describeFailure(r);
        out.write(`${r.name.padEnd(width)}  ${r.status.padEnd(6)}  ${(r.durationMs / 1000).toFixed(2).padStart(7)}  ${detail}\n`);
      }
      out.write(`passed=${result.passed}\nfailed=${result.failed}\ntotal=${result.total}\nreport=${report}\n`);
    }
    return result.failed === 0 ? EXIT.ok : EXIT.failed;
  },
};
