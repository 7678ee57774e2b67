import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.ts';
import { errorFromResponse, parseRetryAfter, readProblem } from '../../src/upstream/response-errors.ts';

describe('readProblem', () => {
  it('reads the RealtimeKit envelope', () => {
    expect(readProblem({ success: false, error: { code: 404, message: 'Meeting not found' } })).toEqual({
      code: 404,
      message: 'Meeting not found',
    });
  });

  it("reads Cloudflare's envelope (first entry)", () => {
    expect(
      readProblem({
        success: false,
        errors: [
          { code: 10000, message: 'Authentication error' },
          { code: 1, message: 'second' },
        ],
        messages: [],
        result: null,
      }),
    ).toEqual({ code: 10000, message: 'Authentication error' });
  });

  it('returns undefined for bodies that are neither', () => {
    for (const body of [undefined, null, 'text', 42, [], {}, { errors: [] }, { success: false }]) {
      expect(readProblem(body)).toBeUndefined();
    }
  });

  it('tolerates mistyped entries and flattens long or multi-line messages', () => {
    expect(readProblem({ error: { code: '7', message: 5 } })).toEqual({
      code: undefined,
      message: undefined,
    });
    const long = readProblem({ error: { message: `line1\nline2${'x'.repeat(500)}` } });
    expect(long?.message).not.toContain('\n');
    expect(long?.message?.length).toBeLessThanOrEqual(160);
  });
});

describe('errorFromResponse', () => {
  const cases: [number, unknown, string][] = [
    [401, { success: false, errors: [{ code: 10000, message: 'Authentication error' }] }, 'UNAUTHENTICATED'],
    [403, { success: false, error: { code: 403, message: 'Forbidden' } }, 'FORBIDDEN'],
    [429, undefined, 'RATE_LIMITED'],
    [500, { success: false, error: { code: 500, message: 'Internal' } }, 'UPSTREAM_ERROR'],
    [502, undefined, 'UPSTREAM_ERROR'],
    [404, { success: false, error: { code: 404, message: 'Not found' } }, 'UPSTREAM_ERROR'],
    [400, { success: false, error: { code: 400, message: 'per_page must be <= 100' } }, 'UPSTREAM_ERROR'],
    [200, { success: false, error: { code: 0, message: 'nope' } }, 'UPSTREAM_ERROR'],
  ];

  it.each(cases)('%i → %s with upstreamStatus', (status, body, code) => {
    const error = errorFromResponse(status, body, undefined);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.extensions).toMatchObject({ code, upstreamStatus: status });
    expect(error.message).toMatch(/^[A-Z].*\.$/);
  });

  it('keeps the upstream message and says when the body was not JSON', () => {
    expect(
      errorFromResponse(403, { success: false, error: { message: 'No access to app' } }, undefined).message,
    ).toBe('The meetings service denied access: No access to app.');
    expect(errorFromResponse(502, undefined, undefined).message).toBe(
      'The meetings service answered 502 with a body that is not JSON.',
    );
  });

  it('puts retryAfterSeconds on RATE_LIMITED when known', () => {
    expect(errorFromResponse(429, undefined, 30).extensions).toEqual({
      code: 'RATE_LIMITED',
      upstreamStatus: 429,
      retryAfterSeconds: 30,
    });
    expect(errorFromResponse(429, undefined, undefined).extensions.retryAfterSeconds).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(' 120 ')).toBe(120);
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5']) expect(parseRetryAfter(value)).toBeUndefined();
  });
});
