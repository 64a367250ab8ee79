// vitest globalSetup of the integration project: one temp root per run for bundles and runner files (tests make
// several 200 MB bundles), removed at the end, mounts included (EDA_OCI_KEEP_TEST_TMP=1 keeps the files).
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeTestTree } from './cluster.js';

export function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-tests-'));
  chmodSync(root, 0o755); // the unprivileged test users work below it
  process.env.EDA_OCI_TEST_TMP = root;
  return () => removeTestTree(root, Boolean(process.env.EDA_OCI_KEEP_TEST_TMP));
}
