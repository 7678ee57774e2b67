import { LRUCache } from 'lru-cache';

// Upstream GET answers repeat: a dashboard's list page comes back byte for byte the same
// until a meeting changes. For each URL this keeps the bytes of its last successful body
// and what they decoded to; when the next answer to that URL has exactly the same bytes,
// the earlier decoded value is the answer, without decoding again. Every call is still
// made and its bytes compared whole, so an answer is never older or other than what the
// upstream just sent: this is not a cache, and a changed byte is a fresh decode.
//
// Decoded values are shared by every request whose answer repeats the bytes: callers must
// treat them as read-only (the gateway's models and parsed bodies are never written to).

export interface RepeatedBodiesOptions {
  /** Bound on the bodies kept, in bytes of body (decoded values count `DECODED_WEIGHT` times more). */
  maxBytes: number;
}

/** How much more memory a decoded JSON body takes than its bytes, roughly (objects, strings). */
const DECODED_WEIGHT = 4;

interface Remembered {
  bytes: Buffer;
  value: unknown;
  /** What the value was turned into (the gateway's models), and for which place. */
  derived?: { place: string; value: unknown };
}

export class RepeatedBodies {
  readonly #entries: LRUCache<string, Remembered>;
  /** The kept entries by their decoded value (objects only), for `derived`. */
  readonly #byValue = new Map<object, Remembered>();
  #reused = 0;

  constructor(options: RepeatedBodiesOptions) {
    this.#entries = new LRUCache<string, Remembered>({
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.bytes.length * (1 + DECODED_WEIGHT)),
      dispose: (entry) => {
        if (isObject(entry.value)) this.#byValue.delete(entry.value);
      },
    });
  }

  /**
   * What `bytes`, the body just received from `url`, decode to: the value remembered for
   * `url` when its bytes are the same, or else `decode(bytes)`, remembered unless it is
   * `undefined` (not JSON) or the body is too large to keep.
   */
  decode(url: string, bytes: Buffer, decode: (bytes: Buffer) => unknown): unknown {
    const entry = this.#entries.get(url);
    if (entry?.bytes.equals(bytes)) {
      this.#reused++;
      return entry.value;
    }
    const value = decode(bytes);
    if (value === undefined) {
      this.#entries.delete(url);
    } else {
      // A copy: a received chunk may be a view of a larger buffer that must not stay alive.
      const entry: Remembered = { bytes: Buffer.from(bytes), value };
      this.#entries.set(url, entry);
      // Not kept (and any earlier entry dropped) when it is larger than the bound.
      if (isObject(value) && this.#entries.has(url)) this.#byValue.set(value, entry);
    }
    return value;
  }

  /**
   * `derive()`, the model of `value` (a value `decode` answered) read for `place`; when
   * `value` is kept, the model is kept with it and answered again for the same place, so a
   * repeated answer skips the model checks too. A `derive` that throws keeps nothing.
   */
  derived<T>(value: unknown, place: string, derive: () => T): T {
    const entry = isObject(value) ? this.#byValue.get(value) : undefined;
    if (entry?.derived !== undefined && entry.derived.place === place) return entry.derived.value as T;
    const model = derive();
    if (entry !== undefined) entry.derived = { place, value: model };
    return model;
  }

  /** What the kept entries weigh, as bounded by `maxBytes`. */
  get keptBytes(): number {
    return this.#entries.calculatedSize;
  }

  /** Answers given from a remembered decode (for tests and metrics). */
  get reused(): number {
    return this.#reused;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
