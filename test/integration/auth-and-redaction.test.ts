import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_MARKER } from '../../src/sandbox/seed.ts';
import { graphql } from '../gql/index.ts';
import { SERVICE_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.ts';

const Count = graphql(`
  query AuthCount {
    meetings(first: 1) {
      totalCount
    }
  }
`);

describe('passthrough mode', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ mode: 'passthrough', sandbox: { requiredToken: 'caller-token' } });
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sandbox.reset());

  it('without an Authorization header → UNAUTHENTICATED and no upstream call', async () => {
    const { body } = await gw.run(Count);
    expect(body.data?.meetings).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(gw.calls()).toBe(0);
  });

  it("forwards the caller's Authorization header unchanged", async () => {
    const { body } = await gw.run(Count, undefined, { authorization: 'Bearer caller-token' });
    expect(body.errors).toBeUndefined();
    expect(gw.sandbox.requests.map((r) => r.authorization)).toEqual(['Bearer caller-token']);
  });

  it('an upstream 401 for a wrong caller token → UNAUTHENTICATED with upstreamStatus 401', async () => {
    const { body } = await gw.run(Count, undefined, { authorization: 'Bearer wrong' });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', upstreamStatus: 401 });
    expect(JSON.stringify(body)).not.toContain('wrong');
  });
});

describe('service mode', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ mode: 'service' });
  });
  afterAll(() => gw.close());
  beforeEach(() => gw.sandbox.reset());

  it("sends its own token and never the caller's", async () => {
    const { body } = await gw.run(Count, undefined, { authorization: 'Bearer caller-secret' });
    expect(body.errors).toBeUndefined();
    await gw.run(Count);
    expect(gw.sandbox.requests.map((r) => r.authorization)).toEqual([
      `Bearer ${SERVICE_TOKEN}`,
      `Bearer ${SERVICE_TOKEN}`,
    ]);
  });
});

describe('storage credentials never leave the gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('the sandbox really serves credentials (so this test can fail)', async () => {
    const response = await fetch(
      `${gw.sandbox.baseUrl}/accounts/${gw.sandbox.accountId}/realtime/kit/${gw.sandbox.appId}/meetings?per_page=100`,
      { headers: { authorization: `Bearer ${SERVICE_TOKEN}` } },
    );
    expect(await response.text()).toContain(CREDENTIAL_MARKER);
  });

  it('no response, listed or fetched one by one, carries any credential value', async () => {
    const StorageEverywhere = graphql(`
      query StorageEverywhere($after: String) {
        meetings(first: 100, after: $after) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            meetingId
            recordingConfig {
              storageConfig {
                type
                authMethod
                bucket
                path
                region
                host
                port
                username
              }
            }
          }
        }
      }
    `);
    const texts: string[] = [];
    const ids: string[] = [];
    const page = (after: string | null) => gw.run(StorageEverywhere, { after });
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const { body, text } = await page(after);
      texts.push(text);
      const meetings = body.data?.meetings;
      ids.push(...(meetings?.nodes ?? []).map((n) => n.meetingId));
      if (!meetings?.pageInfo.hasNextPage) break;
      after = meetings.pageInfo.endCursor ?? null;
    }
    const withStorage = gw.sandbox.meetings.filter((m) => m.recording_config?.storage_config?.secret);
    expect(withStorage.length).toBeGreaterThan(0);
    // Single-meeting GETs (the aiConfig path) for every meeting that has credentials.
    for (const meeting of withStorage) {
      const { text } = await gw.post({
        query: `{ meeting(meetingId: "${meeting.id}") { aiConfig { transcription { language } } recordingConfig { storageConfig { type bucket username host } } } }`,
      });
      texts.push(text);
      expect(text).toContain('storageConfig');
    }
    expect(ids.length).toBe(gw.sandbox.meetings.length);
    const all = texts.join('\n');
    expect(all).not.toContain(CREDENTIAL_MARKER);
    for (const meeting of withStorage) {
      const storage = meeting.recording_config?.storage_config;
      for (const value of [storage?.secret, storage?.access_key, storage?.password, storage?.private_key]) {
        if (value) expect(all).not.toContain(value);
      }
    }
  });

  it('the schema has no field that could carry a credential', async () => {
    const { text } = await gw.post({ query: '{ __type(name: "StorageConfig") { fields { name } } }' });
    const names = (
      JSON.parse(text) as { data: { __type: { fields: { name: string }[] } } }
    ).data.__type.fields.map((f) => f.name);
    for (const forbidden of ['accessKey', 'secret', 'password', 'privateKey', 'access_key', 'private_key']) {
      expect(names).not.toContain(forbidden);
    }
  });
});
