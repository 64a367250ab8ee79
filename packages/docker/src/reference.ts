// Image references and daemon addresses, validated against the grammar docker itself uses (distribution/reference).
import { ConfigurationError } from '@eda-oci/exec';

/** A parsed image reference: `[registry/]repository[:tag][@digest]`, or a bare image id `sha256:<hex>`. */
export interface ImageReference {
  /** What the user wrote, unchanged; this is what is passed to docker. */
  raw: string;
  /** Registry host[:port] when the first component names one (contains `.` or `:`, or is `localhost`). */
  registry?: string;
  /** Repository path without registry, e.g. `eda-oci/busybox` or `library/ubuntu`... as written. */
  path: string;
  tag?: string;
  digest?: string;
  /** True for `sha256:<64 hex>` image ids, which name a local image and cannot be pulled. */
  isId: boolean;
}

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const ID_RE = /^sha256:[a-f0-9]{64}$/;
const FIX = 'use a reference such as registry.example.com:5000/team/tool:1.2 or name@sha256:<64 hex digits>';

/** Parses and validates an image reference; throws ConfigurationError naming the value and the rule broken. */
export function parseImageReference(raw: string): ImageReference {
  const what = `image '${raw}'`;
  if (raw === '') throw new ConfigurationError('image is empty', FIX);
  if (raw.startsWith('-')) throw new ConfigurationError(`${what} starts with '-', which a program would read as an option`, FIX);
  if (/[^\x21-\x7e]/.test(raw)) throw new ConfigurationError(`${what} contains whitespace or non-printable characters`, FIX);
  if (/[;&|`$<>(){}\\'"*?!#~^]/.test(raw)) {
    throw new ConfigurationError(`${what} contains shell metacharacters, which no image reference has`, FIX);
  }
  if (ID_RE.test(raw)) return { raw, path: '', isId: true };
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!new RegExp(`^${DIGEST}$`).test(digest)) {
      throw new ConfigurationError(
        `${what} has an invalid digest '${digest}'`,
        'a digest looks like sha256: followed by 64 lowercase hex digits',
      );
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!new RegExp(`^${TAG}$`).test(tag)) {
      throw new ConfigurationError(
        `${what} has an invalid tag '${tag}'`,
        'a tag is up to 128 letters, digits, _, . or -, not starting with . or -',
      );
    }
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost' || /[A-Z]/.test(parts[0]!))) {
    registry = parts.shift();
    if (!new RegExp(`^${DOMAIN}$`).test(registry!)) {
      throw new ConfigurationError(`${what} has an invalid registry '${registry}'`, FIX);
    }
  }
  const pathRe = new RegExp(`^${PATH_COMPONENT}$`);
  for (const p of parts) {
    if (!pathRe.test(p)) {
      throw new ConfigurationError(
        `${what} has an invalid repository component '${p}'`,
        'repository names are lowercase letters, digits and separators (., _, __, -), e.g. team/tool',
      );
    }
  }
  const path = parts.join('/');
  if ((registry ? registry.length + 1 : 0) + path.length > 255) {
    throw new ConfigurationError(`${what} has a repository name longer than 255 characters`, FIX);
  }
  return { raw, registry, path, tag, digest, isId: false };
}

/** The repository as docker prints it in RepoDigests/RepoTags (`busybox`, `127.0.0.1:5000/x/y`). */
export function familiarRepository(ref: ImageReference): string {
  const reg = ref.registry;
  if (!reg || reg === 'docker.io' || reg === 'index.docker.io' || reg === 'registry-1.docker.io') {
    return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
  }
  return `${reg}/${ref.path}`;
}

/** Validates a DOCKER_HOST value: unix:///abs/path, tcp://host:port or ssh://[user@]host[:port]. */
export function validateDockerHost(host: string): string {
  const fix = 'use unix:///run/user/<uid>/docker.sock (rootless), unix:///var/run/docker.sock, tcp://host:port or ssh://user@host';
  if (host.startsWith('-')) throw new ConfigurationError(`docker-host '${host}' starts with '-'`, fix);
  if (/^unix:\/\/\/[^\0\s]+$/.test(host)) return host;
  if (/^tcp:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(host)) return host;
  if (/^ssh:\/\/([A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) return host;
  throw new ConfigurationError(`docker-host '${host}' is not a Docker daemon address`, fix);
}
