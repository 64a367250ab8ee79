// Image reference and daemon address grammar.
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import { familiarRepository, parseImageReference, repoDigestFor, validateDockerHost, type ImageInspect } from '../src/index.js';

const D = 'sha256:' + 'a'.repeat(64);

describe('parseImageReference', () => {
  it.each([
    ['busybox', { path: 'busybox' }],
    ['busybox:1.36', { path: 'busybox', tag: '1.36' }],
    ['127.0.0.1:5000/eda-oci/busybox:1', { registry: '127.0.0.1:5000', path: 'eda-oci/busybox', tag: '1' }],
    [`127.0.0.1:5000/eda-oci/busybox@${D}`, { registry: '127.0.0.1:5000', path: 'eda-oci/busybox', digest: D }],
    [`reg.example.com/a/b:v1@${D}`, { registry: 'reg.example.com', path: 'a/b', tag: 'v1', digest: D }],
    ['localhost/x', { registry: 'localhost', path: 'x' }],
    ['localhost:5000/x__y.z-w', { registry: 'localhost:5000', path: 'x__y.z-w' }],
  ])('accepts %s', (raw, expected) => {
    expect(parseImageReference(raw)).toMatchObject({ raw, isId: false, ...expected });
  });
  it('accepts an image id', () => {
    expect(parseImageReference(D)).toMatchObject({ isId: true });
  });
  it.each([
    ['', /empty/],
    ['-x', /starts with '-'/],
    ['--help', /starts with '-'/],
    ['busybox;rm -rf /', /whitespace|shell/],
    ['busybox$(id)', /shell metacharacters/],
    ['busybox`id`', /shell metacharacters/],
    ['busy box', /whitespace/],
    ['Busybox', /invalid repository component/],
    ['busybox:', /invalid tag/],
    ['busybox:-x', /invalid tag/],
    ['busybox@sha256:xyz', /invalid digest/],
    ['a//b', /invalid repository component/],
    ['../etc/passwd', /invalid (registry|repository component)/],
  ])('rejects %j', (raw, re) => {
    expect(() => parseImageReference(raw)).toThrow(ConfigurationError);
    expect(() => parseImageReference(raw)).toThrow(re);
  });
});

describe('familiarRepository / repoDigestFor', () => {
  const img = (digests: string[]): ImageInspect =>
    ({ Id: D, RepoTags: [], RepoDigests: digests, Created: '', Os: 'linux', Architecture: 'amd64', Config: null }) as ImageInspect;
  it('strips docker.io/library', () => {
    expect(familiarRepository(parseImageReference('docker.io/library/busybox'))).toBe('busybox');
  });
  it('finds the digest of the same repository only', () => {
    const d2 = 'sha256:' + 'b'.repeat(64);
    const i = img([`other/repo@${D}`, `127.0.0.1:5000/eda-oci/busybox@${d2}`]);
    expect(repoDigestFor(i, parseImageReference('127.0.0.1:5000/eda-oci/busybox:1'))).toBe(d2);
    expect(repoDigestFor(i, parseImageReference('local/only:1'))).toBe('');
    expect(repoDigestFor(i, parseImageReference(`x@${D}`))).toBe(D);
  });
});

describe('validateDockerHost', () => {
  it.each(['unix:///run/user/1000/docker.sock', 'tcp://127.0.0.1:2375', 'ssh://me@host'])('accepts %s', (h) => {
    expect(validateDockerHost(h)).toBe(h);
  });
  it.each(['/var/run/docker.sock', '-H', 'unix://relative', 'http://x', 'tcp://a b'])('rejects %s', (h) => {
    expect(() => validateDockerHost(h)).toThrow(ConfigurationError);
  });
});
