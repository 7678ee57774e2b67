import pLimit from 'p-limit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SharedReads } from '../../src/cache/shared-reads.ts';
import { StaleLog } from '../../src/cache/stale-log.ts';
import { UpstreamReads } from '../../src/cache/upstream-reads.ts';
import { loadConfig } from '../../src/config.ts';
import { isGatewayError } from '../../src/errors.ts';
import { meetingCacheKey } from '../../src/loaders/meeting-key.ts';
import { createMeetingLoaders, type MeetingLoaderDeps } from '../../src/loaders/meeting-loaders.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { Meeting, MeetingKey } from '../../src/model.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.ts';
import { upstreamClientOptions } from '../../src/services.ts';
import { credentialKeyFn } from '../../src/shared-state/credential-key.ts';
import { UpstreamClient } from '../../src/upstream/client.ts';
import { RetryBudget } from '../../src/upstream/retry.ts';

// The meeting loaders on their own, against a real sandbox on loopback through the real
// upstream client (cache sharing off): what each load costs upstream, what `listedOrDetails` takes from list
// pages, how failures stay with their key, and the concurrency cap.

const TOKEN = 'meeting-loaders-test';
let sandbox: Sandbox;
let client: UpstreamClient;
let reads: UpstreamReads;

beforeAll(async () => {
  sandbox = await startSandbox({ requiredToken: TOKEN, recordRequests: true, latencyMs: 5 });
  const config = loadConfig({
    REALTIMEKIT_API_URL: sandbox.baseUrl,
    CLOUDFLARE_API_TOKEN: TOKEN,
    AUTH_MODE: 'none',
    UPSTREAM_RETRIES: '0',
    UPSTREAM_RATE_LIMIT: '100000/1s',
    UPSTREAM_RATE_BURST: '100000',
    UPSTREAM_BREAKER_FAILURES: '1000',
  });
  client = new UpstreamClient(upstreamClientOptions(config, sandbox.baseUrl));
  // No sharing across requests (CACHE_TTL_MS=0): each test sees only its own loaders' reads.
  const shared = new SharedReads({
    ttlMs: 0,
    staleMs: 0,
    maxBytes: 1_000_000,
    credentialKey: credentialKeyFn(undefined, TOKEN),
    logger: createLogger('silent'),
  });
  reads = new UpstreamReads(client, shared);
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

const keyOf = (index: number): MeetingKey => {
  const meeting = sandbox.meetings[index];
  if (!meeting?.id) throw new Error(`no sample meeting ${index}`);
  return { accountId: sandbox.accountId, appId: sandbox.appId, meetingId: meeting.id };
};
const gets = () => sandbox.requests.filter((request) => request.kind === 'get').map((r) => r.path);

function loaders(overrides: Partial<MeetingLoaderDeps> = {}) {
  return createMeetingLoaders({
    reads,
    scope: { authorization: `Bearer ${TOKEN}`, budget: new RetryBudget(10) },
    stale: new StaleLog(),
    limit: pLimit(8),
    listedMeeting: () => undefined,
    pagesSettled: async () => {},
    ...overrides,
  });
}

describe('details', () => {
  it('one GET per distinct meeting, with aiConfig; duplicates in a batch and later loads share it', async () => {
    const { details } = loaders();
    const [a, b, again] = await Promise.all([
      details.load(keyOf(0)),
      details.load(keyOf(1)),
      details.load(keyOf(0)),
    ]);
    expect(a?.meetingId).toBe(keyOf(0).meetingId);
    expect(b?.meetingId).toBe(keyOf(1).meetingId);
    expect(again).toBe(a);
    expect(a?.aiConfig).not.toBeUndefined();
    await details.load(keyOf(1));
    expect(gets()).toHaveLength(2);
  });

  it('null when the upstream answers 404', async () => {
    const { details } = loaders();
    const missing = { ...keyOf(0), meetingId: '00000000-0000-4000-8000-000000000000' };
    expect(await details.load(missing)).toBeNull();
    expect(gets()).toHaveLength(1);
  });

  it('a failing GET fails its own key only', async () => {
    const { details } = loaders();
    sandbox.inject({ match: (request) => request.path.endsWith(keyOf(1).meetingId), status: 500 });
    const results = await details.loadMany([keyOf(0), keyOf(1), keyOf(2)]);
    expect((results[0] as Meeting).meetingId).toBe(keyOf(0).meetingId);
    expect(isGatewayError(results[1]) && results[1].code).toBe('UPSTREAM_ERROR');
    expect((results[2] as Meeting).meetingId).toBe(keyOf(2).meetingId);
  });

  it('never has more GETs in flight than its limit', async () => {
    let active = 0;
    let peak = 0;
    const limit = pLimit(3);
    const counting = (<T>(task: () => Promise<T>) =>
      limit(async () => {
        active += 1;
        peak = Math.max(peak, active);
        try {
          return await task();
        } finally {
          active -= 1;
        }
      })) as typeof limit;
    const { details } = loaders({ limit: counting });
    const keys = Array.from({ length: 12 }, (_, i) => keyOf(i));
    const results = await details.loadMany(keys);
    expect(results.map((meeting) => (meeting as Meeting).meetingId)).toEqual(keys.map((k) => k.meetingId));
    expect(gets()).toHaveLength(12);
    expect(peak).toBe(3);
  });
});

describe('listedOrDetails', () => {
  it('serves a meeting a list page of the request returned, without a GET (the list copy: no aiConfig)', async () => {
    const page = await client.listMeetings(
      { authorization: `Bearer ${TOKEN}`, budget: new RetryBudget(0) },
      { accountId: sandbox.accountId, appId: sandbox.appId },
      { pageNo: 1, perPage: 5 },
    );
    const listed = new Map(page.meetings.map((meeting) => [meetingCacheKey(meeting), meeting]));
    sandbox.reset();
    const { listedOrDetails } = loaders({ listedMeeting: (key) => listed.get(key) });
    const first = page.meetings[0] as Meeting;
    const meeting = await listedOrDetails.load({ ...first });
    expect(meeting).toBe(first);
    expect(meeting?.aiConfig).toBeUndefined();
    expect(gets()).toHaveLength(0);
  });

  it('falls back to details for a meeting no list returned', async () => {
    const { listedOrDetails, details } = loaders();
    const meeting = await listedOrDetails.load(keyOf(7));
    expect(meeting?.meetingId).toBe(keyOf(7).meetingId);
    expect(meeting?.aiConfig).not.toBeUndefined();
    // The same GET serves a later details load.
    expect(await details.load(keyOf(7))).toBe(meeting);
    expect(gets()).toHaveLength(1);
  });

  it('waits for list pages in flight before deciding, so a meeting they bring costs nothing', async () => {
    const listed = new Map<string, Meeting>();
    let settle: () => void = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const scope = { authorization: `Bearer ${TOKEN}`, budget: new RetryBudget(0) };
    const filters = { accountId: sandbox.accountId, appId: sandbox.appId };
    const third = (await client.listMeetings(scope, filters, { pageNo: 3, perPage: 1 }))
      .meetings[0] as Meeting;
    sandbox.reset();
    const { listedOrDetails } = loaders({
      listedMeeting: (key) => listed.get(key),
      pagesSettled: () => settled,
    });
    const pending = listedOrDetails.load({
      accountId: third.accountId,
      appId: third.appId,
      meetingId: third.meetingId,
    });
    // A list page of the same request lands after the load was asked for.
    const page = await client.listMeetings(scope, filters, { pageNo: 1, perPage: 10 });
    for (const meeting of page.meetings) listed.set(meetingCacheKey(meeting), meeting);
    settle();
    const meeting = await pending;
    expect(meeting).toBe(page.meetings[2]);
    expect(meeting?.meetingId).toBe(third.meetingId);
    expect(gets()).toHaveLength(0);
  });
});
