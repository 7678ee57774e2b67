import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.ts';
import {
  decodeGlobalID,
  encodeGlobalID,
  meetingGlobalId,
  meetingLocalId,
  parseMeetingLocalId,
} from '../../src/schema/global-id.ts';
import { listPath, participantsListPath } from '../../src/upstream/client.ts';
import { checkSegment, meetingPath, meetingsPath } from '../../src/upstream/paths.ts';

const key = { accountId: 'acc:1 é', appId: 'app', meetingId: '550e8400-e29b-41d4-a716-446655440000' };

describe('global IDs', () => {
  it('round-trip a meeting key, even with separators in the account id', () => {
    const id = encodeGlobalID('Meeting', meetingLocalId(key));
    const decoded = decodeGlobalID(id);
    expect(decoded.typename).toBe('Meeting');
    expect(parseMeetingLocalId(decoded.id)).toEqual(key);
  });

  it.each(['', '***', 'TWVldGluZw', Buffer.from('Meeting').toString('base64'), 'x'.repeat(500)])(
    'rejects %j as BAD_USER_INPUT',
    (id) => {
      expect(() => decodeGlobalID(id)).toThrow(GatewayError);
    },
  );

  it.each([
    'a:b',
    'a:b:c:d',
    'a:b:not-a-uuid',
    '%E0%A4%A:b:550e8400-e29b-41d4-a716-446655440000',
    'a%2Fb:c:550e8400-e29b-41d4-a716-446655440000',
  ])('rejects the local id %j', (id) => {
    expect(() => parseMeetingLocalId(id)).toThrow(GatewayError);
  });
});

describe('meetingGlobalId', () => {
  it('is the encoded local id, first time and remembered, for each of many meetings', () => {
    const keys = Array.from({ length: 30 }, (_, i) => ({
      ...key,
      appId: `app-${i % 7}`,
      meetingId: `${i}`.padStart(12, '0'),
    }));
    for (const round of [1, 2]) {
      for (const each of keys) {
        expect(meetingGlobalId(each), `round ${round}`).toBe(encodeGlobalID('Meeting', meetingLocalId(each)));
      }
    }
  });

  it('tells the same meeting UUID in other accounts and apps apart, whichever came last', () => {
    const meetingId = '5a3b1c2d-0000-4000-8000-00000000abcd';
    const first = { accountId: 'acc-1', appId: 'app-1', meetingId };
    const keys = [
      first,
      { accountId: 'acc-1', appId: 'app-2', meetingId },
      { accountId: 'acc-2', appId: 'app-1', meetingId },
      { accountId: 'acc:1', appId: 'app-1', meetingId },
    ];
    const seen = new Set<string>();
    for (const round of [1, 2, 3]) {
      for (const each of round === 2 ? [...keys].reverse() : keys) {
        const id = meetingGlobalId(each);
        expect(id, `round ${round}`).toBe(encodeGlobalID('Meeting', meetingLocalId(each)));
        seen.add(id);
      }
      // Another object with the same account, app and UUID: the same id.
      expect(meetingGlobalId({ ...first })).toBe(encodeGlobalID('Meeting', meetingLocalId(first)));
    }
    expect(seen.size).toBe(keys.length);
  });
});

describe('list paths', () => {
  // The oracle: every parameter through URLSearchParams, in this order (the text names
  // entries in the shared cache, so it must not change).
  const oracle = (base: string, entries: [string, string | undefined][]) => {
    const query = new URLSearchParams();
    for (const [name, value] of entries) if (value !== undefined) query.set(name, value);
    return `${base}?${query.toString()}`;
  };
  const optional = fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: undefined });

  it('meetings: page, then the filters that are set, form-encoded', () => {
    fc.assert(
      fc.property(
        fc.record({ pageNo: fc.nat(100_000), perPage: fc.integer({ min: 1, max: 100 }) }),
        fc.record({
          status: fc.constantFrom(undefined, 'ACTIVE' as const, 'INACTIVE' as const),
          search: optional,
          startTime: optional,
          endTime: optional,
        }),
        (page, set) => {
          const filters = { accountId: key.accountId, appId: key.appId, ...set };
          expect(listPath(filters, page)).toBe(
            oracle(meetingsPath(key.accountId, key.appId), [
              ['page_no', String(page.pageNo)],
              ['per_page', String(page.perPage)],
              ['status', set.status],
              ['search', set.search],
              ['start_time', set.startTime],
              ['end_time', set.endTime],
            ]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('participants: the page', () => {
    const page = { pageNo: 3, perPage: 25 };
    expect(participantsListPath(key, page)).toBe(
      oracle(`${meetingPath(key)}/participants`, [
        ['page_no', '3'],
        ['per_page', '25'],
      ]),
    );
  });
});

describe('upstream paths', () => {
  it('percent-encodes checked segments', () => {
    expect(meetingsPath('a b', 'c%d')).toBe('/accounts/a%20b/realtime/kit/c%25d/meetings');
    expect(meetingPath(key)).toBe(
      '/accounts/acc%3A1%20%C3%A9/realtime/kit/app/meetings/550e8400-e29b-41d4-a716-446655440000',
    );
  });

  it.each(['', '.', '..', 'a/b', 'a\\b', 'a?b', 'a#b', 'a\nb', 'a\u007fb', 'x'.repeat(65), 'a/../b'])(
    'rejects %j',
    (value) => {
      expect(() => checkSegment('appId', value)).toThrow(/"appId"/);
    },
  );

  it('accepts ordinary ids up to 64 characters', () => {
    expect(checkSegment('appId', 'x'.repeat(64))).toBe('x'.repeat(64));
    expect(checkSegment('accountId', '023e105f4ecef8ad9ca31a8372d0c353')).toBe(
      '023e105f4ecef8ad9ca31a8372d0c353',
    );
  });
});
