import type { Plugin } from 'graphql-yoga';
import type { Readiness } from '../../observability/readiness.ts';

// `GET /ready`: 200 while every registered readiness check passes, 503 otherwise.

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
