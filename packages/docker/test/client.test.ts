// DockerClient with a faked process layer: argument arrays and the mapping of docker's errors to actionable lines.
import { describe, expect, it } from 'vitest';
import { BundleError, CommandFailedError, ConfigurationError, type RunCommand } from '@eda-oci/exec';
import { DockerClient, parseImageReference } from '../src/index.js';

function fake(stderr: string, code = 1): { run: RunCommand; calls: string[][] } {
  const calls: string[][] = [];
  const run: RunCommand = async (cmd, args) => {
    calls.push([cmd, ...args]);
    throw new CommandFailedError('failed', cmd, args, code, null, stderr);
  };
  return { run, calls };
}

describe('DockerClient errors', () => {
  it('daemon not running -> ConfigurationError naming the host and the fix', async () => {
    const { run } = fake('Cannot connect to the Docker daemon at unix:///nope.sock. Is the docker daemon running?');
    const c = new DockerClient({ host: 'unix:///nope.sock', run });
    const err = await c.inspectImage('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toMatch(/cannot reach the Docker daemon at unix:\/\/\/nope.sock.*docker-host/);
  });
  it('no such image -> undefined', async () => {
    const { run } = fake('Error: No such image: x');
    expect(await new DockerClient({ run, host: 'unix:///nonexistent/docker.sock' }).inspectImage('x')).toBeUndefined();
  });
  it('unknown image on pull -> BundleError "not found in registry"', async () => {
    const { run, calls } = fake(
      'Error response from daemon: manifest for 127.0.0.1:5000/x:1 not found: manifest unknown: manifest unknown',
    );
    const err = await new DockerClient({ run }).pull(parseImageReference('127.0.0.1:5000/x:1'), 'linux/amd64').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleError);
    expect((err as Error).message).toMatch(/was not found in registry 127.0.0.1:5000/);
    expect(calls[0]).toEqual(['docker', 'pull', '--quiet', '--platform', 'linux/amd64', '--', '127.0.0.1:5000/x:1']);
  });
  it('unreachable registry on pull -> BundleError "unreachable"', async () => {
    const { run } = fake(
      'Error response from daemon: Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused',
    );
    await expect(new DockerClient({ run }).pull(parseImageReference('127.0.0.1:5999/x:1'), undefined)).rejects.toThrow(
      /registry 127.0.0.1:5999 is unreachable/,
    );
  });
  it('missing docker program -> ConfigurationError', async () => {
    const run: RunCommand = async (cmd, args) => {
      throw new CommandFailedError(`cannot run ${cmd}: program not found`, cmd, args, null, null, '');
    };
    await expect(new DockerClient({ run, host: 'unix:///nonexistent/docker.sock' }).inspectImage('x')).rejects.toThrow(
      /docker CLI .* is not installed/,
    );
  });
  it('passes DOCKER_HOST and drops DOCKER_CONTEXT', async () => {
    let env: NodeJS.ProcessEnv | undefined;
    const run: RunCommand = async (_c, _a, o) => {
      env = o?.env;
      return { exitCode: 0, stdout: '[]', stderr: '', durationMs: 1, truncated: false };
    };
    process.env.DOCKER_CONTEXT = 'other';
    try {
      await new DockerClient({ host: 'unix:///x.sock', run }).inspectImage('x');
    } finally {
      delete process.env.DOCKER_CONTEXT;
    }
    expect(env?.DOCKER_HOST).toBe('unix:///x.sock');
    expect(env?.DOCKER_CONTEXT).toBeUndefined();
  });
});
