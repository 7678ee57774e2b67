import type { Plugin } from 'graphql-yoga';

/**
 * `GET /ready`: 200 when the gateway can take traffic, 503 otherwise, with a JSON body
 * naming each check. The configuration check is implicit (an app exists only once its
 * configuration loaded); other parts register theirs, e.g. the Redis connection when
 * REDIS_URL is set: `readiness.register('redis', async () => { await redis.ping(); })`.
 * A check fails by throwing (its message is shown) or by taking longer than its timeout.
 * While the process is stopping (SIGTERM), the gateway reports not ready so that load
 * balancers stop sending it requests. It never calls the upstream: `/health` is liveness.
 */

export type ReadinessCheck = () => unknown;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, string>;
}

export class Readiness {
  readonly #checks = new Map<string, { check: ReadinessCheck; timeoutMs: number }>();
  #stopping = false;

  register(name: string, check: ReadinessCheck, options: { timeoutMs?: number } = {}): void {
    this.#checks.set(name, { check, timeoutMs: options.timeoutMs ?? 2_000 });
  }

  /** From now on, report not ready (the process is draining). */
  markStopping(): void {
    this.#stopping = true;
  }

  async report(): Promise<ReadinessReport> {
    const checks: Record<string, string> = { config: 'ok' };
    let ready = !this.#stopping;
    if (this.#stopping) checks.process = 'stopping';
    await Promise.all(
      [...this.#checks].map(async ([name, { check, timeoutMs }]) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            Promise.resolve().then(check),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
            }),
          ]);
          checks[name] = 'ok';
        } catch (error) {
          ready = false;
          checks[name] = error instanceof Error ? error.message.slice(0, 200) : 'failed';
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { ready, checks };
  }
}

export function useReadiness(readiness: Readiness, path = '/ready'): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const report = await readiness.report();
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ status: report.ready ? 'ready' : 'not ready', checks: report.checks }),
          {
            status: report.ready ? 200 : 503,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          },
        ),
      );
    },
  };
}
