// `eda-oci build`: image -> OCI bundle, the same library call as actions/build-oci-bundle.
import { createConsoleLogger } from '@eda-oci/exec';
import { DockerClient, validateDockerHost } from '@eda-oci/docker';
import { buildBundle, parseConfigOverlay, parseExtractMethod, type PullPolicy } from '@eda-oci/oci';
import { EXIT, parseCommandLine, usageError, type Command } from '../args.js';
import { extractText, ProgressLine, withProgress } from '../progress.js';

const HELP = `Usage: eda-oci build --image REF --name NAME [options]

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
  -h, --help          this help

Output: key=value lines on stdout: bundle-path, image-id, image-digest, bundle-digest, size-bytes, file-count,
cache-hit (with --json one object with these keys and timings-ms). Log lines go to stderr; on a terminal (stderr a
TTY) also one updating progress line while the image filesystem is extracted (also with --json: stdout keeps only
the JSON object).

Exit codes: 0 the bundle is built (or was already, cache-hit=true), 1 the build failed, 2 usage error,
130 cancelled (SIGINT/SIGTERM; the staging directory and the export container are removed).`;

const OPTIONS = {
  image: { type: 'string' },
  name: { type: 'string' },
  'output-dir': { type: 'string' },
  pull: { type: 'string' },
  platform: { type: 'string' },
  config: { type: 'string' },
  'docker-host': { type: 'string' },
  extract: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const buildCommand: Command = {
  name: 'build',
  summary: 'image -> OCI bundle (rootfs + config.json + bundle.lock.json)',
  options: OPTIONS,
  help: HELP,
  async run(args, { out, signal }) {
    const v = parseCommandLine('build', args, OPTIONS, HELP, out);
    if (!v) return EXIT.ok;
    if (!v.image) throw usageError('build', '--image is required');
    if (!v.name) throw usageError('build', '--name is required');
    const host = v['docker-host'] ? validateDockerHost(v['docker-host']) : undefined;
    const progress = new ProgressLine(process.stderr);
    const logger = withProgress(createConsoleLogger({ verbose: v.verbose }), progress);
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
        onProgress: (p) => (p.done ? progress.done(extractText(p)) : progress.update(extractText(p))),
      },
      { docker, logger },
    ).finally(() => progress.done());
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
  },
};
