import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_TOKEN_MARKER } from '../../src/sandbox/participants.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';
import { type RedisServer, redisContents, startRedisServer } from '../support/redis-server.ts';

// Writes with the shared cache in a real redis-server: nothing written to Redis carries a
// join token or a storage credential from a mutation's input, whatever was read after.

let redis: RedisServer;
let gw: TestGateway;
beforeAll(async () => {
  redis = await startRedisServer();
  gw = await startTestGateway({ env: { REDIS_URL: redis.url, CACHE_TTL_MS: '60000' } });
});
afterAll(async () => {
  await gw?.close();
  await redis?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read ad hoc
async function send(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return JSON.parse((await gw.post({ query, variables })).text);
}

async function everythingInRedis(): Promise<string[]> {
  return (await redisContents(redis.client())).flatMap(({ key, texts }) => [key, ...texts]);
}

describe('writes through the Redis-backed cache', () => {
  it('no join token and no input storage credential ever reaches Redis', async () => {
    const meetingId = gw.sandbox.meetings[4]?.id ?? '';
    const id = encodeGlobalID(
      'Meeting',
      meetingLocalId({ accountId: DEFAULT_ACCOUNT_ID, appId: DEFAULT_APP_ID, meetingId }),
    );
    const secret = 'REDIS-CHECK-STORAGE-SECRET-77';
    const created = await send(
      'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }',
      {
        input: {
          title: 'Redis check',
          recordingConfig: { storageConfig: { type: 'AWS', secret, accessKey: `${secret}-key` } },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const added = await send(
      'mutation($m: ID!) { addParticipant(input: { meetingId: $m, customParticipantId: "redis-check", presetName: "group_call_host" }) { token participant { id } } }',
      { m: id },
    );
    const token: string = added.data.addParticipant.token;
    expect(token.startsWith(JOIN_TOKEN_MARKER)).toBe(true);
    const refreshed = await send(
      'mutation($id: ID!) { refreshParticipantToken(input: { id: $id }) { token } }',
      {
        id: added.data.addParticipant.participant.id,
      },
    );
    // Reads that fill the cache: lists, the participant, the live session.
    const read = await send(
      `query($id: ID!, $p: ID!) {
        meetings(first: 5) { nodes { id recordingConfig { storageConfig { type } } } }
        node(id: $id) { ... on Meeting { participants(first: 20) { totalCount } activeSession { status } } }
        participant: node(id: $p) { id }
      }`,
      { id, p: added.data.addParticipant.participant.id },
    );
    expect(read.errors).toBeUndefined();
    const stored = await everythingInRedis();
    expect(stored.length).toBeGreaterThan(3);
    const all = stored.join('\n');
    // What was cached is readable here (a participants page holding the new participant).
    expect(all).toContain('redis-check');
    for (const forbidden of [
      token,
      refreshed.data.refreshParticipantToken.token,
      JOIN_TOKEN_MARKER,
      secret,
    ]) {
      expect(all).not.toContain(forbidden);
    }
  });
});
