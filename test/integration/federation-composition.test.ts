import { readFileSync } from 'node:fs';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printPublicSdl, printSubgraphSdl } from '../../src/schema/sdl.ts';
import { FEDERATION_SPEC_URL } from '../../src/schema/subgraph.ts';
import { BOOKINGS_SDL } from '../support/federation.ts';

// The subgraph SDL composes (The Guild's open-source Federation composition, the one Hive
// uses): alone and next to a subgraph that references and extends Meeting by its key.

const committed = readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8');
const meetings = { name: 'meetings', url: 'http://meetings.test/graphql', typeDefs: parse(committed) };
const bookings = { name: 'bookings', url: 'http://bookings.test/graphql', typeDefs: parse(BOOKINGS_SDL) };
/** Another Relay subgraph: it defines PageInfo too, which composes because both mark it @shareable. */
const rooms = {
  name: 'rooms',
  url: 'http://rooms.test/graphql',
  typeDefs: parse(`
    extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@shareable"])

    type Query {
      rooms(first: Int, after: String): RoomConnection!
    }

    type RoomConnection {
      nodes: [Room!]!
      pageInfo: PageInfo!
    }

    type Room {
      name: String!
    }

    type PageInfo @shareable {
      hasNextPage: Boolean!
      hasPreviousPage: Boolean!
      startCursor: String
      endCursor: String
    }
  `),
};

function messages(result: ReturnType<typeof composeServices>): string[] {
  return (result.errors ?? []).map((error) => error.message);
}

describe('subgraph composition', () => {
  it('the subgraph SDL links a Federation v2 spec and declares the Meeting key and shareable PageInfo', () => {
    expect(printSubgraphSdl()).toBe(committed);
    expect(committed).toContain(`@link(url: "${FEDERATION_SPEC_URL}"`);
    expect(FEDERATION_SPEC_URL).toMatch(/\/federation\/v2\.\d+$/);
    expect(committed).toMatch(/type Meeting implements Node\s+@key\(fields: "id"\)/);
    expect(committed).toMatch(/type PageInfo\s+@shareable/);
  });

  it('composes alone with no error', () => {
    const result = composeServices([meetings]);
    expect(messages(result)).toEqual([]);
    expect(result.supergraphSdl).toContain('@join__type(graph: MEETINGS, key: "id")');
  });

  it('composes with a subgraph that references Meeting by key and adds a field to it', () => {
    const result = composeServices([meetings, bookings]);
    expect(messages(result)).toEqual([]);
    expect(result.publicSdl).toMatch(/type Meeting implements Node \{[^}]*\bbookings: \[Booking!\]!/);
    expect(result.publicSdl).toMatch(/type Booking \{[^}]*\bmeeting: Meeting\b/);
  });

  it('composes with another subgraph that defines PageInfo', () => {
    expect(messages(composeServices([meetings, bookings, rooms]))).toEqual([]);
  });

  it('the public SDL has no federation directive, type or field', () => {
    const sdl = printPublicSdl();
    for (const part of [
      '@key',
      '@shareable',
      '@link',
      '_entities',
      '_service',
      '_Any',
      '_Entity',
      '_Service',
    ])
      expect(sdl).not.toContain(part);
  });
});
