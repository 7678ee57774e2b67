// The one GraphQL operation the load phases send, and the checks on its answer. The
// selection is every scalar field of `Meeting` plus `recordingConfig` with all its nested
// fields, 20 meetings; `floor.ts` writes exactly this shape, in this key order.

import type { LoadTarget } from './load.ts';

export const PAGE_SIZE = 20;

export const MEETINGS_QUERY = `query BenchMeetings {
  meetings(first: ${PAGE_SIZE}) {
    edges {
      node {
        id
        meetingId
        accountId
        appId
        title
        status
        createdAt
        updatedAt
        recordOnStart
        liveStreamOnStart
        persistChat
        summarizeOnEnd
        transcribeOnEnd
        sessionKeepAliveTimeInSecs
        recordingConfig {
          fileNamePrefix
          maxSeconds
          audioConfig { channel codec exportFile }
          videoConfig { codec width height exportFile watermark { url position size { width height } } }
          liveStreamingConfig { rtmpUrl }
          realtimekitBucketConfig { enabled }
          storageConfig { type authMethod bucket path region host port username }
        }
      }
    }
  }
}`;

export const MEETINGS_REQUEST_BODY = JSON.stringify({
  query: MEETINGS_QUERY,
  operationName: 'BenchMeetings',
});

/** Why a parsed GraphQL answer is not a valid page of PAGE_SIZE meetings, or null when it is. */
export function graphqlPageProblem(body: unknown, expectedEdges = PAGE_SIZE): string | null {
  if (typeof body !== 'object' || body === null) return 'body is not a JSON object';
  const root = body as { errors?: unknown; data?: { meetings?: { edges?: unknown } | null } };
  if (root.errors !== undefined) return `errors: ${JSON.stringify(root.errors).slice(0, 300)}`;
  const edges = root.data?.meetings?.edges;
  if (!Array.isArray(edges)) return 'data.meetings.edges is not an array';
  if (edges.length !== expectedEdges) return `${edges.length} edges instead of ${expectedEdges}`;
  return null;
}

/** Why a parsed upstream list body is not a page of PAGE_SIZE meetings, or null when it is. */
export function restPageProblem(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return 'body is not a JSON object';
  const root = body as { success?: unknown; data?: unknown };
  if (root.success !== true) return 'success is not true';
  if (!Array.isArray(root.data)) return 'data is not an array';
  if (root.data.length !== PAGE_SIZE) return `${root.data.length} items instead of ${PAGE_SIZE}`;
  return null;
}

/** A load target that posts the bench query to a GraphQL endpoint (the body is verified later). */
export function graphqlTarget(name: string, url: string): LoadTarget {
  return {
    name,
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    body: MEETINGS_REQUEST_BODY,
    expectBody: '',
  };
}
