// Benchmark of slurm-submit-container's library (through `eda-oci submit`, the CLI twin of the action, on the Node the
// action runs on) on the Slurm test cluster, in one run, as the second test user with a bundle the first one built:
//   1. a trivial sbatch container job, submit to result: eda-oci submit vs `sbatch --wait` (alternated rounds);
//   2. srun mode: eda-oci submit --mode srun vs a bare `srun --container` (alternated rounds);
//   3. 50 concurrent jobs watched by one JobMonitor: Slurm commands and slurmctld RPCs (sdiag) per poll interval.
// Prints medians and ratios against the targets of issue 4. Needs test/cluster up (root). Usage:
//   node bench/slurm-submit.mjs [--rounds N] [--jobs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { arg, buildBusyboxAsTestUser, CLI, clusterEnv, nodeBinary, REPO } from './common.mjs';

const env = clusterEnv();
const rounds = Number(arg('--rounds', 7));
const njobs = Number(arg('--jobs', 50));
const nodeBin = nodeBinary();
const nodeVersion = execFileSync(nodeBin, ['--version']).toString().trim();
const USER = env.EDA_OCI_TEST_USER2;
const work = mkdtempSync('/tmp/eda-oci-bench-slurm-');
chmodSync(work, 0o777);

const asUser = (cmd, args) => [
  'runuser',
  ['-u', USER, '--', 'env', '-i', `HOME=/home/${USER}`, `USER=${USER}`, 'PATH=/usr/bin:/bin:/usr/sbin:/sbin', cmd, ...args],
];
const timed = (cmd, args) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return s;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sdiag = () => {
  const t = spawnSync('sdiag', [], { encoding: 'utf8' }).stdout;
  const counts = {};
  for (const m of t.matchAll(/^\s+(REQUEST_\w+)\s+\(\s*\d+\)\s+count:(\d+)/gm)) counts[m[1]] = Number(m[2]);
  return counts;
};

try {
  // The bundle: built by the first test user, run by the second (through the runtime shim).
  execFileSync('chown', [env.EDA_OCI_TEST_USER, work]);
  const bundle = buildBusyboxAsTestUser(env, work);
  chmodSync(work, 0o777);

  // 1 and 2: alternated rounds.
  const cases = {
    'sbatch --wait --container (trivial job)': () =>
      timed(...asUser('sbatch', ['--wait', '-Q', '--container', bundle, '-o', '/dev/null', '--wrap', 'true'])),
    'eda-oci submit (sbatch mode)': () =>
      timed(...asUser(nodeBin, [CLI, 'submit', '--bundle', bundle, '--command', 'true', '--output-dir', work])),
    'srun --container (bare)': () => timed(...asUser('srun', ['-Q', '--container', bundle, 'true'])),
    'eda-oci submit --mode srun': () =>
      timed(...asUser(nodeBin, [CLI, 'submit', '--mode', 'srun', '--bundle', bundle, '--command', 'true'])),
    'node start-up alone (node -e 0)': () => timed(...asUser(nodeBin, ['-e', '0'])),
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) for (const [k, fn] of Object.entries(cases)) samples[k].push(fn());
  const m = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));

  // 3: 50 jobs, one monitor (the library, bundled on the fly: the bench runs plain node).
  const lib = path.join(work, 'lib');
  execFileSync(process.execPath, [
    path.join(REPO, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
    'build',
    path.join(REPO, 'packages/slurm/src/index.ts'),
    '-o',
    lib,
    '--target',
    'es2022',
    '--quiet',
  ]);
  const { JobMonitor, SlurmCommands } = await import(path.join(lib, 'index.js'));
  const ids = [];
  for (let i = 0; i < njobs; i++) {
    const [cmd, a] = asUser('sbatch', ['--parsable', '--container', bundle, '-o', '/dev/null', '--wrap', `sleep ${1 + (i % 5)}`]);
    ids.push(spawnSync(cmd, a, { cwd: work, encoding: 'utf8' }).stdout.trim().split(';')[0]);
  }
  const commands = new SlurmCommands();
  const monitor = new JobMonitor(commands);
  const perPoll = [];
  let last = 0;
  spawnSync('sdiag', ['-r']);
  const before = sdiag();
  const t0 = Date.now();
  const res = await monitor.wait(ids, {
    onPoll: () => {
      // Controller queries: squeue and scontrol (sacct asks slurmdbd, and only once when there is no accounting).
      const n = commands.counts.squeue + commands.counts.scontrol;
      perPoll.push(n - last);
      last = n;
    },
  });
  const waitS = (Date.now() - t0) / 1000;
  const after = sdiag();
  const rpc = (k) => (after[k] ?? 0) - (before[k] ?? 0);
  const jobRpcs = rpc('REQUEST_JOB_INFO') + rpc('REQUEST_JOB_INFO_SINGLE') + rpc('REQUEST_PARTITION_INFO') + rpc('REQUEST_FED_INFO');
  const states = {};
  for (const d of res.values()) states[d.state] = (states[d.state] ?? 0) + 1;

  const f = (x) => x.toFixed(3).padStart(8);
  console.log(
    `slurm-submit-container benchmark: ${rounds} alternated rounds, medians (Slurm ${env.EDA_OCI_SLURM_VERSION}, eda-oci on node ${nodeVersion}, 2 cores)\n`,
  );
  console.log(`${'case'.padEnd(44)} median s`);
  for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(44)} ${f(v)}`);
  const ratio = m['eda-oci submit (sbatch mode)'] / m['sbatch --wait --container (trivial job)'];
  const extra = m['eda-oci submit --mode srun'] - m['srun --container (bare)'];
  console.log(`\n${njobs} concurrent jobs, one monitor: ${monitor.polls} polls in ${waitS.toFixed(1)} s, states ${JSON.stringify(states)}`);
  console.log(
    `  Slurm commands: ${commands.counts.squeue} squeue, ${commands.counts.scontrol} scontrol (controller queries per poll: max ${Math.max(...perPoll)}, mean ${(perPoll.reduce((a, b) => a + b, 0) / perPoll.length).toFixed(2)}), ${commands.counts.sacct} sacct (slurmdbd)`,
  );
  console.log(
    `  slurmctld RPCs (sdiag, whole cluster): ${rpc('REQUEST_JOB_INFO')} job info, ${rpc('REQUEST_JOB_INFO_SINGLE')} single-job info, ${rpc('REQUEST_PARTITION_INFO')} partition info, ${rpc('REQUEST_FED_INFO')} federation info = ${(jobRpcs / monitor.polls).toFixed(2)} per poll`,
  );
  console.log(`\ntargets: sbatch mode submit-to-result <= 0.5x sbatch --wait: ${ratio.toFixed(3)} ${ratio <= 0.5 ? 'MET' : 'NOT MET'}`);
  console.log(`         srun mode <= bare srun --container + 0.3 s: +${extra.toFixed(3)} s ${extra <= 0.3 ? 'MET' : 'NOT MET'}`);
  const q = Math.max(...perPoll);
  console.log(`         ${njobs} jobs, <= 2 controller queries per poll interval: max ${q} ${q <= 2 ? 'MET' : 'NOT MET'}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
