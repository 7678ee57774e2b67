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

  it('a model derived from a kept value is kept with it, for its place only, and dropped with it', () => {
    const bodies = new RepeatedBodies({ maxBytes: 64 * 1024 });
    const { decode } = counting();
    let derivations = 0;
    const derive = () => ({ model: ++derivations });
    const value = bodies.decode('/a', bytesOf({ n: 1 }), decode);
    const model = bodies.derived(value, 'acc/app/', derive);
    expect(bodies.derived(bodies.decode('/a', bytesOf({ n: 1 }), decode), 'acc/app/', derive)).toBe(model);
    expect(derivations).toBe(1);
    // Another place: derived again (and kept for that place instead).
    expect(bodies.derived(value, 'acc/other/', derive)).toEqual({ model: 2 });
    // Another body for the URL: a new value, a new model.
    const changed = bodies.decode('/a', bytesOf({ n: 2 }), decode);
    expect(bodies.derived(changed, 'acc/app/', derive)).toEqual({ model: 3 });
    // The old value is no longer kept: deriving from it is not remembered.
    bodies.derived(value, 'acc/app/', derive);
    bodies.derived(value, 'acc/app/', derive);
    expect(derivations).toBe(5);
    // Pushed out by other URLs: its model goes with it.
    const big = bytesOf({ s: 'x'.repeat(5_000) });
    for (let i = 0; i < 20; i++) bodies.decode(`/u${i}`, big, decode);
    bodies.derived(changed, 'acc/app/', derive);
    expect(derivations).toBe(6);
  });

  it('a derivation that throws keeps nothing, and throws again for the same body', () => {
    const bodies = new RepeatedBodies({ maxBytes: 1 << 20 });
    const { decode } = counting();
    const value = bodies.decode('/a', bytesOf({ bad: true }), decode);
    let calls = 0;
    const derive = () => {
      calls++;
      throw new Error('data.0.id is not a UUID');
    };
    expect(() => bodies.derived(value, 'p', derive)).toThrow('data.0.id is not a UUID');
    const again = bodies.decode('/a', bytesOf({ bad: true }), decode);
    expect(again).toBe(value);
    expect(() => bodies.derived(again, 'p', derive)).toThrow('data.0.id is not a UUID');
    expect(calls).toBe(2);
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
