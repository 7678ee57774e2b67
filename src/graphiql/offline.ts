import { createRequire } from 'node:module';
import type { GraphiQLOptions } from 'graphql-yoga';

// GraphiQL without a CDN. Yoga's built-in page loads GraphiQL's JS, CSS and editor
// workers from unpkg.com; this page loads the same bundle (shipped inside
// `@graphql-yoga/render-graphiql`, the version that matches graphql-yoga) from the
// gateway itself, under `/graphiql-assets/<version>/…`.
//
// - `renderOfflineGraphiQL` is yoga's `renderGraphiQL` option: the HTML page.
// - `ASSETS` are the files that page names, served by `pipeline/http/graphiql-assets.ts`.
//
// The bundle (~9 MB of JavaScript) is imported on the first asset request only, so
// starting the gateway, and tests that never open GraphiQL, do not pay for it.

const require = createRequire(import.meta.url);
const { version } = require('@graphql-yoga/render-graphiql/package.json') as { version: string };

/** Where the assets live; the version in the path lets browsers cache them for good. */
export const GRAPHIQL_ASSETS_PATH = `/graphiql-assets/${version}`;

type Bundle = typeof import('@graphql-yoga/render-graphiql/graphiql');

export interface Asset {
  contentType: string;
  body: (bundle: Bundle) => Uint8Array<ArrayBuffer>;
}

const utf8 = (pick: (bundle: Bundle) => string) => (bundle: Bundle) => new TextEncoder().encode(pick(bundle));

/** Monaco worker label → file name; the labels are the ones yoga's page uses. */
const WORKERS = {
  editorWorkerService: 'editor.worker.js',
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
} as const;

const JS = 'text/javascript; charset=utf-8';

export const ASSETS: Readonly<Record<string, Asset>> = {
  'graphiql.css': { contentType: 'text/css; charset=utf-8', body: utf8((b) => b.css) },
  'yoga-graphiql.js': { contentType: JS, body: utf8((b) => b.js) },
  [WORKERS.editorWorkerService]: { contentType: JS, body: utf8((b) => b.editorWorkerService) },
  [WORKERS.json]: { contentType: JS, body: utf8((b) => b.jsonWorker) },
  [WORKERS.graphql]: { contentType: JS, body: utf8((b) => b.graphqlWorker) },
  'favicon.ico': { contentType: 'image/x-icon', body: (b) => dataUrlBytes(b.favicon) },
};

function dataUrlBytes(dataUrl: string): Uint8Array<ArrayBuffer> {
  const comma = dataUrl.indexOf(',');
  return new Uint8Array(Buffer.from(dataUrl.slice(comma + 1), 'base64'));
}

let bundle: Promise<Bundle> | undefined;
const bodies = new Map<string, Uint8Array<ArrayBuffer>>();

/** The bytes of one asset, computed on first use and kept. */
export async function assetBody(name: string, asset: Asset): Promise<Uint8Array<ArrayBuffer>> {
  let body = bodies.get(name);
  if (body === undefined) {
    bundle ??= import('@graphql-yoga/render-graphiql/graphiql');
    body = asset.body(await bundle);
    bodies.set(name, body);
  }
  return body;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON that is safe inside a <script> element (no `</script>`, no `<!--`). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** yoga's `renderGraphiQL` option: the GraphiQL page, with every asset served locally. */
export function renderOfflineGraphiQL(options: GraphiQLOptions): string {
  const title = options.title ?? 'Yoga GraphiQL';
  const favicon = options.favicon ?? `${GRAPHIQL_ASSETS_PATH}/favicon.ico`;
  const workers = Object.fromEntries(
    Object.entries(WORKERS).map(([label, file]) => [label, `${GRAPHIQL_ASSETS_PATH}/${file}`]),
  );
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(title)}</title>
    <link rel="icon" href="${escapeHtml(favicon)}" />
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}/graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root">Loading ${escapeHtml(title)}…</div>
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
    </script>
    <script src="${GRAPHIQL_ASSETS_PATH}/yoga-graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${scriptJson(options)});
    </script>
  </body>
</html>
`;
}
