// The committed CLI bundle is the `eda-oci` program: executable with a shebang, and installable as a bin with npm.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BIN = path.join(CLI_DIR, 'dist', 'index.js');

describe('the eda-oci program', () => {
  it('dist/index.js runs by itself (shebang, executable bit)', () => {
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
    const r = spawnSync(BIN, ['--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^eda-oci: /);
    expect(r.stdout).toMatch(/Exit codes/i);
  });

  it('npm install -g of packages/cli gives an eda-oci command that needs nothing else', () => {
    const prefix = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-bin-'));
    const install = spawnSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, CLI_DIR], {
      encoding: 'utf8',
    });
    expect(install.status, install.stderr).toBe(0);
    const r = spawnSync(path.join(prefix, 'bin', 'eda-oci'), ['plan', '--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/eda-oci plan/);
  });
});
