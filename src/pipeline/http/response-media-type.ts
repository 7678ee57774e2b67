// The media type yoga answers a single (not streamed) GraphQL result with, for an `Accept`
// header: what its result processors pick (graphql-yoga's `useResultProcessors` and
// `result-processor/accept.js`), for the short path (short-path.ts), which answers without
// them. Every processor that matches an accepted type replaces the previous pick, and the
// regular (JSON) processor comes last; so the answer is JSON unless no accepted type matches
// it, when yoga would stream (SSE or multipart) and this answers undefined.

export type RegularMediaType = 'application/graphql-response+json' | 'application/json';

/** Processors in yoga's order, with the media types each serves. */
const PROCESSORS: readonly { regular: boolean; mediaTypes: readonly string[] }[] = [
  { regular: false, mediaTypes: ['text/event-stream'] },
  { regular: false, mediaTypes: ['multipart/mixed'] },
  { regular: true, mediaTypes: ['application/graphql-response+json', 'application/json'] },
];

/** The accepted media types with a UTF-8 charset (stated or assumed), last listed first, as yoga reads them. */
function acceptedInOrder(accept: string | null): string[] {
  const types: string[] = [];
  for (const entry of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const [mediaType, ...params] = entry.split(';');
    if (mediaType === undefined) continue;
    const charset = params.find((param) => param.includes('charset=')) || 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    types.push(mediaType);
  }
  return types.reverse();
}

/** Whether a processor's media type answers an accepted one (which may have wildcards). */
function answers(served: string, accepted: string): boolean {
  const [servedType, servedSubtype] = served.split('/');
  const [type, subtype] = accepted.split('/');
  return (type === '*' || type === servedType) && (subtype === '*' || subtype === servedSubtype);
}

/** Answers for the `Accept` headers seen (clients send a handful of distinct ones). */
const known = new Map<string | null, RegularMediaType | undefined>();
const MAX_KNOWN = 64;

/** What yoga answers a single result with for `accept`; undefined when it would not be JSON. */
export function responseMediaType(accept: string | null): RegularMediaType | undefined {
  if (known.has(accept)) return known.get(accept);
  const answer = negotiate(accept);
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(accept, answer);
  return answer;
}

function negotiate(accept: string | null): RegularMediaType | undefined {
  let picked: { regular: boolean; mediaType: string } | undefined;
  const accepted = acceptedInOrder(accept);
  for (const processor of PROCESSORS) {
    for (const acceptedType of accepted) {
      for (const mediaType of processor.mediaTypes) {
        if (answers(mediaType, acceptedType)) picked = { regular: processor.regular, mediaType };
      }
    }
  }
  return picked?.regular ? (picked.mediaType as RegularMediaType) : undefined;
}
