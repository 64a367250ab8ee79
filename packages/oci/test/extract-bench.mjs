// Benchmark (not a test): extractTar vs GNU `tar -xf` on the same tarball, tarball in page cache.
// Usage: node packages/oci/test/extract-bench.mjs /tmp/deb.tar [runs=5]
// Build the tarball from a debootstrap tree: tar -C /var/cache/eda-oci/debootstrap-bookworm -cf /tmp/deb.tar .
// The TypeScript sources are transpiled on the fly with the typescript package (Node 20 cannot strip types).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const tarball = process.argv[2] ?? '/tmp/deb.tar';
const runs = Number(process.argv[3] ?? 5);

async function loadExtract() {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-bench-js-'));
  const srcs = [
    ...fs.readdirSync(path.join(repo, 'packages/oci/src/extract')).map((f) => path.join(repo, 'packages/oci/src/extract', f)),
    path.join(repo, 'packages/exec/src/errors.ts'),
  ];
  for (const src of srcs) {
    const js = ts
      .transpileModule(fs.readFileSync(src, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      })
      .outputText.replaceAll("'@eda-oci/exec'", "'./errors.js'");
    fs.writeFileSync(path.join(out, path.basename(src).replace(/\.ts$/, '.js')), js);
  }
  return import(pathToFileURL(path.join(out, 'index.js')).href);
}

// Output next to the tarball unless EXTRACT_BENCH_OUT names another directory (e.g. a tmpfs).
const outParent = process.env.EXTRACT_BENCH_OUT ?? path.dirname(tarball);
function fresh() {
  const d = fs.mkdtempSync(path.join(outParent, 'extract-bench-out-'));
  return d;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const { extractTar, computeTreeDigest } = await loadExtract();
const size = fs.statSync(tarball).size;
fs.readFileSync(tarball); // warm the page cache
const tarTimes = [];
const ourTimes = [];
let result;
for (let i = 0; i < runs; i++) {
  let d = fresh();
  execFileSync('sync');
  let t = process.hrtime.bigint();
  execFileSync('tar', ['-C', d, '-xf', tarball]);
  tarTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  fs.rmSync(d, { recursive: true, force: true });
  execFileSync('sync');

  d = fresh();
  execFileSync('sync');
  t = process.hrtime.bigint();
  // EXTRACT_BENCH_PIPE=1 reads through a child process pipe (64 KiB chunks), like docker export's stdout.
  const source = process.env.EXTRACT_BENCH_PIPE
    ? spawn('cat', [tarball], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout
    : fs.createReadStream(tarball, { highWaterMark: 1 << 20 });
  result = await extractTar(source, d);
  ourTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (i === runs - 1) {
    const t2 = process.hrtime.bigint();
    const disk = await computeTreeDigest(d);
    const walkMs = Number(process.hrtime.bigint() - t2) / 1e6;
    console.log(`computeTreeDigest: ${walkMs.toFixed(0)} ms, matches: ${disk.treeDigest === result.treeDigest}`);
  }
  fs.rmSync(d, { recursive: true, force: true });
  execFileSync('sync');
}
const tarMs = median(tarTimes);
const ourMs = median(ourTimes);
console.log(`tarball: ${tarball} (${(size / 1e6).toFixed(1)} MB, ${result.entries} entries, ${result.files} files)`);
console.log(`GNU tar -xf : median ${tarMs.toFixed(0)} ms  [${tarTimes.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`extractTar  : median ${ourMs.toFixed(0)} ms  [${ourTimes.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`ratio extractTar / tar = ${(ourMs / tarMs).toFixed(2)}`);
