// Image -> OCI bundle: resolve/pull the image, stream `docker export` into a private staging rootfs through the safe
// extractor, write config.json, bundle-id and bundle.lock.json, then move the finished bundle into place with rename(2).
import { readFile, mkdir, access, lstat, readdir, rename, chmod, writeFile, stat, utimes } from 'node:fs/promises';
import { constants as fsc } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BundleError,
  CancelledError,
  CommandFailedError,
  ConfigurationError,
  EdaOciError,
  lastLine,
  silentLogger,
  type Logger,
} from '@eda-oci/exec';
import { DockerClient, imagePlatform, parseImageReference, repoDigestFor, type ImageInspect } from '@eda-oci/docker';
import { extractTar, type ExtractProgress, type ExtractResult, type TarEntryInfo } from './extract/index.js';
import { resolveImageUser } from './image-user.js';
import { INIT_LAYER_PATHS, LayerReadError, haveGetfattr, layersArchive, readableLayerDirs } from './layers.js';
import {
  BUNDLE_META_DIR,
  LOCKFILE_NAME,
  LOCKFILE_VERSION,
  bundleDigest,
  ciProvenance,
  readLockfile,
  sha256,
  type BundleLock,
} from './lockfile.js';
import { MANIFEST_NAME, formatManifest, manifestFromRecords, summarizeManifest } from './manifest.js';
import { applyImageConfig, applyOverlay, idMappings, rootlessBaseSpec, serializeSpec, type ConfigOverlay } from './runtime-spec.js';
import { readSubIdRange } from './subid.js';
import { pidAlive, removeTree, tempSuffix, validateBundleName } from './fs-util.js';

/** Version of the build recipe; part of the cache key, bump when the bundle layout or extraction rules change. */
export const BUILDER_VERSION = '1';
/** Label put on the (never started) containers a build creates, so leftovers can be found and removed. */
export const BUILD_LABEL = 'org.eda-oci.build';

/** When to pull: only if the daemon lacks the image (default), always, or never. */
export type PullPolicy = 'missing' | 'always' | 'never';

/** Inputs of {@link buildBundle}; the same for the action and `eda-oci build`. */
export interface BuildOptions {
  image: string;
  name: string;
  outputDir: string;
  pull?: PullPolicy;
  platform?: string;
  config?: ConfigOverlay;
  signal?: AbortSignal;
  /** Called with a container id right after it is created (the action saves it so its post step can remove it). */
  onContainer?: (id: string) => void;
  /** Called with the staging directory right after it is created. */
  onStaging?: (dir: string) => void;
  /**
   * How to get the image filesystem: `layers` reads the daemon's overlay2 layer directories directly (fast; needs
   * them readable, and getfattr for multi-layer images), `export` streams `docker export`, `auto` (default) tries
   * layers and falls back to export. Both give the same bundle.
   */
  extract?: ExtractMethod;
  /**
   * Extraction progress (files and bytes so far), at most 10 times per second and once with `done` when the image
   * filesystem is extracted; not called on a cache hit. The CLI draws it on a terminal; the action does not use it.
   */
  onProgress?: (progress: BuildProgress) => void;
}

/** What {@link BuildOptions.onProgress} reports: extraction so far, and how the filesystem is read. */
export interface BuildProgress extends ExtractProgress {
  phase: 'extract';
  method: 'layers' | 'export';
}

/** See {@link BuildOptions.extract}. */
export type ExtractMethod = 'auto' | 'layers' | 'export';

/** Validates an extraction method from `where` (a CLI flag or the EDA_OCI_EXTRACT knob); unset means auto. */
export function parseExtractMethod(value: string | undefined, where: string): ExtractMethod {
  if (value === undefined || value === '') return 'auto';
  if (value === 'auto' || value === 'export' || value === 'layers') return value;
  throw new ConfigurationError(
    `${where} is '${value}', which is not one of auto, export, layers`,
    `set ${where} to auto, export or layers`,
  );
}

/** Dependencies of {@link buildBundle}, defaulted for normal use and replaced in tests. */
export interface BuildDeps {
  docker?: DockerClient;
  logger?: Logger;
  /** The building user (default: this process's). */
  user?: { uid: number; gid: number; name?: string };
  env?: NodeJS.ProcessEnv;
  /** Files to read subordinate ids from (tests point these elsewhere). */
  subuidFile?: string;
  subgidFile?: string;
}

/** What a build produced; the action's outputs are these fields. */
export interface BuildResult {
  bundlePath: string;
  imageId: string;
  imageDigest: string;
  bundleDigest: string;
  sizeBytes: number;
  fileCount: number;
  cacheHit: boolean;
  lock: BundleLock;
  timingsMs: Record<string, number>;
  warnings: string[];
}

const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const PULL_POLICIES: readonly PullPolicy[] = ['missing', 'always', 'never'];

/** Validates a platform string (`os/arch[/variant]`). */
export function validatePlatform(platform: string): string {
  if (!PLATFORM_RE.test(platform))
    throw new ConfigurationError(`platform '${platform}' is not os/arch[/variant]`, 'use e.g. linux/amd64 or linux/arm64/v8');
  return platform;
}

/** Validates every build option before anything is touched; returns normalized values. */
export async function validateBuildOptions(o: BuildOptions): Promise<{ outputDir: string; pull: PullPolicy }> {
  parseImageReference(o.image);
  validateBundleName(o.name);
  const pull = o.pull ?? 'missing';
  if (!PULL_POLICIES.includes(pull))
    throw new ConfigurationError(`pull '${pull}' is not one of missing, always, never`, 'use pull: missing | always | never');
  if (o.platform !== undefined) validatePlatform(o.platform);
  if (!o.outputDir || o.outputDir.includes('\0'))
    throw new ConfigurationError('output-dir is empty', 'set output-dir to a directory on local disk');
  const outputDir = path.resolve(o.outputDir);
  await checkWritableDir(outputDir);
  return { outputDir, pull };
}

/** Fails with an actionable line unless `dir` exists as a writable directory or can be created. */
async function checkWritableDir(dir: string): Promise<void> {
  let probe = dir;
  for (;;) {
    try {
      const st = await stat(probe);
      if (!st.isDirectory()) {
        throw new ConfigurationError(`output-dir '${dir}' cannot be used: '${probe}' is not a directory`, 'choose a directory path');
      }
      break;
    } catch (err) {
      if (err instanceof EdaOciError) throw err;
      const parent = path.dirname(probe);
      if (parent === probe) break;
      probe = parent;
    }
  }
  try {
    await access(probe, fsc.W_OK | fsc.X_OK);
  } catch (err) {
    const who = os.userInfo().username;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigurationError(
      `output-dir '${dir}' is not writable by user ${who} (${code === 'EROFS' ? 'read-only file system' : `${code} on ${probe}`})`,
      'choose a directory this user can write, e.g. under $RUNNER_TEMP, or fix its permissions',
    );
  }
}

/**
 * Builds `<outputDir>/<name>` from an image. The bundle appears only when complete; a failure or cancellation removes
 * the staging directory and the export container. Rebuilding the same image id with the same inputs is a cache hit.
 */
export async function buildBundle(options: BuildOptions, deps: BuildDeps = {}): Promise<BuildResult> {
  const log = deps.logger ?? silentLogger;
  const docker = deps.docker ?? new DockerClient({ logger: log });
  const env = deps.env ?? process.env;
  const me = deps.user ?? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, name: os.userInfo().username };
  const { outputDir, pull } = await validateBuildOptions(options);
  const ref = parseImageReference(options.image);
  const signal = options.signal;
  const overlay = options.config ?? {};
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const t0 = Date.now();
  const bundlePath = path.join(outputDir, options.name);

  const image = await log.group('Resolve image', async () => {
    const t = Date.now();
    const img = await resolveImage(docker, ref, pull, options.platform, log, signal);
    timings.resolve = Date.now() - t;
    log.info(`image ${options.image} is ${img.Id} (${imagePlatform(img)})`);
    return img;
  });
  const platform = imagePlatform(image);
  const repoDigest = repoDigestFor(image, ref);

  const [subuid, subgid] =
    me.uid === 0
      ? [undefined, undefined]
      : await Promise.all([
          readSubIdRange(deps.subuidFile ?? '/etc/subuid', me.name, me.uid),
          readSubIdRange(deps.subgidFile ?? '/etc/subgid', me.name, me.gid),
        ]);
  const uidMappings = idMappings(me.uid, subuid);
  const gidMappings = idMappings(me.gid, subgid);
  const cacheKey = sha256(
    JSON.stringify({ v: BUILDER_VERSION, id: image.Id, platform, overlay, uid: me.uid, gid: me.gid, uidMappings, gidMappings }),
  );

  const cached = await checkCache(bundlePath, cacheKey);
  if (cached) {
    timings.total = Date.now() - t0;
    log.info(`cache hit: ${bundlePath} already holds ${image.Id} with the same configuration (${cached.bundleDigest})`);
    return resultFrom(bundlePath, cached, true, timings, cached.user.warnings);
  }

  await mkdir(outputDir, { recursive: true });
  // Asked now, answered while the filesystem is extracted.
  const versions = toolVersions(docker);
  await cleanLeftovers(outputDir, options.name, docker, log);
  const staging = path.join(outputDir, `.${options.name}.staging-${tempSuffix()}`);
  await mkdir(staging, { mode: 0o755 });
  options.onStaging?.(staging);
  let containerId: string | undefined;
  let visibleAfter = 0;
  try {
    const rootfs = path.join(staging, 'rootfs');
    await mkdir(rootfs, { mode: 0o755 });
    const createdSec = Math.floor(Date.parse(image.Created) / 1000) || 0;
    // The process's working directory must exist: runc cannot create it in a read-only rootfs (docker run would).
    const workingDir = overlay.cwd ?? (image.Config?.WorkingDir || undefined);

    const ensureDirs = workingDir ? [workingDir] : [];
    const onProgress = options.onProgress;
    const progressFor = (method: 'layers' | 'export') =>
      onProgress && ((p: ExtractProgress) => onProgress({ ...p, phase: 'extract', method }));
    let method: 'layers' | 'export' = 'export';
    const extracted = await log.group('Export and extract image filesystem', async () => {
      const t = Date.now();
      let res: ExtractResult | undefined;
      const wanted = options.extract ?? 'auto';
      if (wanted !== 'export') {
        res = await extractFromLayers(image, rootfs, createdSec, ensureDirs, wanted === 'layers', log, signal, progressFor('layers'));
        if (res) method = 'layers';
      }
      if (!res) {
        const label = `${BUILD_LABEL}=${os.hostname()}:${process.pid}:${tempSuffix()}`;
        containerId = await docker.createContainer(image.Id, label, options.platform, signal);
        options.onContainer?.(containerId);
        res = await exportInto(docker, containerId, rootfs, createdSec, signal, ensureDirs, progressFor('export'));
      }
      timings.extract = Date.now() - t;
      log.info(`image filesystem read with ${method === 'layers' ? 'the overlay2 layer fast path' : 'docker export'}`);
      log.info(
        `extracted ${res.files} files, ${res.dirs} directories, ${res.symlinks} symlinks, ${res.hardlinks} hard links, ` +
          `${res.bytes} bytes in ${(timings.extract / 1000).toFixed(2)} s`,
      );
      if (res.skippedSpecial.length)
        log.warning(
          `skipped ${res.skippedSpecial.length} device nodes/FIFOs/sockets (not allowed in bundles): ${res.skippedSpecial
            .slice(0, 5)
            .map((s) => s.path)
            .join(', ')}`,
        );
      if (res.strippedSetid.length)
        log.warning(`removed setuid/setgid bits from ${res.strippedSetid.length} files: ${res.strippedSetid.slice(0, 5).join(', ')}`);
      return res;
    });
    if (containerId) {
      await docker.removeContainer(containerId);
      containerId = undefined;
    }

    const lock = await log.group('Write config.json and provenance', async () => {
      const t = Date.now();
      const imgCfg = image.Config ?? {};
      const user = await resolveImageUser(rootfs, imgCfg.User ?? '');
      if (user.uid !== 0 && uidMappings.length === 1 && me.uid !== 0) {
        warnings.push(
          `the image runs as uid ${user.uid} but ${me.name ?? me.uid} has no /etc/subuid range, so runc cannot map it; add a subuid/subgid range for this user (usermod --add-subuids) and rebuild`,
        );
      }
      const base = rootlessBaseSpec(me.uid, me.gid);
      base.linux.uidMappings = uidMappings;
      base.linux.gidMappings = gidMappings;
      const spec = applyOverlay(
        applyImageConfig(
          base,
          {
            env: imgCfg.Env ?? [],
            entrypoint: imgCfg.Entrypoint ?? [],
            cmd: imgCfg.Cmd ?? [],
            workingDir: imgCfg.WorkingDir ?? '',
            user: imgCfg.User ?? '',
          },
          user,
        ),
        overlay,
      );
      const configText = serializeSpec(spec);
      const configSha = sha256(configText);
      await writeFile(path.join(staging, 'config.json'), configText, { mode: 0o644 });
      const digest = bundleDigest(configSha, extracted.treeDigest);
      await writeBundleId(rootfs, digest);
      const manifest = await writeManifest(staging, rootfs, extracted, log);
      visibleAfter = manifest.visibleAfterMs;
      const manifestSha256 = manifest.sha256;
      for (const w of warnings) log.warning(w);
      log.info(
        `config.json ${configSha} (process ${JSON.stringify(spec.process.args)} as uid ${spec.process.user.uid} in ${spec.process.cwd}); bundle digest ${digest}`,
      );
      const lockData: BundleLock = {
        lockfileVersion: LOCKFILE_VERSION,
        name: options.name,
        bundleDigest: digest,
        image: { ref: options.image, id: image.Id, repoDigest, platform, created: image.Created },
        configSha256: configSha,
        rootfs: {
          treeDigest: extracted.treeDigest,
          files: extracted.files,
          hardlinks: extracted.hardlinks,
          dirs: extracted.dirs,
          symlinks: extracted.symlinks,
          bytes: extracted.bytes,
          // Sorted: the two extraction paths walk in different orders.
          skippedSpecial: [...extracted.skippedSpecial].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
          strippedSetid: [...extracted.strippedSetid].sort(),
          ...(manifestSha256 ? { manifestSha256 } : {}),
        },
        cacheKey,
        extraction: method,
        user: { uid: me.uid, gid: me.gid, subuid: uidMappings.length > 1, warnings },
        tools: { 'eda-oci': BUILDER_VERSION, node: process.version, ...(await versions) },
        created: new Date().toISOString(),
        ci: ciProvenance(env),
      };
      // No fsync here: the bundle becomes visible only through the rename of the whole staging directory.
      await writeFile(path.join(staging, LOCKFILE_NAME), `${JSON.stringify(lockData, null, 2)}\n`, { mode: 0o644 });
      timings.config = Date.now() - t;
      return lockData;
    });

    await log.group('Move bundle into place', async () => {
      const t = Date.now();
      // bundle.files promises that later changes show in ctime: nothing else may see the tree before visibleAfter.
      if (Date.now() < visibleAfter) await new Promise((r) => setTimeout(r, visibleAfter - Date.now()));
      if (signal?.aborted) throw new CancelledError('build cancelled before the bundle was moved into place');
      await swapIntoPlace(staging, bundlePath, outputDir, options.name);
      timings.publish = Date.now() - t;
      log.info(`bundle ready at ${bundlePath}`);
    });
    timings.total = Date.now() - t0;
    return resultFrom(bundlePath, lock, false, timings, warnings);
  } catch (err) {
    await removeTree(staging).catch((e: unknown) => log.warning(`could not remove staging directory ${staging}: ${String(e)}`));
    if (signal?.aborted && !(err instanceof CancelledError))
      throw new CancelledError('build cancelled; staging directory and container removed', undefined, { cause: err });
    throw err;
  } finally {
    if (containerId)
      await docker
        .removeContainer(containerId)
        .catch((e: unknown) => log.warning(`could not remove container ${containerId}: ${String(e)}`));
  }
}

function resultFrom(
  bundlePath: string,
  lock: BundleLock,
  cacheHit: boolean,
  timingsMs: Record<string, number>,
  warnings: string[],
): BuildResult {
  return {
    bundlePath,
    imageId: lock.image.id,
    imageDigest: lock.image.repoDigest,
    bundleDigest: lock.bundleDigest,
    sizeBytes: lock.rootfs.bytes,
    fileCount: lock.rootfs.files,
    cacheHit,
    lock,
    timingsMs,
    warnings,
  };
}

async function resolveImage(
  docker: DockerClient,
  ref: ReturnType<typeof parseImageReference>,
  pull: PullPolicy,
  platform: string | undefined,
  log: Logger,
  signal?: AbortSignal,
): Promise<ImageInspect> {
  const matches = (img: ImageInspect | undefined): img is ImageInspect =>
    !!img && (!platform || imagePlatform(img).startsWith(platform) || platform.startsWith(imagePlatform(img)));
  let img = pull === 'always' ? undefined : await docker.inspectImage(ref.raw, signal);
  if (matches(img)) return img;
  if (pull === 'never') {
    const why = img ? `the local image is ${imagePlatform(img)}, not ${platform}` : 'the daemon does not have it';
    throw new BundleError(
      `image '${ref.raw}' cannot be used with pull: never: ${why}`,
      'pull or load the image first (docker pull / docker load), or set pull: missing',
    );
  }
  if (ref.isId)
    throw new BundleError(
      `image id '${ref.raw}' is not in the daemon at ${docker.describeHost()}`,
      'image ids name local images only; use a registry reference to pull',
    );
  log.info(`pulling ${ref.raw}${platform ? ` for ${platform}` : ''}`);
  await docker.pull(ref, platform, signal);
  img = await docker.inspectImage(ref.raw, signal);
  if (!img) throw new BundleError(`image '${ref.raw}' is still missing after docker pull`, 'check the daemon and registry logs');
  if (!matches(img))
    throw new BundleError(
      `image '${ref.raw}' is ${imagePlatform(img)}, not the requested ${platform}`,
      'pick a multi-platform image or the matching platform',
    );
  return img;
}

/** Returns the existing bundle's lock when it was built from the same inputs and is intact, else undefined. */
async function checkCache(bundlePath: string, cacheKey: string): Promise<BundleLock | undefined> {
  let lock: BundleLock | undefined;
  try {
    lock = await readLockfile(bundlePath);
  } catch {
    return undefined;
  }
  if (!lock || lock.cacheKey !== cacheKey) return undefined;
  try {
    const [config, id] = await Promise.all([
      readFile(path.join(bundlePath, 'config.json')),
      readFile(path.join(bundlePath, 'rootfs', BUNDLE_META_DIR, 'bundle-id'), 'utf8'),
    ]);
    if (sha256(config) !== lock.configSha256 || id.trim() !== lock.bundleDigest) return undefined;
  } catch {
    return undefined;
  }
  return lock;
}

/** The init-layer/whiteout-aware filter shared by both extraction paths (same tree either way). */
function exportFilter(createdSec: number): (e: TarEntryInfo) => boolean {
  return (e) => {
    if (e.path === '.dockerenv' || e.path === BUNDLE_META_DIR || e.path.startsWith(`${BUNDLE_META_DIR}/`)) return false;
    // docker's init-layer paths carry the container's creation time: pin them to the image's for reproducible digests.
    if (INIT_LAYER_PATHS.has(e.path)) e.mtime = createdSec;
    return true;
  };
}

/**
 * The fast path: extract from the daemon's overlay2 layer directories. Returns undefined (rootfs emptied again) when
 * they are not usable here, so the caller exports instead; with `required` that is an error.
 */
async function extractFromLayers(
  image: ImageInspect,
  rootfs: string,
  createdSec: number,
  ensureDirs: string[],
  required: boolean,
  log: Logger,
  signal: AbortSignal | undefined,
  onProgress: ((p: ExtractProgress) => void) | undefined,
): Promise<ExtractResult | undefined> {
  const layers = await readableLayerDirs(image);
  const why = !layers
    ? 'the storage driver is not overlay2 or its layer directories are not readable by this user'
    : layers.length > 1 && !(await haveGetfattr())
      ? 'the image has several layers and getfattr (Debian package attr) is not installed'
      : undefined;
  if (why) {
    if (required) throw new LayerReadError(why);
    log.info(`layer fast path not used: ${why}`);
    return undefined;
  }
  try {
    return await extractTar(layersArchive(layers!, createdSec), rootfs, {
      signal,
      filter: exportFilter(createdSec),
      whiteouts: true,
      reuseBuffers: true,
      ensureDirs,
      ensureDirsMtime: createdSec,
      onProgress,
    });
  } catch (err) {
    // Only a failure to read the layers falls back; a full disk or a refused entry would fail the same way again.
    if (required || !(err instanceof LayerReadError) || signal?.aborted) throw err;
    log.info(`layer fast path not usable (${err.reason}); falling back to docker export`);
    await removeTree(rootfs);
    await mkdir(rootfs, { mode: 0o755 });
    return undefined;
  }
}

/** Streams `docker export` of the container into `rootfs`; docker's own failure wins over the extractor's. */
async function exportInto(
  docker: DockerClient,
  id: string,
  rootfs: string,
  createdSec: number,
  signal: AbortSignal | undefined,
  ensureDirs: string[],
  onProgress: ((p: ExtractProgress) => void) | undefined,
): Promise<ExtractResult> {
  const exp = docker.exportContainer(id, signal);
  const extraction = extractTar(exp.stdout, rootfs, {
    signal,
    filter: exportFilter(createdSec),
    ensureDirs,
    ensureDirsMtime: createdSec,
    onProgress,
  });
  let result: ExtractResult;
  try {
    result = await extraction;
  } catch (err) {
    // When the exporter's stream ended first (daemon died, export failed), its own error is the real cause: let it
    // finish for a moment and report that. Otherwise the extractor refused the stream: stop the exporter.
    if (exp.stdout.readableEnded) {
      const timer = setTimeout(() => exp.kill(), 5000);
      const exported = await exp.done.then(
        () => undefined,
        (e: unknown) => e,
      );
      clearTimeout(timer);
      if (exported instanceof CommandFailedError && exported.signal === null) throw exportFailure(exported, docker);
    } else {
      exp.kill();
      await exp.done.catch(() => undefined);
    }
    throw err;
  }
  try {
    await exp.done;
  } catch (err) {
    if (err instanceof CommandFailedError) throw exportFailure(err, docker);
    throw err;
  }
  return result;
}

function exportFailure(err: CommandFailedError, docker: DockerClient): unknown {
  const classified = docker.classify(err);
  if (classified !== err) return classified;
  return new BundleError(
    `docker export failed: ${lastLine(err.stderr) || err.message}`,
    `the Docker daemon at ${docker.describeHost()} stopped or failed mid-export; check that it is running and retry`,
    { cause: err },
  );
}

/** Writes rootfs/.eda-oci/bundle-id; the rootfs root may be read-only (mode 0555 from the image) for its owner. */
async function writeBundleId(rootfs: string, digest: string): Promise<void> {
  const st = await stat(rootfs);
  const mode = st.mode & 0o7777;
  if ((mode & 0o200) === 0) await chmod(rootfs, mode | 0o200);
  try {
    const meta = path.join(rootfs, BUNDLE_META_DIR);
    await mkdir(meta, { mode: 0o755 });
    await writeFile(path.join(meta, 'bundle-id'), `${digest}\n`, { mode: 0o644, flag: 'wx' });
  } finally {
    if ((mode & 0o200) === 0) await chmod(rootfs, mode);
    await utimes(rootfs, st.atime, st.mtime);
  }
}

/**
 * Writes bundle.files (inode, ctime and the extractor's content hash per path, read by one lstat each now that the tree
 * is final) and returns its sha256 for the lockfile, and the time before which the bundle must not become visible. It
 * must digest to the tree digest; if it does not (an mtime the file system rounds differently than the archive's), no
 * manifest is written and publishing hashes every file instead.
 */
async function writeManifest(
  staging: string,
  rootfs: string,
  extracted: ExtractResult,
  log: Logger,
): Promise<{ sha256?: string; visibleAfterMs: number }> {
  const manifest = manifestFromRecords(rootfs, extracted.records);
  if (summarizeManifest(manifest.entries).treeDigest !== extracted.treeDigest) {
    log.warning(`${MANIFEST_NAME} not written: the tree on disk does not digest like the archive (publishing will hash every file)`);
    return { visibleAfterMs: 0 };
  }
  const text = formatManifest(manifest);
  await writeFile(path.join(staging, MANIFEST_NAME), text, { mode: 0o644 });
  return { sha256: sha256(text), visibleAfterMs: Number(manifest.statted / 1_000_000n) + 1 };
}

/**
 * Moves the finished staging dir to `<outputDir>/<name>`. An existing bundle is first renamed aside (so the name never
 * holds a mixture), then removed. rename(2) within one directory is atomic.
 */
async function swapIntoPlace(staging: string, bundlePath: string, outputDir: string, name: string): Promise<void> {
  let old: string | undefined;
  try {
    await lstat(bundlePath);
    old = path.join(outputDir, `.${name}.old-${tempSuffix()}`);
    await rename(bundlePath, old);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  try {
    await rename(staging, bundlePath);
  } catch (err) {
    if (old) await rename(old, bundlePath).catch(() => undefined);
    throw err;
  }
  if (old) await removeTree(old);
}

/** Removes staging/old dirs and export containers left by builds on this host whose process is gone (SIGKILL, crash). */
async function cleanLeftovers(outputDir: string, name: string, docker: DockerClient, log: Logger): Promise<void> {
  const re = new RegExp(`^\\.${name.replace(/[.]/g, '\\.')}\\.(staging|old)-(\\d+)-[0-9a-f]+$`);
  for (const entry of await readdir(outputDir).catch(() => [] as string[])) {
    const m = re.exec(entry);
    if (m && !pidAlive(Number(m[2]))) {
      log.info(`removing leftover ${entry} of an interrupted build`);
      await removeTree(path.join(outputDir, entry)).catch(() => undefined);
    }
  }
  const host = os.hostname();
  for (const { id, value } of await docker.listContainersByLabel(BUILD_LABEL).catch(() => [])) {
    const [h, pid] = value.split(':');
    if (h === host && pid && !pidAlive(Number(pid))) {
      log.info(`removing leftover export container ${id.slice(0, 12)} of an interrupted build`);
      await docker.removeContainer(id).catch(() => undefined);
    }
  }
}

async function toolVersions(docker: DockerClient): Promise<Record<string, string>> {
  const v = await docker.versions().catch(() => ({ client: 'unknown', server: 'unknown' }));
  return { 'docker-client': v.client, 'docker-server': v.server };
}
