import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { ConfigError, describeMode, type GatewayConfig, loadConfig } from './config.ts';
import { createLogger } from './logging/logger.ts';
import { logStartup } from './logging/startup-log.ts';
import type { Sandbox } from './sandbox/server.ts';
import { releaseStartupMemory } from './startup-memory.ts';

/**
 * `npm start`: reads the configuration, starts the embedded sandbox in sandbox mode,
 * listens, prints one human line naming the mode and the GraphiQL URL (then JSON log
 * lines), and on SIGTERM/SIGINT stops accepting, finishes in-flight requests and exits 0.
 */

function fail(message: string): never {
  process.stderr.write(`realtimekit-graphql-gateway: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  let sandbox: Sandbox | undefined;
  let sandboxToken: string | undefined;
  let upstreamUrl = config.apiUrl;
  if (config.mode === 'sandbox') {
    // The sandbox's modules are loaded in sandbox mode only.
    const { startSandbox } = await import('./sandbox/server.ts');
    const { DEFAULT_ACCOUNT_ID, DEFAULT_APP_ID } = await import('./sandbox/seed.ts');
    sandboxToken = randomBytes(16).toString('hex');
    sandbox = await startSandbox({ requiredToken: sandboxToken });
    upstreamUrl = sandbox.baseUrl;
    config = {
      ...config,
      defaultAccountId: config.defaultAccountId ?? DEFAULT_ACCOUNT_ID,
      defaultAppId: config.defaultAppId ?? DEFAULT_APP_ID,
    };
  }

  const logger = createLogger(config.logLevel);
  const app = createApp({ config, upstreamUrl, logger, ...(sandboxToken ? { sandboxToken } : {}) });
  const server = createServer(app.yoga);
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`${describeMode(config, upstreamUrl)}; GraphiQL at http://${host}:${port}/graphql\n`);
  // After the human line above, stdout carries JSON log lines only.
  logStartup(logger, config, `http://${host}:${port}/graphql`);
  releaseStartupMemory();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing in-flight requests, then exiting');
    server.close(async () => {
      await app.close();
      await sandbox?.close();
      logger.flush(() => process.exit(0));
    });
    // Keep-alive sockets whose request has finished are closed as soon as they go idle.
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 50).unref();
    // Requests still running after 10 s are cut so that the process always ends.
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  };
  // A stray rejected promise (none is known) is logged, not allowed to take every caller down.
  process.on('unhandledRejection', (reason) => {
    const err =
      reason instanceof Error
        ? { type: reason.name, message: reason.message, stack: reason.stack }
        : { reason: String(reason) };
    logger.error({ err }, 'unhandled promise rejection');
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? error.message : String(error));
});
