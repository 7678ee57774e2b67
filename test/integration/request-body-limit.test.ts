import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../../src/pipeline/plugins.ts';
import { startTestGateway, type TestGateway } from '../support/gateway.ts';

// The request body limit (pipeline/http/request-body-limit.ts), over real HTTP on loopback:
// a POST must say its size in Content-Length, and that size must be at most
// MAX_REQUEST_BODY_BYTES, or it is refused before its body is read, with no upstream call.

let gw: TestGateway;
let server: Server;
let port: number;
beforeAll(async () => {
  gw = await startTestGateway();
  server = createServer(gw.app.yoga);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await gw.close();
});

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** Sends `chunks` as one POST, with the given headers only (plus Host). */
function post(headers: Record<string, string>, chunks: string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/graphql', headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
const MEETINGS = JSON.stringify({ query: '{ meetings(first: 1) { totalCount } }' });

/** A valid request body of exactly `bytes` bytes (the query padded with spaces). */
function bodyOf(bytes: number): string {
  const head = '{"query":"{ meetings(first: 1) { totalCount } }';
  const tail = '"}';
  return head + ' '.repeat(bytes - head.length - tail.length) + tail;
}

describe('request body limit', () => {
  it('answers a POST with Content-Length within the limit', async () => {
    gw.sandbox.reset();
    const answer = await post({ ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(MEETINGS)) }, [
      MEETINGS,
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(gw.calls()).toBe(1);
  });

  it('answers a body of exactly the limit', async () => {
    const body = bodyOf(MAX_REQUEST_BODY_BYTES);
    expect(Buffer.byteLength(body)).toBe(MAX_REQUEST_BODY_BYTES);
    const answer = await post({ ...JSON_HEADERS, 'content-length': String(MAX_REQUEST_BODY_BYTES) }, [body]);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('refuses a chunked POST (no Content-Length) with 411, before any upstream call', async () => {
    gw.sandbox.reset();
    const answer = await post({ ...JSON_HEADERS, 'transfer-encoding': 'chunked' }, [
      MEETINGS.slice(0, 10),
      MEETINGS.slice(10),
    ]);
    expect(answer.status).toBe(411);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(answer.body.errors?.[0]?.message).toMatch(/Content-Length/);
    expect(gw.calls()).toBe(0);
  });

  it('refuses a body one byte over the limit with 413, naming both sizes', async () => {
    gw.sandbox.reset();
    const bytes = MAX_REQUEST_BODY_BYTES + 1;
    const answer = await post({ ...JSON_HEADERS, 'content-length': String(bytes) }, [bodyOf(bytes)]);
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(answer.body.errors?.[0]?.message).toContain(String(bytes));
    expect(answer.body.errors?.[0]?.message).toContain(String(MAX_REQUEST_BODY_BYTES));
    expect(gw.calls()).toBe(0);
  });

  it.each(['abc', '1e3', '0x10', '-1'])(
    'refuses a Content-Length that is not a plain number (%j) with 400',
    async (contentLength) => {
      // Node's HTTP parser refuses a malformed Content-Length itself, so this goes through
      // the app's fetch entry, as a server in front of the gateway could hand it over.
      gw.sandbox.reset();
      const response = await gw.app.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'content-length': contentLength },
        body: MEETINGS,
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as Answer['body'];
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(body.errors?.[0]?.message).toMatch(/Content-Length/);
      expect(gw.calls()).toBe(0);
    },
  );
});
