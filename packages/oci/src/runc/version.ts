// runc discovery and version policy: refuse runc builds with known container-breakout CVEs before running anything.
import { access, stat } from 'node:fs/promises';
import { constants as fsc } from 'node:fs';
import path from 'node:path';
import { CommandFailedError, ConfigurationError, runCommand, silentLogger, type Logger, type RunCommand } from '@eda-oci/exec';

/** What `runc --version` printed, split into its lines. */
export interface RuncVersion {
  /** The `runc version X` value, e.g. `1.1.12` or a distribution's `1.1.5+ds1`. */
  version: string;
  /** The `commit: X` value; Debian puts its package version here (`1.1.5+ds1-1+deb12u1`). */
  commit?: string;
  /** The `spec: X` value (OCI runtime-spec version). */
  spec?: string;
}

/** A distribution build of an older upstream runc that carries the backported fix. */
export interface FixedDistroBuild {
  /** Who ships it, as shown in the log. */
  distro: string;
  /** Matches the package version (found in the `runc version` or `commit:` line); group 1 is the revision counter. */
  pattern: RegExp;
  /** The lowest revision counter (group 1) that carries the fix. */
  minRevision: number;
  /** The first fixed package version, for the log. */
  firstFixed: string;
  /** Where this was confirmed. */
  source: string;
}

/** A runc CVE this policy refuses, with the upstream fix and the distribution builds known to carry it. */
export interface RuncCve {
  id: string;
  summary: string;
  /** First upstream release with the fix, [major, minor, patch]. */
  fixedIn: [number, number, number];
  fixedDistroBuilds: FixedDistroBuild[];
}

/**
 * The CVEs refused. CVE-2024-21626 ("Leaky Vessels"): runc before 1.1.12 leaked a host directory fd into the container
 * (process.cwd set to /proc/self/fd/N), a full container breakout. Distributions backported the fix into older
 * upstream versions without changing the upstream number, so those builds are accepted by their package version.
 * Sources: Debian's changelog of runc 1.1.5+ds1-1+deb12u1 (bookworm-security, 2024-02-02, "CVE-2024-21626: several
 * container breakouts due to internally leaked fds"); Ubuntu Security Notice USN-6619-1 (fixed package versions).
 */
export const RUNC_CVES: readonly RuncCve[] = [
  {
    id: 'CVE-2024-21626',
    summary: '"Leaky Vessels": container breakout through a file descriptor runc leaked into the container',
    fixedIn: [1, 1, 12],
    fixedDistroBuilds: [
      {
        distro: 'Debian 12 (bookworm)',
        pattern: /^1\.1\.5\+ds1-1\+deb12u(\d+)$/,
        minRevision: 1,
        firstFixed: '1.1.5+ds1-1+deb12u1',
        source: 'Debian changelog of runc 1.1.5+ds1-1+deb12u1',
      },
      {
        distro: 'Ubuntu 18.04 ESM',
        pattern: /^1\.1\.4-0ubuntu1~18\.04\.2\+esm(\d+)$/,
        minRevision: 1,
        firstFixed: '1.1.4-0ubuntu1~18.04.2+esm1',
        source: 'USN-6619-1',
      },
      {
        distro: 'Ubuntu 20.04',
        pattern: /^1\.1\.7-0ubuntu1~20\.04\.(\d+)$/,
        minRevision: 2,
        firstFixed: '1.1.7-0ubuntu1~20.04.2',
        source: 'USN-6619-1',
      },
      {
        distro: 'Ubuntu 22.04',
        pattern: /^1\.1\.7-0ubuntu1~22\.04\.(\d+)$/,
        minRevision: 2,
        firstFixed: '1.1.7-0ubuntu1~22.04.2',
        source: 'USN-6619-1',
      },
      {
        distro: 'Ubuntu 23.10',
        pattern: /^1\.1\.7-0ubuntu2\.(\d+)$/,
        minRevision: 2,
        firstFixed: '1.1.7-0ubuntu2.2',
        source: 'USN-6619-1',
      },
    ],
  },
];

/** The outcome of {@link evaluateRuncVersion}. */
export interface RuncVerdict {
  ok: boolean;
  /** Why it was accepted (the rule) or refused (the CVE and the fix), one line. */
  reason: string;
  /** The CVEs the version is vulnerable to (empty when ok). */
  cves: string[];
}

/** Parses `runc --version` output; throws when there is no `runc version X` line. */
export function parseRuncVersion(text: string): RuncVersion {
  const field = (re: RegExp): string | undefined => re.exec(text)?.[1]?.trim() || undefined;
  const version = field(/^runc version[ \t]+(\S+)/m);
  if (!version) {
    throw new ConfigurationError(
      `cannot read the runc version: 'runc --version' printed ${JSON.stringify(text.trim().slice(0, 120))}`,
      'point the runc setting at a real runc binary (e.g. /usr/sbin/runc)',
    );
  }
  return { version, commit: field(/^commit:[ \t]*(\S+)/m), spec: field(/^spec:[ \t]*(\S+)/m) };
}

/** The upstream [major, minor, patch] and whether it is a pre-release (1.2.0-rc.1), or undefined if unreadable. */
export function upstreamVersion(version: string): { triple: [number, number, number]; prerelease: boolean } | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(-rc[.\d]*)?/.exec(version);
  if (!m) return undefined;
  return { triple: [Number(m[1]), Number(m[2]), Number(m[3])], prerelease: m[4] !== undefined };
}

function compareTriple(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Renders the version for messages: `1.1.5+ds1 (commit 1.1.5+ds1-1+deb12u1)`. */
export function describeRuncVersion(v: RuncVersion): string {
  return v.commit && v.commit !== v.version ? `${v.version} (commit ${v.commit})` : v.version;
}

/**
 * Applies the policy: a version is accepted when, for every CVE in {@link RUNC_CVES}, its upstream version is at
 * least the fixed release, or its package version matches a known fixed distribution build. Everything else
 * (including an unreadable version) is refused.
 */
export function evaluateRuncVersion(v: RuncVersion, cves: readonly RuncCve[] = RUNC_CVES): RuncVerdict {
  const up = upstreamVersion(v.version);
  const accepted: string[] = [];
  const refused: string[] = [];
  const bad: string[] = [];
  for (const cve of cves) {
    const fixed = cve.fixedIn.join('.');
    if (up && (compareTriple(up.triple, cve.fixedIn) > 0 || (compareTriple(up.triple, cve.fixedIn) === 0 && !up.prerelease))) {
      accepted.push(`upstream ${up.triple.join('.')} >= ${fixed} (${cve.id} fixed)`);
      continue;
    }
    const candidates = [v.version, v.commit].filter((s): s is string => Boolean(s));
    const build = cve.fixedDistroBuilds.find((b) =>
      candidates.some((c) => {
        const m = b.pattern.exec(c);
        return m !== null && Number(m[1]) >= b.minRevision;
      }),
    );
    if (build) {
      accepted.push(`${build.distro} build with the ${cve.id} fix backported (${build.firstFixed} or later, per ${build.source})`);
      continue;
    }
    bad.push(cve.id);
    refused.push(
      up
        ? `${cve.id} (${cve.summary}) is fixed in runc ${fixed}, and this is not a distribution build known to carry the fix`
        : `the version '${v.version}' is not a release number, so it cannot be shown to contain the ${cve.id} fix (runc ${fixed})`,
    );
  }
  return bad.length ? { ok: false, cves: bad, reason: refused.join('; ') } : { ok: true, cves: [], reason: accepted.join('; ') };
}

/**
 * Finds the runc program: a value with a `/` is a path (must exist and be executable), a bare name is looked up in
 * PATH. A missing runc is one ConfigurationError naming what was tried and how to fix it.
 */
export async function resolveRunc(runc: string, env: NodeJS.ProcessEnv = process.env, option = 'runc'): Promise<string> {
  const fix = `install runc (Debian/Ubuntu: apt-get install runc) or set ${option} to the runc binary's path`;
  if (runc.includes('/')) {
    const abs = path.resolve(runc);
    if (await isExecutableFile(abs)) return abs;
    throw new ConfigurationError(`runc not found: '${abs}' does not exist or is not an executable file`, fix);
  }
  const dirs = (env.PATH ?? '').split(':').filter(Boolean);
  for (const d of dirs) {
    const candidate = path.resolve(d, runc);
    if (await isExecutableFile(candidate)) return candidate;
  }
  throw new ConfigurationError(`runc not found: no executable '${runc}' in PATH (${dirs.join(':') || 'empty'})`, fix);
}

async function isExecutableFile(p: string): Promise<boolean> {
  try {
    if (!(await stat(p)).isFile()) return false;
    await access(p, fsc.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link checkRunc}. */
export interface CheckRuncOptions {
  /** Run even when the version is refused; a warning is logged instead. */
  allowVulnerable?: boolean;
  /** How the user sets allowVulnerable, for the hint (`allow-vulnerable-runc: true`, `--allow-vulnerable-runc`). */
  allowHint?: string;
  /** How the user sets the runc path, for the hint (`the runc input`, `--runc`). */
  runcHint?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  logger?: Logger;
  run?: RunCommand;
}

/** A runc that passed {@link checkRunc}. */
export interface RuncInfo {
  path: string;
  version: RuncVersion;
  verdict: RuncVerdict;
}

/** CVEs that are warned about, not refused: a fix exists upstream in several release lines. */
export interface RuncAdvisory {
  ids: string[];
  summary: string;
  /** The first fixed release of each maintained line; anything newer than the newest line is fixed too. */
  fixedLines: [number, number, number][];
}

/**
 * Warned about rather than refused: the November 2025 breakouts (masked-path /dev/null and /proc write redirection
 * races, exploitable by a malicious image or Dockerfile) are fixed only in runc 1.2.8 / 1.3.3 / 1.4.0, and no
 * Debian 12 or Ubuntu LTS backport was confirmed when this was written, so refusing them would stop every stock
 * runner. Sources: runc's v1.2.8 and v1.3.3 release notes (GHSA-9493-h29p-rfm2, GHSA-qw9x-cqr3-wc7r,
 * GHSA-cgrx-mc8f-2prm). Test only images you trust on such a runc.
 */
export const RUNC_ADVISORIES: readonly RuncAdvisory[] = [
  {
    ids: ['CVE-2025-31133', 'CVE-2025-52565', 'CVE-2025-52881'],
    summary: 'container breakout through masked-path and /proc write races with a malicious image',
    fixedLines: [
      [1, 2, 8],
      [1, 3, 3],
      [1, 4, 0],
    ],
  },
];

/** One warning line per advisory the version is not shown to be fixed for (empty when none apply). */
export function runcAdvisoryWarnings(v: RuncVersion, advisories: readonly RuncAdvisory[] = RUNC_ADVISORIES): string[] {
  const up = upstreamVersion(v.version);
  const out: string[] = [];
  for (const a of advisories) {
    const newest = a.fixedLines.reduce((x, y) => (compareTriple(x, y) >= 0 ? x : y));
    const fixed =
      up !== undefined &&
      (compareTriple(up.triple, newest) > 0 ||
        a.fixedLines.some((l) => l[0] === up.triple[0] && l[1] === up.triple[1] && compareTriple(up.triple, l) >= 0 && !up.prerelease));
    if (!fixed) {
      out.push(
        `runc ${describeRuncVersion(v)} is not shown to be fixed for ${a.ids.join(', ')} (${a.summary}; fixed in runc ` +
          `${a.fixedLines.map((l) => l.join('.')).join(' / ')}): test only images you trust, and upgrade runc when your distribution ships the fix`,
      );
    }
  }
  return out;
}

/**
 * Resolves runc, runs `runc --version` once and applies {@link evaluateRuncVersion}. A refused version throws a
 * ConfigurationError naming the CVE, the version found and the fix, unless `allowVulnerable` (then it warns).
 */
export async function checkRunc(runc: string, options: CheckRuncOptions = {}): Promise<RuncInfo> {
  const log = options.logger ?? silentLogger;
  const run = options.run ?? runCommand;
  const resolved = await resolveRunc(runc, options.env, options.runcHint);
  let out: string;
  try {
    out = (await run(resolved, ['--version'], { timeoutMs: 30_000, signal: options.signal, logger: log, quiet: true })).stdout;
  } catch (err) {
    if (err instanceof CommandFailedError) {
      throw new ConfigurationError(
        `'${resolved} --version' failed: ${err.message}`,
        `point ${options.runcHint ?? 'runc'} at a working runc binary`,
        { cause: err },
      );
    }
    throw err;
  }
  const version = parseRuncVersion(out);
  const verdict = evaluateRuncVersion(version);
  const what = `runc ${describeRuncVersion(version)} at ${resolved}`;
  if (verdict.ok) {
    log.info(`${what}: accepted: ${verdict.reason}`);
  } else if (options.allowVulnerable) {
    log.warning(`${what} is vulnerable: ${verdict.reason}; running anyway because ${options.allowHint ?? 'allow-vulnerable-runc'} is set`);
  } else {
    throw new ConfigurationError(
      `${what} is refused: ${verdict.reason}`,
      `upgrade runc to ${RUNC_CVES.map((c) => c.fixedIn.join('.')).join('/')} or later (or a distribution build with the fix), ` +
        `or set ${options.allowHint ?? 'allow-vulnerable-runc: true'} to run anyway`,
    );
  }
  for (const w of runcAdvisoryWarnings(version)) log.warning(w);
  return { path: resolved, version, verdict };
}
