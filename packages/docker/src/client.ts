// docker CLI client: the few engine operations a bundle build needs, with errors turned into actionable lines.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import {
  BundleError,
  CancelledError,
  CommandFailedError,
  ConfigurationError,
  lastLine,
  runCommand as defaultRun,
  silentLogger,
  spawnCommand as defaultSpawn,
  type Logger,
  type RunCommand,
} from '@eda-oci/exec';
import { familiarRepository, type ImageReference } from './reference.js';

/** The parts of `docker image inspect` eda-oci uses. */
export interface ImageInspect {
  Id: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: string;
  Os: string;
  Architecture: string;
  Variant?: string;
  Config: {
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    User?: string;
    Labels?: Record<string, string> | null;
  } | null;
}

/** Construction options of {@link DockerClient}. */
export interface DockerClientOptions {
  /** Daemon address (validated by the caller); otherwise DOCKER_HOST or docker's default socket. */
  host?: string;
  /** docker CLI program; default `docker` from PATH (EDA_OCI_DOCKER overrides). */
  program?: string;
  logger?: Logger;
  run?: RunCommand;
  spawn?: typeof defaultSpawn;
  /** Use the Engine API over the daemon's unix socket where possible (default true); false: the docker CLI only. */
  api?: boolean;
}

/** A running `docker export`: the tar stream, how it ended, and how to stop it. */
export interface ExportStream {
  stdout: Readable;
  /**
   * Resolves when the whole archive was sent. Rejects with CommandFailedError (signal null) when the export failed on
   * its own, or with CancelledError / a killed CommandFailedError after kill() or an abort.
   */
  done: Promise<unknown>;
  kill(): void;
}

const DAEMON_DOWN = [
  /Cannot connect to the Docker daemon/i,
  /Is the docker daemon running/i,
  /error during connect/i,
  /connect: no such file or directory/i,
  /connect: connection refused.*docker\.sock/i,
  /permission denied while trying to connect to the Docker daemon/i,
  /dial unix .*: connect:/i,
];
const NOT_FOUND = [
  /manifest unknown/i,
  /not found: manifest/i,
  /repository does not exist/i,
  /pull access denied/i,
  /: not found$/i,
  /No such image/i,
  /name unknown/i,
];
const UNREACHABLE = [
  /connection refused/i,
  /no such host/i,
  /i\/o timeout/i,
  /network is unreachable/i,
  /TLS handshake timeout/i,
  /dial tcp/i,
  /server gave HTTP response to HTTPS client/i,
];

/** A docker CLI client bound to one daemon. All calls use argument arrays and time limits. */
export class DockerClient {
  readonly host: string | undefined;
  private readonly program: string;
  private readonly log: Logger;
  private readonly run: RunCommand;
  private readonly spawnFn: typeof defaultSpawn;
  private readonly env: NodeJS.ProcessEnv;
  private readonly api: boolean;

  constructor(options: DockerClientOptions = {}) {
    this.host = options.host ?? (process.env.DOCKER_HOST || undefined);
    this.program = options.program ?? process.env.EDA_OCI_DOCKER ?? 'docker';
    this.log = options.logger ?? silentLogger;
    this.run = options.run ?? defaultRun;
    this.spawnFn = options.spawn ?? defaultSpawn;
    this.api = options.api ?? true;
    // DOCKER_CONTEXT would silently override DOCKER_HOST; the chosen host must win.
    const env = { ...process.env };
    if (this.host) {
      env.DOCKER_HOST = this.host;
      delete env.DOCKER_CONTEXT;
    }
    this.env = env;
  }

  /** Where the daemon is, for messages. */
  describeHost(): string {
    return this.host ?? 'unix:///var/run/docker.sock (default)';
  }

  private async docker(args: string[], opts: { timeoutMs?: number; signal?: AbortSignal; quiet?: boolean } = {}) {
    try {
      return await this.run(this.program, args, {
        env: this.env,
        logger: this.log,
        timeoutMs: opts.timeoutMs ?? 60_000,
        signal: opts.signal,
        quiet: opts.quiet,
      });
    } catch (err) {
      throw this.classify(err);
    }
  }

  /** Turns a failed docker call into a daemon-unreachable ConfigurationError where that is the cause. */
  classify(err: unknown): unknown {
    if (err instanceof CommandFailedError) {
      if (err.exitCode === null && err.signal === null && /not found/.test(err.message)) {
        return new ConfigurationError(
          `the docker CLI ('${this.program}') is not installed`,
          'install docker.io (or docker-ce-cli) or set EDA_OCI_DOCKER to the docker program',
        );
      }
      if (DAEMON_DOWN.some((re) => re.test(err.stderr))) {
        return new ConfigurationError(
          `cannot reach the Docker daemon at ${this.describeHost()}: ${lastLine(err.stderr)}`,
          'start dockerd (or the rootless daemon, see setup-rootless-docker) or set docker-host / DOCKER_HOST to its socket',
          { cause: err },
        );
      }
    }
    return err;
  }

  /** Checks the daemon answers; returns its version and whether it runs rootless. */
  async ping(signal?: AbortSignal): Promise<{ version: string; rootless: boolean }> {
    const r = await this.docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000, signal, quiet: true });
    const info = await this.docker(['info', '--format', '{{json .SecurityOptions}}'], { timeoutMs: 20_000, signal, quiet: true });
    return { version: r.stdout.trim(), rootless: info.stdout.includes('rootless') };
  }

  /**
   * The daemon's unix socket when the CLI would certainly talk to it (explicit unix:// host, or the default socket with
   * no docker context selected), else undefined. Used for quick read-only API calls.
   */
  private socketPath(): string | undefined {
    if (!this.api) return undefined;
    if (this.host) return this.host.startsWith('unix://') ? this.host.slice('unix://'.length) : undefined;
    if (process.env.DOCKER_CONTEXT) return undefined;
    try {
      const cfgDir = process.env.DOCKER_CONFIG ?? path.join(os.homedir(), '.docker');
      const cfg = JSON.parse(readFileSync(path.join(cfgDir, 'config.json'), 'utf8')) as { currentContext?: string };
      if (cfg.currentContext && cfg.currentContext !== 'default') return undefined;
    } catch {
      // No config file: the CLI uses the default socket too.
    }
    return '/var/run/docker.sock';
  }

  /**
   * A request to the Engine API over the unix socket: answers in a few ms where the CLI needs tens. Returns undefined
   * when the socket cannot be used, so the caller falls back to the CLI and its error messages.
   */
  private apiRequest(
    method: string,
    pathname: string,
    opts: { body?: unknown; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<{ status: number; body: string } | undefined> {
    const socketPath = this.socketPath();
    if (!socketPath) return Promise.resolve(undefined);
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: Record<string, string> = { Host: 'docker' };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    return new Promise((resolve, reject) => {
      const req = http.request(
        { socketPath, method, path: pathname, timeout: opts.timeoutMs ?? 10_000, headers, signal: opts.signal },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          res.on('error', () => resolve(undefined));
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () =>
        opts.signal?.aborted ? reject(new CancelledError(`docker ${method} ${pathname} was cancelled`)) : resolve(undefined),
      );
      req.end(payload);
    });
  }

  private apiGet(pathname: string, timeoutMs: number): Promise<{ status: number; body: string } | undefined> {
    return this.apiRequest('GET', pathname, { timeoutMs });
  }

  /** `docker image inspect`; undefined when the daemon has no such image. */
  async inspectImage(ref: string, signal?: AbortSignal): Promise<ImageInspect | undefined> {
    const api = await this.apiGet(`/images/${encodeURIComponent(ref)}/json`, 10_000);
    if (api?.status === 200) {
      this.log.debug(`[api] GET /images/${ref}/json`);
      return JSON.parse(api.body) as ImageInspect;
    }
    if (api?.status === 404) return undefined;
    try {
      const r = await this.docker(['image', 'inspect', '--', ref], { timeoutMs: 30_000, signal, quiet: true });
      const parsed = JSON.parse(r.stdout) as ImageInspect[];
      return parsed[0];
    } catch (err) {
      if (err instanceof CommandFailedError && /No such (image|object)/i.test(err.stderr)) return undefined;
      throw err;
    }
  }

  /** `docker pull`; registry errors become BundleError lines naming the image and what to check. */
  async pull(ref: ImageReference, platform: string | undefined, signal?: AbortSignal): Promise<void> {
    const args = ['pull', '--quiet'];
    if (platform) args.push('--platform', platform);
    args.push('--', ref.raw);
    try {
      await this.docker(args, { timeoutMs: 30 * 60_000, signal });
    } catch (err) {
      if (!(err instanceof CommandFailedError)) throw err;
      const line = lastLine(err.stderr);
      const registry = ref.registry ?? 'docker.io';
      if (UNREACHABLE.some((re) => re.test(err.stderr))) {
        throw new BundleError(
          `cannot pull image '${ref.raw}': registry ${registry} is unreachable (${line})`,
          'check the registry address and port, the network/proxy from this runner, or use pull: never with a local image',
          { cause: err },
        );
      }
      if (NOT_FOUND.some((re) => re.test(err.stderr))) {
        throw new BundleError(
          `image '${ref.raw}' was not found in registry ${registry} (${line})`,
          'check the repository, tag or digest, and that this runner is logged in (docker login) if the repository is private',
          { cause: err },
        );
      }
      throw new BundleError(`cannot pull image '${ref.raw}': ${line}`, 'see the docker pull output above', { cause: err });
    }
  }

  /** Creates (never starts) a container from an image, labelled so leftovers can be found; returns its id. */
  async createContainer(image: string, label: string, platform: string | undefined, signal?: AbortSignal): Promise<string> {
    // An image without Entrypoint/Cmd cannot be created without a command; the container never runs, so any path will do.
    const entrypoint = '/.eda-oci-export';
    const eq = label.indexOf('=');
    const query = platform ? `?platform=${encodeURIComponent(platform)}` : '';
    const api = await this.apiRequest('POST', `/containers/create${query}`, {
      body: {
        Image: image,
        Entrypoint: [entrypoint],
        Labels: { [label.slice(0, eq)]: label.slice(eq + 1) },
        NetworkDisabled: true,
        HostConfig: { NetworkMode: 'none' },
      },
      timeoutMs: 120_000,
      signal,
    });
    if (api?.status === 201) {
      this.log.info(`[api] POST /containers/create (image ${image})`);
      return checkedId((JSON.parse(api.body) as { Id?: string }).Id ?? '');
    }
    if (api) throw new BundleError(`docker create of ${image} failed: ${apiMessage(api.body)}`, 'check the image and the daemon log');
    const args = ['container', 'create', '--label', label, '--network', 'none'];
    if (platform) args.push('--platform', platform);
    args.push('--entrypoint', entrypoint, '--', image);
    const r = await this.docker(args, { timeoutMs: 120_000, signal });
    return checkedId(r.stdout.trim().split('\n').pop() ?? '');
  }

  /**
   * Streams the export of a container (a tar of its filesystem): straight from the Engine API where the socket is
   * usable (no CLI process copying the stream through a pipe), else `docker export` on stdout.
   */
  exportContainer(id: string, signal?: AbortSignal): ExportStream {
    const socketPath = this.socketPath();
    if (!socketPath) return this.spawnFn(this.program, ['container', 'export', id], { env: this.env, logger: this.log, signal });
    this.log.info(`[api] GET /containers/${id.slice(0, 12)}/export`);
    const stdout = new PassThrough({ highWaterMark: 1 << 20 });
    let killed = false;
    let settle: { resolve: (v: unknown) => void; reject: (e: unknown) => void } | undefined;
    const done = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
    done.catch(() => undefined);
    const fail = (message: string): void => {
      settle!.reject(
        killed
          ? new CancelledError('docker export was stopped')
          : new CommandFailedError(
              `docker export (engine API) failed: ${message}`,
              'docker',
              ['container', 'export', id],
              null,
              null,
              message,
            ),
      );
      stdout.end();
    };
    const req = http.request(
      { socketPath, method: 'GET', path: `/containers/${encodeURIComponent(id)}/export`, headers: { Host: 'docker' } },
      (res) => {
        if (res.statusCode !== 200) {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => fail(apiMessage(body) || `HTTP ${res.statusCode}`));
          return;
        }
        res.on('aborted', () => fail('the connection to the daemon was cut mid-export'));
        res.on('error', (e) => fail(e.message));
        res.on('end', () => {
          if (res.complete) settle!.resolve(undefined);
          else fail('the connection to the daemon was cut mid-export');
        });
        res.pipe(stdout);
      },
    );
    req.on('error', (e) => fail(e.message));
    req.end();
    const kill = (): void => {
      killed = true;
      req.destroy();
    };
    const onAbort = (): void => kill();
    signal?.addEventListener('abort', onAbort, { once: true });
    void done.finally(() => signal?.removeEventListener('abort', onAbort)).catch(() => undefined);
    return { stdout, done, kill };
  }

  /** Removes a container if it exists (force). Never throws for an already-removed container. */
  async removeContainer(id: string): Promise<void> {
    const api = await this.apiRequest('DELETE', `/containers/${encodeURIComponent(id)}?force=1&v=1`, { timeoutMs: 60_000 });
    if (api?.status === 204 || api?.status === 404) return;
    try {
      await this.docker(['container', 'rm', '--force', '--volumes', id], { timeoutMs: 60_000, quiet: true });
    } catch (err) {
      if (err instanceof CommandFailedError && /No such container/i.test(err.stderr)) return;
      throw err;
    }
  }

  /** Containers carrying a label (leftovers of killed builds), with that label's value. */
  async listContainersByLabel(label: string): Promise<{ id: string; value: string }[]> {
    const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
    const api = await this.apiGet(`/containers/json?all=1&filters=${filters}`, 10_000);
    if (api?.status === 200) {
      const list = JSON.parse(api.body) as { Id: string; Labels?: Record<string, string> }[];
      return list.map((c) => ({ id: c.Id, value: c.Labels?.[label] ?? '' }));
    }
    const r = await this.docker(
      ['container', 'ls', '--all', '--no-trunc', '--filter', `label=${label}`, '--format', `{{.ID}} {{.Label ${JSON.stringify(label)}}}`],
      { timeoutMs: 30_000, quiet: true },
    );
    return r.stdout
      .split('\n')
      .map((l) => l.trim().split(' '))
      .filter(([id]) => id !== undefined && /^[0-9a-f]{64}$/.test(id))
      .map(([id, value]) => ({ id: id!, value: value ?? '' }));
  }

  /** Client and server versions (for provenance), in one call. */
  async versions(): Promise<{ client: string; server: string }> {
    const api = await this.apiGet('/version', 10_000);
    if (api?.status === 200) {
      // The CLI is not run on this path: its version is only known when the CLI is used.
      return { client: 'not used (engine API)', server: (JSON.parse(api.body) as { Version?: string }).Version ?? 'unknown' };
    }
    const r = await this.docker(['version', '--format', '{{.Client.Version}} {{.Server.Version}}'], { timeoutMs: 20_000, quiet: true });
    const [client = 'unknown', server = 'unknown'] = r.stdout.trim().split(' ');
    return { client, server };
  }
}

function checkedId(id: string): string {
  if (!/^[0-9a-f]{64}$/.test(id))
    throw new BundleError(`docker create returned an unexpected id '${id}'`, 'check the docker CLI and daemon versions');
  return id;
}

/** The `message` of an Engine API error body, else the body. */
function apiMessage(body: string): string {
  try {
    return (JSON.parse(body) as { message?: string }).message ?? body.trim();
  } catch {
    return body.trim();
  }
}

/** The repo digest (`sha256:...`) of an image as it came from the registry named by `ref`, or '' when none. */
export function repoDigestFor(image: ImageInspect, ref: ImageReference): string {
  if (ref.digest) return ref.digest;
  if (ref.isId) return '';
  const repo = familiarRepository(ref);
  for (const d of image.RepoDigests ?? []) {
    const at = d.lastIndexOf('@');
    if (at > 0 && d.slice(0, at) === repo) return d.slice(at + 1);
  }
  return '';
}

/** `os/arch[/variant]` of an inspected image. */
export function imagePlatform(image: ImageInspect): string {
  return [image.Os, image.Architecture, image.Variant].filter(Boolean).join('/');
}
