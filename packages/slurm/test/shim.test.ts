// Unit tests of the runtime shim (python3) with a fake runc that records what it was given; the real runc and Slurm
// run it in shim.itg.test.ts.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SHIM = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../shim/oci-runtime-shim');
const FAKE_RUNC = `#!/bin/sh
# fake runc: records its arguments and the bundle's config.json, then exits with $FAKE_EXIT (or kills itself)
printf '%s\\n' "$@" > "$FAKE_OUT/args"
echo "$*" >> "$FAKE_OUT/calls"
for a in "$@"; do if [ "$a" = -a ] && [ -n "$FAKE_NO_CGROUP" ]; then echo 'level=error msg="lstat : no such file or directory"' >&2; exit 1; fi; done
for a in "$@"; do if [ "$a" = state ] && [ -n "$FAKE_STATUS" ]; then printf '{"id":"x","pid":7,"status":"%s"}' "$FAKE_STATUS"; exit 0; fi; done
prev=
for a in "$@"; do
  if [ "$prev" = "-b" ] || [ "$prev" = "--bundle" ]; then
    cp "$a/config.json" "$FAKE_OUT/config.json"; echo "$a" > "$FAKE_OUT/bundle"
    if [ -f "$a/startup" ]; then cp "$a/startup" "$FAKE_OUT/startup"; stat -c %a "$a/startup" > "$FAKE_OUT/startup.mode"; fi
  fi
  prev=$a
done
if [ "$1" = "--root=/missing" ] && [ "$2" = state ]; then echo 'time="x" level=error msg="container does not exist"' >&2; exit 1; fi
[ -n "$FAKE_SIGNAL" ] && kill -"$FAKE_SIGNAL" $$
exit \${FAKE_EXIT:-0}
`;

let dir: string;
let out: string;
let bundle: string;
let runc: string;
const uid = process.getuid!();
const gid = process.getgid!();
const user = os.userInfo().username;

function spec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ociVersion: '1.0.2-dev',
    process: { user: { uid: 0, gid: 0 }, args: ['cat', '/.eda-oci/bundle-id'], env: [`SLURM_CONTAINER=${dir}/orig`], cwd: '/' },
    root: { path: `${dir}/orig/rootfs`, readonly: true },
    mounts: [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs' },
    ],
    linux: {
      uidMappings: [
        { containerID: 0, hostID: 1001, size: 1 },
        { containerID: 1, hostID: 100000, size: 65536 },
      ],
      gidMappings: [
        { containerID: 0, hostID: 1001, size: 1 },
        { containerID: 1, hostID: 100000, size: 65536 },
      ],
      namespaces: [{ type: 'user' }, { type: 'mount' }],
    },
    ...extra,
  };
}

/** The fake runc's invocations so far, one line of arguments each. */
function calls(): string[] {
  return existsSync(`${out}/calls`) ? readFileSync(`${out}/calls`, 'utf8').trim().split('\n') : [];
}

function shim(args: string[], env: Record<string, string> = {}, asNobody = false) {
  const [cmd, pre] = asNobody ? ['runuser', ['-u', 'nobody', '--', SHIM]] : [SHIM, []];
  const r = spawnSync(cmd, [...pre, `--runc=${runc}`, ...args], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      FAKE_OUT: out,
      EDA_OCI_SHIM_SUBUID: `${dir}/subuid`,
      EDA_OCI_SHIM_SUBGID: `${dir}/subgid`,
      ...env,
    },
    cwd: bundle,
  });
  const seen = existsSync(`${out}/config.json`) ? JSON.parse(readFileSync(`${out}/config.json`, 'utf8')) : undefined;
  const argv = existsSync(`${out}/args`) ? readFileSync(`${out}/args`, 'utf8').trim().split('\n') : [];
  return { ...r, seen, argv };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-shim-'));
  out = path.join(dir, 'out');
  bundle = path.join(dir, 'spool');
  mkdirSync(out);
  mkdirSync(bundle);
  mkdirSync(`${dir}/orig/rootfs/proc`, { recursive: true });
  mkdirSync(`${dir}/orig/rootfs/dev`);
  runc = path.join(dir, 'runc');
  writeFileSync(runc, FAKE_RUNC, { mode: 0o755 });
  writeFileSync(`${dir}/subuid`, `someone:100000:65536\n${user}:300000:65536\n`);
  writeFileSync(`${dir}/subgid`, `${user}:400000:70000\n`);
  writeFileSync(`${bundle}/config.json`, JSON.stringify(spec()));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('oci-runtime-shim run', () => {
  it("maps container root to the caller and 1..65536 to the caller's subordinate ranges, runs runc on a private copy", () => {
    const r = shim(['--rootless=true', `--root=${dir}/state`, 'run', 'n1.u.1.0.0', '-b', bundle]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.seen.linux.uidMappings).toEqual([
      { containerID: 0, hostID: uid, size: 1 },
      { containerID: 1, hostID: 300000, size: 65536 },
    ]);
    expect(r.seen.linux.gidMappings).toEqual([
      { containerID: 0, hostID: gid, size: 1 },
      { containerID: 1, hostID: 400000, size: 65536 },
    ]);
    expect(r.seen.root).toEqual({ path: `${dir}/orig/rootfs`, readonly: true });
    expect(r.seen.process.args).toEqual(['cat', '/.eda-oci/bundle-id']);
    const copy = readFileSync(`${out}/bundle`, 'utf8').trim();
    expect(path.dirname(copy)).toBe(bundle); // inside Slurm's per-step spool dir
    expect(path.basename(copy)).toMatch(/^\.eda-oci-shim-/);
    expect(r.argv).toEqual(['--rootless=true', `--root=${dir}/state`, 'run', 'n1.u.1.0.0', '-b', copy]);
    expect(existsSync(copy)).toBe(false); // removed when runc ended
    expect(readdirSync(bundle)).toEqual(['config.json']); // Slurm's file untouched
    expect(JSON.parse(readFileSync(`${bundle}/config.json`, 'utf8')).linux.uidMappings[0].hostID).toBe(1001);
  });

  it('without subordinate ranges only root is mapped; an image user other than root is then a clear error', () => {
    writeFileSync(`${dir}/subuid`, '');
    const r = shim(['run', 'id', '--bundle', bundle]);
    expect(r.status).toBe(0);
    expect(r.seen.linux.uidMappings).toEqual([{ containerID: 0, hostID: uid, size: 1 }]);
    expect(r.seen.linux.gidMappings).toEqual([{ containerID: 0, hostID: gid, size: 1 }]);

    writeFileSync(`${bundle}/config.json`, JSON.stringify(spec({ process: { user: { uid: 1000, gid: 1000 }, args: ['tool'] } })));
    rmSync(`${out}/args`);
    const bad = shim(['run', 'id', '--bundle', bundle]);
    expect(bad.status).toBe(125);
    expect(bad.stderr.trim()).toBe(
      `eda-oci-shim: error: the container process runs as uid 1000, but user ${user} has no /etc/subuid and /etc/subgid range to map it; add one (usermod --add-subuids/--add-subgids) or run the image as root`,
    );
    expect(bad.argv).toEqual([]); // runc never ran
  });

  it('a relative root.path is resolved against the bundle, else against SLURM_CONTAINER; no -b means the cwd', () => {
    writeFileSync(`${bundle}/config.json`, JSON.stringify(spec({ root: { path: 'rootfs', readonly: true } })));
    const r = shim(['run', 'id']);
    expect(r.status).toBe(0);
    expect(r.seen.root.path).toBe(`${dir}/orig/rootfs`);
    expect(r.argv.slice(0, 2)).toEqual(['run', '--bundle']);
  });

  it('a rootfs reached through a symlink (a published bundle name) is resolved: runc refuses symlinks there', () => {
    symlinkSync(`${dir}/orig`, `${dir}/current`);
    writeFileSync(`${bundle}/config.json`, JSON.stringify(spec({ root: { path: `${dir}/current/rootfs`, readonly: true } })));
    const r = shim(['run', 'id', '-b', bundle]);
    expect(r.status).toBe(0);
    expect(r.seen.root.path).toBe(`${dir}/orig/rootfs`);
  });

  it('passes the exit code and the terminating signal of runc through', () => {
    expect(shim(['run', 'id', '-b', bundle], { FAKE_EXIT: '3' }).status).toBe(3);
    const killed = shim(['run', 'id', '-b', bundle], { FAKE_SIGNAL: 'TERM' });
    expect(killed.status).toBe(null);
    expect(killed.signal).toBe('SIGTERM');
    expect(readdirSync(bundle)).toEqual(['config.json']);
  });

  it.runIf(uid === 0)('refuses a runc state root that belongs to another user (a squatted /tmp path; needs root to chown)', () => {
    mkdirSync(`${dir}/state`);
    chownSync(`${dir}/state`, 4242, 4242);
    const r = shim([`--root=${dir}/state`, 'run', 'id', '-b', bundle]);
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/runtime root .*state is not a directory owned by uid \d+ \(owner uid 4242\)/);
  });

  it('an unreadable or broken config.json is one error line', () => {
    writeFileSync(`${bundle}/config.json`, '{');
    const r = shim(['run', 'id', '-b', bundle]);
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/^eda-oci-shim: error: cannot read .*\/config.json: /);
  });

  it('warns about a bind-mount point that is missing in a rootfs the caller cannot write (followed through symlinks)', () => {
    symlinkSync('/run', `${dir}/orig/rootfs/varrun`);
    mkdirSync(`${dir}/orig/rootfs/run`, { mode: 0o555 });
    chmodSync(`${dir}/orig/rootfs/run`, 0o555);
    const mounts = [
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs' },
      { destination: '/dev/slurm', type: 'bind', source: '/var/spool', options: ['bind'] },
      { destination: '/varrun/slurm', type: 'bind', source: '/var/spool', options: ['bind'] },
    ];
    writeFileSync(`${bundle}/config.json`, JSON.stringify(spec({ mounts })));
    // root may write anywhere: as root, check as nobody (the files made readable, the output dir writable).
    const asNobody = uid === 0;
    if (asNobody) {
      for (const d of [dir, bundle, `${dir}/orig`]) chmodSync(d, 0o755);
      chmodSync(out, 0o777);
    }
    const r = shim(['run', 'id', '-b', bundle], {}, asNobody);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`eda-oci-shim: warning: mount point /varrun/slurm does not exist in ${dir}/orig/rootfs`);
    expect(r.stderr).not.toContain('mount point /dev/slurm');
  });
});

describe('oci-runtime-shim mount points', () => {
  it("missing mount points get a private tmpfs on their deepest existing directory, so the shared rootfs is never written (Slurm 22.05's /tmp/slurm spool mounts)", () => {
    mkdirSync(`${dir}/orig/rootfs/tmp`, { mode: 0o1777 });
    mkdirSync(`${dir}/orig/rootfs/etc`);
    const spool = { type: 'bind', source: '/var/spool', options: ['bind'] };
    const mounts = [
      { destination: '/proc', type: 'proc', source: 'proc' },
      { destination: '/dev', type: 'tmpfs', source: 'tmpfs' },
      { destination: '/dev/slurm', ...spool },
      { destination: '/etc', ...spool },
      { destination: '/tmp/slurm/startup', ...spool },
      { destination: '/tmp/slurm/stderr', ...spool },
      { destination: '/nowhere', ...spool },
    ];
    writeFileSync(`${bundle}/config.json`, JSON.stringify(spec({ mounts })));
    const r = shim(['run', 'id', '-b', bundle]);
    expect(r.status).toBe(0);
    const dests = (r.seen.mounts as { destination: string; type: string }[]).map((m) => `${m.type}:${m.destination}`);
    // One tmpfs at /tmp, before the first mount below it; /dev/slurm lives in /dev's tmpfs; /etc exists; a missing
    // top-level point (/nowhere) has no existing directory but / to go on, so it stays as it is.
    expect(dests).toEqual([
      'proc:/proc',
      'tmpfs:/dev',
      'bind:/dev/slurm',
      'bind:/etc',
      'tmpfs:/tmp',
      'bind:/tmp/slurm/startup',
      'bind:/tmp/slurm/stderr',
      'bind:/nowhere',
    ]);
    expect(existsSync(`${dir}/orig/rootfs/tmp/slurm`)).toBe(false);
  });
});

describe('oci-runtime-shim environment and batch script', () => {
  it("PATH inside is the image's, not the submitting shell's that Slurm appends; EDA_OCI_PATH chooses another", () => {
    writeFileSync(`${dir}/orig/config.json`, JSON.stringify({ process: { env: ['PATH=/opt/tool/bin:/bin', 'TOOL_HOME=/opt/tool'] } }));
    const slurmEnv = ['PATH=/opt/tool/bin:/bin', 'TOOL_HOME=/opt/tool', 'LM_LICENSE_FILE=27000@lic', 'PATH=/root/.cargo/bin:/usr/bin'];
    writeFileSync(`${bundle}/config.json`, JSON.stringify(spec({ process: { user: { uid: 0, gid: 0 }, args: ['true'], env: slurmEnv } })));
    const r = shim(['run', 'x', '-b', bundle]);
    expect(r.status).toBe(0);
    expect(r.seen.process.env).toEqual(['TOOL_HOME=/opt/tool', 'LM_LICENSE_FILE=27000@lic', 'PATH=/opt/tool/bin:/bin']);

    writeFileSync(
      `${bundle}/config.json`,
      JSON.stringify(spec({ process: { user: { uid: 0, gid: 0 }, args: ['true'], env: [...slurmEnv, 'EDA_OCI_PATH=/site/bin:/bin'] } })),
    );
    expect(shim(['run', 'x', '-b', bundle]).seen.process.env).toEqual([
      'TOOL_HOME=/opt/tool',
      'LM_LICENSE_FILE=27000@lic',
      'EDA_OCI_PATH=/site/bin:/bin',
      'PATH=/site/bin:/bin',
    ]);

    // No readable bundle config.json next to the rootfs: the environment is left as Slurm gave it.
    rmSync(`${dir}/orig/config.json`);
    writeFileSync(`${bundle}/config.json`, JSON.stringify(spec({ process: { user: { uid: 0, gid: 0 }, args: ['true'], env: slurmEnv } })));
    expect(shim(['run', 'x', '-b', bundle]).seen.process.env).toEqual(slurmEnv);
  });

  it('a non-root image user gets a 0755 copy of the 0700 batch script Slurm mounts at /tmp/slurm/startup; root keeps the original', () => {
    writeFileSync(`${dir}/slurm_script`, '#!/bin/sh\necho hi\n', { mode: 0o700 });
    const startup = { destination: '/tmp/slurm/startup', type: 'none', source: `${dir}/slurm_script`, options: ['bind', 'ro'] };
    const batch = (uidInside: number) =>
      spec({
        process: { user: { uid: uidInside, gid: uidInside }, args: ['/tmp/slurm/startup'], env: [] },
        mounts: [{ destination: '/proc', type: 'proc', source: 'proc' }, startup],
      });
    writeFileSync(`${bundle}/config.json`, JSON.stringify(batch(1000)));
    const r = shim(['run', 'x', '-b', bundle]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const copy = readFileSync(`${out}/bundle`, 'utf8').trim();
    const mount = r.seen.mounts.find((m: { destination: string }) => m.destination === '/tmp/slurm/startup');
    expect(mount).toEqual({ ...startup, source: path.join(copy, 'startup') });
    expect(readFileSync(`${out}/startup`, 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(readFileSync(`${out}/startup.mode`, 'utf8').trim()).toBe('755');
    expect(existsSync(copy)).toBe(false); // the copy went with the private directory

    rmSync(`${out}/startup`);
    writeFileSync(`${bundle}/config.json`, JSON.stringify(batch(0)));
    const root = shim(['run', 'x', '-b', bundle]);
    expect(root.seen.mounts.find((m: { destination: string }) => m.destination === '/tmp/slurm/startup')).toEqual(startup);
    expect(existsSync(`${out}/startup`)).toBe(false);
  });
});

describe('oci-runtime-shim other commands', () => {
  it('state of a container that is gone prints a stopped state (valid JSON for slurmstepd), exit 0', () => {
    const r = shim(['--root=/missing', 'state', 'n1.u.1.0.0']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ ociVersion: '1.0.2', id: 'n1.u.1.0.0', pid: 0, status: 'stopped' });
  });

  it('delete and a state that works go to runc unchanged; kill KILL is passed on alone', () => {
    const r = shim(['--rootless=true', '--root', '/r', 'kill', '-a', 'x', 'KILL']);
    expect(r.status).toBe(0);
    expect(calls()).toEqual(['--rootless=true --root /r kill -a x KILL']);
    expect(shim(['--root=/r', 'state', 'x']).argv).toEqual(['--root=/r', 'state', 'x']);
    expect(shim(['--root=/r', 'delete', '--force', 'x']).argv).toEqual(['--root=/r', 'delete', '--force', 'x']);
  });

  it('kill with SIGTERM (the default) sends SIGKILL when the container still runs after the grace period (its PID 1 may ignore SIGTERM)', () => {
    let r = shim(['--kill-grace=0', '--root=/r', 'kill', '-a', 'x'], { FAKE_STATUS: 'running' });
    expect(r.status).toBe(0);
    expect(calls()).toEqual(['--root=/r kill -a x', '--root=/r state x', '--root=/r kill x KILL']);

    rmSync(`${out}/calls`);
    r = shim(['--kill-grace', '0', '--root=/r', 'kill', '-a', 'x', 'TERM'], { FAKE_STATUS: 'stopped' });
    expect(calls()).toEqual(['--root=/r kill -a x TERM', '--root=/r state x']);
  });

  it('kill --all without a container cgroup (rootless runc without delegation) falls back to signalling the init', () => {
    const r = shim(['--kill-grace=0', '--root=/r', 'kill', '-a', 'x'], { FAKE_STATUS: 'running', FAKE_NO_CGROUP: '1' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(calls()).toEqual(['--root=/r kill -a x', '--root=/r kill x', '--root=/r state x', '--root=/r kill x KILL']);
  });

  it('with a grace period the shim returns at once and a detached process sends SIGKILL later', async () => {
    const t0 = Date.now();
    const r = shim(['--kill-grace=0.6', '--root=/r', 'kill', '-a', 'x'], { FAKE_STATUS: 'running' });
    expect(r.status).toBe(0);
    expect(Date.now() - t0).toBeLessThan(600);
    expect(calls()).not.toContain('--root=/r kill x KILL');
    for (let i = 0; i < 50 && !calls().includes('--root=/r kill x KILL'); i++) await new Promise((res) => setTimeout(res, 100));
    expect(calls().at(-1)).toBe('--root=/r kill x KILL');
    expect(calls().filter((c) => c === '--root=/r state x').length).toBeGreaterThanOrEqual(2);
  });

  it('a bad --kill-grace is one error line, exit 125', () => {
    for (const bad of ['--kill-grace=soon', '--kill-grace=-1', '--kill-grace=99999']) {
      const r = shim([bad, 'kill', 'x']);
      expect(r.status).toBe(125);
      expect(r.stderr).toMatch(/^eda-oci-shim: error: --kill-grace '.*' is not/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
