import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RepeatedBodies } from '../../src/upstream/repeated-bodies.ts';

// A repeated body is answered with what it decoded to before, and only then: whatever the
// sequence of answers, what `decode` gives is what decoding the bytes just received gives.

function counting() {
  const calls: string[] = [];
  const decode = (bytes: Buffer): unknown => {
    const text = bytes.toString('utf8');
    calls.push(text);
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  return { calls, decode };
}

const bytesOf = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('RepeatedBodies', () => {
  it('the same bytes from the same URL are decoded once, and answered with the same value', () => {
    const bodies = new RepeatedBodies({ maxBytes: 1 << 20 });
    const { calls, decode } = counting();
    const first = bodies.decode('/a', bytesOf({ n: 1 }), decode);
    const second = bodies.decode('/a', bytesOf({ n: 1 }), decode);
    expect(second).toBe(first);
    expect(calls).toHaveLength(1);
    expect(bodies.reused).toBe(1);
  });

  it('one changed byte, even of the same length, is decoded afresh', () => {
    const bodies = new RepeatedBodies({ maxBytes: 1 << 20 });
    const { calls, decode } = counting();
    expect(bodies.decode('/a', Buffer.from('{"title":"abc"}'), decode)).toEqual({ title: 'abc' });
    expect(bodies.decode('/a', Buffer.from('{"title":"abd"}'), decode)).toEqual({ title: 'abd' });
    expect(bodies.decode('/a', Buffer.from('{"title":"abd"}'), decode)).toEqual({ title: 'abd' });
    expect(calls).toHaveLength(2);
  });

  it('the same bytes from another URL are decoded for that URL', () => {
    const bodies = new RepeatedBodies({ maxBytes: 1 << 20 });
    const { calls, decode } = counting();
    const a = bodies.decode('/accounts/1/meetings', bytesOf({ n: 1 }), decode);
    const b = bodies.decode('/accounts/2/meetings', bytesOf({ n: 1 }), decode);
    expect(b).not.toBe(a);
    expect(calls).toHaveLength(2);
  });

  it('a body that is not JSON is never remembered, and forgets what the URL answered before', () => {
    const bodies = new RepeatedBodies({ maxBytes: 1 << 20 });
    const { calls, decode } = counting();
    bodies.decode('/a', bytesOf({ n: 1 }), decode);
    expect(bodies.decode('/a', Buffer.from('<html>'), decode)).toBeUndefined();
    expect(bodies.decode('/a', Buffer.from('<html>'), decode)).toBeUndefined();
    expect(bodies.decode('/a', bytesOf({ n: 1 }), decode)).toEqual({ n: 1 });
    expect(calls).toHaveLength(4);
  });

  it('keeps a copy of the bytes: the buffer received may be reused for other data', () => {
    const bodies = new RepeatedBodies({ maxBytes: 1 << 20 });
    const { calls, decode } = counting();
    const received = Buffer.from('{"n":1}');
    bodies.decode('/a', received, decode);
    received.write('{"n":2}');
    expect(bodies.decode('/a', received, decode)).toEqual({ n: 2 });
    expect(calls).toHaveLength(2);
  });

  it('stays within its bound, forgetting the least recently used URLs; a body over it is not kept', () => {
    const bodies = new RepeatedBodies({ maxBytes: 64 * 1024 });
    const { calls, decode } = counting();
    const body = bytesOf({ s: 'x'.repeat(2_000) });
    for (let i = 0; i < 40; i++) bodies.decode(`/u${i}`, body, decode);
    expect(bodies.keptBytes).toBeGreaterThan(0);
    expect(bodies.keptBytes).toBeLessThanOrEqual(64 * 1024);
    bodies.decode('/u39', body, decode);
    expect(calls).toHaveLength(40);
    bodies.decode('/u0', body, decode);
    expect(calls).toHaveLength(41);
    const huge = bytesOf({ s: 'y'.repeat(100_000) });
    bodies.decode('/huge', huge, decode);
    bodies.decode('/huge', huge, decode);
    expect(calls).toHaveLength(43);
    expect(bodies.keptBytes).toBeLessThanOrEqual(64 * 1024);
  });

  it('whatever the sequence of answers, each decodes to what its own bytes say', () => {
    const answer = fc.record({
      url: fc.constantFrom('/a', '/b', '/c'),
      text: fc.oneof(fc.constantFrom('{"n":1}', '{"n":2}', '{"n":1} ', '[1,2]', 'not json', ''), fc.json()),
    });
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 40 }), fc.integer({ min: 1, max: 200 }), (answers, max) => {
        const bodies = new RepeatedBodies({ maxBytes: max });
        const { decode } = counting();
        for (const { url, text } of answers) {
          const got = bodies.decode(url, Buffer.from(text), decode);
          let expected: unknown;
          try {
            expected = JSON.parse(text);
          } catch {
            expected = undefined;
          }
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
