// Bundles every action entry (src/main.ts, src/post.ts) and the CLI with ncc into committed dist/ folders.
// Usage: node scripts/build.mjs [--check] [NAME...]   (--check: fail when a committed dist differs from a fresh build;
// NAME: only these targets, an action folder name or `cli`)
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

const targets = [];
for (const a of readdirSync(path.join(root, 'actions'))) {
  for (const entry of ['main', 'post']) {
    const src = path.join(root, 'actions', a, 'src', `${entry}.ts`);
    if (existsSync(src)) targets.push({ name: a, src, out: path.join(root, 'actions', a, 'dist', entry) });
  }
}
targets.push({
  name: 'cli',
  bin: true,
  src: path.join(root, 'packages', 'cli', 'src', 'bin.ts'),
  out: path.join(root, 'packages', 'cli', 'dist'),
});
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (only.length) {
  const unknown = only.filter((n) => !targets.some((t) => t.name === n));
  if (unknown.length) {
    process.stderr.write(`unknown build target(s): ${unknown.join(', ')} (an actions/ folder name or cli)\n`);
    process.exit(2);
  }
  targets.splice(0, targets.length, ...targets.filter((t) => only.includes(t.name)));
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p).map((f) => path.join(n, f)) : [n];
  });
}

let stale = [];
for (const { src, out, bin } of targets) {
  // Built next to the committed dist and swapped in only when ncc succeeded: a failed build leaves the old dist.
  const dest = check ? mkdtempSync(path.join(os.tmpdir(), 'eda-oci-dist-')) : `${out}.building-${process.pid}`;
  rmSync(dest, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [ncc, 'build', src, '-o', dest, '--target', 'es2022', '--quiet', '--license', 'licenses.txt'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (err) {
    rmSync(dest, { recursive: true, force: true });
    throw err;
  }
  if (!check) {
    // The CLI bundle is the `eda-oci` bin (package.json "bin"): executable, with the shebang ncc keeps from bin.ts.
    if (bin) chmodSync(path.join(dest, 'index.js'), 0o755);
    rmSync(out, { recursive: true, force: true });
    renameSync(dest, out);
  }
  if (check) {
    const a = listFiles(dest).sort();
    const b = listFiles(out).sort();
    const same =
      a.length === b.length && a.every((f, i) => f === b[i] && readFileSync(path.join(dest, f)).equals(readFileSync(path.join(out, f))));
    if (!same) stale.push(path.relative(root, out));
    rmSync(dest, { recursive: true, force: true });
  }
  process.stdout.write(`${check ? 'checked' : 'built'} ${path.relative(root, out)}\n`);
}
if (stale.length) {
  process.stderr.write(`dist is stale (run npm run build and commit): ${stale.join(', ')}\n`);
  process.exit(1);
}
