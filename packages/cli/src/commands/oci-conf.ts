// `eda-oci oci-conf`: print an oci.conf for a Slurm release wired to the eda-oci runtime shim, or lint an existing one.
import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '@eda-oci/exec';
import {
  DEFAULT_SHIM_PATH,
  DEFAULT_STATE_ROOT,
  OCI_CONF_RELEASES,
  checkOciConf,
  detectSlurmVersion,
  generateOciConf,
} from '@eda-oci/slurm';
import { EXIT, parseCommandLine, usageError, type Command } from '../args.js';

const HELP = `Usage: eda-oci oci-conf [--slurm-version auto|VERSION] [--shim PATH] [--runc PATH] [--state-root PATTERN]
       eda-oci oci-conf --check FILE [--slurm-version auto|VERSION]

Prints an oci.conf (the --container configuration of Slurm, next to slurm.conf) that works on that Slurm release:
run mode through the eda-oci runtime shim (one shared bundle runs for every user), a per-user runc state root that
exists on compute nodes without a login session, EnvExclude where the release has it. With --check, lints FILE
against that release's keys and patterns instead (exit 1 when it has errors).

Options:
  --slurm-version V   auto (default: from 'scontrol --version') or a release: ${OCI_CONF_RELEASES.map((r) => r.version).join(', ')}
  --shim PATH         the runtime shim on compute nodes (default ${DEFAULT_SHIM_PATH};
                      install packages/slurm/shim/oci-runtime-shim there, mode 0755; needs python3)
  --runc PATH         runc on compute nodes (default: runc on slurmstepd's PATH)
  --state-root P      per-user runc state root (default ${DEFAULT_STATE_ROOT}; must contain %u)
  --check FILE        lint FILE instead of printing a new one
  --json              one JSON object on stdout: {"slurm-version", "oci-conf"} (the text), or with --check the
                      findings {ok, version, approximate, issues: [{line, severity, message, hint}]}
  -h, --help          this help

Output: the oci.conf text on stdout (install it as oci.conf next to slurm.conf on every node); with --check one line
per finding (FILE:LINE: error|warning: message; hint) and a last line FILE: ok|NOT OK for Slurm VERSION.

Exit codes: 0 printed (or --check found no errors; warnings allowed), 1 --check found errors (or an error, e.g. an
unknown Slurm release), 2 usage error.`;

const OPTIONS = {
  'slurm-version': { type: 'string' },
  shim: { type: 'string' },
  runc: { type: 'string' },
  'state-root': { type: 'string' },
  check: { type: 'string' },
} as const;

export const ociConfCommand: Command = {
  name: 'oci-conf',
  summary: 'print an oci.conf for a Slurm release (runtime shim wired in), or lint one (--check)',
  options: OPTIONS,
  help: HELP,
  async run(args, { out }) {
    const v = parseCommandLine('oci-conf', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    const requested = v['slurm-version'] ?? 'auto';
    if (requested.startsWith('-')) throw usageError('oci-conf', `--slurm-version needs a value, got '${requested}'`);
    const version = requested === 'auto' ? await detectSlurmVersion() : requested;
    if (v.check !== undefined) {
      if (v.shim || v.runc || v['state-root'])
        throw usageError('oci-conf', '--check lints a file; --shim, --runc and --state-root only apply when generating');
      let text: string;
      try {
        text = await readFile(v.check, 'utf8');
      } catch (err) {
        throw new ConfigurationError(`cannot read ${v.check}: ${(err as Error).message}`, 'give the path of an oci.conf');
      }
      const result = checkOciConf(text, version);
      if (v.json) out.write(`${JSON.stringify(result)}\n`);
      else {
        for (const i of result.issues) {
          out.write(`${v.check}:${i.line}: ${i.severity}: ${i.message}; ${i.hint}\n`);
        }
        const errors = result.issues.filter((i) => i.severity === 'error').length;
        out.write(
          `${v.check}: ${result.ok ? 'ok' : 'NOT OK'} for Slurm ${result.version}${result.approximate ? ` (closest known to ${version})` : ''}: ${errors} error(s), ${result.issues.length - errors} warning(s)\n`,
        );
      }
      return result.ok ? EXIT.ok : EXIT.failed;
    }
    const text = generateOciConf({ slurmVersion: version, shimPath: v.shim, runcPath: v.runc, stateRoot: v['state-root'] });
    out.write(v.json ? `${JSON.stringify({ 'slurm-version': version, 'oci-conf': text })}\n` : text);
    return EXIT.ok;
  },
};
