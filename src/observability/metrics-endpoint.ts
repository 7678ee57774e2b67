import type { Plugin } from 'graphql-yoga';

/**
 * `GET /metrics` on the gateway's own port (when METRICS_ENABLED and no METRICS_PORT):
 * the Prometheus text exposition of `scrape()`.
 */
export function useMetricsEndpoint(
  scrape: () => Promise<{ text: string; contentType: string }>,
  path = '/metrics',
): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== path || request.method !== 'GET') return;
      let answer: { text: string; contentType: string; status: number };
      try {
        answer = { ...(await scrape()), status: 200 };
      } catch {
        answer = { text: 'Metrics are not available right now.\n', contentType: 'text/plain', status: 503 };
      }
      endResponse(
        new fetchAPI.Response(answer.text, {
          status: answer.status,
          headers: { 'content-type': answer.contentType, 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
