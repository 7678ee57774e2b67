import { DateTimeResolver, URLResolver, UUIDResolver } from 'graphql-scalars';
import { builder } from './builder.ts';

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'A date-time in ISO 8601 / RFC 3339 form, UTC, e.g. 2026-01-05T09:00:00.000Z.',
});
builder.addScalarType('URL', URLResolver, {
  description: 'An absolute URL, e.g. https://example.com/logo.png.',
});
builder.addScalarType('UUID', UUIDResolver, {
  description: 'A UUID such as 550e8400-e29b-41d4-a716-446655440000 (any letter case is accepted).',
});
