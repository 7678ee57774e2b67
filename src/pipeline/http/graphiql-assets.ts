import type { Plugin } from 'graphql-yoga';
import { ASSETS, assetBody, GRAPHIQL_ASSETS_PATH } from '../../graphiql/offline.ts';

/** Serves GET/HEAD `${GRAPHIQL_ASSETS_PATH}/<file>`; every other request passes through. */
export function useGraphiQLAssets(): Plugin {
  const prefix = `${GRAPHIQL_ASSETS_PATH}/`;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(prefix)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const name = url.pathname.slice(prefix.length);
      const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
      if (asset === undefined) {
        endResponse(new fetchAPI.Response('Not found', { status: 404 }));
        return;
      }
      return assetBody(name, asset).then((body) => {
        endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
            status: 200,
            headers: {
              'content-type': asset.contentType,
              'content-length': String(body.byteLength),
              'cache-control': 'public, max-age=31536000, immutable',
            },
          }),
        );
      });
    },
  };
}
