import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  anchoredCursorEncoder,
  cursorEncoder,
  decodeAnchoredCursor,
  decodeCursor,
  encodeCursor,
  MAX_CURSOR_LENGTH,
  MAX_CURSOR_POSITION,
} from '../../src/pagination/cursor.ts';
import { type FilterSet, filterKey } from '../../src/pagination/filters.ts';
import { createRandom } from '../../src/sandbox/random.ts';
import { rejection } from '../support/bad-user-input.ts';

const base: FilterSet = { accountId: 'acc', appId: 'app' };
const filterSets: FilterSet[] = [
  base,
  { ...base, status: 'ACTIVE' },
  { ...base, status: 'INACTIVE' },
  { ...base, search: '' },
  { ...base, search: 'standup' },
  { ...base, search: 'stand"up:v1' },
  { ...base, startTime: '2024-01-01T00:00:00Z' },
  { ...base, startTime: '2024-01-01T00:00:00Z', endTime: '2024-02-01T00:00:00Z' },
  { ...base, appId: 'other-app' },
  { ...base, accountId: 'other-acc' },
  { accountId: 'ac', appId: 'capp' },
  { ...base, search: 'ünïcödé 🎉' },
];
const keys = filterSets.map(filterKey);
const key = keys[0] as string;

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64url');
const payload = (cursor: string) => Buffer.from(cursor, 'base64url').toString('latin1');
const fingerprintOf = (k: string) => payload(encodeCursor(0, k)).split(':')[2] as string;

/** Seeded PRNG (the sandbox's mulberry32) so random cases are reproducible. */
const prng = (seed: number): (() => number) => createRandom(seed).next;

describe('cursor round trip', () => {
  const positions = [
    0,
    1,
    2,
    9,
    10,
    19,
    20,
    99,
    100,
    101,
    999,
    1000,
    65535,
    2 ** 31,
    2 ** 40,
    MAX_CURSOR_POSITION,
  ];

  it('decodes every position it encoded, under every filter set', () => {
    for (const k of keys) {
      for (const position of positions) {
        expect(decodeCursor(encodeCursor(position, k), k)).toBe(position);
      }
    }
  });

  it('round-trips random positions', () => {
    const random = prng(7);
    const encode = cursorEncoder(key);
    for (let n = 0; n < 2000; n++) {
      const position = Math.floor(random() * 10 ** Math.floor(random() * 15));
      const cursor = encode(position);
      expect(cursor).toBe(encodeCursor(position, key));
      expect(decodeCursor(cursor, key)).toBe(position);
    }
  });

  it('binds each filter set to its own fingerprint', () => {
    expect(new Set(keys.map(fingerprintOf)).size).toBe(keys.length);
  });

  it('makes short, opaque, url-safe cursors', () => {
    const cursor = encodeCursor(123, key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThan(40);
    expect(payload(cursor)).toMatch(/^v1:123:[A-Za-z0-9_-]{12}$/);
  });

  it('refuses to encode positions it could not decode', () => {
    for (const bad of [-1, 1.5, Number.NaN, MAX_CURSOR_POSITION + 1, Number.POSITIVE_INFINITY]) {
      expect(() => encodeCursor(bad, key)).toThrow(RangeError);
    }
  });
});

describe('cursor rejection', () => {
  const good = encodeCursor(42, key);
  const fingerprint = fingerprintOf(key);

  it('rejects cursors made under other filters, saying so', () => {
    for (const other of keys.slice(1)) {
      const message = rejection(() => decodeCursor(encodeCursor(42, other), key, 'after'));
      expect(message).toContain('"after"');
      expect(message).toContain('other filters');
    }
  });

  it('rejects the empty string', () => {
    expect(rejection(() => decodeCursor('', key, 'before'))).toContain('"before"');
  });

  it('rejects overly long input without echoing it', () => {
    const long = 'A'.repeat(MAX_CURSOR_LENGTH + 1);
    const message = rejection(() => decodeCursor(long, key));
    expect(message).not.toContain(long);
    expect(message).toContain(String(MAX_CURSOR_LENGTH));
    rejection(() => decodeCursor(good.repeat(1000), key));
    rejection(() => decodeCursor(`${good}${'='.repeat(10_000)}`, key));
  });

  it('rejects non-base64url text', () => {
    for (const bad of ['!!!', 'abc def', `${good}=`, `${good}==`, 'a+b/', ' ', `${good}\n`, 'null', '%41']) {
      rejection(() => decodeCursor(bad, key));
    }
  });

  it('rejects unicode and control characters', () => {
    for (const bad of ['é', '🎉', 'ａｂｃ', '\u0000', `${good}\u200b`, '\ud800', 'v1:42']) {
      rejection(() => decodeCursor(bad, key));
    }
  });

  it('rejects truncated and extended cursors', () => {
    for (let length = 0; length < good.length; length++) {
      rejection(() => decodeCursor(good.slice(0, length), key));
    }
    for (const suffix of ['A', 'AA', 'AAAA', 'Zm9v']) {
      rejection(() => decodeCursor(good + suffix, key));
    }
  });

  it('rejects every single-character tampering', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let accepted = 0;
    for (let i = 0; i < good.length; i++) {
      for (const ch of alphabet) {
        if (ch === good[i]) continue;
        const tampered = good.slice(0, i) + ch + good.slice(i + 1);
        try {
          // A tampered digit can still spell another valid position; that is fine.
          const position = decodeCursor(tampered, key);
          expect(position).not.toBe(42);
          accepted++;
        } catch (error) {
          expect(error).toBeInstanceOf(GraphQLError);
          expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
        }
      }
    }
    expect(accepted).toBeLessThan(40);
  });

  it('rejects non-canonical base64url spellings of a valid payload', () => {
    // 'v1:0:' + 12 chars = 17 bytes, so the last base64url character carries spare bits.
    const canonical = encodeCursor(0, key);
    const last = canonical[canonical.length - 1] as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = alphabet.indexOf(last);
    const sibling = `${canonical.slice(0, -1)}${alphabet[index + 1]}`;
    expect(Buffer.from(sibling, 'base64url').toString('latin1')).toBe(payload(canonical));
    rejection(() => decodeCursor(sibling, key));
  });

  it('rejects other versions and malformed payloads', () => {
    const cases = [
      `v2:42:${fingerprint}`,
      `v0:42:${fingerprint}`,
      `V1:42:${fingerprint}`,
      `42:${fingerprint}`,
      `v1:42`,
      `v1::${fingerprint}`,
      `v1:042:${fingerprint}`,
      `v1:00:${fingerprint}`,
      `v1:-1:${fingerprint}`,
      `v1:+1:${fingerprint}`,
      `v1:1.5:${fingerprint}`,
      `v1:1e3:${fingerprint}`,
      `v1:0x10:${fingerprint}`,
      `v1: 42:${fingerprint}`,
      `v1:42 :${fingerprint}`,
      `v1:Infinity:${fingerprint}`,
      `v1:NaN:${fingerprint}`,
      `v1:${2 ** 53}:${fingerprint}`,
      `v1:${MAX_CURSOR_POSITION + 1}:${fingerprint}`,
      `v1:99999999999999999999:${fingerprint}`,
      `v1:42:${fingerprint}:extra`,
      `v1:42:${fingerprint.slice(1)}`,
      `v1:42:${fingerprint}A`,
      `v1:42:${fingerprint}\n`,
      `\u0000v1:42:${fingerprint}`,
      `v1:٤٢:${fingerprint}`,
      'v1:42:',
      '',
      ':',
    ];
    for (const text of cases) {
      rejection(() => decodeCursor(b64(text), key));
    }
    expect(rejection(() => decodeCursor(b64(`v3:42:${fingerprint}`), key))).toContain('version');
    // Anchored (v2) payloads need their total and node id.
    for (const text of [
      `v2:42:${fingerprint}`,
      `v2:42:${fingerprint}:7`,
      `v2:42:${fingerprint}:7:`,
      `v2:42:${fingerprint}:07:x`,
      `v2:42:${fingerprint}:7:a/b`,
    ]) {
      rejection(() => decodeCursor(b64(text), key));
    }
    // Sanity check: the well-formed payloads are accepted.
    expect(decodeCursor(b64(`v1:42:${fingerprint}`), key)).toBe(42);
    expect(decodeAnchoredCursor(b64(`v2:42:${fingerprint}:7:node-1`), key)).toEqual({
      position: 42,
      anchor: { id: 'node-1', total: 7 },
    });
  });

  it('round-trips anchored cursors, bound to their list like positional ones', () => {
    const encode = anchoredCursorEncoder(key, 240);
    const cursor = encode(17, '0b7f6c1e-2f1d-4c55-9d7e-3a1b2c3d4e5f');
    expect(decodeAnchoredCursor(cursor, key)).toEqual({
      position: 17,
      anchor: { id: '0b7f6c1e-2f1d-4c55-9d7e-3a1b2c3d4e5f', total: 240 },
    });
    expect(decodeCursor(cursor, key)).toBe(17);
    rejection(() => decodeCursor(cursor, keys[1] as string));
    // An id the format cannot carry falls back to a positional cursor.
    expect(decodeAnchoredCursor(encode(3, 'not/an id'), key)).toEqual({ position: 3 });
  });

  it('rejects non-string input with BAD_USER_INPUT too', () => {
    for (const bad of [null, undefined, 42, {}, [], Symbol('x'), 10n]) {
      rejection(() => decodeCursor(bad as unknown as string, key));
    }
  });

  it('echoes the bad value in a one-sentence message', () => {
    const message = rejection(() => decodeCursor('nope!', key, 'after'));
    expect(message).toBe('"after" is not a valid cursor: "nope!".');
  });

  it('throws only BAD_USER_INPUT for random strings', () => {
    const random = prng(42);
    const pick = (chars: string) => chars[Math.floor(random() * chars.length)] as string;
    const pools = [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
      'v1:0123456789',
      '\u0000\u00ff\ud800\udfff🎉é=+/ ',
    ];
    for (let n = 0; n < 5000; n++) {
      const length = Math.floor(random() * 60);
      let text = '';
      for (let i = 0; i < length; i++) text += pick(pools[Math.floor(random() * pools.length)] as string);
      // Random payloads too, encoded properly, so the inner checks are exercised.
      const candidate = random() < 0.5 ? text : b64(text);
      try {
        const position = decodeCursor(candidate, key);
        expect(decodeCursor(encodeCursor(position, key), key)).toBe(position);
      } catch (error) {
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      }
    }
  });
});
