// `eda-oci doctor`: the rootless Docker prerequisite checks of actions/setup-rootless-docker, as a table.
import { formatCheckTable, runChecks } from '@eda-oci/docker';
import { EXIT, parseCommandLine, type Command } from '../args.js';

const HELP = `Usage: eda-oci doctor [--data-root DIR] [--json]

Checks what rootless Docker needs for the current user (what setup-rootless-docker checks before it starts the
daemon) and prints one row per check; each failed check names the exact fix. Changes nothing.

Checks: not root; /etc/subuid and /etc/subgid ranges of >= 65536; newuidmap/newgidmap setuid root; user namespaces
enabled; /dev/net/tun usable; XDG_RUNTIME_DIR (or the private dir used instead); data-root on a local file system and
writable; daemon.json valid; dockerd-rootless.sh, dockerd, rootlesskit, slirp4netns and the docker CLI present.

Options:
  --data-root DIR   Docker storage directory to check (default /var/tmp/$USER/containers/storage, the action's default)
  --json            print {"ok": ..., "checks": [{name, ok, detail, fix}, ...]} on stdout
  -h, --help        this help

Output: one row per check on stdout (check, ok or FAILED, detail, fix) and a last line 'all checks passed' or
'N check(s) failed' (with --json one object {ok, checks}).

Exit codes: 0 all checks pass, 1 a check failed (or an error), 2 usage error, 130 cancelled.`;

const OPTIONS = {
  'data-root': { type: 'string' },
} as const;

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the rootless Docker prerequisites of the current user (what setup-rootless-docker needs)',
  options: OPTIONS,
  help: HELP,
  async run(args, { out }) {
    const v = parseCommandLine('doctor', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    const report = await runChecks({ dataRoot: v['data-root'] });
    if (v.json) out.write(`${JSON.stringify({ ok: report.ok, checks: report.rows })}\n`);
    else {
      out.write(`${formatCheckTable(report.rows)}\n`);
      const failed = report.rows.filter((r) => !r.ok).length;
      out.write(failed ? `${failed} check(s) failed\n` : 'all checks passed\n');
    }
    return report.ok ? EXIT.ok : EXIT.failed;
  },
};
