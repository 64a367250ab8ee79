// Unit tests of the oci.conf tables, generator and linter (captured seed and hand-made files in test/fixtures/slurm).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OCI_CONF_RELEASES, checkOciConf, generateOciConf, ociConfRelease, parseSlurmVersionOutput } from '../src/index.js';

const FIX = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../test/fixtures/slurm');
const fixture = (name: string): string => readFileSync(path.join(FIX, name), 'utf8');
const errors = (text: string, v: string): string[] =>
  checkOciConf(text, v)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.message);

describe('generateOciConf', () => {
  it.each(OCI_CONF_RELEASES.map((r) => r.version))('the file generated for %s passes the linter of that release', (v) => {
    const text = generateOciConf({ slurmVersion: v, shimPath: '/opt/eda/shim/oci-runtime-shim', runcPath: '/usr/sbin/runc' });
    const r = checkOciConf(text, v);
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.values.RunTimeRun).toBe(
      '/opt/eda/shim/oci-runtime-shim --runc=/usr/sbin/runc --rootless=true --root=/tmp/eda-oci-runc-%u run %n.%u.%j.%s.%t -b %b',
    );
    expect(r.values.RunTimeCreate).toBeUndefined();
  });

  it('22.05: only the keys 22.05 knows, no %U, RunTimeQuery through the shim', () => {
    const text = generateOciConf({ slurmVersion: '22.05.8' });
    expect(text).not.toMatch(/EnvExclude|IgnoreFileConfigJson|MountSpoolDir|%U/);
    expect(text).toContain(
      'RunTimeQuery="/usr/local/libexec/eda-oci/oci-runtime-shim --runc=runc --rootless=true --root=/tmp/eda-oci-runc-%u state',
    );
    expect(text).toContain(
      'RunTimeKill="/usr/local/libexec/eda-oci/oci-runtime-shim --runc=runc --rootless=true --root=/tmp/eda-oci-runc-%u kill -a %n.%u.%j.%s.%t"',
    );
  });

  it('23.02 and newer: EnvExclude, RunTimeEnvExclude and a spool mount point below /dev', () => {
    for (const v of ['23.02', '24.11', '25.05', '26.05']) {
      const text = generateOciConf({ slurmVersion: v });
      expect(text).toContain('EnvExclude="^(SLURM_CONF|SLURM_CONF_SERVER)="');
      expect(text).toContain('RunTimeEnvExclude=');
      expect(text).toContain('MountSpoolDir="/dev/slurm"');
    }
  });

  it('a newer release than the tables uses the newest table and says so', () => {
    const text = generateOciConf({ slurmVersion: '27.11' });
    expect(text).toMatch(/oci.conf for Slurm 26.05 \(tables of 26.05, the closest release eda-oci knows\)/);
  });

  it('refuses state roots that do not exist on compute nodes or are shared, and unsafe words', () => {
    expect(() => generateOciConf({ slurmVersion: '22.05', stateRoot: '/run/user/%u' })).toThrow(/login session/);
    expect(() => generateOciConf({ slurmVersion: '22.05', stateRoot: '/tmp/runc' })).toThrow(/not per user/);
    expect(() => generateOciConf({ slurmVersion: '22.05', stateRoot: '/tmp/runc-%U' })).toThrow(/not per user/);
    expect(() => generateOciConf({ slurmVersion: '23.02', stateRoot: '/tmp/runc-%U' })).not.toThrow();
    expect(() => generateOciConf({ slurmVersion: '22.05', shimPath: 'shim; rm -rf /' })).toThrow(/shim path/);
    expect(() => generateOciConf({ slurmVersion: '22.05', shimPath: 'relative/shim' })).toThrow(/absolute path/);
    expect(() => generateOciConf({ slurmVersion: '20.11' })).toThrow(/no container support/);
    expect(() => generateOciConf({ slurmVersion: 'latest' })).toThrow(/not a release number/);
  });
});

describe('checkOciConf', () => {
  it("the seed's oci.conf fails on 22.05: IgnoreFileConfigJson and EnvExclude unknown, %U fatal, create/start, /run/user", () => {
    const e = errors(fixture('oci.conf.seed'), '22.05');
    expect(e).toContainEqual(expect.stringMatching(/^IgnoreFileConfigJson is not known to Slurm 22.05/));
    expect(e).toContainEqual(expect.stringMatching(/^EnvExclude is not known to Slurm 22.05/));
    expect(e).toContainEqual(expect.stringMatching(/^RunTimeQuery uses %U, which Slurm 22.05 does not know \(from 23.02\)/));
    expect(e).toContainEqual(expect.stringMatching(/RunTimeCreate\/RunTimeStart without RunTimeRun/));
    expect(e).toContainEqual(expect.stringMatching(/--root=\/run\/user\/%U\/ is below \/run\/user/));
    expect(checkOciConf(fixture('oci.conf.seed'), '22.05').ok).toBe(false);
  });

  it('the seed on 23.11 still fails (create/start with IgnoreFileConfigJson, /run/user) but %U and the keys are fine', () => {
    const e = errors(fixture('oci.conf.seed'), '23.11');
    expect(e.join('\n')).not.toMatch(/not known|uses %U/);
    expect(e).toContainEqual(expect.stringMatching(/IgnoreFileConfigJson=true and RunTimeStart are mutually exclusive/));
    expect(e).toContainEqual(expect.stringMatching(/below \/run\/user/));
  });

  it('the hand-made runc oci.conf works on 22.05 but is flagged for not using the shim', () => {
    const r = checkOciConf(fixture('oci.conf.environment-md'), '22.05');
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^RunTimeKill does not go through the eda-oci runtime shim: .*scancel leaves it running/),
      expect.stringMatching(/^RunTimeRun does not go through the eda-oci runtime shim/),
    ]);
  });

  it('missing RunTime* keys per release: 22.05 needs RunTimeQuery, 23.02 does not', () => {
    const text =
      'RunTimeRun="runc --rootless=true --root=/tmp/r-%u run %n.%u.%j.%s.%t -b %b"\nRunTimeKill="runc --root=/tmp/r-%u kill -a x"\nRunTimeDelete="runc --root=/tmp/r-%u delete x"\n';
    expect(errors(text, '22.05')).toEqual([expect.stringMatching(/RunTimeQuery is missing: Slurm 22.05 requires it/)]);
    expect(errors(text, '23.02')).toEqual([]);
    expect(errors('# nothing\n', '22.05')).toEqual([expect.stringMatching(/no RunTime\* command/)]);
  });

  it('line-level problems: unknown key, unknown pattern, lone %, bad boolean/enum/regex, parse error, duplicates', () => {
    const text = [
      'Runtimerun="runc --rootless=true --root=/tmp/r-%u run %n.%u.%j.%s.%t -b %b %q"',
      'RunTimeKill="runc --root=/tmp/r-%u kill 5%"',
      'RunTimeDelete="runc --root=/tmp/r-%u delete %p"',
      'CreateEnvFile=maybe',
      'EnvExclude="^(unclosed"',
      'Bogus=1',
      'this is not a key',
      'RunTimeDelete="runc --root=/tmp/r-%u delete %p"',
      'RunTimeQuery="runc --root=/tmp/r-%u state %p"',
    ].join('\n');
    const r = checkOciConf(text, '23.11');
    const at = (line: number): string[] => r.issues.filter((i) => i.line === line).map((i) => `${i.severity}: ${i.message}`);
    expect(r.values.RunTimeRun).toContain('%q'); // keys are case-insensitive
    expect(at(1)).toEqual([
      'error: RunTimeRun uses %q, which no Slurm release knows: slurmstepd fails with "unexpected replacement character: q"',
      expect.stringMatching(/^warning: RunTimeRun does not go through the eda-oci runtime shim/),
    ]);
    expect(at(2)).toEqual([
      'error: RunTimeKill ends with a lone %',
      expect.stringMatching(/^warning: RunTimeKill does not go through the eda-oci runtime shim/),
    ]);
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual(['error: CreateEnvFile=maybe is not one of null, newline, disabled (or true/false)']);
    expect(at(5)).toEqual([expect.stringMatching(/^error: EnvExclude is not a valid regular expression/)]);
    expect(at(6)).toEqual(['error: unknown key Bogus for Slurm 23.11: a parse error that fails every container step']);
    expect(at(7)).toEqual(["error: cannot parse 'this is not a key'"]);
    expect(at(8)).toEqual(['warning: RunTimeDelete is set again (line 3 is overridden)']);
    expect(at(9)).toEqual(['warning: RunTimeQuery uses %p, which Slurm replaces only in RunTimeKill and RunTimeDelete']);
    expect(r.ok).toBe(false);
  });

  it('runc roots: missing, shared, different between commands', () => {
    const base = (root: string, root2 = root) =>
      [
        `RunTimeRun="/x/oci-runtime-shim --rootless=true ${root} run %n.%u.%j.%s.%t -b %b"`,
        `RunTimeQuery="runc ${root} state i"`,
        `RunTimeKill="runc ${root2} kill -a i"`,
        `RunTimeDelete="runc ${root} delete i"`,
      ].join('\n');
    expect(errors(base(''), '22.05')).toContainEqual(expect.stringMatching(/RunTimeRun runs runc without --root/));
    expect(errors(base('--root=/var/tmp/runc'), '22.05')).toContainEqual(expect.stringMatching(/not per user/));
    expect(errors(base('--root /tmp/a-%u', '--root=/tmp/b-%u'), '22.05')).toEqual([expect.stringMatching(/different runc roots/)]);
    expect(errors(base('--root /tmp/a-%u'), '22.05')).toEqual([]);
  });

  it('run-mode exclusivity and the bundle pattern', () => {
    const text = [
      'RunTimeRun="runc --rootless=true --root=/tmp/r-%u run x"',
      'RunTimeStart="runc --root=/tmp/r-%u start x"',
      'RunTimeQuery="runc --root=/tmp/r-%u state x"',
      'RunTimeKill="runc --root=/tmp/r-%u kill x"',
      'RunTimeDelete="runc --root=/tmp/r-%u delete x"',
    ].join('\n');
    const e = errors(text, '22.05');
    expect(e).toContainEqual('RunTimeRun and RunTimeCreate/RunTimeStart are mutually exclusive');
    expect(e).toContainEqual('RunTimeRun does not pass the bundle (%b)');
  });

  it('comments and quoting: # inside quotes is part of the value', () => {
    const r = checkOciConf('ContainerPath="/tmp/a#b/%j" # trailing comment\n', '22.05');
    expect(r.values.ContainerPath).toBe('/tmp/a#b/%j');
  });
});

describe('versions', () => {
  it('reads scontrol/sinfo output', () => {
    expect(parseSlurmVersionOutput('slurm 22.05.8\n')).toBe('22.05.8');
    expect(parseSlurmVersionOutput('slurm-wlm 23.11.4\n')).toBe('23.11.4');
    expect(() => parseSlurmVersionOutput('command not found')).toThrow(/cannot read the Slurm version/);
  });

  it('maps patch releases and in-between numbers to the release tables', () => {
    expect(ociConfRelease('22.05.8')).toMatchObject({ version: '22.05', approximate: false, runNeedsQuery: true });
    expect(ociConfRelease('24.11.1')).toMatchObject({ version: '24.11', mountSpoolDirDefault: '/var/run/slurm/' });
    expect(ociConfRelease('25.05.0')).toMatchObject({ version: '25.05', mountSpoolDirDefault: '(the ContainerPath)' });
    expect(ociConfRelease('23.08')).toMatchObject({ version: '23.02', approximate: true });
    expect(ociConfRelease('26.05').patterns).toContain('Z');
    expect(ociConfRelease('25.11').patterns).not.toContain('Z');
  });
});
