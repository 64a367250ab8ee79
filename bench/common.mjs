// What every bench/ script needs: the repository, the test cluster's settings, command-line values, the Node the
// actions run on, medians, and a small bundle built by the first test user on its rootless daemon.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root. */
export const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The CLI bundle the benches run: $EDA_OCI_CLI, else the committed one. */
export const CLI = process.env.EDA_OCI_CLI ?? path.join(REPO, 'packages/cli/dist/index.js');

/** KEY=value lines of /run/eda-oci/cluster.env, written by test/cluster/setup.sh. */
export function clusterEnv() {
  return Object.fromEntries(
    readFileSync('/run/eda-oci/cluster.env', 'utf8')
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

/** The value after `name` on the command line, else `fallback`. */
export function arg(name, fallback) {
  return process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;
}

/**
 * The Node 24 that `npm test` installs (the actions run on node24, which also starts several times faster than Node 20),
 * else this Node.
 */
export function nodeBinary() {
  const node24 = process.env.EDA_OCI_NODE24 ?? path.join(REPO, '.tmp/node24/node_modules/node/bin/node');
  return existsSync(node24) ? node24 : process.execPath;
}

/** The median (the mean of the two middle values for an even count). */
export function median(values) {
  const s = [...values].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Builds the busybox test image into `outDir/bb` as the first test user on its rootless daemon; returns the bundle path. */
export function buildBusyboxAsTestUser(env, outDir, cli = CLI) {
  execFileSync(
    'runuser',
    [
      '-u',
      env.EDA_OCI_TEST_USER,
      '--',
      'env',
      `XDG_RUNTIME_DIR=${env.EDA_OCI_TEST_XDG_RUNTIME_DIR}`,
      `HOME=${env.EDA_OCI_TEST_HOME}`,
      process.execPath,
      cli,
      'build',
      '--image',
      env.EDA_OCI_IMG_BUSYBOX1,
      '--name',
      'bb',
      '--output-dir',
      outDir,
      '--docker-host',
      env.EDA_OCI_ROOTLESS_DOCKER_HOST,
      '--pull',
      'never',
    ],
    { stdio: 'ignore' },
  );
  return path.join(outDir, 'bb');
}
