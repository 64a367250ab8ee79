// The workflow files this repository ships (.github/workflows, examples/workflows) and their references to its own
// actions and reusable workflows (`org/eda-oci/actions/<name>@vN`, `org/eda-oci/.github/workflows/<file>@vN`): one
// list and one scan for scripts/actionlint.mjs (checks each reference against the action's or workflow's inputs) and
// scripts/release.mjs (refuses a release while a reference is not at the major tag).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as yaml from 'js-yaml';

/** The workflow files under `root`, relative to it: .github/workflows/*.yml then examples/workflows/*.yml, sorted. */
export function workflowFiles(root) {
  const files = [];
  for (const dir of [path.join('.github', 'workflows'), path.join('examples', 'workflows')]) {
    if (!existsSync(path.join(root, dir))) continue;
    for (const f of readdirSync(path.join(root, dir))
      .filter((n) => /\.ya?ml$/.test(n))
      .sort())
      files.push(path.join(dir, f));
  }
  return files;
}

/** Reads and parses a YAML file of the repository: `{ text, doc }`, or `{ text, error }` when it is not valid YAML. */
export function readYaml(root, rel) {
  const text = readFileSync(path.join(root, rel), 'utf8');
  try {
    return { text, doc: yaml.load(text) };
  } catch (error) {
    return { text, error };
  }
}

// Any owner's eda-oci counts as ours, so a reference to a fork is reported too; the form it must have names org/.
const OWN = /^[^/]+\/eda-oci\//;
const FORM = /^org\/eda-oci\/(actions\/([a-z0-9-]+)|\.github\/workflows\/([A-Za-z0-9._-]+\.ya?ml))@(.+)$/;
const USES_LINE = /^\s*(?:-\s*)?uses:\s*['"]?([^'"\s#]+)/;

/**
 * Every workflow file with its references to this repository: each job `uses:` (kind 'workflow') and step `uses:`
 * (kind 'action') whose owner/name is eda-oci. A reference carries where it is (`<file>: job '<id>' step <n>` and the
 * line), its `with:` map, the ref after `@` (undefined without one), the action folder or workflow file it names
 * (undefined when not of the form org/eda-oci/actions/<name>@<ref> or org/eda-oci/.github/workflows/<file>@<ref>) and
 * `problem`: what is wrong with its form or with its ref against `major` ('' when nothing). `read(rel)` reads a file
 * (readYaml by default); a workflow that is not valid YAML comes with `error` and no references.
 */
export function scanWorkflows(root, major, read = (rel) => readYaml(root, rel)) {
  return workflowFiles(root).map((rel) => {
    const { text, doc, error } = read(rel);
    if (error) return { rel, text, error, refs: [] };
    // The line of each reference: the next `uses:` line, in document order, with the same value.
    const usesLines = text.split('\n').flatMap((line, i) => {
      const u = USES_LINE.exec(line);
      return u ? [{ line: i + 1, uses: u[1] }] : [];
    });
    const refs = [];
    const add = (where, uses, withMap, kind) => {
      if (typeof uses !== 'string' || !OWN.test(uses)) return;
      const at = usesLines.findIndex((u) => u.uses === uses);
      const line = at < 0 ? undefined : usesLines.splice(at, 1)[0].line;
      const ref = uses.includes('@') ? uses.slice(uses.indexOf('@') + 1) : undefined;
      const m = FORM.exec(uses);
      const target = m && {
        isAction: m[2] !== undefined,
        file: m[2] ? path.join('actions', m[2], 'action.yml') : path.join('.github', 'workflows', m[3]),
      };
      const problem = !m
        ? `'${uses}' is not org/eda-oci/actions/<name>@${major} or org/eda-oci/.github/workflows/<file>@${major}`
        : ref !== major
          ? `'${uses}' must use the release tag ${major}`
          : '';
      refs.push({ where, line, kind, uses, with: withMap ?? {}, ref, target, problem });
    };
    for (const [jobId, job] of Object.entries(doc?.jobs ?? {})) {
      add(`${rel}: job '${jobId}'`, job?.uses, job?.with, 'workflow');
      for (const [i, step] of (job?.steps ?? []).entries()) add(`${rel}: job '${jobId}' step ${i + 1}`, step?.uses, step?.with, 'action');
    }
    return { rel, text, doc, refs };
  });
}
