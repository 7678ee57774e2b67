import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { GatewayContext } from './context.ts';

/**
 * The one Pothos builder. It declares no types: each type lives in its own module, and
 * `index.ts` imports them all. Fields are non-null only where the contract says so.
 * Federation options (`shareable`, `asEntity`) only show in the subgraph schema
 * (`subgraph.ts`); the public schema prints without them.
 */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: true;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount: number };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    URL: { Input: URL; Output: string };
    UUID: { Input: string; Output: string };
  };
}>({
  plugins: [RelayPlugin, DirectivePlugin, FederationPlugin],
  relay: {
    cursorType: 'String',
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    nodesOnConnection: {
      description: 'The items of this page, without cursors (shorthand for edges.node).',
    },
    firstArgOptions: { description: 'Page forward: the first n items after `after` (0 to MAX_PAGE_SIZE).' },
    afterArgOptions: { description: 'Cursor of the edge the page starts after.' },
    lastArgOptions: { description: 'Page backward: the last n items before `before` (0 to MAX_PAGE_SIZE).' },
    beforeArgOptions: { description: 'Cursor of the edge the page ends before.' },
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item at this position.' },
    // `node` and `nodes` are defined in node-query.ts, with the contract's error codes.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: {
      description: 'An object with a globally unique, opaque ID (Relay Global Object Identification).',
      // Meeting and Participant implement Node; only participants have a participantId.
      resolveType: (value) =>
        typeof value === 'object' && value !== null && 'participantId' in value ? 'Participant' : 'Meeting',
    },
    idFieldOptions: { description: 'Relay global ID; opaque, pass it to node(id:).' },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection sits in the whole list.',
      // A value type every Relay subgraph defines the same way.
      shareable: true,
    },
    hasNextPageFieldOptions: { description: 'True when items follow this page (window end < totalCount).' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page (window start > 0).' },
    startCursorFieldOptions: { description: "The first edge's cursor; null when the page is empty." },
    endCursorFieldOptions: { description: "The last edge's cursor; null when the page is empty." },
    cursorFieldOptions: { description: 'Opaque position of this edge; pass it as `after` or `before`.' },
  },
});
