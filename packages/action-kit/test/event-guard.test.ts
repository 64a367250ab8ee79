// Unit tests of the event guard: which events and payloads are refused, and that the refusal is one actionable line;
// the payload reader it shares with plan-bundles.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '@eda-oci/exec';
import { describe, expect, it } from 'vitest';
import { assertTrustedEvent, readEventPayload } from '../src/event-guard.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'event-guard-'));
let n = 0;
function payloadFile(payload: unknown): string {
  const f = path.join(dir, `event-${n++}.json`);
  writeFileSync(f, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return f;
}
function pr(head: string | null, base = 'site/bundles') {
  return {
    repository: { full_name: base },
    pull_request: {
      number: 7,
      head: { repo: head === null ? null : { full_name: head, fork: head !== base } },
      base: { repo: { full_name: base } },
    },
  };
}
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    assertTrustedEvent(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigurationError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a refusal');
}

describe('assertTrustedEvent', () => {
  it('accepts runs outside GitHub Actions and trusted events', () => {
    expect(() => assertTrustedEvent({})).not.toThrow();
    for (const event of ['push', 'schedule', 'workflow_dispatch', 'workflow_call', 'merge_group']) {
      expect(() => assertTrustedEvent({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: '/nonexistent' })).not.toThrow();
    }
  });

  it('refuses pull_request_target whatever the payload says', () => {
    const msg = refusal({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: payloadFile(pr('site/bundles')) });
    expect(msg).toMatch(/refusing to run on the 'pull_request_target' event/);
    expect(msg).toMatch(/trigger the workflow with 'pull_request'/);
  });

  it('accepts a pull request from a branch of the same repository, even when that repository is itself a fork', () => {
    const payload = pr('site/bundles');
    (payload.pull_request.head.repo as { fork: boolean }).fork = true;
    for (const event of ['pull_request', 'pull_request_review', 'pull_request_review_comment']) {
      expect(() => assertTrustedEvent({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: payloadFile(payload) })).not.toThrow();
    }
  });

  it('refuses a pull request from a fork and names it', () => {
    for (const event of ['pull_request', 'pull_request_review', 'pull_request_review_comment']) {
      const msg = refusal({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: payloadFile(pr('mallory/bundles')) });
      expect(msg).toContain("refusing to run on a pull request from the fork 'mallory/bundles' (base 'site/bundles')");
    }
  });

  it('refuses a pull request whose head repository was deleted', () => {
    expect(refusal({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payloadFile(pr(null)) })).toMatch(
      /head repository is unknown or deleted/,
    );
  });

  it('refuses a pull-request event without a readable payload', () => {
    expect(refusal({ GITHUB_EVENT_NAME: 'pull_request' })).toMatch(/cannot read the 'pull_request' event payload/);
    expect(refusal({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payloadFile('{not json') })).toMatch(/cannot read/);
    expect(refusal({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(dir, 'missing.json') })).toMatch(/cannot read/);
  });

  it('refuses workflow_run chains started by a fork pull request, accepts those of the same repository', () => {
    const run = (event: string, head: string | null) => ({
      repository: { full_name: 'site/bundles' },
      workflow_run: { event, head_repository: head === null ? null : { full_name: head } },
    });
    expect(
      refusal({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: payloadFile(run('pull_request', 'mallory/bundles')) }),
    ).toContain("started by a pull request from the fork 'mallory/bundles'");
    expect(refusal({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: payloadFile(run('pull_request', null)) })).toContain(
      'a deleted fork',
    );
    expect(() =>
      assertTrustedEvent({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: payloadFile(run('pull_request', 'site/bundles')) }),
    ).not.toThrow();
    expect(() =>
      assertTrustedEvent({ GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: payloadFile(run('push', 'mallory/bundles')) }),
    ).not.toThrow();
  });
});

describe('readEventPayload', () => {
  it('the payload object; undefined without a file or for JSON that is no object; throws when unreadable', () => {
    expect(readEventPayload(payloadFile({ before: 'a' }))).toEqual({ before: 'a' });
    expect(readEventPayload(undefined)).toBeUndefined();
    expect(readEventPayload('')).toBeUndefined();
    expect(readEventPayload(payloadFile('null'))).toBeUndefined();
    expect(readEventPayload(payloadFile('5'))).toBeUndefined();
    expect(() => readEventPayload(payloadFile('{'))).toThrow(SyntaxError);
    expect(() => readEventPayload(path.join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});
