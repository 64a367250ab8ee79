// Benchmark of the eda-oci runtime shim (the RunTimeRun of the generated oci.conf, run for every container step):
//   its own cost (a fake runc that exits at once, called directly and through the shim, alternated), and a real
//   `srun --container BUNDLE true` through the shim for a user who did not build the bundle, next to `srun true`.
// Prints medians. Needs test/cluster up (root). Usage: node bench/slurm-shim.mjs [--rounds N]
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { arg, buildBusyboxAsTestUser, clusterEnv } from './common.mjs';

const env = clusterEnv();
const rounds = Number(arg('--rounds')) || 30;
const work = mkdtempSync('/tmp/eda-oci-bench-shim-');
chmodSync(work, 0o755);
try {
  // A bundle of the test user, used by the second user (the case the shim exists for).
  const out = path.join(work, 'bundles');
  mkdirSync(out);
  execFileSync('chown', [env.EDA_OCI_TEST_USER, out]);
  const bundle = buildBusyboxAsTestUser(env, out);
  // The step bundle as slurmstepd hands it over: config.json with an absolute root.path.
  const step = path.join(work, 'step');
  mkdirSync(step);
  const cfg = JSON.parse(readFileSync(path.join(bundle, 'config.json'), 'utf8'));
  cfg.root.path = path.join(bundle, 'rootfs');
  writeFileSync(path.join(step, 'config.json'), JSON.stringify(cfg));
  const fake = path.join(work, 'fake-runc');
  writeFileSync(fake, '#!/bin/sh\nexit 0\n', { mode: 0o755 });

  const time = (cmd, args) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const cases = {
    'fake runc, direct': () => time(fake, ['run', 'x', '-b', step]),
    'fake runc, through the shim': () => time(env.EDA_OCI_SLURM_SHIM, [`--runc=${fake}`, `--root=${work}/state`, 'run', 'x', '-b', step]),
    'srun true (no container)': () => time('runuser', ['-u', env.EDA_OCI_TEST_USER2, '--', 'srun', '-Q', 'true']),
    'srun --container (shim + runc), 2nd user': () =>
      time('runuser', ['-u', env.EDA_OCI_TEST_USER2, '--', 'srun', '-Q', '--container', bundle, 'true']),
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) for (const [k, fn] of Object.entries(cases)) samples[k].push(fn());
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
  console.log(`runtime shim benchmark: ${rounds} alternated rounds, medians (Slurm ${env.EDA_OCI_SLURM_VERSION}, ${env.EDA_OCI_RUNC})\n`);
  for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(44)} ${v.toFixed(1).padStart(8)} ms`);
  console.log(`\nshim cost per container step: ${(m['fake runc, through the shim'] - m['fake runc, direct']).toFixed(1)} ms`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
