// Benchmark of publish-oci-bundle on the ~200 MB debootstrap Debian bundle, in alternated rounds:
//   cp -a of the bundle into the bundles dir's file system (the peer: what updating a shared bundle dir by copying costs),
//   eda-oci publish of v1 (first version: everything copied), of v2 (one file of the image changed: everything else is
//   hard-linked), and of v2 again (unchanged: nothing written).
// v1 is the registry's Debian image; v2 is that image with one existing file changed (docker commit, CMD kept). Both are
// built once with `eda-oci build` on a persistent file system; each round publishes into a fresh ext4 on a loop device.
// Prints medians, bytes written and ratios; times the CLI (what an admin or the action pays: node start-up included) and
// the library alone (`timings-ms.total`), with the library's phases for v2. Also times the floor of any publish with
// the same guarantees in Node: a minimal script that makes only the system calls such a publish needs (FLOOR below).
// Needs test/cluster up and root. Usage: npm run bench:publish [-- --rounds N]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arg, CLI, clusterEnv, median, nodeBinary } from './common.mjs';

const env = clusterEnv();
const rounds = Number(arg('--rounds')) || 5;
const image = process.env.BENCH_IMAGE ?? env.EDA_OCI_IMG_DEBIAN;
const docker = env.EDA_OCI_DOCKER;
const dockerEnv = { ...process.env, DOCKER_HOST: env.EDA_OCI_ROOTFUL_DOCKER_HOST, EDA_OCI_DOCKER: docker };
// As in bench/build-bundle.mjs: the CLI on the Node 24 the actions run on, when installed.
const nodeBin = nodeBinary();
const nodeVersion = execFileSync(nodeBin, ['--version']).toString().trim();
if (process.getuid?.() !== 0) {
  process.stderr.write('bench:publish needs root (loop-mounted ext4 file systems)\n');
  process.exit(2);
}

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { env: dockerEnv, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout?.toString() ?? '';
};
const time = (fn) => {
  const t = process.hrtime.bigint();
  const out = fn();
  return { s: Number(process.hrtime.bigint() - t) / 1e9, out };
};

// The system calls a verified publish of v2 cannot do without, from Node with no other work: one lstat per source
// path (proving the bundle unchanged), a mkdir per directory, one lstat (vetting the link source) and one link(2) per
// file and symlink, and per directory a readdir, utimes, chmod and lstat. Nothing parsed, compared or recorded.
// argv: source bundle, the rootfs to link from, the new tree.
const FLOOR = `
const fs = require('node:fs');
const [src, cur, dst] = process.argv.slice(1);
const t0 = performance.now();
const lines = fs.readFileSync(src + '/bundle.files', 'utf8').split('\\n');
const paths = [], dirs = [];
for (let i = 4; i < lines.length - 1; i++) { const t = lines[i].indexOf('\\t'); paths.push(lines[i].slice(0, t)); dirs.push(lines[i][t + 1] === 'd'); }
const B = { bigint: true, throwIfNoEntry: false };
for (const p of paths) fs.lstatSync(src + '/rootfs/' + p, B);
fs.mkdirSync(dst, 0o700);
for (let i = 0; i < paths.length; i++) {
  if (dirs[i]) { fs.mkdirSync(dst + '/' + paths[i], 0o700); continue; }
  fs.lstatSync(cur + '/' + paths[i], B);
  fs.linkSync(cur + '/' + paths[i], dst + '/' + paths[i]);
}
for (let i = paths.length - 1; i >= 0; i--) {
  if (!dirs[i]) continue;
  const d = dst + '/' + paths[i];
  fs.readdirSync(d); fs.utimesSync(d, 1e9, 1e9); fs.chmodSync(d, 0o755); fs.lstatSync(d, B);
}
process.stdout.write(String((performance.now() - t0) / 1000));
`;

const base = mkdtempSync(path.join('/var/tmp', 'eda-oci-bench-publish-'));
const mounts = [];
let seq = 0;
// A fresh ext4 per use: ext4 allocates slowly for a while after mass deletions, and each round must not inherit that.
const newFs = (name, size) => {
  const img = path.join(base, `${name}-${seq}.img`);
  const mnt = path.join(base, `${name}-${seq++}`);
  mkdirSync(mnt);
  execFileSync('truncate', ['-s', size, img]);
  execFileSync('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', img]);
  execFileSync('mount', ['-o', 'loop', img, mnt]);
  const fs = { img, mnt };
  mounts.push(fs);
  return fs;
};
const releaseFs = ({ img, mnt }) => {
  execFileSync('umount', [mnt]);
  rmSync(img, { force: true });
  rmSync(mnt, { recursive: true, force: true });
  mounts.splice(mounts.indexOf(mounts.find((m) => m.mnt === mnt)), 1);
};

try {
  // v2: the same image with one existing file changed, and the original CMD (so config.json is the same too).
  const v2Image = 'eda-oci-bench/debian:publish-v2';
  const cname = `eda-oci-bench-publish-${process.pid}`;
  run(docker, ['run', '--network', 'none', '--name', cname, image, 'sh', '-c', 'echo "eda-oci publish bench" >> /etc/issue']);
  const cmd = JSON.parse(run(docker, ['image', 'inspect', '--format', '{{json .Config.Cmd}}', image]));
  run(docker, ['commit', '--change', `CMD ${JSON.stringify(cmd)}`, cname, v2Image]);
  run(docker, ['rm', cname]);

  const builds = newFs('builds', '2G').mnt;
  const build = (img, dir) => {
    const out = JSON.parse(
      run(nodeBin, [CLI, 'build', '--image', img, '--name', 'debian', '--output-dir', path.join(builds, dir), '--pull', 'never', '--json']),
    );
    return out;
  };
  const v1 = build(image, 'v1');
  const v2 = build(v2Image, 'v2');
  const files = (b) => readFileSync(path.join(b['bundle-path'], 'bundle.files'), 'utf8').split('\n').slice(4);
  const a = new Set(files(v1).map((l) => l.split('\t').slice(0, 6).join('\t')));
  const differing = files(v2).filter((l) => l && !a.has(l.split('\t').slice(0, 6).join('\t')));
  const sameConfig =
    readFileSync(path.join(v1['bundle-path'], 'config.json'), 'utf8') === readFileSync(path.join(v2['bundle-path'], 'config.json'), 'utf8');
  process.stderr.write(
    `v2 differs from v1 in ${differing.length} path(s): ${differing.map((l) => l.split('\t')[0]).join(', ')}; config.json ${sameConfig ? 'equal' : 'differs'}\n`,
  );

  const publish = (bundle, store) => {
    const { s, out } = time(() => run(nodeBin, [CLI, 'publish', '--bundle', bundle, '--bundles-dir', store, '--name', 'debian', '--json']));
    const r = JSON.parse(out);
    return { s, lib: r['timings-ms'].total / 1000, r };
  };
  const results = {};
  const phases = {};
  const add = (k, v) => (results[k] ??= []).push(v);
  let bundleBytes = 0;
  let v2Bytes = 0;
  let v2Linked = 0;
  for (let i = 0; i < rounds; i++) {
    const target = newFs('store', '2G').mnt;
    execFileSync('sync');
    add('cp -a of the bundle', time(() => run('cp', ['-a', v1['bundle-path'], path.join(target, 'cp-a')])).s);
    execFileSync('sync');
    // The floor of any publish that links every file: one hard link per file, from C, nothing checked.
    add('cp -al of that copy (hard links)', time(() => run('cp', ['-al', path.join(target, 'cp-a'), path.join(target, 'cp-al')])).s);
    execFileSync('sync');
    const floor = time(() => run(nodeBin, ['-e', FLOOR, v2['bundle-path'], path.join(target, 'cp-a/rootfs'), path.join(target, 'floor')]));
    add('floor: bare syscalls from node', floor.s);
    add('  floor inside the script', Number(floor.out));
    execFileSync('sync');
    const store = path.join(target, 'bundles');
    mkdirSync(store, { mode: 0o755 });
    const p1 = publish(v1['bundle-path'], store);
    if (!p1.r.changed) throw new Error('v1 publish did not change anything');
    add('publish v1 (first version)', p1.s);
    add('  v1 inside the library', p1.lib);
    execFileSync('sync');
    const p2 = publish(v2['bundle-path'], store);
    if (!p2.r.changed || p2.r['previous-version'] !== p1.r.version) throw new Error('v2 publish did not make a new version');
    add('publish v2 (one file changed)', p2.s);
    add('  v2 inside the library', p2.lib);
    for (const [k, v] of Object.entries(p2.r['timings-ms'])) (phases[k] ??= []).push(v);
    v2Bytes = p2.r['bytes-written'];
    v2Linked = p2.r['files-linked'];
    bundleBytes = v2['size-bytes'];
    execFileSync('sync');
    const p3 = publish(v2['bundle-path'], store);
    if (p3.r.changed) throw new Error('the unchanged publish changed something');
    add('publish v2 again (unchanged)', p3.s);
    add('  unchanged inside the library', p3.lib);
    releaseFs(mounts.find((m) => m.mnt === target));
    add('node start-up alone (node -e 0)', time(() => run(nodeBin, ['-e', '0'])).s);
    process.stderr.write(`round ${i + 1}/${rounds} done\n`);
  }
  const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
  const cp = m['cp -a of the bundle'];
  console.log(
    `\npublish-oci-bundle benchmark: ${image} (${(bundleBytes / 1e6).toFixed(0)} MB, ${v1['file-count']} files), ${rounds} rounds, medians (${os.cpus().length} cores, eda-oci on node ${nodeVersion}), bundles dir on a fresh ext4 (loop) per round\n`,
  );
  console.log(`${'case'.padEnd(36)} ${'median s'.padStart(9)} ${'x cp -a'.padStart(9)}`);
  for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(36)} ${v.toFixed(3).padStart(9)} ${(v / cp).toFixed(3).padStart(9)}`);
  console.log(
    `\nv2 inside the library, median ms per phase: ${Object.entries(phases)
      .map(([k, v]) => `${k} ${median(v)}`)
      .join(', ')}`,
  );
  const share = v2Bytes / bundleBytes;
  const verdict = (x, ok) => `${x} ${ok ? 'MET' : 'NOT MET'}`;
  console.log(`\nv2: ${v2Linked} files hard-linked, ${v2Bytes} bytes written (changed files + ${differing.length} path(s) + metadata)`);
  console.log(`targets: v2 bytes written <= 1% of the bundle: ${verdict(`${(share * 100).toFixed(2)}%`, share <= 0.01)}`);
  console.log(
    `         v2 time <= 0.25x cp -a: ${verdict((m['publish v2 (one file changed)'] / cp).toFixed(3), m['publish v2 (one file changed)'] / cp <= 0.25)} (inside the library: ${(m['  v2 inside the library'] / cp).toFixed(3)})`,
  );
  console.log(
    `         unchanged publish <= 0.2 s: ${verdict(`${m['publish v2 again (unchanged)'].toFixed(3)} s`, m['publish v2 again (unchanged)'] <= 0.2)} (inside the library: ${m['  unchanged inside the library'].toFixed(3)} s)`,
  );
  run(docker, ['rmi', v2Image]);
} finally {
  for (const fs of [...mounts]) releaseFs(fs);
  rmSync(base, { recursive: true, force: true });
}
