// A reader like a job start: loops resolving <bundles-dir>/<name>/config.json and reading rootfs files through the
// symlink, and checks that the version it points at is complete (lockfile, config digest, bundle-id, every path of
// publish.files present). Prints one JSON line {iterations, versions, errors} when sent SIGTERM.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

const [dir, name, file] = process.argv.slice(2);
const link = `${dir}/${name}`;
let stop = false;
process.on('SIGTERM', () => (stop = true));
const errors = [];
const versions = new Set();
let iterations = 0;

function count(root) {
  let n = 0;
  for (const e of fs.readdirSync(root, { withFileTypes: true })) {
    n++;
    if (e.isDirectory()) n += count(`${root}/${e.name}`);
  }
  return n;
}

function check() {
  JSON.parse(fs.readFileSync(`${link}/config.json`, 'utf8'));
  const fd = fs.openSync(`${link}/rootfs/${file}`, 'r');
  const buf = Buffer.alloc(4096);
  fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  const target = fs.readlinkSync(link);
  versions.add(target);
  const v = `${dir}/${target}`;
  const lock = JSON.parse(fs.readFileSync(`${v}/bundle.lock.json`, 'utf8'));
  const sha = `sha256:${createHash('sha256')
    .update(fs.readFileSync(`${v}/config.json`))
    .digest('hex')}`;
  if (sha !== lock.configSha256) throw new Error(`${target}: config.json does not match its lockfile`);
  if (fs.readFileSync(`${v}/rootfs/.eda-oci/bundle-id`, 'utf8').trim() !== lock.bundleDigest) throw new Error(`${target}: wrong bundle-id`);
  const entries = fs.readFileSync(`${v}/publish.files`, 'utf8').split('\n').length - 5;
  // every recorded path plus .eda-oci and its bundle-id
  const n = count(`${v}/rootfs`);
  if (n !== entries + 2) throw new Error(`${target}: ${n} paths in rootfs, publish.files has ${entries} (+2)`);
}

while (!stop) {
  try {
    check();
    iterations++;
  } catch (e) {
    errors.push(String(e?.message ?? e));
  }
  // A few ms apart: enough to hit every state of a publish, without starving the publishers of CPU.
  await new Promise((r) => setTimeout(r, 3));
}
process.stdout.write(
  `${JSON.stringify({ iterations, versions: versions.size, errors: errors.slice(0, 20), errorCount: errors.length })}\n`,
);
