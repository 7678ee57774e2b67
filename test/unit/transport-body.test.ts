import { createServer, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callJson, createDispatcher } from '../../src/upstream/transport.ts';

// The transport reads the upstream body itself (chunks, then one decode): it must read
// whatever undici's `body.text()` read before, however the body is cut into chunks.

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const VALUE = {
  title: 'Réunion — 会議 🎥',
  items: Array.from({ length: 200 }, (_, i) => ({ i, s: `é${i}` })),
};

type Handler = (res: ServerResponse) => void;
const routes: Record<string, Handler> = {
  // Cut every 7 bytes, so multi-byte characters are split between chunks.
  '/chunked': (res) => {
    const bytes = Buffer.from(JSON.stringify(VALUE));
    res.writeHead(200, { 'content-type': 'application/json' });
    let at = 0;
    const next = () => {
      if (at >= bytes.length) return res.end();
      res.write(bytes.subarray(at, at + 7));
      at += 7;
      setImmediate(next);
    };
    next();
  },
  '/bom': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(Buffer.concat([BOM, Buffer.from(JSON.stringify(VALUE))]));
  },
  '/empty': (res) => {
    res.writeHead(204);
    res.end();
  },
  '/html': (res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html>bad gateway</html>');
  },
  // Promises more than it sends, then drops the connection.
  '/cut': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"title":"half');
    setTimeout(() => res.socket?.destroy(), 20);
  },
  // Sends half, then nothing until the call's timeout.
  '/stall': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"title":"half');
  },
};

let server: Server;
let origin = '';
const dispatcher = createDispatcher({ connections: 4, keepAliveTimeoutMs: 1000 });

beforeAll(async () => {
  server = createServer((req, res) => routes[req.url ?? '']?.(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await dispatcher.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const call = (path: string, timeoutMs = 2000) =>
  callJson(dispatcher, { method: 'GET', url: origin + path, headers: {}, timeoutMs });

describe('the upstream body as the transport reads it', () => {
  it('a body cut into many chunks, multi-byte characters split between them, parses whole', async () => {
    const result = await call('/chunked');
    expect(result).toMatchObject({ kind: 'response', status: 200 });
    expect(result.kind === 'response' && result.body).toEqual(VALUE);
  });

  it('a leading byte order mark is skipped, as undici’s text() skips it', async () => {
    const result = await call('/bom');
    expect(result.kind === 'response' && result.body).toEqual(VALUE);
  });

  it('an empty body and a body that is not JSON come back as undefined, with their status', async () => {
    expect(await call('/empty')).toMatchObject({ kind: 'response', status: 204, body: undefined });
    expect(await call('/html')).toMatchObject({ kind: 'response', status: 502, body: undefined });
  });

  it('a connection dropped mid-body is a failure, not a hang or a partial answer', async () => {
    const result = await call('/cut');
    expect(result.kind).toBe('failure');
    expect(result.kind === 'failure' && result.error.code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('a body that stops arriving is a timeout within the call’s time', async () => {
    const started = Date.now();
    const result = await call('/stall', 300);
    expect(result.kind === 'failure' && result.error.code).toBe('UPSTREAM_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
