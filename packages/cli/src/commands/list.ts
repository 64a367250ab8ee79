// `eda-oci list`: the published versions of one or every bundle name, with current, previous and in-use marks.
import { createConsoleLogger, formatBytes } from '@eda-oci/exec';
import { listStore } from '@eda-oci/store';
import { bundlesDirOption, EXIT, parseCommandLine, type Command } from '../args.js';

const HELP = `Usage: eda-oci list --bundles-dir DIR [--name NAME] [options]

Lists the versions published under BUNDLES-DIR (newest first): size, bytes written when published, files linked,
when and by whom, and which is current, previous (the rollback target) and in use by a queued or running Slurm job.

Options:
  --bundles-dir DIR   the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME         only this name (default: every name)
  --no-slurm          do not ask Slurm which versions jobs use
  --json              one JSON object on stdout: {names: [{name, path, current, versions: [...]}], slurm}
  -v, --verbose       debug logging
  -h, --help          this help

Output: per name a line 'NAME -> CURRENT-VERSION (PATH)', then one line per version: version, size, bytes written,
files linked, when and by whom it was published, and marks [current, previous, in use].

Exit codes: 0 listed (also when nothing is published), 1 failed, 2 usage error, 130 cancelled.`;

const OPTIONS = {
  'bundles-dir': { type: 'string' },
  name: { type: 'string' },
  'no-slurm': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const listCommand: Command = {
  name: 'list',
  summary: 'published versions: current, previous, in use, sizes',
  options: OPTIONS,
  help: HELP,
  async run(args, { out }) {
    const v = parseCommandLine('list', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    const logger = createConsoleLogger({ verbose: v.verbose, quiet: true });
    const r = await listStore({ bundlesDir: bundlesDirOption('list', v['bundles-dir']), name: v.name, slurm: !v['no-slurm'] }, { logger });
    if (v.json) {
      out.write(`${JSON.stringify(r)}\n`);
      return EXIT.ok;
    }
    if (r.slurm) process.stderr.write(`warning: in-use marks unknown: ${r.slurm}\n`);
    for (const n of r.names) {
      out.write(`${n.name} -> ${n.current ?? '(nothing)'}  (${n.path})\n`);
      for (const ver of n.versions) {
        const marks = [ver.current && 'current', ver.previous && 'previous', ver.inUse && 'in use'].filter(Boolean).join(', ');
        const m = ver.meta;
        const cols = [
          ver.version.padEnd(30),
          (m ? formatBytes(m.bytes) : '?').padStart(10),
          (m ? `${formatBytes(m.bytesWritten)} written` : '').padStart(18),
          (m ? `${m.filesLinked} linked` : '').padStart(13),
          `  ${m ? `${m.published.slice(0, 19)}Z by ${m.publisher.user}@${m.publisher.host}` : '(no publish.json)'}`,
          marks ? `  [${marks}]` : '',
        ];
        out.write(`  ${cols.join(' ')}\n`);
      }
    }
    return EXIT.ok;
  },
};
