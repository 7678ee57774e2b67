import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A strict fake upstream for the write endpoints, independent of the sandbox: it answers
// only the exact method and path a test expects next, with the canned body the test gives,
// and records each request's JSON body (or `undefined`) and headers. Anything unexpected
// (a second call, another path, a body that is not JSON) is a 599 and recorded as such, so
// a test that checks `received` sees it.

export interface Expected {
  method: string;
  /** Path under the base URL, e.g. `/accounts/a/realtime/kit/b/meetings`. */
  path: string;
  status: number;
  body: unknown;
}

export interface Received {
  method: string;
  path: string;
  body: unknown;
  contentType: string | undefined;
  unexpected: boolean;
}

export interface StrictUpstream {
  baseUrl: string;
  expect(next: Expected): void;
  received: Received[];
  close(): Promise<void>;
}

export async function startStrictUpstream(): Promise<StrictUpstream> {
  const queue: Expected[] = [];
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      let badJson = false;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          badJson = true;
        }
      }
      const path = (req.url ?? '').replace(/^\/v4/, '');
      const next = queue[0];
      const matches = next !== undefined && !badJson && next.method === req.method && next.path === path;
      received.push({
        method: req.method ?? '',
        path,
        body,
        contentType: req.headers['content-type'],
        unexpected: !matches,
      });
      if (!matches || next === undefined) {
        res.writeHead(599, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ success: false, error: { code: 599, message: 'unexpected request' } }));
        return;
      }
      queue.shift();
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v4`,
    expect: (next) => queue.push(next),
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
