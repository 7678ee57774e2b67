import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.ts';
import { SERVICE_TOKEN, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { sample } from '../support/prometheus.ts';

// Upstream answers that repeat their URL's previous bytes are not decoded again
// (`src/upstream/repeated-bodies.ts`). Every query still makes its call, and what it
// answers is what the upstream sent to that call: a change made upstream behind the
// gateway's back shows in the very next query.

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.sandbox.reset());

const TITLES = graphql(`
  query RepeatedTitles {
    meetings(first: 5) {
      nodes {
        meetingId
        title
        createdAt
        recordingConfig {
          videoConfig {
            codec
          }
        }
      }
    }
  }
`);

async function repeatedTotal(): Promise<number> {
  const text = await (await gw.app.fetch('http://gateway.test/metrics')).text();
  return sample(text, 'gateway_upstream_repeated_bodies_total', {}) ?? 0;
}

/** Changes a meeting's title upstream, straight at the sandbox (the gateway is not told). */
async function retitleUpstream(meetingId: string, title: string): Promise<void> {
  const { baseUrl, accountId, appId } = gw.sandbox;
  const response = await fetch(
    `${baseUrl}/accounts/${accountId}/realtime/kit/${appId}/meetings/${meetingId}`,
    {
      method: 'PATCH',
      headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    },
  );
  expect(response.status).toBe(200);
  await response.arrayBuffer();
}

describe('repeated upstream answers', () => {
  it('each query makes its call; a repeated answer gives the same data and is counted', async () => {
    const before = await repeatedTotal();
    const first = await gw.run(TITLES);
    const second = await gw.run(TITLES);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.meetings?.nodes).toHaveLength(5);
    expect(second.text).toBe(first.text);
    expect(gw.calls()).toBe(2);
    expect(await repeatedTotal()).toBe(before + 1);
  });

  it('a change made upstream between two identical queries shows in the second one', async () => {
    const first = await gw.run(TITLES);
    await gw.run(TITLES);
    const target = first.body.data?.meetings?.nodes?.[2];
    expect(target?.meetingId).toBeTypeOf('string');
    const title = `Renamed upstream ${Date.now()}`;
    await retitleUpstream(target?.meetingId as string, title);
    const after = await gw.run(TITLES);
    expect(after.body.errors).toBeUndefined();
    const nodes = after.body.data?.meetings?.nodes ?? [];
    expect(nodes[2]?.title).toBe(title);
    expect(nodes.map((n) => n?.meetingId)).toEqual(
      first.body.data?.meetings?.nodes?.map((n) => n?.meetingId),
    );
    // And again, now repeated: still the new title.
    const again = await gw.run(TITLES);
    expect(again.text).toBe(after.text);
  });

  it('UPSTREAM_REPEATED_BODIES_MB=0: every answer is decoded, none counted as repeated', async () => {
    const off = await startTestGateway({ env: { UPSTREAM_REPEATED_BODIES_MB: '0' } });
    try {
      const first = await off.run(TITLES);
      const second = await off.run(TITLES);
      expect(second.text).toBe(first.text);
      const text = await (await off.app.fetch('http://gateway.test/metrics')).text();
      expect(sample(text, 'gateway_upstream_repeated_bodies_total', {}) ?? 0).toBe(0);
    } finally {
      await off.close();
    }
  });
});
