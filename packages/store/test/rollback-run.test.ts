// Unit tests of the CI run in the history and of rollback's only-if-published-by-run guard, on real files in a temp dir.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '@eda-oci/exec';
import {
  appendHistory,
  checkPublishedByRun,
  publishBundle,
  readHistory,
  rollbackStore,
  storePaths,
  type HistoryEntry,
  type PublishMeta,
  type StoreDeps,
} from '../src/index.js';
import { makeBundle, sampleTree } from './helpers/bundle.js';
import { removeStoreDir, tempStore } from './helpers/temp-store.js';

const CI_VARS = ['GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT', 'GITHUB_REPOSITORY'];
let dir: string;
let store: string;
beforeEach(() => {
  ({ dir, store } = tempStore('eda-oci-rollback-run-'));
  for (const k of CI_VARS) delete process.env[k];
});
afterEach(() => {
  for (const k of CI_VARS) delete process.env[k];
  removeStoreDir(dir);
});

/** Sets the CI variables as a GitHub runner does for run `id` (attempt 1) of org/site. */
function inRun(id: string | undefined): void {
  for (const k of CI_VARS) delete process.env[k];
  if (id === undefined) return;
  process.env.GITHUB_RUN_ID = id;
  process.env.GITHUB_RUN_ATTEMPT = '1';
  process.env.GITHUB_REPOSITORY = 'org/site';
}

const deps: StoreDeps = { inUse: async () => [] };
let tick = 0;
async function publishVariant(variant: number, run: string | undefined): Promise<string> {
  inRun(run);
  const { bundle } = await makeBundle(dir, `b${variant}-${tick}`, sampleTree(variant));
  const r = await publishBundle(
    { bundle, bundlesDir: store, name: 'tool', graceSeconds: 0, keep: 10 },
    { ...deps, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, ++tick)) },
  );
  return r.version;
}
const link = (): string => fs.readlinkSync(path.join(store, 'tool'));

describe('history records the CI run', () => {
  it('publish and rollback lines carry run, attempt and repository; lines from before (4 fields) still parse', async () => {
    const p = storePaths(store, 'tool');
    const v1 = await publishVariant(1, undefined);
    const v2 = await publishVariant(2, '111');
    inRun('222');
    await rollbackStore({ bundlesDir: store, name: 'tool' });
    const h = await readHistory(p);
    expect(h.map((e) => [e.version, e.op, e.run])).toEqual([
      [v1, 'publish', undefined],
      [v2, 'publish', { runId: '111', attempt: '1', repository: 'org/site' }],
      [v1, 'rollback', { runId: '222', attempt: '1', repository: 'org/site' }],
    ]);
    const lines = fs.readFileSync(p.historyFile, 'utf8').split('\n');
    expect(lines[0]!.split('\t')).toHaveLength(4);
    expect(lines[1]!.split('\t')[4]).toBe('run=111;attempt=1;repo=org/site');
    // A rewrite (next append) keeps every line's run.
    await appendHistory(p, { time: new Date().toISOString(), version: v2, op: 'repoint', by: 'x@h' }, {});
    expect((await readHistory(p)).map((e) => e.run?.runId)).toEqual([undefined, '111', '222', undefined]);
  });
});

describe('checkPublishedByRun', () => {
  const V1 = '20260101T000001Z-aaaaaaaaaaaa';
  const V2 = '20260101T000002Z-bbbbbbbbbbbb';
  const run = (runId: string, repository = 'org/site') => ({ runId, attempt: '1', repository });
  const e = (version: string, op: HistoryEntry['op'], r?: HistoryEntry['run']): HistoryEntry => ({
    time: '2026-01-01T00:00:00.000Z',
    version,
    op,
    by: 'ci@h',
    ...(r ? { run: r } : {}),
  });
  const meta = (ci?: Record<string, string>): PublishMeta => ({ formatVersion: 1, ci }) as unknown as PublishMeta;

  it.each<[string, HistoryEntry[], string | undefined, PublishMeta | undefined, boolean, RegExp]>([
    [
      'published by the run',
      [e(V1, 'publish', run('1')), e(V2, 'publish', run('7'))],
      V2,
      undefined,
      true,
      /V2 was published by run 7 of org\/site/,
    ],
    ['re-pointed by the run', [e(V1, 'publish'), e(V2, 'repoint', run('7'))], V2, undefined, true, /published by run 7/],
    ['published by another run', [e(V2, 'publish', run('8'))], V2, undefined, false, /published by run 8 of org\/site, not by run 7/],
    ['same run id of another repository', [e(V2, 'publish', run('7', 'other/repo'))], V2, undefined, false, /not by run 7/],
    [
      'a rollback by the run itself',
      [e(V1, 'publish'), e(V2, 'publish', run('7')), e(V1, 'rollback', run('7'))],
      V1,
      undefined,
      false,
      /made current by a rollback/,
    ],
    [
      'a rollback by a person',
      [e(V2, 'publish', run('7')), e(V1, 'rollback')],
      V1,
      meta({ runId: '7' }),
      false,
      /made current by a rollback \(ci@h\)/,
    ],
    [
      'old history line: publish.json ci decides',
      [e(V2, 'publish')],
      V2,
      meta({ runId: '7', repository: 'org/site' }),
      true,
      /published by run 7/,
    ],
    [
      'history lost its last line: publish.json ci decides',
      [e(V1, 'publish')],
      V2,
      meta({ runId: '9' }),
      false,
      /published by run 9, not by run 7/,
    ],
    ['published outside CI', [e(V2, 'publish')], V2, meta(), false, /records no CI run/],
    ['nothing current', [], undefined, undefined, false, /no version is current/],
  ])('%s', (_what, history, current, m, ok, reason) => {
    const r = checkPublishedByRun(history, current, m, { runId: '7', repository: 'org/site' });
    expect(r.ok).toBe(ok);
    expect(r.reason.replace(V2, 'V2')).toMatch(reason);
  });
});

describe('rollbackStore onlyIfPublishedBy', () => {
  it('rolls back only the run that published the current version, once; refuses a bad run id before anything', async () => {
    const v1 = await publishVariant(1, '100');
    const v2 = await publishVariant(2, '200');
    inRun('300');
    const other = await rollbackStore({ bundlesDir: store, name: 'tool', onlyIfPublishedBy: { runId: '100', repository: 'org/site' } });
    expect(other).toMatchObject({
      changed: false,
      from: v2,
      to: v2,
      skipped: expect.stringMatching(/published by run 200 of org\/site, not by run 100/),
    });
    expect(link()).toBe(`.eda-oci/tool/${v2}`);

    const own = await rollbackStore({ bundlesDir: store, name: 'tool', onlyIfPublishedBy: { runId: '200', repository: 'org/site' } });
    expect(own).toMatchObject({ changed: true, from: v2, to: v1 });
    expect(own.skipped).toBeUndefined();
    expect(link()).toBe(`.eda-oci/tool/${v1}`);

    // A re-run of the same rollback job does not switch forward again.
    const again = await rollbackStore({ bundlesDir: store, name: 'tool', onlyIfPublishedBy: { runId: '200' } });
    expect(again).toMatchObject({ changed: false, skipped: expect.stringMatching(/made current by a rollback/) });
    expect(link()).toBe(`.eda-oci/tool/${v1}`);

    await expect(rollbackStore({ bundlesDir: store, name: 'tool', onlyIfPublishedBy: { runId: '12; rm -rf /' } })).rejects.toThrow(
      ConfigurationError,
    );
    await expect(rollbackStore({ bundlesDir: store, name: 'tool', onlyIfPublishedBy: { runId: '' } })).rejects.toThrow(
      /only-if-published-by-run '' is not a run id/,
    );
  });

  it('an unchanged publish by a later run does not make that run the publisher', async () => {
    await publishVariant(1, '100');
    const v2 = await publishVariant(2, '200');
    expect(await publishVariant(2, '300')).toBe(v2); // same digest: nothing written, no history line
    const r = await rollbackStore({ bundlesDir: store, name: 'tool', onlyIfPublishedBy: { runId: '300' } });
    expect(r).toMatchObject({ changed: false, skipped: expect.stringMatching(/published by run 200/) });
    expect(link()).toBe(`.eda-oci/tool/${v2}`);
  });
});
