// Hostile tar archives (each tries to touch something outside rootfs/) and the error each must produce.
import path from 'node:path';
import { tar as makeTar } from '../../../../test/fixtures/tar/tar-writer.js';

/** A hostile case: `bytes(outside)` builds an archive aimed at the directory `outside` next to the rootfs. */
export interface HostileCase {
  name: string;
  bytes: (outside: string) => Buffer;
  message: RegExp;
}

/** Every hostile case the extractor must refuse, for unit and integration tests alike. */
export function hostileArchives(): HostileCase[] {
  const ok = [
    { name: 'bin/', type: '5' as const },
    { name: 'bin/sh', data: '#!/bin/true\n', mode: 0o755 },
  ];
  return [
    {
      name: "'../' escape",
      bytes: (outside) =>
        makeTar([...ok, { name: `../../${path.basename(path.dirname(outside))}/${path.basename(outside)}/pwned`, data: 'x' }]),
      message: /\.\./,
    },
    { name: 'absolute path', bytes: (outside) => makeTar([...ok, { name: `${outside}/pwned`, data: 'x' }]), message: /absolute/ },
    {
      name: 'symlink then write through it',
      bytes: (outside) => makeTar([...ok, { name: 'evil', type: '2', linkname: outside }, { name: 'evil/pwned', data: 'x' }]),
      message: /symlink/,
    },
    {
      name: 'symlink to .. then write through it',
      bytes: () => makeTar([...ok, { name: 'up', type: '2', linkname: '../..' }, { name: 'up/outside/pwned', data: 'x' }]),
      message: /symlink/,
    },
    {
      name: 'hard link to a file outside (absolute)',
      bytes: (outside) => makeTar([...ok, { name: 'stolen', type: '1', linkname: `${outside}/keep` }]),
      message: /hard ?link|absolute/,
    },
    {
      name: 'hard link to a file outside (../)',
      bytes: () => makeTar([...ok, { name: 'stolen', type: '1', linkname: '../../outside/keep' }]),
      message: /hard ?link|\.\./,
    },
    {
      name: 'hard link to a symlink that points outside',
      bytes: (outside) =>
        makeTar([...ok, { name: 'l', type: '2', linkname: `${outside}/keep` }, { name: 'stolen', type: '1', linkname: 'l' }]),
      message: /hard ?link/,
    },
    {
      name: "a symlink named '.'",
      bytes: (outside) => makeTar([...ok, { name: '.', type: '2', linkname: outside }]),
      message: /'\.'|root/,
    },
    {
      name: "a symlink named './'",
      bytes: (outside) => makeTar([...ok, { name: './', type: '2', linkname: outside }]),
      message: /'\.'|root/,
    },
    {
      name: 'a long PAX name with ../',
      bytes: () => makeTar([...ok, { name: 'innocent', data: 'x', pax: { path: `${'a/'.repeat(60)}${'../'.repeat(62)}outside/pwned` } }]),
      message: /\.\./,
    },
    { name: 'truncated stream', bytes: () => makeTar(ok, { end: false }).subarray(0, 700), message: /ended early|truncated/ },
  ];
}
