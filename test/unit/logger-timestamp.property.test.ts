import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTimestamp } from '../../src/logging/logger.ts';

// The log lines' timestamp is pino's isoTime (`toISOString`), with the part up to the second
// formatted once per second: the oracle is `toISOString` itself.

const MAX_TIME = 8.64e15; // the largest time a Date holds

describe('isoTimestamp', () => {
  it('writes what toISOString writes, for any instant, in any order, within a second or across', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -MAX_TIME, max: MAX_TIME }),
            fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
            fc.integer({ min: -2_000, max: 2_000 }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        fc.integer({ min: 0, max: 999 }),
        (times, step) => {
          for (const time of times) {
            for (const at of [time, Math.min(time + step, MAX_TIME), time]) {
              expect(isoTimestamp(at)).toBe(`,"time":"${new Date(at).toISOString()}"`);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is the current time by default', () => {
    const before = Date.now();
    const time = Date.parse(JSON.parse(`{${isoTimestamp().slice(1)}}`).time);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});
