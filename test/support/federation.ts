import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { Sandbox } from '../../src/sandbox/server.ts';
import { encodeGlobalID, meetingLocalId } from '../../src/schema/global-id.ts';
import { FEDERATION_SPEC_URL } from '../../src/schema/subgraph.ts';

// Federation test helpers: HTTP servers on loopback, a small second subgraph (bookings of
// meetings, built with `@apollo/subgraph` and served by graphql-yoga), composition with
// The Guild's `composeServices`, and a Hive gateway runtime over the composed supergraph.

export interface Listening {
  /** `http://127.0.0.1:PORT/graphql`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on an ephemeral loopback port. */
export async function listen(handler: RequestListener): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Relay global ID of a sandbox meeting, as the gateway prints it. */
export function meetingGlobalId(sandbox: Sandbox, meetingId: string): string {
  return encodeGlobalID(
    'Meeting',
    meetingLocalId({ accountId: sandbox.accountId, appId: sandbox.appId, meetingId }),
  );
}

export interface Booking {
  id: string;
  room: string;
  /** Global ID of the booked meeting. */
  meetingId: string;
}

export const BOOKINGS_SDL = `
  extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])

  type Query {
    bookings: [Booking!]!
  }

  type Booking @key(fields: "id") {
    id: ID!
    room: String!
    meeting: Meeting
  }

  type Meeting @key(fields: "id") {
    id: ID!
    bookings: [Booking!]!
  }
`;

/** The bookings subgraph: `Booking.meeting` references a Meeting by key, `Meeting.bookings` extends it. */
export function startBookingsSubgraph(bookings: readonly Booking[]): Promise<Listening> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(BOOKINGS_SDL),
    resolvers: {
      Query: { bookings: () => bookings },
      Booking: {
        __resolveReference: (ref: { id: string }) => bookings.find((b) => b.id === ref.id) ?? null,
        meeting: (booking: Booking) => ({ __typename: 'Meeting', id: booking.meetingId }),
      },
      Meeting: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        bookings: (meeting: { id: string }) => bookings.filter((b) => b.meetingId === meeting.id),
      },
    },
  });
  return listen(createYoga({ schema, logging: false, landingPage: false, graphiql: false }));
}

/** Asks a subgraph for its SDL, the way composition tools do (`_service { sdl }`). */
export async function fetchSubgraphSdl(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') throw new Error(`no _service.sdl from ${url}: ${JSON.stringify(body.errors)}`);
  return sdl;
}

/** Composes subgraphs into a supergraph SDL; throws with every composition error. */
export function composeSupergraph(services: { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(services.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors)
    throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

/** A Hive gateway over a composed supergraph, called through `fetch` (no socket of its own). */
export function startHiveGateway(supergraphSdl: string): GatewayRuntime {
  // Errors unmasked, so a failing test shows what went wrong.
  return createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    landingPage: false,
    maskedErrors: false,
  });
}
