// `eda-oci publish`: a built bundle -> a new version in the shared bundles dir, the same library call as
// actions/publish-oci-bundle.
import { createConsoleLogger } from '@eda-oci/exec';
import { publishBundle } from '@eda-oci/store';
import { bundlesDirOption, EXIT, intOption, parseCommandLine, usageError, type Command } from '../args.js';
import { ProgressLine, publishText, withProgress } from '../progress.js';

const HELP = `Usage: eda-oci publish --bundle DIR --bundles-dir DIR [options]

Publishes a built bundle as a new immutable version under BUNDLES-DIR/.eda-oci/NAME/ and switches the symlink
BUNDLES-DIR/NAME to it atomically (rename(2)). Unchanged files are hard links to the current version; an unchanged
bundle writes nothing. The bundle must be exactly what was built (its bundle.lock.json and bundle.files).

Options:
  --bundle DIR                 the built bundle (build-oci-bundle's bundle-path)  (required)
  --bundles-dir DIR            the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME                  published name (default: the bundle's name)
  --keep N                     versions kept by retention after publishing (default 5)
  --grace-seconds N            retention keeps versions replaced less than N s ago (default 3600)
  --lock-timeout-seconds N     give up waiting for another publisher after N s (default 600)
  --shared true|false          readable by every user, writable by none but the owner (default true)
  --expected-digest D          refuse unless the bundle digest is D (build's bundle-digest output)
  --dry-run                    verify and report what would be written; write nothing
  --json                       print the outputs as one JSON object on stdout
  -v, --verbose                debug logging
  -h, --help                   this help

Output: key=value lines on stdout: path, version, version-path, previous-version, changed, bytes-written,
files-linked, files-copied, bundle-digest (with --json one object with these keys and dry-run, deleted, warnings,
timings-ms). Log lines go to stderr; on a terminal (stderr a TTY) also one updating progress line while the new
version's files are hard-linked or copied (also with --json: stdout keeps only the JSON object).

Exit codes: 0 published (or unchanged: changed=false), 1 the publish failed (nothing was switched), 2 usage error,
130 cancelled (SIGINT/SIGTERM; nothing switched, the staging directory removed).`;

const OPTIONS = {
  bundle: { type: 'string' },
  'bundles-dir': { type: 'string' },
  name: { type: 'string' },
  keep: { type: 'string' },
  'grace-seconds': { type: 'string' },
  'lock-timeout-seconds': { type: 'string' },
  shared: { type: 'string' },
  'expected-digest': { type: 'string' },
  'dry-run': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const publishCommand: Command = {
  name: 'publish',
  summary: 'bundle -> new version in the shared bundles dir, switched atomically',
  options: OPTIONS,
  help: HELP,
  async run(args, { out, signal }) {
    const v = parseCommandLine('publish', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    if (!v.bundle) throw usageError('publish', '--bundle is required');
    if (v.shared !== undefined && v.shared !== 'true' && v.shared !== 'false')
      throw usageError('publish', `--shared is '${v.shared}', which is not true or false`);
    const progress = new ProgressLine(process.stderr);
    const logger = withProgress(createConsoleLogger({ verbose: v.verbose }), progress);
    const r = await publishBundle(
      {
        bundle: v.bundle,
        bundlesDir: bundlesDirOption('publish', v['bundles-dir']),
        name: v.name,
        keep: intOption('publish', 'keep', v.keep, 1, 10_000),
        graceSeconds: intOption('publish', 'grace-seconds', v['grace-seconds'], 0, 10 ** 9),
        lockTimeoutSeconds: intOption('publish', 'lock-timeout-seconds', v['lock-timeout-seconds'], 0, 86_400),
        shared: v.shared === undefined ? undefined : v.shared === 'true',
        expectedDigest: v['expected-digest'],
        dryRun: v['dry-run'],
        signal,
        onProgress: (p) => (p.done ? progress.done(publishText(p)) : progress.update(publishText(p))),
      },
      { logger },
    ).finally(() => progress.done());
    const outputs = {
      path: r.path,
      version: r.version,
      'version-path': r.versionPath,
      'previous-version': r.previousVersion,
      changed: r.changed,
      'bytes-written': r.bytesWritten,
      'files-linked': r.filesLinked,
      'files-copied': r.filesCopied,
      'bundle-digest': r.bundleDigest,
    };
    if (v.json)
      out.write(
        `${JSON.stringify({ ...outputs, 'dry-run': r.dryRun, deleted: r.retention?.deleted ?? [], warnings: r.warnings, 'timings-ms': r.timingsMs })}\n`,
      );
    else for (const [k, val] of Object.entries(outputs)) out.write(`${k}=${String(val)}\n`);
    return EXIT.ok;
  },
};
