// Benchmark of test-bundle-runc: a trivial test (`true`) through `eda-oci test` against a bare `runc run` of the same
// bundle, alternated in one run as the unprivileged test user (rootless runc with newuidmap, as CI runners run it):
//   (a) per test: N `true` tests in one `eda-oci test` run vs N bare `runc run` (a shell loop), and the marginal cost
//       (T(N) - T(1)) / (N - 1), which leaves out the one-time start-up;
//   (b) one whole `eda-oci test --run true` invocation (node start-up, runc --version, bundle checks) vs one bare `runc run`.
// Prints medians and ratios. Needs test/cluster up (root). Usage: npm run bench:runc [-- --rounds N --tests N]
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arg, buildBusyboxAsTestUser, CLI, clusterEnv, median, nodeBinary } from './common.mjs';

const rounds = Number(arg('--rounds', 7));
const n = Number(arg('--tests', 20));
// Actions run on Node 24 (runs.using: node24), which starts several times faster than Node 20: time the CLI on the
// Node 24 that `npm test` installs (or EDA_OCI_NODE24) when it is there, else on this node.
const nodeBin = arg('--node', nodeBinary());

if (process.argv.includes('--worker')) worker(arg('--worker'));
else await setup();

/** As root: build the bundle as the test user on its rootless daemon, write the bare bundle, then measure as that user. */
async function setup() {
  if (process.getuid?.() !== 0) throw new Error('run as root (it switches to the unprivileged test user), with test/cluster up');
  const env = clusterEnv();
  const user = env.EDA_OCI_TEST_USER;
  const uid = Number(execFileSync('id', ['-u', user]).toString());
  const gid = Number(execFileSync('id', ['-g', user]).toString());
  const userEnv = [
    `HOME=/home/${user}`,
    `USER=${user}`,
    'PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    `XDG_RUNTIME_DIR=/run/user/${uid}`,
  ];
  const asUser = (cmd, args) =>
    execFileSync(
      'runuser',
      ['-u', user, '--', 'env', '-i', ...userEnv, `EDA_OCI_DOCKER=${env.EDA_OCI_DOCKER}`, `EDA_OCI_CLI=${CLI}`, cmd, ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ).toString();
  const base = mkdtempSync(path.join('/var/tmp', 'eda-oci-bench-runc-'));
  chmodSync(base, 0o755);
  chownSync(base, uid, gid);
  try {
    const bundle = buildBusyboxAsTestUser(env, base);
    // The bare case: what an admin would run by hand, the bundle's config with args `true`, the original rootfs read-only,
    // terminal off and the same id mappings eda-oci gives the user (0 -> uid, 1..65536 -> its subuid/subgid range).
    const spec = JSON.parse(readFileSync(path.join(bundle, 'config.json'), 'utf8'));
    const sub = (file) => {
      const line = readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${user}:`) || l.startsWith(`${uid}:`));
      const [, start, count] = line.split(':');
      return { containerID: 1, hostID: Number(start), size: Math.min(Number(count), 65536) };
    };
    spec.root = { path: path.join(bundle, 'rootfs'), readonly: true };
    spec.process.terminal = false;
    spec.process.args = ['true'];
    spec.linux.uidMappings = [{ containerID: 0, hostID: uid, size: 1 }, sub('/etc/subuid')];
    spec.linux.gidMappings = [{ containerID: 0, hostID: gid, size: 1 }, sub('/etc/subgid')];
    const bare = path.join(base, 'bare');
    mkdirSync(bare);
    writeFileSync(path.join(bare, 'config.json'), JSON.stringify(spec));
    let yaml = '';
    for (let i = 0; i < n; i++) yaml += `- { name: t${i}, run: "true" }\n`;
    writeFileSync(path.join(base, `tests-${n}.yml`), yaml);
    execFileSync('chown', ['-R', `${uid}:${gid}`, bare, path.join(base, `tests-${n}.yml`)]);
    process.stdout.write(
      asUser(process.execPath, [
        new URL(import.meta.url).pathname,
        '--worker',
        base,
        '--rounds',
        String(rounds),
        '--tests',
        String(n),
        '--node',
        nodeBin,
      ]),
    );
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** As the test user: alternate the cases for `rounds` rounds and print medians and ratios. */
function worker(base) {
  const bundle = path.join(base, 'bb');
  const state = path.join(base, 'state');
  const runc = execFileSync('sh', ['-c', 'command -v runc']).toString().trim();
  const run = (cmd, args) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return { s, stdout: r.stdout.toString() };
  };
  // A shell loop of bare `runc run`s: the cheapest way to run N containers by hand.
  const loop = `i=0; while [ $i -lt "$1" ]; do "$2" --root "$3" run --bundle "$4" bare$i || exit 1; i=$((i+1)); done`;
  const cases = {
    bareN: () => run('sh', ['-c', loop, 'sh', String(n), runc, state, path.join(base, 'bare')]).s,
    edaN: () => {
      const r = run(nodeBin, [CLI, 'test', '--bundle', bundle, '--tests', path.join(base, `tests-${n}.yml`), '--json']);
      const j = JSON.parse(r.stdout);
      if (j.passed !== n) throw new Error(`eda-oci test: ${j.passed} of ${n} passed`);
      inside.push(j.tests.reduce((a, t) => a + t.durationMs, 0) / 1000 / n);
      return r.s;
    },
    bare1: () => run(runc, ['--root', state, 'run', '--bundle', path.join(base, 'bare'), 'bare1']).s,
    eda1: () => run(nodeBin, [CLI, 'test', '--bundle', bundle, '--run', 'true']).s,
    node: () => run(nodeBin, ['-e', '0']).s,
    version: () => run(runc, ['--version']).s,
  };
  const inside = [];
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const k of Object.keys(cases)) cases[k](); // warm-up (page cache, runc binary)
  inside.length = 0;
  for (let r = 0; r < rounds; r++) {
    const order = Object.keys(cases);
    if (r % 2) order.reverse();
    for (const k of order) times[k].push(cases[k]());
  }
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  // Marginal cost per test from the medians of the N-test and the one-test runs.
  const marginal = (m.edaN - m.eda1) / (n - 1);
  const perBare = m.bareN / n;
  const ms = (s) => (s * 1000).toFixed(1).padStart(10);
  const x = (s, ref) => (s / ref).toFixed(2).padStart(10);
  const row = (label, total, per, ref) =>
    `${label.padEnd(52)}${total === undefined ? ' '.repeat(10) : total.toFixed(3).padStart(10)}${ms(per)}${x(per, ref)}`;
  const runcVersion = execFileSync(runc, ['--version']).toString().split('\n')[0];
  const lines = [
    `test-bundle-runc benchmark: busybox bundle, ${rounds} alternated rounds, medians (${os.cpus().length} cores, eda-oci on node ${execFileSync(nodeBin, ['--version']).toString().trim()}), as ${os.userInfo().username} (rootless ${runcVersion})`,
    '',
    `${'case'.padEnd(52)}${'median s'.padStart(10)}${'ms/test'.padStart(10)}${'x bare'.padStart(10)}`,
    `-- (a) per test, ${n} tests per run`,
    row(`bare runc run x${n} (shell loop)`, m.bareN, perBare, perBare),
    row(`eda-oci test, ${n} \`true\` tests in one run`, m.edaN, m.edaN / n, perBare),
    row(`  marginal per test ((T${n} - T1) / ${n - 1})`, undefined, marginal, perBare),
    row('  runc run as timed inside eda-oci, per test', undefined, median(inside), perBare),
    '-- (b) one whole invocation',
    row('bare runc run x1', m.bare1, m.bare1, m.bare1),
    row('eda-oci test --run true (whole CLI invocation)', m.eda1, m.eda1, m.bare1),
    row('  node start-up alone (node -e 0)', m.node, m.node, m.bare1),
    row('  runc --version alone', m.version, m.version, m.bare1),
    '',
    `target: a trivial test <= 1.5x a bare runc run: per test in one run ${(m.edaN / n / perBare).toFixed(2)} ${m.edaN / n / perBare <= 1.5 ? 'MET' : 'NOT MET'}, ` +
      `marginal ${(marginal / perBare).toFixed(2)} ${marginal / perBare <= 1.5 ? 'MET' : 'NOT MET'}; ` +
      `whole invocation ${(m.eda1 / m.bare1).toFixed(2)} ${m.eda1 / m.bare1 <= 1.5 ? 'MET' : 'NOT MET'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
