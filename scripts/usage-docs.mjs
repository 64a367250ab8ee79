// Generates the inputs/outputs tables of each action from its action.yml into README.md and actions/<name>/README.md
// (between <!-- usage:NAME:start --> and <!-- usage:NAME:end -->). --check fails when a table is stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .trim();

function table(meta) {
  const rows = ['| input | required | default | description |', '| --- | --- | --- | --- |'];
  for (const [k, v] of Object.entries(meta.inputs ?? {})) {
    rows.push(`| \`${k}\` | ${v.required ? 'yes' : 'no'} | ${v.default ? `\`${cell(v.default)}\`` : ''} | ${cell(v.description)} |`);
  }
  rows.push('', '| output | description |', '| --- | --- |');
  for (const [k, v] of Object.entries(meta.outputs ?? {})) rows.push(`| \`${k}\` | ${cell(v.description)} |`);
  return rows.join('\n');
}

let stale = [];
for (const a of readdirSync(path.join(root, 'actions'))) {
  const metaFile = path.join(root, 'actions', a, 'action.yml');
  if (!existsSync(metaFile)) continue;
  const meta = yaml.load(readFileSync(metaFile, 'utf8'));
  const block = `<!-- usage:${a}:start -->\n${table(meta)}\n<!-- usage:${a}:end -->`;
  const actionReadme = path.join(root, 'actions', a, 'README.md');
  if (!existsSync(actionReadme)) {
    writeFileSync(actionReadme, `# ${a}\n\n${meta.description}\n\n\`\`\`yaml\n- uses: org/eda-oci/actions/${a}@v1\n\`\`\`\n\n${block}\n`);
  }
  for (const file of [path.join(root, 'README.md'), actionReadme]) {
    const text = readFileSync(file, 'utf8');
    const re = new RegExp(`<!-- usage:${a}:start -->[\\s\\S]*?<!-- usage:${a}:end -->`);
    if (!re.test(text)) {
      stale.push(`${path.relative(root, file)} (no usage block for ${a})`);
      continue;
    }
    const next = text.replace(re, block);
    if (next !== text) {
      if (check) stale.push(path.relative(root, file));
      else writeFileSync(file, next);
    }
  }
}
if (stale.length) {
  console.error(`usage blocks are stale or missing (run node scripts/usage-docs.mjs): ${stale.join(', ')}`);
  process.exit(1);
}
console.log('usage blocks are fresh');
