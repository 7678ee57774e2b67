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
      const { text, contentType } = await scrape();
      endResponse(
        new fetchAPI.Response(text, {
          status: 200,
          headers: { 'content-type': contentType, 'cache-control': 'no-store' },
        }),
      );
    },
  };
}
