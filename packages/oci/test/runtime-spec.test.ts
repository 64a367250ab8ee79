// config.json generation: equivalence with real `runc spec --rootless`, image config, overlay validation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import {
  applyImageConfig,
  applyOverlay,
  idMappings,
  mergeEnv,
  parseConfigOverlay,
  rootlessBaseSpec,
  validateOverlay,
} from '../src/index.js';

const fixture = path.resolve(__dirname, '../../../test/fixtures/runc/spec-rootless-1.1.5-uid0.json');

function runcAvailable(): boolean {
  try {
    execFileSync('runc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('rootlessBaseSpec', () => {
  it('equals the captured runc 1.1.5 `spec --rootless` output except terminal=false', () => {
    const runc = JSON.parse(readFileSync(fixture, 'utf8'));
    const ours = rootlessBaseSpec(0, 0);
    expect(ours.process.terminal).toBe(false);
    expect({ ...ours, process: { ...ours.process, terminal: true } }).toEqual(runc);
  });

  it.runIf(runcAvailable())('equals live `runc spec --rootless` for the calling user (needs runc installed)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spec-'));
    try {
      execFileSync('runc', ['spec', '--rootless'], { cwd: dir });
      const runc = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
      const ours = rootlessBaseSpec(process.getuid!(), process.getgid!());
      expect({ ...ours, process: { ...ours.process, terminal: true } }).toEqual(runc);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps container root to the given host ids', () => {
    const s = rootlessBaseSpec(1234, 5678);
    expect(s.linux.uidMappings).toEqual([{ containerID: 0, hostID: 1234, size: 1 }]);
    expect(s.linux.gidMappings).toEqual([{ containerID: 0, hostID: 5678, size: 1 }]);
  });
});

describe('idMappings', () => {
  it('adds the subordinate range above container root for ordinary users', () => {
    expect(idMappings(1000, { start: 100000, count: 65536 })).toEqual([
      { containerID: 0, hostID: 1000, size: 1 },
      { containerID: 1, hostID: 100000, size: 65536 },
    ]);
  });
  it('keeps a single mapping without a range', () => {
    expect(idMappings(1000, undefined)).toEqual([{ containerID: 0, hostID: 1000, size: 1 }]);
  });
  it('gives root an identity mapping', () => {
    expect(idMappings(0, undefined)).toEqual([{ containerID: 0, hostID: 0, size: 65536 }]);
  });
});

describe('applyImageConfig', () => {
  const base = rootlessBaseSpec(1000, 1000);
  it('applies Env over runc defaults, WorkingDir, User and Entrypoint+Cmd', () => {
    const s = applyImageConfig(
      base,
      {
        env: ['PATH=/opt/tool/bin:/usr/bin', 'TOOL_HOME=/opt/tool'],
        entrypoint: ['/opt/tool/bin/tool'],
        cmd: ['--version'],
        workingDir: '/work',
        user: 'eda',
      },
      { uid: 1000, gid: 1000, additionalGids: [1001], home: '/home/eda' },
    );
    expect(s.process.env).toEqual(['PATH=/opt/tool/bin:/usr/bin', 'TERM=xterm', 'TOOL_HOME=/opt/tool', 'HOME=/home/eda']);
    expect(s.process.cwd).toBe('/work');
    expect(s.process.args).toEqual(['/opt/tool/bin/tool', '--version']);
    expect(s.process.user).toEqual({ uid: 1000, gid: 1000 }); // rootless runc refuses additionalGids
    expect(s.process.terminal).toBe(false);
    expect(base.process.args).toEqual(['sh']); // input not mutated
  });
  it('keeps runc defaults when the image sets nothing', () => {
    const s = applyImageConfig(
      base,
      { env: [], entrypoint: [], cmd: [], workingDir: '', user: '' },
      { uid: 0, gid: 0, additionalGids: [] },
    );
    expect(s.process.args).toEqual(['sh']);
    expect(s.process.cwd).toBe('/');
    expect(s.process.user).toEqual({ uid: 0, gid: 0 });
  });
});

describe('mergeEnv', () => {
  it('later values win, order of first appearance kept', () => {
    expect(mergeEnv(['A=1', 'B=2'], ['B=3', 'C=4'])).toEqual(['A=1', 'B=3', 'C=4']);
  });
});

describe('config overlay', () => {
  it('parses YAML and merges env, cwd, args, hostname, mounts, annotations', () => {
    const o = parseConfigOverlay(
      `env:\n  LM_LICENSE_FILE: 27000@lic\ncwd: /scratch\nargs: [/bin/sh, -c, "echo hi"]\nhostname: tool1\nmounts:\n  - {destination: /tools, type: none, source: /opt/tools, options: [rbind, ro]}\nannotations: {org.site.owner: cad}\n`,
    );
    const s = applyOverlay(rootlessBaseSpec(0, 0), o);
    expect(s.process.env).toContain('LM_LICENSE_FILE=27000@lic');
    expect(s.process.cwd).toBe('/scratch');
    expect(s.process.args).toEqual(['/bin/sh', '-c', 'echo hi']);
    expect(s.hostname).toBe('tool1');
    expect(s.mounts.at(-1)).toEqual({ destination: '/tools', type: 'none', source: '/opt/tools', options: ['rbind', 'ro'] });
    expect(s.annotations).toEqual({ 'org.site.owner': 'cad' });
  });
  it('parses JSON too', () => {
    expect(parseConfigOverlay('{"cwd": "/x"}')).toEqual({ cwd: '/x' });
  });
  it('replaces a default mount with the same destination', () => {
    const s = applyOverlay(rootlessBaseSpec(0, 0), {
      mounts: [{ destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['size=1g'] }],
    });
    expect(s.mounts.filter((m) => m.destination === '/dev/shm')).toHaveLength(1);
  });
  it.each([
    ['unknown key', { process: {} }, /unknown key 'process'/],
    ['relative cwd', { cwd: 'work' }, /config.cwd must be an absolute path/],
    ['env not a map', { env: ['A=1'] }, /config.env must be a mapping/],
    ['bad env name', { env: { 'A-B': '1' } }, /invalid key 'A-B'/],
    ['empty args', { args: [] }, /config.args must be a non-empty list/],
    ['bad hostname', { hostname: 'a b' }, /not a valid host name/],
    ['mount without destination', { mounts: [{ source: '/x' }] }, /mounts\[0\].destination/],
    ['not a mapping', ['x'], /must be a YAML\/JSON mapping/],
  ])('rejects %s', (_n, value, re) => {
    expect(() => validateOverlay(value)).toThrow(ConfigurationError);
    expect(() => validateOverlay(value)).toThrow(re);
  });
  it('names the line of a YAML syntax error', () => {
    expect(() => parseConfigOverlay('env:\n  A: 1\n B: [\n')).toThrow(/line \d/);
  });
});
