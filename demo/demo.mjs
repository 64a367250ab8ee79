// `npm run demo`: the whole eda-oci pipeline on this machine, as root. Brings up test/cluster (Docker, registry with
// sample images, Slurm with oci.conf + runtime shim) and a demo user with its own rootless dockerd, then runs, as that
// unprivileged user with the eda-oci CLI, what a site's CI does for a two-bundle catalog: doctor -> plan -> build ->
// test -> publish -> Slurm smoke (srun + sbatch on two partitions) -> a second version of one bundle (a commit that
// changes its catalog file; plan shows only it) -> build, test, publish, smoke -> rollback -> list.
// Each run starts the catalog repo afresh; build outputs and the published store are kept, so a second run reuses
// them (build cache hits, unchanged publishes) and ends in the same state. See README.md "Demo".
// Usage: node demo/demo.mjs [--skip-setup] [--verbose] | --clean | --help
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const USER = process.env.EDA_OCI_DEMO_USER ?? 'edademo';
/** Where the published bundles live (the "shared bundles dir" of a site): kept between runs. */
const STORE_ROOT = process.env.EDA_OCI_DEMO_ROOT ?? '/srv/eda-oci-demo';
const BUNDLES_DIR = path.join(STORE_ROOT, 'bundles');
/** The demo user's local work area: the catalog repo (recreated every run), build outputs (kept: cache), job outputs. */
const WORK = `/var/tmp/${USER}/eda-oci-demo`;
const CATALOG_REPO = path.join(WORK, 'site-repo');
const CATALOG_DIR = 'bundles'; // inside the repo, the catalog's default location
const CHANGED = 'busybox'; // the bundle whose catalog file the second commit changes
const NODE24 = process.env.EDA_OCI_NODE24 ?? path.join(REPO, '.tmp/node24/node_modules/node/bin/node');
const NODE = existsSync(NODE24) ? NODE24 : process.execPath;
const CLI = process.env.EDA_OCI_CLI ?? path.join(REPO, 'packages/cli/dist/index.js');

const HELP = `Usage: npm run demo [-- [--skip-setup] [--verbose]]      (as root)
       npm run demo -- --clean

Runs the whole eda-oci pipeline on this machine: test/cluster/setup.sh (idempotent), the demo user ${USER} with its
own rootless dockerd (test/cluster/demo-user.sh), then as ${USER} with the eda-oci CLI: doctor, plan, build, test,
publish to ${BUNDLES_DIR}, Slurm smoke (srun + sbatch, partitions debug + interactive), a second version of
${CHANGED}, rollback, list. Exit 0 when every step passed, else 1 naming the failed step.

  --skip-setup   do not run test/cluster/setup.sh and demo-user.sh (they are already up)
  --verbose      show the CLI's log (stderr) of every step
  --clean        remove what the demo made: ${STORE_ROOT}, ${WORK}, the user ${USER} and its rootless dockerd
  -h, --help     this help`;

const argv = process.argv.slice(2);
for (const a of argv) {
  if (!['--skip-setup', '--verbose', '--clean', '-h', '--help'].includes(a)) {
    process.stderr.write(`demo: unknown argument '${a}'\n\n${HELP}\n`);
    process.exit(2);
  }
}
if (argv.includes('-h') || argv.includes('--help')) {
  console.log(HELP);
  process.exit(0);
}
const VERBOSE = argv.includes('--verbose');
const tty = process.stdout.isTTY;
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const red = (s) => (tty ? `\x1b[31m${s}\x1b[0m` : s);
const green = (s) => (tty ? `\x1b[32m${s}\x1b[0m` : s);

// ---------------------------------------------------------------------------------------------------------------------
// Processes: argument arrays only, never a shell.

/** Runs a program; resolves {code, stdout, stderr}. onLine gets stderr lines as they come (and stdout ones if asked). */
function run(cmd, args, { cwd = '/', input, onLine, lineStdout = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    const lines = (stream, keep, forward) => {
      let rest = '';
      stream.on('data', (d) => {
        keep.push(d);
        if (!forward) return;
        rest += d.toString();
        const parts = rest.split('\n');
        rest = parts.pop() ?? '';
        for (const l of parts) onLine(l);
      });
      stream.on('end', () => forward && rest && onLine(rest));
    };
    lines(child.stdout, out, onLine && lineStdout);
    lines(child.stderr, err, onLine);
    if (input !== undefined) child.stdin.end(input);
    child.on('error', (e) => resolve({ code: 127, stdout: '', stderr: String(e.message) }));
    child.on('close', (code, sig) =>
      resolve({ code: code ?? 128 + 15, signal: sig, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

let demoUid = '';
/** The demo user's login-like environment: its runtime dir and its own rootless Docker daemon. */
function userEnv() {
  return [
    `HOME=/home/${USER}`,
    `USER=${USER}`,
    `LOGNAME=${USER}`,
    'PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    `XDG_RUNTIME_DIR=/run/user/${demoUid}`,
    `DOCKER_HOST=unix:///run/user/${demoUid}/docker.sock`,
    'LANG=C.UTF-8',
  ];
}

/** Runs a program as the demo user (runuser, clean environment). */
function asUser(cmd, args, opts = {}) {
  return run('runuser', ['-u', USER, '--', 'env', '-i', ...userEnv(), cmd, ...args], { cwd: WORK, ...opts });
}

/** Error of a step: one line, plus the tail of the log that explains it. */
class StepError extends Error {
  constructor(message, log = '') {
    super(message);
    this.log = log;
  }
}

const tail = (text, n = 25) => text.trimEnd().split('\n').slice(-n).join('\n');
const indent = (text, pre = '    | ') =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => pre + l)
    .join('\n');
const verboseLine = (l) => console.log(`    | ${l}`);

/**
 * Runs `eda-oci ARGS --json` as the demo user and returns the parsed JSON. `okCodes`: exit codes that still carry a
 * result (e.g. 1 for a failed test run, which the caller reports).
 */
async function eda(args, { okCodes = [0], cwd } = {}) {
  const r = await asUser(NODE, [CLI, ...args, '--json'], { cwd, onLine: VERBOSE ? verboseLine : undefined });
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  if (!okCodes.includes(r.code) || json === undefined) {
    const line = r.stderr.split('\n').findLast((l) => /error/i.test(l)) ?? `exit code ${r.code}`;
    throw new StepError(`eda-oci ${args[0]} failed (exit ${r.code}): ${line.trim()}`, VERBOSE ? '' : r.stderr);
  }
  return { json, code: r.code, stderr: r.stderr };
}

// ---------------------------------------------------------------------------------------------------------------------
// Steps: a numbered header, what happened, how long it took.

const steps = [];
function say(text = '') {
  console.log(text ? `  ${text}` : '');
}
async function step(title, fn) {
  const n = steps.length + 1;
  console.log(`\n${bold(`[${n}] ${title}`)}`);
  const t0 = process.hrtime.bigint();
  const rec = { n, title, seconds: 0, ok: false };
  steps.push(rec);
  try {
    const r = await fn();
    rec.ok = true;
    return r;
  } catch (e) {
    rec.error = e instanceof Error ? e.message : String(e);
    if (e instanceof StepError && e.log.trim()) console.log(indent(tail(e.log)));
    throw e;
  } finally {
    rec.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(`  ${rec.ok ? green('ok') : red('FAILED')} (${rec.seconds.toFixed(1)} s)`);
  }
}

const short = (digest) =>
  digest
    ? String(digest)
        .replace(/^sha256:/, '')
        .slice(0, 12)
    : '-';
const mb = (n) => `${(Number(n) / 1e6).toFixed(2)} MB`;
const fmtBytes = (n) => (Number(n) < 10_000 ? `${n} B` : Number(n) < 10_000_000 ? `${(Number(n) / 1e3).toFixed(1)} kB` : mb(n));

// ---------------------------------------------------------------------------------------------------------------------
// The catalog: planned by `eda-oci plan`, entries as the plan reports them.

/** `config`/`tests` as plan reports them: an object/array, or JSON text ('' when absent). */
function parsedField(v) {
  if (typeof v !== 'string') return v ?? undefined;
  return v.trim() ? JSON.parse(v) : undefined;
}

async function plan(args) {
  const { json } = await eda(['plan', '--repo', CATALOG_REPO, '--catalog-dir', CATALOG_DIR, ...args]);
  const bundles = (json.bundles ?? []).map((b) => ({ ...b, config: parsedField(b.config), tests: parsedField(b.tests) }));
  if (json.base)
    say(`changes between ${json.base.slice(0, 7)} and ${json.head.slice(0, 7)} (merge-base ${String(json.mergeBase).slice(0, 7)}):`);
  for (const c of json.changes ?? []) say(`  ${c.status.padEnd(9)} ${c.oldFile ? `${c.oldFile} -> ` : ''}${c.file}`);
  for (const b of bundles) say(`build  ${b.name.padEnd(8)} ${b.file.padEnd(20)} ${b.image}  (${b.tests?.length ?? 0} tests)`);
  for (const r of json.removed ?? []) say(`remove ${r.name} ${r.file}`);
  say(`${bundles.length} bundle(s) to build, ${json.smokes?.length ?? '?'} smoke cell(s)`);
  return bundles;
}

// ---------------------------------------------------------------------------------------------------------------------
// Per bundle: build -> test -> publish, each reported; counters show what a second run reuses.

const reuse = { builds: 0, cacheHits: 0, publishes: 0, unchanged: 0, switchedBack: 0 };

async function buildTestPublish(entry, round) {
  const out = path.join(WORK, 'build', round);
  const build = await step(`build ${entry.name} (${entry.image})`, async () => {
    const args = ['build', '--image', entry.image, '--name', entry.name, '--output-dir', out, '--pull', 'missing'];
    if (entry.platform) args.push('--platform', entry.platform);
    if (entry.config) args.push('--config', JSON.stringify(entry.config));
    const { json } = await eda(args);
    reuse.builds++;
    if (json['cache-hit']) reuse.cacheHits++;
    say(`bundle    ${json['bundle-path']}`);
    say(`digest    ${json['bundle-digest']}`);
    say(`image     ${short(json['image-id'])}  ${json['file-count']} files, ${mb(json['size-bytes'])}`);
    say(`cache-hit ${json['cache-hit']}${json['cache-hit'] ? ' (same image and config as a previous build: nothing extracted)' : ''}`);
    return json;
  });
  await step(`test ${entry.name} with runc (${entry.tests?.length ?? 0} tests from ${entry.file})`, async () => {
    const tests = entry.tests?.length ? entry.tests : [{ name: 'starts', run: 'true' }];
    const file = path.join(WORK, `tests-${entry.name}.yml`);
    // JSON is YAML: the tests exactly as the catalog entry has them.
    const w = await asUser('tee', [file], { input: `${JSON.stringify(tests, null, 2)}\n` });
    if (w.code !== 0) throw new StepError(`cannot write ${file}: ${w.stderr.trim()}`);
    const { json } = await eda(['test', '--bundle', build['bundle-path'], '--tests', file], { okCodes: [0, 1] });
    for (const t of json.tests ?? []) {
      const mark = t.status === 'passed' ? green('pass') : red(t.status);
      say(
        `${mark}  ${t.name.padEnd(18)} ${String(t.durationMs).padStart(4)} ms  ${t.status === 'passed' ? t.expected : t.reason || t.actual}`,
      );
    }
    say(`${json.passed}/${json.total} passed`);
    if (json.failed) throw new StepError(`${json.failed} of ${json.total} tests of ${entry.name} failed`);
  });
  return step(`publish ${entry.name} to ${BUNDLES_DIR}`, async () => {
    const args = ['publish', '--bundle', build['bundle-path'], '--bundles-dir', BUNDLES_DIR];
    args.push('--expected-digest', build['bundle-digest']);
    const { json } = await eda(args);
    reuse.publishes++;
    const nothingWritten = Number(json['bytes-written']) === 0;
    if (!json.changed) reuse.unchanged++;
    else if (nothingWritten) reuse.switchedBack++;
    say(`version   ${json.version}${json['previous-version'] ? `  (previous ${json['previous-version']})` : '  (first version)'}`);
    say(`path      ${json.path} -> .eda-oci/${entry.name}/${json.version}`);
    if (!json.changed) say('changed   false: this bundle digest was already current, nothing written');
    else if (nothingWritten) say('changed   true: an identical version was still kept in the store; switched back to it, nothing written');
    else {
      const pct = ((100 * Number(json['bytes-written'])) / Math.max(1, Number(build['size-bytes']))).toFixed(1);
      say(`written   ${fmtBytes(json['bytes-written'])} for a ${mb(build['size-bytes'])} bundle (${pct}%)`);
      say(`dedup     ${json['files-linked']} files hard-linked from the previous version, ${json['files-copied'] ?? '?'} copied`);
    }
    return json;
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Slurm smoke: every cell (partition x mode x command) of the catalog entries, through `eda-oci smoke`.

async function smoke(names) {
  return step(`Slurm smoke of ${names.join(', ')} from ${BUNDLES_DIR} (catalog smoke: partitions x modes x commands)`, async () => {
    let failed = 0;
    for (const name of names) {
      const args = ['smoke', '--name', name, '--catalog-dir', path.join(CATALOG_REPO, CATALOG_DIR), '--bundles-dir', BUNDLES_DIR];
      const { json } = await eda([...args, '--output-dir', WORK], { okCodes: [0, 1] });
      const cells = json.cells ?? [];
      for (const c of cells) {
        if (!c.ok) failed++;
        say(
          `${c.ok ? green('ok  ') : red('FAIL')} ${c.id.padEnd(38)} job ${String(c.jobId || '-').padStart(5)}  ${String(c.state).padEnd(9)} ` +
            `on ${c.nodes || '?'}  ${c.elapsedSeconds} s${c.ok ? '' : `  ${c.message}`}`,
        );
      }
      if (!cells.length) throw new StepError(`eda-oci smoke --name ${name} reported no cells`);
    }
    if (failed) throw new StepError(`${failed} smoke cell(s) failed`);
  });
}

// ---------------------------------------------------------------------------------------------------------------------

async function root(cmd, args, what) {
  const r = await run(cmd, args, { cwd: REPO, onLine: VERBOSE ? verboseLine : undefined });
  if (r.code !== 0) throw new StepError(`${what} failed (exit ${r.code})`, VERBOSE ? '' : `${r.stdout}\n${r.stderr}`);
  return r;
}

async function clean() {
  console.log(bold('Removing what the demo made'));
  for (const dir of [STORE_ROOT, WORK]) {
    await root('rm', ['-rf', '--one-file-system', dir], `rm -rf ${dir}`);
    console.log(`  removed ${dir}`);
  }
  const r = await root('bash', [path.join(REPO, 'test/cluster/demo-user.sh'), '--remove', USER], 'demo-user.sh --remove');
  console.log(indent(r.stdout, '  '));
}

async function gitAs(args, what) {
  const r = await asUser('git', ['-C', CATALOG_REPO, '-c', 'user.name=eda-oci demo', '-c', `user.email=${USER}@localhost`, ...args]);
  if (r.code !== 0) throw new StepError(`git ${what} failed: ${r.stderr.trim()}`);
  return r.stdout;
}

async function main() {
  const t0 = process.hrtime.bigint();
  console.log(bold('eda-oci demo: catalog -> build -> test -> publish -> Slurm smoke -> new version -> rollback'));
  console.log(`  demo user ${USER}, bundles dir ${BUNDLES_DIR}, work dir ${WORK}`);
  console.log(`  CLI ${CLI.startsWith(`${REPO}/`) ? path.relative(REPO, CLI) : CLI} on ${NODE}`);

  if (!argv.includes('--skip-setup')) {
    await step('test cluster: Docker, registry with sample images, Slurm + oci.conf + shim (test/cluster/setup.sh)', async () => {
      const r = await root('bash', [path.join(REPO, 'test/cluster/setup.sh')], 'test/cluster/setup.sh');
      const total = /^\s+total\s+([\d.]+ s)/m.exec(r.stdout)?.[1];
      const started = r.stdout.split('\n').filter((l) => /\b(starting|installing|building|created|loading)\b/.test(l));
      for (const l of started) say(l.trim());
      say(`${started.length ? 'brought up' : 'already up'} in ${total ?? '?'}; status: bash test/cluster/status.sh`);
    });
    await step(`demo user ${USER}: own subuid range, own rootless dockerd, demo images loaded (test/cluster/demo-user.sh)`, async () => {
      const r = await root('bash', [path.join(REPO, 'test/cluster/demo-user.sh'), USER], 'test/cluster/demo-user.sh');
      for (const l of r.stdout.trim().split('\n')) say(l.replace(/^\[demo-user\] /, ''));
    });
  }
  demoUid = (await run('id', ['-u', USER])).stdout.trim();
  if (!/^\d+$/.test(demoUid)) throw new StepError(`user ${USER} does not exist: run without --skip-setup`);

  await step(`directories: ${BUNDLES_DIR} (owned by ${USER}, 0755), ${WORK}`, async () => {
    await root('install', ['-d', '-m', '0755', STORE_ROOT], `install -d ${STORE_ROOT}`);
    // The README's store permissions: the publishing account owns the bundles dir, nobody else may write to it.
    await root('install', ['-d', '-o', USER, '-g', USER, '-m', '0755', BUNDLES_DIR], `install -d ${BUNDLES_DIR}`);
    await root('install', ['-d', '-o', USER, '-g', USER, '-m', '0755', `/var/tmp/${USER}`, WORK], `install -d ${WORK}`);
    const node = await asUser(NODE, ['--version']);
    const cli = await asUser('test', ['-r', CLI]);
    if (node.code !== 0 || cli.code !== 0) {
      throw new StepError(`${USER} cannot run ${NODE} ${CLI}: the checkout must be readable by ${USER} (chmod a+rX on its path)`);
    }
    say(`${USER} runs ${path.relative(REPO, CLI)} with Node ${node.stdout.trim()}`);
  });

  await step(`eda-oci doctor (what rootless Docker needs, as ${USER})`, async () => {
    const { json } = await eda(['doctor'], { okCodes: [0, 1] });
    for (const c of json.checks) say(`${c.ok ? green('ok  ') : red('FAIL')} ${c.name.padEnd(20)} ${c.ok ? c.detail : c.fix}`);
    if (!json.ok) throw new StepError('eda-oci doctor found a problem (see the fix above)');
  });

  await step(`catalog repo ${CATALOG_REPO}: a fresh git repo with demo/catalog as ${CATALOG_DIR}/ (commit 1)`, async () => {
    const files = readdirSync(path.join(REPO, 'demo/catalog'))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
    const rm = await asUser('rm', ['-rf', '--one-file-system', CATALOG_REPO]);
    if (rm.code !== 0) throw new StepError(`cannot remove ${CATALOG_REPO}: ${rm.stderr.trim()}`);
    const mk = await asUser('mkdir', ['-p', path.join(CATALOG_REPO, CATALOG_DIR)]);
    if (mk.code !== 0) throw new StepError(`cannot create ${CATALOG_REPO}: ${mk.stderr.trim()}`);
    const cp = await asUser('install', [
      '-m',
      '0644',
      '-t',
      path.join(CATALOG_REPO, CATALOG_DIR),
      ...files.map((f) => path.join(REPO, 'demo/catalog', f)),
    ]);
    if (cp.code !== 0) throw new StepError(`cannot copy the catalog: ${cp.stderr.trim()}`);
    await gitAs(['init', '-q', '-b', 'main'], 'init');
    await gitAs(['add', CATALOG_DIR], 'add');
    await gitAs(['commit', '-q', '-m', 'Catalog: busybox and tool'], 'commit');
    say(
      `${files.map((f) => `${CATALOG_DIR}/${f}`).join(', ')} committed as ${(await gitAs(['rev-parse', '--short', 'HEAD'], 'rev-parse')).trim()}`,
    );
  });

  const all = await step('eda-oci plan --all (every bundle of the catalog)', async () => {
    const bundles = await plan(['--all']);
    if (bundles.length !== 2) throw new StepError(`plan --all found ${bundles.length} bundles, expected 2`);
    return bundles;
  });
  const v1 = {};
  for (const entry of all) v1[entry.name] = await buildTestPublish(entry, 'v1');
  await smoke(all.map((e) => e.name));

  await step(`a second version of ${CHANGED}: change ${CATALOG_DIR}/${CHANGED}.yml and commit (commit 2)`, async () => {
    const file = path.join(CATALOG_REPO, CATALOG_DIR, `${CHANGED}.yml`);
    const before = readFileSync(path.join(REPO, 'demo/catalog', `${CHANGED}.yml`), 'utf8');
    // The lines marked "# v2" switch to the busybox:2 image, whose /etc/eda-oci-release says 2.
    const after = before
      .split('\n')
      .map((l) => (l.endsWith('# v2') ? l.replace('busybox:1', 'busybox:2').replace("'^1$'", () => "'^2$'") : l))
      .join('\n');
    if (after === before) throw new StepError(`demo/catalog/${CHANGED}.yml has no line marked "# v2" to change`);
    const w = await asUser('tee', [file], { input: after });
    if (w.code !== 0) throw new StepError(`cannot write ${file}: ${w.stderr.trim()}`);
    await gitAs(['commit', '-q', '-am', `${CHANGED}: image busybox:2`], 'commit');
    const diff = await gitAs(['diff', '--unified=0', 'HEAD~1', 'HEAD'], 'diff');
    for (const l of diff.split('\n').filter((x) => /^[-+][^-+]/.test(x))) say(l);
  });
  const changed = await step('eda-oci plan --base HEAD~1 --head HEAD (only what the commit changed)', async () => {
    const bundles = await plan(['--base', 'HEAD~1', '--head', 'HEAD']);
    if (bundles.length !== 1 || bundles[0].name !== CHANGED) {
      throw new StepError(`plan --base HEAD~1 --head HEAD gave [${bundles.map((b) => b.name).join(', ')}], expected [${CHANGED}]`);
    }
    return bundles;
  });
  const v2 = await buildTestPublish(changed[0], 'v2');
  await smoke([CHANGED]);

  await step(`eda-oci rollback --name ${CHANGED} (back to the version before)`, async () => {
    const { json } = await eda(['rollback', '--bundles-dir', BUNDLES_DIR, '--name', CHANGED]);
    const current = json.current ?? json.version ?? json.to;
    say(`current   ${current}`);
    say(`previous  ${json.previous ?? json['previous-version'] ?? json.from ?? '?'}`);
    if (current !== v1[CHANGED].version) throw new StepError(`rollback made ${current} current, expected ${v1[CHANGED].version}`);
    const r = await asUser('srun', ['--container', path.join(BUNDLES_DIR, CHANGED), 'cat', '/etc/eda-oci-release']);
    say(`srun --container ${path.join(BUNDLES_DIR, CHANGED)} cat /etc/eda-oci-release -> ${r.stdout.trim()}`);
    if (r.code !== 0 || r.stdout.trim() !== '1')
      throw new StepError(`srun through the rolled-back bundle gave '${r.stdout.trim()}' (exit ${r.code})`);
  });

  const listing = await step(`eda-oci list --bundles-dir ${BUNDLES_DIR}`, async () => {
    const { json } = await eda(['list', '--bundles-dir', BUNDLES_DIR]);
    for (const n of json.names) {
      say(`${bold(n.name)} -> ${n.current}`);
      for (const v of n.versions) {
        const tag = v.current ? 'current ' : v.previous ? 'previous' : '        ';
        const m = v.meta ?? {};
        say(
          `  ${tag} ${v.version}  ${mb(m.bytes ?? 0)}, ${fmtBytes(m.bytesWritten ?? 0)} written when published, ${m.filesLinked ?? 0} files linked`,
        );
      }
    }
    return json;
  });

  // Summary
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`\n${bold('Summary')}`);
  for (const s of steps) console.log(`  ${s.ok ? 'ok    ' : 'FAILED'} ${s.seconds.toFixed(1).padStart(5)} s  [${s.n}] ${s.title}`);
  console.log(`  total ${seconds.toFixed(1)} s`);
  const bb = listing.names.find((n) => n.name === CHANGED);
  console.log(`\n${bold('Reuse')} (a second run of the demo reuses what the first made)`);
  console.log(`  builds: ${reuse.cacheHits} of ${reuse.builds} were cache hits (build outputs kept in ${path.join(WORK, 'build')})`);
  console.log(
    `  publishes: ${reuse.unchanged} of ${reuse.publishes} found their bundle already current (unchanged), ` +
      `${reuse.switchedBack} switched back to an identical kept version; both write nothing`,
  );
  console.log(
    `  ${CHANGED}: publishing v2 ${v2.version} wrote ${fmtBytes(v2['bytes-written'])} in this run; ${bb?.current} is current again`,
  );
  console.log(`\n${bold('Where things are')}`);
  console.log(
    `  published bundles  ${BUNDLES_DIR}/{${listing.names.map((n) => n.name).join(',')}}  (symlinks to .eda-oci/<name>/<version>)`,
  );
  console.log(`  catalog repo       ${CATALOG_REPO}  (recreated every run)`);
  console.log(`  build outputs      ${path.join(WORK, 'build')}/{v1,v2}/<name>`);
  console.log(`  logs               /var/log/eda-oci/ (cluster), rerun with --verbose for the CLI's log`);
  console.log(`\n${bold('Run a bundle')} (as ${USER}, or any user with a subuid range: the bundles are world-readable)`);
  console.log(`  runuser -u ${USER} -- srun --container ${BUNDLES_DIR}/busybox hostname`);
  console.log(`  runuser -u ${USER} -- srun --container ${BUNDLES_DIR}/tool tool --version`);
  console.log(`  cd /tmp && runuser -u ${USER} -- sbatch --wait --container ${BUNDLES_DIR}/busybox --wrap 'cat /etc/eda-oci-release'`);
  console.log(`  clean up: npm run demo -- --clean`);
}

if (process.getuid?.() !== 0) {
  process.stderr.write('demo: must run as root (it sets up test/cluster and the demo user, then works as that user): sudo npm run demo\n');
  process.exit(1);
}
if (argv.includes('--clean')) {
  clean().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`demo --clean: ${e.message}\n${e.log ? indent(tail(e.log)) : ''}\n`);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => {
      console.log(`\n${green('demo passed')}`);
      process.exit(0);
    },
    (e) => {
      const failed = steps.findLast((s) => !s.ok);
      const where = failed ? `step ${failed.n} (${failed.title})` : 'set-up';
      process.stderr.write(`\n${red('demo FAILED')} at ${where}: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
