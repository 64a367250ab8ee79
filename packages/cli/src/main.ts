// The eda-oci command line: dispatches argv to one command (commands/*.ts), maps errors to exit codes.
import { EdaOciError, CancelledError } from '@eda-oci/exec';
import { EXIT, isUsageError } from './args.js';
import { COMMANDS } from './commands/index.js';

export { EXIT } from './args.js';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return `eda-oci: build, test, publish and run OCI bundles for Slurm (the library behind the eda-oci GitHub actions)

Usage: eda-oci <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Every command takes --json (its result as one JSON object on stdout) and -h/--help (its options, output and exit
codes): run 'eda-oci <command> --help'. Logs, progress (on a terminal only) and errors go to stderr; an error is one
line 'eda-oci <command>: error: what; how to fix'.

Exit codes:
  0    success
  1    failure (the operation failed, a test or smoke cell failed, a check failed)
  2    usage error (unknown command or option, missing or invalid option value)
  130  cancelled (SIGINT/SIGTERM: what the command started is cleaned up first; a second signal exits at once)`;
}

/** Errors are printed as one line (a message may carry a program's multi-line output). */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    out.write(`${help()}\n`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`eda-oci: unknown command '${name}'; run 'eda-oci --help' for the list\n`);
    return EXIT.usage;
  }
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.cancelled);
    // On a terminal a progress line may be showing: erase it so the message starts at column 0.
    process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}eda-oci: cancelling, cleaning up (signal again to exit at once)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await command.run(rest, { out, signal: controller.signal });
  } catch (err) {
    if (err instanceof CancelledError) {
      process.stderr.write(`eda-oci ${name}: ${oneLine(err.message)}\n`);
      return EXIT.cancelled;
    }
    if (err instanceof EdaOciError) {
      process.stderr.write(`eda-oci ${name}: error: ${oneLine(err.message)}\n`);
      return isUsageError(err) ? EXIT.usage : EXIT.failed;
    }
    // A bug, not an expected failure: still one line; the stack with -v/--verbose.
    const verbose = rest.includes('-v') || rest.includes('--verbose');
    const text = err instanceof Error ? (verbose && err.stack ? err.stack : oneLine(err.message)) : String(err);
    process.stderr.write(`eda-oci ${name}: unexpected error: ${text}${verbose ? '' : ' (run with -v for the stack)'}\n`);
    return EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
