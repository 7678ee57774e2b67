import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.ts';
import { until } from '../support/processes.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';

/**
 * OpenTelemetry with OTEL_EXPORTER_OTLP_ENDPOINT set: the gateway process exports to a tiny
 * OTLP/HTTP (JSON) receiver on loopback; the upstream is the sandbox behind a proxy that
 * records the headers each call carried.
 */

const TOKEN = 'tracing-test-service-token';
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** OTLP JSON ids are hex; accept base64 too. */
const hex = (id: unknown) => {
  const text = String(id ?? '');
  if (text === '') return '';
  return /^[0-9a-f]+$/.test(text) && (text.length === 32 || text.length === 16)
    ? text
    : Buffer.from(text, 'base64').toString('hex');
};

function attributeValue(value: Record<string, unknown>): unknown {
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('boolValue' in value) return value.boolValue;
  if ('arrayValue' in value) {
    return ((value.arrayValue as { values?: Record<string, unknown>[] }).values ?? []).map(attributeValue);
  }
  return undefined;
}

function spansOf(body: unknown): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resource of (body as { resourceSpans?: unknown[] }).resourceSpans ?? []) {
    for (const scope of (resource as { scopeSpans?: unknown[] }).scopeSpans ?? []) {
      for (const raw of (scope as { spans?: Record<string, unknown>[] }).spans ?? []) {
        const attributes: Record<string, unknown> = {};
        for (const a of (raw.attributes as { key: string; value: Record<string, unknown> }[]) ?? []) {
          attributes[a.key] = attributeValue(a.value);
        }
        spans.push({
          traceId: hex(raw.traceId),
          spanId: hex(raw.spanId),
          parentSpanId: hex(raw.parentSpanId),
          name: String(raw.name),
          kind: Number(raw.kind),
          attributes,
        });
      }
    }
  }
  return spans;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('OpenTelemetry traces', () => {
  let sandbox: Sandbox;
  let proxy: Server;
  let receiver: Server;
  let gateway: ServerProcess;
  const upstreamHeaders: IncomingHttpHeaders[] = [];
  const exported: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ requiredToken: TOKEN });
    const target = new URL(sandbox.baseUrl);
    proxy = createServer((req, res) => {
      upstreamHeaders.push(req.headers);
      const forward = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(forward);
    });
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        if (req.url === '/v1/traces') exported.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const proxyUrl = await listen(proxy);
    const receiverUrl = await listen(receiver);
    gateway = await startServerProcess(
      {
        PORT: '0',
        REALTIMEKIT_API_URL: `${proxyUrl}${target.pathname}`,
        CLOUDFLARE_API_TOKEN: TOKEN,
        CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID,
        REALTIMEKIT_APP_ID: DEFAULT_APP_ID,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiverUrl,
        OTEL_BSP_SCHEDULE_DELAY: '50',
        OTEL_SERVICE_NAME: 'gateway-under-test',
        LOG_LEVEL: 'warn',
      },
      45_000,
    );
  }, 60_000);
  afterAll(async () => {
    if (gateway?.child.exitCode === null) gateway.child.kill('SIGKILL');
    proxy?.close();
    receiver?.close();
    await sandbox?.close();
  });

  it('one query with two upstream calls: a server span under the caller’s, two client spans under it', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`,
        'x-request-id': 'trace-test-1',
      },
      body: JSON.stringify({
        query:
          'query TwoCalls { all: meetings(first: 2) { totalCount } active: meetings(first: 3, status: ACTIVE) { totalCount } }',
      }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(upstreamHeaders).toHaveLength(2);

    const spans = () => exported.flatMap((text) => spansOf(JSON.parse(text)));
    expect(await until(() => spans().length >= 3, 15_000)).toBe(true);
    const all = spans();
    expect(all).toHaveLength(3);
    const server = all.find((span) => span.kind === 2);
    const clients = all.filter((span) => span.kind === 3);
    expect(server).toMatchObject({
      traceId: CALLER_TRACE,
      parentSpanId: CALLER_SPAN,
      name: 'query TwoCalls',
      attributes: {
        'graphql.operation.name': 'TwoCalls',
        'graphql.operation.type': 'query',
        'gateway.request_id': 'trace-test-1',
        'http.response.status_code': 200,
      },
    });
    expect(clients).toHaveLength(2);
    const route = '/accounts/{account_id}/realtime/kit/{app_id}/meetings';
    for (const client of clients) {
      expect(client).toMatchObject({
        traceId: CALLER_TRACE,
        parentSpanId: server?.spanId,
        name: `GET ${route}`,
        attributes: {
          'url.template': route,
          'http.request.method': 'GET',
          'http.response.status_code': 200,
          'realtimekit.page_no': 1,
          'gateway.cache.outcome': 'miss',
        },
      });
    }
    expect(clients.map((c) => c.attributes['realtimekit.per_page']).sort()).toEqual([2, 3]);

    // Upstream got the trace (parent = its client span) and the request id.
    expect(upstreamHeaders.map((h) => h.traceparent).sort()).toEqual(
      clients.map((c) => `00-${CALLER_TRACE}-${c.spanId}-01`).sort(),
    );
    expect(upstreamHeaders.map((h) => h['x-request-id'])).toEqual(['trace-test-1', 'trace-test-1']);

    // The service name comes from OTEL_SERVICE_NAME; no credential is exported.
    expect(exported.join('')).toContain('gateway-under-test');
    expect(exported.join('')).not.toContain(TOKEN);
    expect(exported.join('').toLowerCase()).not.toContain('authorization');
  });

  it('without a caller traceparent, the operation starts a new trace', async () => {
    exported.length = 0;
    upstreamHeaders.length = 0;
    await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ meetings(first: 1) { totalCount } }' }),
    });
    const spans = () => exported.flatMap((text) => spansOf(JSON.parse(text)));
    expect(await until(() => spans().length >= 2, 15_000)).toBe(true);
    const [server, client] = [spans().find((s) => s.kind === 2), spans().find((s) => s.kind === 3)];
    expect(server?.parentSpanId).toBe('');
    expect(server?.traceId).not.toBe(CALLER_TRACE);
    expect(client?.parentSpanId).toBe(server?.spanId);
    expect(upstreamHeaders[0]?.['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
