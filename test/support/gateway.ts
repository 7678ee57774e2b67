import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type ExecutionResult, print } from 'graphql';
import type { Logger } from 'pino';
import { createApp, type GatewayApp } from '../../src/app.ts';
import { type GatewayConfig, loadConfig } from '../../src/config.ts';
import type { ExecutorOptions } from '../../src/execution/execute.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } from '../../src/sandbox/seed.ts';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/server.ts';

// A real sandbox upstream on loopback and a real gateway app in front of it, served on
// loopback by node:http with the listener `npm start` uses (so `run` and `post` go through
// the short path and yoga as a client's requests do; `app.fetch` reaches yoga alone, without
// a socket). `mode` picks how the gateway authenticates upstream.

export const SERVICE_TOKEN = 'service-token-for-tests';

export interface TestGateway {
  sandbox: Sandbox;
  app: GatewayApp;
  config: GatewayConfig;
  /** The gateway's GraphQL URL on loopback. */
  url: string;
  /** Runs a typed operation; returns the HTTP status, the parsed GraphQL response and its raw text. */
  run<R, V>(
    document: TypedDocumentNode<R, V>,
    variables?: V,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: ExecutionResult<R>; text: string }>;
  /** Posts a raw body (for malformed-input tests). */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  /** Upstream calls seen by the sandbox since the last `sandbox.reset()`. */
  calls(): number;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  mode?: 'service' | 'passthrough';
  env?: Record<string, string>;
  sandbox?: SandboxOptions;
  /** Where the gateway logs (default: nowhere, LOG_LEVEL=silent). */
  logger?: Logger;
  /** The executor's options (default: production's). */
  execution?: ExecutorOptions;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const mode = options.mode ?? 'service';
  const sandbox = await startSandbox({
    recordRequests: true,
    ...(mode === 'service' ? { requiredToken: SERVICE_TOKEN } : {}),
    ...options.sandbox,
  });
  const config = loadConfig({
    REALTIMEKIT_API_URL: sandbox.baseUrl,
    CLOUDFLARE_ACCOUNT_ID: DEFAULT_ACCOUNT_ID,
    REALTIMEKIT_APP_ID: DEFAULT_APP_ID,
    UPSTREAM_RETRY_BASE_MS: '5',
    // Tests walk whole lists quickly; pacing has its own tests.
    UPSTREAM_RATE_LIMIT: '100000/1s',
    UPSTREAM_RATE_BURST: '100000',
    // Each test counts its own upstream calls; sharing across requests has its own tests.
    CACHE_TTL_MS: '0',
    ...(mode === 'service' ? { CLOUDFLARE_API_TOKEN: SERVICE_TOKEN } : {}),
    // Service mode without caller authentication, unless a test configures it.
    ...(mode === 'service' && !options.env?.AUTH_JWT_SECRET && !options.env?.AUTH_JWKS_URL
      ? { AUTH_MODE: 'none' }
      : {}),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const app = createApp({
    config,
    upstreamUrl: sandbox.baseUrl,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.execution ? { execution: options.execution } : {}),
  });

  const { server, url } = await serveOnLoopback(app);

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };

  return {
    sandbox,
    app,
    config,
    url,
    async run(document, variables, headers) {
      const { status, text } = await post({ query: print(document), variables }, headers);
      return { status, body: JSON.parse(text), text };
    },
    post,
    calls: () => sandbox.requests.length,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.close();
      await sandbox.close();
    },
  };
}

/** `app` served on a free loopback port by its node:http listener (as `npm start` serves it). */
export async function serveOnLoopback(
  app: Pick<GatewayApp, 'listener'>,
): Promise<{ server: Server; url: string }> {
  const server = createServer(app.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

/** Every meeting id in the upstream's own order, read straight from the sandbox in pages of 100. */
export async function upstreamOrder(sandbox: Sandbox, token = SERVICE_TOKEN): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 1000; page++) {
    const response = await fetch(
      `${sandbox.baseUrl}/accounts/${sandbox.accountId}/realtime/kit/${sandbox.appId}/meetings?page_no=${page}&per_page=100`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const body = (await response.json()) as { data: { id: string }[] };
    ids.push(...body.data.map((m) => m.id));
    if (body.data.length < 100) break;
  }
  return ids;
}
