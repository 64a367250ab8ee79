// A fake system on which every rootless prerequisite holds (temp files, injected statfs/sysctl), for the unit tests.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckDeps } from '../src/index.js';

export const isRoot = process.getuid?.() === 0;

/** Paths of a fixture and its deps; tests mutate either to break one prerequisite. */
export interface Fixture {
  dir: string;
  bin: string;
  xdg: string;
  home: string;
  dataRoot: string;
  deps: CheckDeps;
  /** Writes an executable into bin/. */
  tool(name: string, script?: string): string;
}

const made: string[] = [];

/** Removes every fixture made so far (afterAll). */
export function removeFixtures(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * As root the fixture belongs to a made-up uid (4242), so that the "not root" check passes and ownership checks
 * see the files as the user's; as an ordinary user it belongs to that user.
 */
export function makeFixture(): Fixture {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eda-oci-rootless-'));
  chmodSync(dir, 0o755);
  made.push(dir);
  const uid = isRoot ? 4242 : process.getuid!();
  const gid = isRoot ? 4242 : process.getgid!();
  const own = (p: string): void => {
    if (isRoot) chownSync(p, uid, gid);
  };
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const tool = (name: string, script = '#!/bin/sh\nexit 0\n'): string => {
    const p = path.join(bin, name);
    writeFileSync(p, script, { mode: 0o755 });
    return p;
  };
  for (const t of ['dockerd', 'rootlesskit', 'slirp4netns', 'docker', 'dockerd-rootless.sh']) tool(t);
  for (const t of ['newuidmap', 'newgidmap']) {
    // setuid root needs root; an ordinary user links the system's binaries (present wherever rootless Docker works).
    if (isRoot) chmodSync(tool(t), 0o4755);
    else symlinkSync(`/usr/bin/${t}`, path.join(bin, t));
  }
  const sub = 'other:100000:65536\nuser:165536:65536\n';
  writeFileSync(path.join(dir, 'subuid'), sub);
  writeFileSync(path.join(dir, 'subgid'), sub);
  writeFileSync(path.join(dir, 'tun'), '', { mode: 0o666 });
  chmodSync(path.join(dir, 'tun'), 0o666);
  const xdg = path.join(dir, 'xdg');
  const home = path.join(dir, 'home');
  const dataRoot = path.join(dir, 'data');
  for (const d of [xdg, home, dataRoot, path.join(dir, 'run-user'), path.join(dir, 'tmp'), path.join(dir, 'apparmor')]) {
    mkdirSync(d, { mode: 0o700 });
    chmodSync(d, 0o700);
    own(d);
  }
  chmodSync(path.join(dir, 'tmp'), 0o1777);
  const sysctl: Record<string, string> = { 'user/max_user_namespaces': '1000' };
  const deps: CheckDeps = {
    uid,
    gids: [gid],
    username: 'user',
    env: { PATH: bin, XDG_RUNTIME_DIR: xdg, HOME: home },
    subuidFile: path.join(dir, 'subuid'),
    subgidFile: path.join(dir, 'subgid'),
    statfs: async () => ({ type: 0xef53 }),
    tunDevice: path.join(dir, 'tun'),
    openReadWrite: async () => undefined,
    readSysctl: async (n) => sysctl[n],
    readFileCaps: async () => undefined,
    apparmorDir: path.join(dir, 'apparmor'),
    searchDirs: [],
    systemDirs: [],
    runUserDir: path.join(dir, 'run-user'),
    tmpDir: path.join(dir, 'tmp'),
    packageManager: 'apt',
  };
  return { dir, bin, xdg, home, dataRoot, deps, tool };
}
