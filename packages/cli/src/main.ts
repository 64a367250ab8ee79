// The eda-oci command line: parses argv, makes the same library call as the matching action, prints outputs.
import { parseArgs } from 'node:util';
import { ConfigurationError, EdaOciError, createConsoleLogger, CancelledError } from '@eda-oci/exec';
import { DockerClient, validateDockerHost } from '@eda-oci/docker';
import { buildBundle, parseConfigOverlay, parseExtractMethod, type PullPolicy } from '@eda-oci/oci';

/** Exit codes: documented in `eda-oci --help`. */
export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

const HELP = `eda-oci: build, test, publish and run OCI bundles for Slurm (the library behind the eda-oci GitHub actions)

Usage: eda-oci <command> [options]

Commands:
  build     image -> OCI bundle (rootfs + config.json + bundle.lock.json)

Run 'eda-oci <command> --help' for a command's options.
Exit codes: 0 success, 1 failure, 2 usage error, 130 cancelled (SIGINT/SIGTERM).`;

const BUILD_HELP = `Usage: eda-oci build --image REF --name NAME [options]

Turns an image into an OCI bundle at OUTPUT-DIR/NAME; the bundle appears only when complete.

Options:
  --image REF         image reference (registry[:port]/repo[:tag][@sha256:...]) or local id sha256:...  (required)
  --name NAME         bundle name: letters, digits, ., _, -  (required)
  --output-dir DIR    where the bundle goes (default: $EDA_OCI_OUTPUT_DIR or ./oci-bundles)
  --pull POLICY       missing (default) | always | never
  --platform P        e.g. linux/amd64
  --config YAML       YAML/JSON merged into config.json: env, cwd, args, hostname, mounts, annotations
  --docker-host H     daemon address (default: DOCKER_HOST or the default socket)
  --extract M         auto (default): read the daemon's overlay2 layers directly when readable, else docker export;
                      export | layers force one (both give the same bundle)
  --json              print the outputs (and timings-ms per phase) as one JSON object on stdout
  -v, --verbose       debug logging
  -h, --help          this help`;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    out.write(`${HELP}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.cancelled);
    process.stderr.write('eda-oci: cancelling, cleaning up (signal again to exit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    switch (command) {
      case 'build':
        return await buildCommand(rest, out, controller.signal);
      default:
        process.stderr.write(`eda-oci: unknown command '${command}'; run 'eda-oci --help' for the list\n`);
        return EXIT.usage;
    }
  } catch (err) {
    if (err instanceof CancelledError) {
      process.stderr.write(`eda-oci ${command}: ${err.message}\n`);
      return EXIT.cancelled;
    }
    if (err instanceof EdaOciError) {
      process.stderr.write(`eda-oci ${command}: error: ${err.message}\n`);
      return err instanceof ConfigurationError && (err as { usage?: boolean }).usage ? EXIT.usage : EXIT.failed;
    }
    process.stderr.write(`eda-oci ${command}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function usageError(message: string): ConfigurationError {
  const e = new ConfigurationError(message, "run 'eda-oci build --help'");
  (e as { usage?: boolean }).usage = true;
  return e;
}

function parse<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw usageError((err as Error).message);
  }
}

async function buildCommand(args: string[], out: NodeJS.WritableStream, signal: AbortSignal): Promise<number> {
  const v = parse(args, {
    image: { type: 'string' },
    name: { type: 'string' },
    'output-dir': { type: 'string' },
    pull: { type: 'string' },
    platform: { type: 'string' },
    config: { type: 'string' },
    'docker-host': { type: 'string' },
    extract: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
    help: { type: 'boolean', short: 'h' },
  });
  if (v.help) {
    out.write(`${BUILD_HELP}\n`);
    return EXIT.ok;
  }
  if (!v.image) throw usageError('--image is required');
  if (!v.name) throw usageError('--name is required');
  const host = v['docker-host'] ? validateDockerHost(v['docker-host']) : undefined;
  const logger = createConsoleLogger({ verbose: v.verbose });
  const docker = new DockerClient({ host, logger });
  const result = await buildBundle(
    {
      image: v.image,
      name: v.name,
      outputDir: v['output-dir'] ?? process.env.EDA_OCI_OUTPUT_DIR ?? 'oci-bundles',
      pull: (v.pull ?? 'missing') as PullPolicy,
      platform: v.platform,
      config: parseConfigOverlay(v.config),
      extract: parseExtractMethod(v.extract ?? process.env.EDA_OCI_EXTRACT, v.extract !== undefined ? '--extract' : 'EDA_OCI_EXTRACT'),
      signal,
    },
    { docker, logger },
  );
  const outputs = {
    'bundle-path': result.bundlePath,
    'image-id': result.imageId,
    'image-digest': result.imageDigest,
    'bundle-digest': result.bundleDigest,
    'size-bytes': result.sizeBytes,
    'file-count': result.fileCount,
    'cache-hit': result.cacheHit,
  };
  if (v.json) out.write(`${JSON.stringify({ ...outputs, 'timings-ms': result.timingsMs })}\n`);
  else for (const [k, val] of Object.entries(outputs)) out.write(`${k}=${String(val)}\n`);
  return EXIT.ok;
}
