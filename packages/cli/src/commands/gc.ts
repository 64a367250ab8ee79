// `eda-oci gc`: delete published versions beyond --keep, never current, previous, recent or in use by Slurm jobs.
import { createConsoleLogger } from '@eda-oci/exec';
import { gcStore } from '@eda-oci/store';
import { bundlesDirOption, EXIT, intOption, parseCommandLine, type Command } from '../args.js';

const HELP = `Usage: eda-oci gc --bundles-dir DIR [--name NAME] [options]

Deletes versions beyond the newest KEEP of each name. Never deleted: the current version, the previous one (the
rollback target), versions replaced less than GRACE seconds ago, and versions a queued or running Slurm job uses
(asked with squeue; without squeue gc refuses unless --ignore-slurm). A version is renamed to a trash name first.

Options:
  --bundles-dir DIR            the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME                  only this name (default: every name)
  --keep N                     versions to keep per name (default 5)
  --grace-seconds N            keep versions replaced less than N s ago (default 3600)
  --ignore-slurm               do not ask Slurm (only when no Slurm job can use this bundles dir)
  --dry-run                    print what would be deleted; delete nothing
  --lock-timeout-seconds N     give up waiting for a publisher after N s (default 600)
  --json                       one JSON object on stdout: {"dry-run", "names": [{name, deleted, kept}, ...]}
  -v, --verbose                debug logging
  -h, --help                   this help

Output: per name a line 'NAME: deleted V1 V2' (or 'would delete' with --dry-run) and a line per kept version with
the reasons it was kept (current, previous, recent, in-use, keep).

Exit codes: 0 done (also when nothing was deleted), 1 failed (e.g. squeue unavailable without --ignore-slurm),
2 usage error, 130 cancelled.`;

const OPTIONS = {
  'bundles-dir': { type: 'string' },
  name: { type: 'string' },
  keep: { type: 'string' },
  'grace-seconds': { type: 'string' },
  'ignore-slurm': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'lock-timeout-seconds': { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const gcCommand: Command = {
  name: 'gc',
  summary: 'delete old versions (never current, previous, recent or in use)',
  options: OPTIONS,
  help: HELP,
  async run(args, { out }) {
    const v = parseCommandLine('gc', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    const logger = createConsoleLogger({ verbose: v.verbose });
    const results = await gcStore(
      {
        bundlesDir: bundlesDirOption('gc', v['bundles-dir']),
        name: v.name,
        keep: intOption('gc', 'keep', v.keep, 1, 10_000) ?? 5,
        graceSeconds: intOption('gc', 'grace-seconds', v['grace-seconds'], 0, 10 ** 9),
        ignoreSlurm: v['ignore-slurm'],
        dryRun: v['dry-run'],
        lockTimeoutSeconds: intOption('gc', 'lock-timeout-seconds', v['lock-timeout-seconds'], 0, 86_400),
      },
      { logger },
    );
    if (v.json) {
      out.write(`${JSON.stringify({ 'dry-run': v['dry-run'] === true, names: results })}\n`);
      return EXIT.ok;
    }
    for (const r of results) {
      out.write(`${r.name}: ${v['dry-run'] ? 'would delete' : 'deleted'} ${r.deleted.length ? r.deleted.join(' ') : 'nothing'}\n`);
      for (const k of r.kept) out.write(`  kept ${k.version} (${k.reasons.join(', ')})\n`);
    }
    return EXIT.ok;
  },
};
