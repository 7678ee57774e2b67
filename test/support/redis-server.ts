import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

// A real `redis-server` (Debian's package) on a free loopback port, with persistence off
// (`--save '' --appendonly no`), started and stopped by the test. `kill` and `start` again
// use the same port, for outage tests.

export interface RedisServer {
  url: string;
  port: number;
  /** Starts it (again) on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  /** Kills it with SIGKILL (an outage, not a shutdown). */
  kill(): Promise<void>;
  /** A client for inspecting what was written. */
  client(): Redis;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const clients: Redis[] = [];

  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await exited;
  };

  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    try {
      for (let attempt = 0; attempt < 100; attempt++) {
        try {
          if (probe.status !== 'ready') await probe.connect();
          if ((await probe.ping()) === 'PONG') return;
        } catch {
          probe.disconnect();
          await sleep(50);
        }
      }
      throw new Error(`redis-server did not answer on port ${port}`);
    } finally {
      probe.disconnect();
    }
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    kill,
    client() {
      const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      client.on('error', () => {});
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.disconnect();
      await kill();
    },
  };
}

/**
 * Every key with its type and its values as latin1 text (strings and hashes; other types
 * have no values), read with SCAN: for tests that search what was written for secrets.
 */
export async function redisContents(
  client: Redis,
): Promise<{ key: string; type: string; texts: string[] }[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  const contents: { key: string; type: string; texts: string[] }[] = [];
  for (const key of keys) {
    const type = await client.type(key);
    let values: Buffer[] = [];
    if (type === 'string') values = [(await client.getBuffer(key)) ?? Buffer.alloc(0)];
    else if (type === 'hash') values = Object.values(await client.hgetallBuffer(key));
    contents.push({ key, type, texts: values.map((value) => value.toString('latin1')) });
  }
  return contents;
}
