// build-oci-bundle: one library call (buildBundle), then outputs and the job summary.
import * as core from '@actions/core';
import { actionsLogger, formatBytes, writeSummary } from '@eda-oci/action-kit';
import { DockerClient } from '@eda-oci/docker';
import { buildBundle, type BuildResult } from '@eda-oci/oci';
import type { Inputs } from './inputs.js';
import { STATE_CONTAINER, STATE_DOCKER_HOST, STATE_STAGING } from './state.js';

/** Runs the build and publishes outputs; returns the library result (tests use it). */
export async function run(inputs: Inputs, signal?: AbortSignal): Promise<BuildResult> {
  const docker = new DockerClient({ host: inputs.dockerHost, logger: actionsLogger });
  core.saveState(STATE_DOCKER_HOST, docker.host ?? '');
  const result = await buildBundle(
    {
      ...inputs,
      signal,
      onContainer: (id) => core.saveState(STATE_CONTAINER, id),
      onStaging: (dir) => core.saveState(STATE_STAGING, dir),
    },
    { docker, logger: actionsLogger },
  );
  core.saveState(STATE_CONTAINER, '');
  core.saveState(STATE_STAGING, '');
  core.setOutput('bundle-path', result.bundlePath);
  core.setOutput('image-id', result.imageId);
  core.setOutput('image-digest', result.imageDigest);
  core.setOutput('bundle-digest', result.bundleDigest);
  core.setOutput('size-bytes', String(result.sizeBytes));
  core.setOutput('file-count', String(result.fileCount));
  core.setOutput('cache-hit', String(result.cacheHit));
  const r = result.lock.rootfs;
  const t = result.timingsMs;
  const secs = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(2)} s`);
  await writeSummary(
    `build-oci-bundle: ${inputs.name}`,
    [
      ['Image', inputs.image],
      ['Image id', result.imageId],
      ['Repo digest', result.imageDigest || '(none: local image)'],
      ['Platform', result.lock.image.platform],
      ['Bundle', result.bundlePath],
      ['Bundle digest', result.bundleDigest],
      ['Cache hit', String(result.cacheHit)],
      ['Size', `${formatBytes(r.bytes)} in ${r.files} files, ${r.dirs} dirs, ${r.symlinks} symlinks`],
      [
        'Skipped special files',
        `${r.skippedSpecial.length}${
          r.skippedSpecial.length
            ? ` (${r.skippedSpecial
                .slice(0, 5)
                .map((s) => `${s.path} [${s.type}]`)
                .join(', ')})`
            : ''
        }`,
      ],
      [
        'setuid/setgid stripped',
        `${r.strippedSetid.length}${r.strippedSetid.length ? ` (${r.strippedSetid.slice(0, 5).join(', ')})` : ''}`,
      ],
      ['Time', `resolve ${secs(t.resolve)}, extract ${secs(t.extract)}, config ${secs(t.config)}, total ${secs(t.total)}`],
    ],
    result.warnings,
  );
  return result;
}
