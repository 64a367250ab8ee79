// `eda-oci plan`: which catalog bundles a change touches (git base..head) or every bundle (--all), and their smoke cells.
import path from 'node:path';
import { planBundles } from '@eda-oci/catalog';
import { createConsoleLogger } from '@eda-oci/exec';
import { EXIT, parseCommandLine, usageError, type Command } from '../args.js';

const HELP = `Usage: eda-oci plan (--base REF --head REF | --all) [options]

Reads the bundle catalog (one <name>.yml per bundle in the catalog directory) and prints what to build:
with --base/--head the bundles whose catalog file was added, changed or renamed between the merge-base of BASE and
HEAD and HEAD (files read from HEAD, not from the working tree), and the bundles whose file was deleted; with --all
every bundle in the catalog directory of the working tree. Every catalog file planned is validated; a mistake is
reported as FILE:LINE: FIELD: what is wrong; how to fix it.

Options:
  --catalog-dir DIR    catalog directory relative to the repository root (default: bundles)
  --base REF           base revision (a SHA, branch, tag or HEAD~1); 40 zeros plans every bundle at HEAD
  --head REF           head revision (default with --base: HEAD); 40 zeros (a deleted branch) plans nothing
  --all                every bundle in the catalog directory (working tree)
  --repo DIR           the git repository (default: the current directory)
  --bundles-dir DIR    the shared bundles directory (for --published-only; default: $EDA_OCI_BUNDLES_DIR)
  --published-only     only bundles published there (<bundles-dir>/<name> exists)
  --json               one JSON object on stdout: {bundles, smokes, removed, changes, base, head, mergeBase}
  -v, --verbose        debug logging (the git commands)
  -h, --help           this help

Output: one line per bundle to build ("build NAME FILE (STATUS) IMAGE") and per removed bundle
("remove NAME FILE"), then the number of smoke cells (bundle x partition x mode x command).

Exit codes: 0 planned (also when nothing changed), 1 failed (a catalog file is invalid, a revision is missing,
git failed), 2 usage error.`;

const OPTIONS = {
  'catalog-dir': { type: 'string' },
  base: { type: 'string' },
  head: { type: 'string' },
  all: { type: 'boolean' },
  repo: { type: 'string' },
  'bundles-dir': { type: 'string' },
  'published-only': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const planCommand: Command = {
  name: 'plan',
  summary: 'catalog bundles changed between two commits (or all) and their smoke cells',
  options: OPTIONS,
  help: HELP,
  async run(args, { out, signal }) {
    const v = parseCommandLine('plan', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    if (v.all && (v.base !== undefined || v.head !== undefined)) throw usageError('plan', '--all cannot be combined with --base/--head');
    if (!v.all && v.base === undefined) throw usageError('plan', 'give --base REF (and --head REF), or --all');
    const bundlesDir = v['bundles-dir'] ?? process.env.EDA_OCI_BUNDLES_DIR;
    if (v['published-only'] && !bundlesDir) throw usageError('plan', '--published-only needs --bundles-dir DIR (or $EDA_OCI_BUNDLES_DIR)');
    const repo = path.resolve(v.repo ?? '.');
    const catalogDir = v['catalog-dir'] ?? 'bundles';
    const logger = createConsoleLogger({ verbose: v.verbose, quiet: true });
    const plan = await planBundles(
      {
        repo,
        catalogDir,
        publishedIn: v['published-only'] ? bundlesDir : undefined,
        ...(v.all ? { all: true } : { base: v.base!, head: v.head ?? 'HEAD' }),
      },
      { logger, signal },
    );
    if (v.json) {
      out.write(`${JSON.stringify(plan)}\n`);
      return EXIT.ok;
    }
    const status = new Map(plan.changes.map((c) => [c.file, c.status]));
    const w = Math.max(4, ...plan.bundles.map((b) => b.name.length), ...plan.removed.map((r) => r.name.length));
    for (const b of plan.bundles) {
      const st = status.get(b.file);
      out.write(`build   ${b.name.padEnd(w)}  ${b.file}${st ? ` (${st})` : ''}  ${b.image}\n`);
    }
    for (const r of plan.removed) out.write(`remove  ${r.name.padEnd(w)}  ${r.file}\n`);
    if (plan.bundles.length === 0 && plan.removed.length === 0) out.write('no catalog bundle changed\n');
    out.write(`${plan.bundles.length} bundle(s) to build, ${plan.removed.length} removed, ${plan.smokes.length} smoke cell(s)\n`);
    return EXIT.ok;
  },
};
