// `eda-oci rollback`: make an earlier published version current again (the same atomic swap as publish).
import { createConsoleLogger } from '@eda-oci/exec';
import { rollbackStore } from '@eda-oci/store';
import { bundlesDirOption, EXIT, intOption, parseCommandLine, usageError, type Command } from '../args.js';

const HELP = `Usage: eda-oci rollback --bundles-dir DIR --name NAME [--to VERSION] [options]

Switches BUNDLES-DIR/NAME back to the version the current one replaced (or to VERSION), after checking that
version is intact. Running a second time switches forward again.

Options:
  --bundles-dir DIR            the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME                  the bundle name  (required)
  --to VERSION                 the version to make current (see eda-oci list; default: the previous one)
  --lock-timeout-seconds N     give up waiting for a publisher after N s (default 600)
  --json                       one JSON object on stdout: {path, from, to, changed, ...}
  -v, --verbose                debug logging
  -h, --help                   this help

Output: key=value lines on stdout: path, from (the version that was current), to (the version now current),
changed (false when it already was current).

Exit codes: 0 rolled back (or already current), 1 failed (nothing to roll back to, version damaged or missing;
nothing was switched), 2 usage error, 130 cancelled.`;

const OPTIONS = {
  'bundles-dir': { type: 'string' },
  name: { type: 'string' },
  to: { type: 'string' },
  'lock-timeout-seconds': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const rollbackCommand: Command = {
  name: 'rollback',
  summary: 'make the previous (or a given) version current again',
  options: OPTIONS,
  help: HELP,
  async run(args, { out }) {
    const v = parseCommandLine('rollback', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    if (!v.name) throw usageError('rollback', '--name is required');
    const logger = createConsoleLogger({ verbose: v.verbose });
    const r = await rollbackStore(
      {
        bundlesDir: bundlesDirOption('rollback', v['bundles-dir']),
        name: v.name,
        to: v.to,
        lockTimeoutSeconds: intOption('rollback', 'lock-timeout-seconds', v['lock-timeout-seconds'], 0, 86_400),
      },
      { logger },
    );
    if (v.json) out.write(`${JSON.stringify(r)}\n`);
    else out.write(`path=${r.path}\nfrom=${r.from ?? ''}\nto=${r.to}\nchanged=${r.changed}\n`);
    return EXIT.ok;
  },
};
