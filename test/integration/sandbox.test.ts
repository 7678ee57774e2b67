// The embedded RealtimeKit-compatible upstream, exercised over real HTTP on loopback.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CREDENTIAL_MARKER,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_APP_ID,
  DEFAULT_NOW,
  seedMeetings,
} from '../../src/sandbox/seed.ts';
import { cloudflareError, realtimeKitError, type Sandbox, startSandbox } from '../../src/sandbox/server.ts';
import type { WireMeeting, WireStorageConfig } from '../../src/sandbox/wire.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CREDENTIAL_FIELDS = ['access_key', 'secret', 'password', 'private_key'] as const;

interface JsonAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test bodies are inspected ad hoc
  body: any;
}

function appUrl(sandbox: Sandbox, rest = ''): string {
  return `${sandbox.baseUrl}/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings${rest}`;
}

function listUrl(sandbox: Sandbox, query: Record<string, string | number> = {}): string {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  const search = params.toString();
  return appUrl(sandbox, search === '' ? '' : `?${search}`);
}

async function getJson(url: string, init?: RequestInit): Promise<JsonAnswer> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** The upstream's list order, computed independently of the sandbox. */
function expectedOrder(meetings: readonly WireMeeting[]): WireMeeting[] {
  return [...meetings].sort(
    (a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

function withoutAi(meeting: WireMeeting): WireMeeting {
  const { ai_config: _ai, ...rest } = meeting;
  return rest;
}

function storageConfigs(meetings: readonly WireMeeting[]): WireStorageConfig[] {
  return meetings.flatMap((m) =>
    m.recording_config?.storage_config ? [m.recording_config.storage_config] : [],
  );
}

describe('sandbox upstream', () => {
  let sandbox: Sandbox;
  let ordered: WireMeeting[];

  beforeAll(async () => {
    sandbox = await startSandbox({ recordRequests: true });
    ordered = expectedOrder(sandbox.meetings);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  describe('list paging', () => {
    it('defaults to page 1 of 20 with 1-based offsets', async () => {
      const { status, headers, body } = await getJson(listUrl(sandbox));
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/json');
      expect(body.success).toBe(true);
      expect(body.paging).toEqual({ total_count: 240, start_offset: 1, end_offset: 20 });
      expect(body.data.map((m: WireMeeting) => m.id)).toEqual(ordered.slice(0, 20).map((m) => m.id));
    });

    it('serves a middle page, a partial last page and an empty page past the end', async () => {
      const middle = await getJson(listUrl(sandbox, { page_no: 3, per_page: 50 }));
      expect(middle.body.paging).toEqual({ total_count: 240, start_offset: 101, end_offset: 150 });
      expect(middle.body.data.map((m: WireMeeting) => m.id)).toEqual(
        ordered.slice(100, 150).map((m) => m.id),
      );

      const last = await getJson(listUrl(sandbox, { page_no: 5, per_page: 50 }));
      expect(last.body.paging).toEqual({ total_count: 240, start_offset: 201, end_offset: 240 });
      expect(last.body.data).toHaveLength(40);

      const past = await getJson(listUrl(sandbox, { page_no: 7, per_page: 50 }));
      expect(past.status).toBe(200);
      expect(past.body).toEqual({
        success: true,
        data: [],
        paging: { total_count: 240, start_offset: 301, end_offset: 300 },
      });
    });

    it('walks every meeting exactly once with per_page 100, in created_at-desc-then-id order', async () => {
      const ids: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const { body } = await getJson(listUrl(sandbox, { page_no: page, per_page: 100 }));
        ids.push(...body.data.map((m: WireMeeting) => m.id));
      }
      expect(ids).toEqual(ordered.map((m) => m.id));
      expect(new Set(ids).size).toBe(240);
    });

    it('is stable: ties on created_at are broken by id and repeated calls agree', async () => {
      const tied = ordered.filter((m, i) => ordered[i + 1]?.created_at === m.created_at);
      expect(tied.length).toBeGreaterThan(0);
      const a = await getJson(listUrl(sandbox, { per_page: 100 }));
      const b = await getJson(listUrl(sandbox, { per_page: 100 }));
      expect(a.body).toEqual(b.body);
    });

    it.each([
      ['per_page', '0'],
      ['per_page', '101'],
      ['per_page', 'abc'],
      ['per_page', '1.5'],
      ['per_page', '-1'],
      ['page_no', '0'],
      ['page_no', 'abc'],
      ['status', 'active'],
      ['start_time', 'yesterday'],
      ['end_time', '2026-01-01T10:00:00'],
    ])('rejects %s=%s with 400 in the RealtimeKit envelope', async (name, value) => {
      const { status, body } = await getJson(listUrl(sandbox, { [name]: value }));
      expect(status).toBe(400);
      expect(body).toEqual({ success: false, error: { code: 400, message: expect.stringContaining(name) } });
    });

    it('accepts per_page 1 and 100', async () => {
      expect((await getJson(listUrl(sandbox, { per_page: 1 }))).body.data).toHaveLength(1);
      expect((await getJson(listUrl(sandbox, { per_page: 100 }))).body.data).toHaveLength(100);
    });
  });

  describe('list filters', () => {
    it('filters by status', async () => {
      const inactive = ordered.filter((m) => m.status === 'INACTIVE');
      const { body } = await getJson(listUrl(sandbox, { status: 'INACTIVE', per_page: 100 }));
      expect(body.paging.total_count).toBe(inactive.length);
      expect(body.data.map((m: WireMeeting) => m.id)).toEqual(inactive.slice(0, 100).map((m) => m.id));
    });

    it('searches titles case-insensitively, by substring', async () => {
      const matches = ordered.filter((m) => m.title?.toLowerCase().includes('sales call'));
      expect(matches.length).toBeGreaterThan(0);
      const { body } = await getJson(listUrl(sandbox, { search: 'SALES Call', per_page: 100 }));
      expect(body.paging.total_count).toBe(matches.length);
      expect(body.data.map((m: WireMeeting) => m.id)).toEqual(matches.map((m) => m.id));
    });

    it('searches by exact id, combined with other filters', async () => {
      const target = ordered[17] as WireMeeting;
      const { body } = await getJson(listUrl(sandbox, { search: target.id }));
      expect(body.data).toEqual([withoutAi(target)]);
      expect(body.paging).toEqual({ total_count: 1, start_offset: 1, end_offset: 1 });

      const other = target.status === 'ACTIVE' ? 'INACTIVE' : 'ACTIVE';
      const none = await getJson(listUrl(sandbox, { search: target.id, status: other }));
      expect(none.body.paging).toEqual({ total_count: 0, start_offset: 1, end_offset: 0 });
    });

    it('filters created_at by an inclusive time range', async () => {
      const newest = ordered[30] as WireMeeting;
      const oldest = ordered[90] as WireMeeting;
      const expected = ordered.filter(
        (m) =>
          Date.parse(m.created_at) >= Date.parse(oldest.created_at) &&
          Date.parse(m.created_at) <= Date.parse(newest.created_at),
      );
      const { body } = await getJson(
        listUrl(sandbox, { start_time: oldest.created_at, end_time: newest.created_at, per_page: 100 }),
      );
      expect(body.paging.total_count).toBe(expected.length);
      expect(body.data[0].id).toBe(expected[0]?.id);
      expect(body.data.map((m: WireMeeting) => m.id)).toContain(oldest.id);
      expect(body.data.map((m: WireMeeting) => m.id)).toContain(newest.id);
    });

    it('accepts time zone offsets and date-only values', async () => {
      const a = await getJson(listUrl(sandbox, { start_time: '2025-12-01T01:00:00+01:00' }));
      const b = await getJson(listUrl(sandbox, { start_time: '2025-12-01' }));
      expect(a.status).toBe(200);
      expect(a.body.paging.total_count).toBe(b.body.paging.total_count);
      expect(a.body.paging.total_count).toBe(
        ordered.filter((m) => m.created_at >= '2025-12-01T00:00:00.000Z').length,
      );
    });
  });

  describe('single meeting and ai_config', () => {
    it('returns the whole meeting, ai_config included', async () => {
      const meeting = ordered[5] as WireMeeting;
      const { status, body } = await getJson(appUrl(sandbox, `/${meeting.id}`));
      expect(status).toBe(200);
      expect(body).toEqual({ success: true, data: meeting });
      expect(body.data.ai_config.summarization).toBeDefined();
    });

    it('never puts ai_config in list items', async () => {
      const { body } = await getJson(listUrl(sandbox, { per_page: 100 }));
      for (const item of body.data) expect(item).not.toHaveProperty('ai_config');
      expect(body.data[0]).toEqual(withoutAi(ordered[0] as WireMeeting));
    });

    it('percent-decodes the meeting id segment', async () => {
      const meeting = ordered[0] as WireMeeting;
      const encoded = meeting.id.replace(/-/g, '%2D');
      const { status, body } = await getJson(appUrl(sandbox, `/${encoded}`));
      expect(status).toBe(200);
      expect(body.data.id).toBe(meeting.id);
      expect(sandbox.requests[0]?.path).toBe(
        `/client/v4/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings/${meeting.id}`,
      );
    });
  });

  describe('not found and other errors', () => {
    it('answers an unknown meeting with 404 in the RealtimeKit envelope', async () => {
      const { status, body } = await getJson(appUrl(sandbox, '/00000000-0000-4000-8000-000000000000'));
      expect(status).toBe(404);
      expect(body).toEqual(realtimeKitError(404, 'Meeting not found'));
    });

    it('answers an unknown account or app with 404 in the Cloudflare envelope (7003)', async () => {
      for (const url of [
        `${sandbox.baseUrl}/accounts/ffffffffffffffffffffffffffffffff/realtime/kit/${DEFAULT_APP_ID}/meetings`,
        `${sandbox.baseUrl}/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/nope/meetings/abc`,
      ]) {
        const { status, body } = await getJson(url);
        expect(status).toBe(404);
        expect(body).toEqual({
          success: false,
          errors: [{ code: 7003, message: expect.stringContaining('Could not route to') }],
          messages: [],
          result: null,
        });
      }
    });

    it('answers an unknown route with 404 in the Cloudflare envelope', async () => {
      for (const url of [
        `${sandbox.baseUrl}/zones`,
        `http://127.0.0.1:${sandbox.port}/`,
        appUrl(sandbox, '/x/recordings'),
      ]) {
        const { status, body } = await getJson(url);
        expect(status).toBe(404);
        expect(body).toMatchObject({ success: false, messages: [], result: null });
        expect(body.errors[0].code).toBeTypeOf('number');
      }
    });

    it('answers other methods with 405 in the RealtimeKit envelope', async () => {
      const { status, headers, body } = await getJson(listUrl(sandbox), { method: 'PUT', body: '{}' });
      expect(status).toBe(405);
      expect(headers.get('allow')).toBe('GET, POST');
      expect(body).toEqual({ success: false, error: { code: 405, message: expect.any(String) } });
      expect(sandbox.requests[0]?.kind).toBe('other');
    });
  });

  describe('faults', () => {
    it('answers with a status, a JSON body and headers, then behaves normally again', async () => {
      sandbox.inject({
        status: 429,
        body: cloudflareError(971, 'Please wait'),
        headers: { 'Retry-After': '0' },
      });
      const limited = await getJson(listUrl(sandbox));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('0');
      expect(limited.body).toEqual(cloudflareError(971, 'Please wait'));
      expect((await getJson(listUrl(sandbox))).status).toBe(200);
    });

    it('sends a string body as-is, with the content-type the fault gives', async () => {
      sandbox.inject({
        status: 502,
        body: '<html>Bad gateway</html>',
        headers: { 'content-type': 'text/html' },
      });
      sandbox.inject({ status: 200, body: 'not json' });
      const html = await fetch(listUrl(sandbox));
      expect(html.status).toBe(502);
      expect(html.headers.get('content-type')).toBe('text/html');
      expect(await html.text()).toBe('<html>Bad gateway</html>');
      const broken = await fetch(listUrl(sandbox));
      expect(broken.status).toBe(200);
      expect(broken.headers.get('content-type')).toBe('application/json');
      expect(await broken.text()).toBe('not json');
    });

    it('defaults the body to a RealtimeKit envelope for the status', async () => {
      sandbox.inject({ status: 503 });
      const { status, body } = await getJson(listUrl(sandbox));
      expect(status).toBe(503);
      expect(body).toEqual(realtimeKitError(503, 'Service Unavailable'));
    });

    it('applies a fault `times` times, only to matching requests, in queue order', async () => {
      const meeting = ordered[0] as WireMeeting;
      sandbox.inject({ match: 'get', status: 500, times: 2 });
      sandbox.inject({ match: (r) => r.query.page_no === '2', status: 418 });
      sandbox.inject({ match: 'list', status: 401, body: cloudflareError(10000, 'Authentication error') });

      expect((await getJson(listUrl(sandbox, { page_no: 2 }))).status).toBe(418);
      expect((await getJson(appUrl(sandbox, `/${meeting.id}`))).status).toBe(500);
      expect((await getJson(listUrl(sandbox))).status).toBe(401);
      expect((await getJson(listUrl(sandbox))).status).toBe(200);
      expect((await getJson(appUrl(sandbox, `/${meeting.id}`))).status).toBe(500);
      expect((await getJson(appUrl(sandbox, `/${meeting.id}`))).status).toBe(200);
      expect(sandbox.requests.map((r) => r.kind)).toEqual(['list', 'get', 'list', 'list', 'get', 'get']);
    });

    it('delays a normal answer', async () => {
      sandbox.inject({ delayMs: 150 });
      const started = performance.now();
      const { status, body } = await getJson(listUrl(sandbox));
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(status).toBe(200);
      expect(body.success).toBe(true);
    });

    it('delays a fault answer', async () => {
      sandbox.inject({ delayMs: 120, status: 504 });
      const started = performance.now();
      expect((await getJson(listUrl(sandbox))).status).toBe(504);
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    });

    it('resets the connection without answering, and still records the request', async () => {
      sandbox.inject({ reset: true });
      await expect(fetch(listUrl(sandbox))).rejects.toThrow();
      expect(sandbox.requests).toHaveLength(1);
      expect((await getJson(listUrl(sandbox))).status).toBe(200);
    });

    it('refuses contradictory faults', () => {
      expect(() => sandbox.inject({ reset: true, hang: true })).toThrow(TypeError);
      expect(() => sandbox.inject({ status: 500, times: 0 })).toThrow(RangeError);
    });

    it('hangs until close(), which ends the hung request promptly', async () => {
      const own = await startSandbox({ recordRequests: true });
      own.inject({ hang: true });
      const pending = fetch(listUrl(own)).then(
        () => 'answered',
        () => 'failed',
      );
      await waitFor(() => own.requests.length === 1);
      const raced = await Promise.race([pending, sleep(200).then(() => 'still pending')]);
      expect(raced).toBe('still pending');
      const started = performance.now();
      await own.close();
      expect(await pending).toBe('failed');
      expect(performance.now() - started).toBeLessThan(1000);
    });
  });

  describe('request log and connections', () => {
    it('records method, decoded path, query, authorization, kind and arrival time in order', async () => {
      const before = Date.now();
      await fetch(listUrl(sandbox, { page_no: 2, per_page: 5, search: 'Zoë' }), {
        headers: { authorization: 'Bearer abc' },
      });
      await fetch(appUrl(sandbox, '/some%20id'));
      expect(sandbox.requests).toEqual([
        {
          method: 'GET',
          path: `/client/v4/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings`,
          query: { page_no: '2', per_page: '5', search: 'Zoë' },
          authorization: 'Bearer abc',
          kind: 'list',
          at: expect.any(Number),
        },
        {
          method: 'GET',
          path: `/client/v4/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings/some id`,
          query: {},
          authorization: undefined,
          kind: 'get',
          at: expect.any(Number),
        },
      ]);
      const [first, second] = sandbox.requests;
      expect(first?.at).toBeGreaterThanOrEqual(before);
      expect(second?.at).toBeGreaterThanOrEqual(first?.at ?? 0);
    });

    it('keeps connections alive and counts accepted connections', async () => {
      const own = await startSandbox({ recordRequests: true });
      const pool = new Pool(`http://127.0.0.1:${own.port}`, { connections: 1 });
      try {
        const path = new URL(listUrl(own, { per_page: 3 })).pathname;
        for (let i = 0; i < 5; i++) {
          const res = await pool.request({ method: 'GET', path });
          const text = await res.body.text();
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-length']).toBe(String(Buffer.byteLength(text)));
          expect(res.headers.connection).toBe('keep-alive');
        }
        expect(own.requests).toHaveLength(5);
        expect(own.connections).toBe(1);

        own.reset();
        expect(own.connections).toBe(0);
        expect(own.requests).toHaveLength(0);
      } finally {
        await pool.close();
        await own.close();
      }
    });
  });

  describe('options', () => {
    it('requires the bearer token when one is configured', async () => {
      const own = await startSandbox({ recordRequests: true, requiredToken: 'secret-token' });
      try {
        const envelope = cloudflareError(10000, 'Authentication error');
        const missing = await getJson(listUrl(own));
        expect(missing.status).toBe(401);
        expect(missing.body).toEqual(envelope);
        const wrong = await getJson(listUrl(own), { headers: { authorization: 'Bearer other' } });
        expect(wrong.status).toBe(401);
        expect(wrong.body).toEqual(envelope);
        const right = await getJson(listUrl(own), { headers: { authorization: 'Bearer secret-token' } });
        expect(right.status).toBe(200);
        expect(own.requests.map((r) => r.authorization)).toEqual([
          undefined,
          'Bearer other',
          'Bearer secret-token',
        ]);
      } finally {
        await own.close();
      }
    });

    it('accepts any Authorization when no token is configured', async () => {
      expect((await getJson(listUrl(sandbox), { headers: { authorization: 'Bearer x' } })).status).toBe(200);
      expect((await getJson(listUrl(sandbox))).status).toBe(200);
    });

    it('adds latencyMs before every answer, and serves custom ids and meetings', async () => {
      const meetings = seedMeetings({ count: 3, seed: 1 });
      const own = await startSandbox({
        recordRequests: true,
        latencyMs: 80,
        accountId: 'acc',
        appId: 'app',
        meetings,
      });
      try {
        const started = performance.now();
        const { body } = await getJson(`${own.baseUrl}/accounts/acc/realtime/kit/app/meetings`);
        expect(performance.now() - started).toBeGreaterThanOrEqual(70);
        expect(body.paging.total_count).toBe(3);
      } finally {
        await own.close();
      }
    });
  });
});

describe('seedMeetings', () => {
  const meetings = seedMeetings();

  it('is deterministic and depends on the seed', () => {
    expect(seedMeetings({ seed: 7, count: 50 })).toEqual(seedMeetings({ seed: 7, count: 50 }));
    expect(seedMeetings()).toEqual(meetings);
    expect(seedMeetings({ seed: 8, count: 50 })).not.toEqual(seedMeetings({ seed: 7, count: 50 }));
    expect(seedMeetings({ count: 5 })).toEqual(meetings.slice(0, 5));
  });

  it('makes 240 meetings with unique UUID v4 ids and sane timestamps', () => {
    expect(meetings).toHaveLength(240);
    expect(new Set(meetings.map((m) => m.id)).size).toBe(240);
    for (const m of meetings) {
      expect(m.id).toMatch(UUID_V4);
      expect(Date.parse(m.updated_at)).toBeGreaterThanOrEqual(Date.parse(m.created_at));
      expect(Date.parse(m.updated_at)).toBeLessThanOrEqual(Date.parse(DEFAULT_NOW));
    }
    const created = meetings.map((m) => Date.parse(m.created_at));
    expect(Math.max(...created) - Math.min(...created)).toBeGreaterThan(90 * 86_400_000);
    const now = '2027-03-01T00:00:00.000Z';
    for (const m of seedMeetings({ now, count: 20 })) expect(m.updated_at <= now).toBe(true);
  });

  it('populates every field within the documented ranges', () => {
    for (const m of meetings) {
      expect(m.status === 'ACTIVE' || m.status === 'INACTIVE').toBe(true);
      expect(m.title?.length).toBeGreaterThan(0);
      for (const flag of [
        m.record_on_start,
        m.live_stream_on_start,
        m.persist_chat,
        m.summarize_on_end,
        m.transcribe_on_end,
      ]) {
        expect(flag).toBeTypeOf('boolean');
      }
      expect(m.session_keep_alive_time_in_secs).toBeGreaterThanOrEqual(60);
      expect(m.session_keep_alive_time_in_secs).toBeLessThanOrEqual(600);
      const rc = m.recording_config;
      expect(rc?.max_seconds).toBeGreaterThanOrEqual(60);
      expect(rc?.max_seconds).toBeLessThanOrEqual(86400);
      expect(rc?.file_name_prefix).toBeTypeOf('string');
      expect(['mono', 'stereo']).toContain(rc?.audio_config?.channel);
      expect(['MP3', 'AAC']).toContain(rc?.audio_config?.codec);
      expect(['H264', 'VP8']).toContain(rc?.video_config?.codec);
      expect(['left top', 'right top', 'left bottom', 'right bottom']).toContain(
        rc?.video_config?.watermark?.position,
      );
      expect(rc?.video_config?.watermark?.url).toMatch(/^https:\/\//);
      expect(rc?.live_streaming_config?.rtmp_url).toMatch(/^rtmp:\/\//);
      expect(rc?.realtimekit_bucket_config?.enabled).toBeTypeOf('boolean');
      const ai = m.ai_config;
      expect(ai?.summarization?.word_limit).toBeGreaterThanOrEqual(150);
      expect(ai?.summarization?.word_limit).toBeLessThanOrEqual(1000);
      expect(['plain_text', 'markdown']).toContain(ai?.summarization?.text_format);
      expect(['en-US', 'en-IN', 'de', 'hi', 'sv', 'ru', 'pl', 'el', 'fr', 'nl']).toContain(
        ai?.transcription?.language,
      );
      expect(Array.isArray(ai?.transcription?.keywords)).toBe(true);
    }
    expect(new Set(meetings.map((m) => m.ai_config?.summarization?.summary_type)).size).toBe(9);
    expect(meetings.some((m) => m.title?.startsWith('Sales call — '))).toBe(true);
    expect(meetings.some((m) => m.title?.startsWith('1:1 '))).toBe(true);
  });

  it('gives about a third of meetings a storage_config, of every type, with marked credentials', () => {
    const configs = storageConfigs(meetings);
    expect(configs.length).toBeGreaterThan(60);
    expect(configs.length).toBeLessThan(100);
    expect(new Set(configs.map((c) => c.type))).toEqual(
      new Set(['aws', 'azure', 'digitalocean', 'gcs', 'sftp', 'cloudflare']),
    );
    expect(meetings.some((m) => m.recording_config?.storage_config === null)).toBe(true);

    const credentials = configs.flatMap((c) =>
      CREDENTIAL_FIELDS.flatMap((f) => (c[f] === undefined ? [] : [c[f]])),
    );
    expect(credentials.length).toBeGreaterThan(50);
    for (const value of credentials) expect(value?.startsWith(CREDENTIAL_MARKER)).toBe(true);
    for (const field of CREDENTIAL_FIELDS) expect(configs.some((c) => c[field] !== undefined)).toBe(true);
    // Nothing else carries the marker, so grepping output for it finds only credentials.
    expect(JSON.stringify(meetings).split(CREDENTIAL_MARKER).length - 1).toBe(credentials.length);
  });

  it('exports ids the upstream accepts', () => {
    expect(DEFAULT_ACCOUNT_ID).toBe('023e105f4ecef8ad9ca31a8372d0c353');
    expect(DEFAULT_APP_ID.length).toBeLessThanOrEqual(32);
  });
});

describe('sandbox CLI', () => {
  it('prints its base URL, serves meetings and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../../src/sandbox/main.ts', import.meta.url)), '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const lines = createInterface({ input: child.stdout });
      const [baseUrl] = (await once(lines, 'line')) as [string];
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
      const { status, body } = await getJson(
        `${baseUrl}/accounts/${DEFAULT_ACCOUNT_ID}/realtime/kit/${DEFAULT_APP_ID}/meetings?per_page=1`,
      );
      expect(status).toBe(200);
      expect(body.paging.total_count).toBe(240);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
