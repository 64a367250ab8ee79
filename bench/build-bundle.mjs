// Benchmark of build-oci-bundle on the ~200 MB debootstrap Debian image, alternated with its peers in one run:
//   eda-oci cold build (the CLI, same library call as the action), eda-oci unchanged rebuild (cache hit),
//   the documented two-step (docker create + docker export > x.tar; tar -xf x.tar), skopeo copy + umoci unpack --rootless,
//   docker export alone (the daemon's floor), and a plain local `tar -c | tar -x` copy of the same rootfs.
// Prints medians and ratios. Needs test/cluster up (root). Usage: npm run bench [-- --rounds N]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arg, CLI, clusterEnv, median, nodeBinary } from './common.mjs';

const env = clusterEnv();
const rounds = Number(arg('--rounds')) || 5;
const image = process.env.BENCH_IMAGE ?? env.EDA_OCI_IMG_DEBIAN;
const docker = env.EDA_OCI_DOCKER;
// The actions run on Node 24 (runs.using: node24), which also starts several times faster than Node 20: time the CLI on
// the Node 24 that `npm test` installs (or EDA_OCI_NODE24) when it is there, else on this node.
const nodeBin = nodeBinary();
const nodeVersion = execFileSync(nodeBin, ['--version']).toString().trim();
// As root, every case writes into a fresh ext4 file system on a loop device that is unmounted and deleted right after
// it (outside the timing). Two effects would otherwise make each number depend on what ran before: ext4 creates files
// several times slower for a while after many deletions (its inode allocator scans recently deleted inodes), and
// gigabytes of page cache left by earlier cases slow every later allocation. BENCH_DIR=DIR uses plain dirs in DIR.
const base = mkdtempSync(path.join('/var/tmp', 'eda-oci-bench-'));
const useLoop = !process.env.BENCH_DIR && process.getuid?.() === 0;
const mounts = [];
const newFs = (name, size) => {
  const img = path.join(base, `${name}.img`);
  const mnt = path.join(base, name);
  mkdirSync(mnt);
  execFileSync('truncate', ['-s', size, img]);
  execFileSync('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', img]);
  execFileSync('mount', ['-o', 'loop', img, mnt]);
  return { img, mnt };
};
const releaseFs = ({ img, mnt }) => {
  execFileSync('umount', [mnt]);
  rmSync(img, { force: true });
  rmSync(mnt, { recursive: true, force: true });
};
const persistent = useLoop ? newFs('persistent', '4G') : undefined;
const loopMount = persistent?.mnt;
const work = loopMount ?? mkdtempSync(path.join(process.env.BENCH_DIR ?? '/var/tmp', 'eda-oci-bench-'));
const dockerEnv = { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST, EDA_OCI_DOCKER: docker };

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { env: dockerEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout?.toString() ?? '';
};
const sh = (script, ...args) => run('sh', ['-c', script, 'sh', ...args]);
const clean = (p) => rmSync(p, { recursive: true, force: true });
const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
};

execFileSync(docker, ['image', 'inspect', image], { env: dockerEnv, stdio: 'ignore' });
// Reference rootfs for the plain-copy peer: what the two-step extracts.
const refRootfs = path.join(work, 'ref-rootfs');
mkdirSync(refRootfs);
sh(
  'cid=$("$1" create --entrypoint /x "$2") && "$1" export "$cid" | tar -C "$3" -xf - && "$1" rm "$cid" >/dev/null',
  docker,
  image,
  refRootfs,
);
// Warm-up build for the cache-hit case.
run(nodeBin, [CLI, 'build', '--image', image, '--name', 'warm', '--output-dir', path.join(work, 'warm'), '--pull', 'never']);

// A fresh file system (or directory) for one case run; released right after the case.
let seq = 0;
const fresh = (name) => {
  if (useLoop) {
    const fs = newFs(`${name}-${seq++}`, '4G');
    mounts.push(fs);
    return fs.mnt;
  }
  const d = path.join(work, `${name}-${seq++}`);
  mkdirSync(d, { recursive: true });
  return d;
};
const cases = {
  'eda-oci cold build (auto: layer fast path)': () => {
    const out = fresh('cold');
    return time(() => run(nodeBin, [CLI, 'build', '--image', image, '--name', 'b', '--output-dir', out, '--pull', 'never']));
  },
  'eda-oci cold build (--extract export)': () => {
    const out = fresh('cold-export');
    return time(() =>
      run(nodeBin, [CLI, 'build', '--image', image, '--name', 'b', '--output-dir', out, '--pull', 'never', '--extract', 'export']),
    );
  },
  'eda-oci unchanged rebuild (cache hit)': () => {
    let out = '';
    const warmDir = path.join(work, 'warm');
    const t = time(() => {
      out = run(nodeBin, [CLI, 'build', '--image', image, '--name', 'warm', '--output-dir', warmDir, '--pull', 'never', '--json']);
    });
    const r = JSON.parse(out);
    if (r['cache-hit'] !== true) throw new Error('the unchanged rebuild was not a cache hit');
    results[LIB_HIT].push(r['timings-ms'].total / 1000);
    return t;
  },
  'two-step (docker export > x.tar; tar -xf)': () => {
    const d = fresh('twostep');
    mkdirSync(path.join(d, 'rootfs'));
    let cid = '';
    const t = time(() => {
      cid = sh(
        'cid=$("$1" create --entrypoint /x "$2") && "$1" export "$cid" > "$3/x.tar" && tar -C "$3/rootfs" -xf "$3/x.tar" && echo "$cid"',
        docker,
        image,
        d,
      ).trim();
    });
    run(docker, ['rm', cid]);
    return t;
  },
  'docker export alone (> /dev/null)': () => {
    let cid = '';
    const t = time(() => {
      cid = sh('cid=$("$1" create --entrypoint /x "$2") && "$1" export "$cid" > /dev/null && echo "$cid"', docker, image).trim();
    });
    run(docker, ['rm', cid]);
    return t;
  },
  'skopeo copy + umoci unpack --rootless': () => {
    const d = fresh('umoci');
    return time(() => {
      run('skopeo', ['copy', '--quiet', `docker-daemon:${image}`, `oci:${d}/layout:latest`]);
      run('umoci', ['unpack', '--rootless', '--image', `${d}/layout:latest`, `${d}/bundle`]);
    });
  },
  'plain copy (tar -c | tar -x of the rootfs)': () => {
    const d = fresh('plain');
    return time(() => sh('tar -C "$1" -cf - . | tar -C "$2" -xf -', refRootfs, d));
  },
};

const LIB_HIT = '  of which inside the library';
const NODE_START = 'node start-up alone (node -e 0)';
const results = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
results[LIB_HIT] = [];
results[NODE_START] = [];
for (let i = 0; i < rounds; i++) {
  for (const [name, fn] of Object.entries(cases)) {
    sh('sync');
    results[name].push(fn());
    for (const m of mounts.splice(0)) releaseFs(m);
  }
  results[NODE_START].push(time(() => run(nodeBin, ['-e', '0'])));
  process.stderr.write(`round ${i + 1}/${rounds} done\n`);
}
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
const twoStep = m['two-step (docker export > x.tar; tar -xf)'];
const plain = m['plain copy (tar -c | tar -x of the rootfs)'];
console.log(
  `\nbuild-oci-bundle benchmark: ${image}, ${rounds} alternated rounds, medians (${os.cpus().length} cores, eda-oci on node ${nodeVersion}), on ${useLoop ? 'a fresh ext4 (loop) per case' : work}\n`,
);
console.log(`${'case'.padEnd(44)} ${'median s'.padStart(9)} ${'x two-step'.padStart(11)} ${'x plain copy'.padStart(13)}`);
for (const [k, v] of Object.entries(m)) {
  console.log(
    `${k.padEnd(44)} ${v.toFixed(3).padStart(9)} ${(v / twoStep).toFixed(3).padStart(11)} ${(v / plain).toFixed(2).padStart(13)}`,
  );
}
const cold = m['eda-oci cold build (auto: layer fast path)'] / twoStep;
const coldExport = m['eda-oci cold build (--extract export)'] / twoStep;
const coldPlain = m['eda-oci cold build (auto: layer fast path)'] / plain;
const hit = m['eda-oci unchanged rebuild (cache hit)'] / twoStep;
const hitLib = m[LIB_HIT] / twoStep;
const verdict = (x, limit) => `${x.toFixed(3)} ${x <= limit ? 'MET' : 'NOT MET'}`;
console.log(`\ntargets: cold build <= 0.70x two-step: ${verdict(cold, 0.7)} (docker export path: ${coldExport.toFixed(3)})`);
console.log(`         unchanged rebuild <= 0.05x two-step: ${verdict(hit, 0.05)} (inside the library: ${verdict(hitLib, 0.05)})`);
console.log(`         stretch, fast path <= 1.5x plain copy: ${verdict(coldPlain, 1.5)}`);
if (persistent) releaseFs(persistent);
else clean(work);
clean(base);
