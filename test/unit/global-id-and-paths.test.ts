import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.ts';
import {
  decodeGlobalID,
  encodeGlobalID,
  meetingLocalId,
  parseMeetingLocalId,
} from '../../src/schema/global-id.ts';
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
