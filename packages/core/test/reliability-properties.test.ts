/**
 * Reliability, part 1: property-based tests over the sanitizer, the message normalizer, the
 * size budget and the capture path. Whatever a host hands us (cycles, BigInt, Maps, typed
 * arrays, Errors, huge strings, sparse arrays, getters and Proxies that throw, revoked Proxies),
 * the event that comes out is valid JSON, within the size budget, and nothing throws.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaptureRecord,
  fitToBudget,
  type JsonValue,
  LLMAnalytics,
  normalizeMessages,
  normalizeOutput,
  toJsonSafe,
} from '../src/index';
import { createRecordingClient } from '../src/testing';

// Bounded: the whole file stays well under 20 s on a busy 2-core machine.
const RUNS = { numRuns: 150 };

/** A check stricter than `toEqual`: only plain JSON (finite numbers, dense arrays, plain objects). */
function jsonProblem(value: unknown, path = '$'): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path}: ${value}`;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (!(index in value)) return `${path}[${index}]: hole`;
      const problem = jsonProblem(value[index], `${path}[${index}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${path}: not a plain object`;
    for (const key of Object.keys(value)) {
      const problem = jsonProblem((value as Record<string, unknown>)[key], `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  }
  return `${path}: ${typeof value}`;
}

/** JSON round trip, with -0 folded to 0 (JSON has no negative zero; that is not a loss). */
function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
function foldNegativeZero(value: unknown): unknown {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value)) return value.map(foldNegativeZero);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: foldNegativeZero((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
function expectValidJson(value: unknown): void {
  expect(jsonProblem(value)).toBeUndefined();
  // isDeepStrictEqual, not toStrictEqual: the latter compares `constructor` properties by reference.
  expect(isDeepStrictEqual(roundTrip(value), foldNegativeZero(value))).toBe(true);
}

const throwingGetter = () => {
  const object: Record<string, unknown> = { ok: 1 };
  Object.defineProperty(object, 'boom', {
    enumerable: true,
    get() {
      throw new Error('getter exploded');
    },
  });
  return object;
};
const throwingProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error('proxy get');
      },
      has() {
        throw new Error('proxy has');
      },
      ownKeys() {
        throw new Error('proxy ownKeys');
      },
      getPrototypeOf() {
        throw new Error('proxy getPrototypeOf');
      },
      getOwnPropertyDescriptor() {
        throw new Error('proxy descriptor');
      },
    },
  );
const throwingArrayProxy = () =>
  new Proxy([1, 2, 3], {
    get(target, key) {
      if (key === 'length') return target.length;
      throw new Error('array proxy get');
    },
  });
const revokedProxy = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const throwingToJson = () => ({
  toJSON() {
    throw new Error('toJSON exploded');
  },
});
const selfReturningToJson = () => {
  const object: Record<string, unknown> = {};
  object.toJSON = () => ({ again: object });
  return object;
};
const errorWithCause = () => {
  const error = new Error('outer', { cause: new TypeError('inner') }) as Error & Record<string, unknown>;
  error.status = 429;
  error.code = 10n;
  error.self = error;
  return error;
};
const aggregateError = () => new AggregateError([new Error('a'), new RangeError('b')], 'many');
const sparse = () => {
  const array: unknown[] = [];
  array[5] = 'five';
  array[1_000] = 'thousand';
  return array;
};
const classInstance = () => {
  class Point {
    x = 1;
    #hidden = 2;
    get sum() {
      return this.x + this.#hidden;
    }
  }
  return new Point();
};
const dangerousKeys = () => JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": 2}}');
const symbolKeyed = () => ({ [Symbol('secret')]: 1, visible: Symbol('value') });

function printable(value: unknown): string {
  try {
    return fc.stringify(value).slice(0, 200);
  } catch {
    return '(unprintable)';
  }
}

type Maker = { name: string; make: () => unknown };
const maker = (name: string, make: () => unknown): Maker => ({ name, make });

const specials: Maker[] = [
  maker('throwing getter', throwingGetter),
  maker('throwing Proxy', throwingProxy),
  maker('throwing array Proxy', throwingArrayProxy),
  maker('revoked Proxy', revokedProxy),
  maker('throwing toJSON', throwingToJson),
  maker('self-returning toJSON', selfReturningToJson),
  maker('Error with cause', errorWithCause),
  maker('AggregateError', aggregateError),
  maker('sparse array', sparse),
  maker('class instance', classInstance),
  maker('__proto__ keys', dangerousKeys),
  maker('symbol keys', symbolKeyed),
  maker('Uint8Array', () => new Uint8Array(4096)),
  maker('Buffer', () => Buffer.from('hello world')),
  maker('Float64Array', () => new Float64Array([1.5, Number.NaN])),
  maker('ArrayBuffer', () => new ArrayBuffer(16)),
  maker('DataView', () => new DataView(new ArrayBuffer(8))),
  maker('Map with object keys', () => new Map<unknown, unknown>([[{ key: 1 }, new Set([1n, 2n])]])),
  maker('WeakMap', () => new WeakMap()),
  maker('Promise', () => Promise.resolve(1)),
  maker('Invalid Date', () => new Date(Number.NaN)),
  maker('RegExp', () => /re/g),
  maker('URL', () => new URL('https://example.com/a?b=c')),
  maker('function', () => () => 'fn'),
  maker('symbol', () => Symbol('s')),
  maker('huge BigInt', () => 123n ** 20n),
  maker('NaN', () => Number.NaN),
  maker('-Infinity', () => Number.NEGATIVE_INFINITY),
  maker('-0', () => -0),
  maker('data URL', () => `data:image/png;base64,${'A'.repeat(5_000)}`),
];

// Huge strings: ordinary text, multi-byte, astral, escapes, and unspaced text (never base64).
const hugeString = fc
  .tuple(fc.integer({ min: 1, max: 3_000_000 }), fc.constantFrom('a', 'é', '𝄞', 'word ', '"\\\n'))
  .map(([count, unit]) => maker(`${unit} x ${count}`, () => unit.repeat(Math.ceil(count / unit.length))));

const special = fc.oneof(
  { arbitrary: fc.constantFrom(...specials), weight: 4 },
  { arbitrary: hugeString, weight: 1 },
);

/**
 * Any JS value, with cycles injected and hostile values mixed in. Generated as a recipe and
 * built inside the property: fast-check itself inspects generated values, and a throwing Proxy
 * would break fast-check rather than the code under test.
 */
const hostile: fc.Arbitrary<Maker> = fc
  .tuple(
    fc.anything({
      maxDepth: 4,
      maxKeys: 6,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
      key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toJSON', 'role', 'content')),
    }),
    special,
    fc.nat(3),
  )
  .map(([value, extra, shape]) =>
    maker(`${printable(value)} / ${extra.name} / shape ${shape}`, () => {
      if (shape === 0) return extra.make();
      if (shape === 1) return [value, extra.make()];
      if (
        Array.isArray(value) ||
        (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value))
      ) {
        // A cycle back to the root and one through a sibling, on a copy: the generated value
        // stays untouched for fast-check to print and shrink.
        const copy: Record<string, unknown> = Array.isArray(value)
          ? ([...value] as unknown as Record<string, unknown>)
          : Object.assign(Object.create(Object.getPrototypeOf(value) as object | null), value);
        copy.self = copy;
        copy.extra = { back: copy, original: value, extra: extra.make() };
        return copy;
      }
      return { value, extra: extra.make(), nested: { extra: extra.make() } };
    }),
  );

describe('toJsonSafe over any value', () => {
  it('returns plain JSON that survives a round trip, and never throws', () => {
    fc.assert(
      fc.property(hostile, ({ make }) => {
        const safe = toJsonSafe(make(), { maxStringLength: 100_000 });
        expectValidJson(safe);
      }),
      RUNS,
    );
  });

  it('keeps shared references (not cycles) intact', () => {
    const shared = { name: 'doc' };
    expect(toJsonSafe({ a: shared, b: shared })).toEqual({ a: { name: 'doc' }, b: { name: 'doc' } });
  });

  it('keeps a "__proto__" key as data and never changes the prototype of its output', () => {
    const safe = toJsonSafe(JSON.parse('{"__proto__": {"polluted": 1}, "x": 1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect((safe as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

const THROWING = /throwing|revoked/;

describe('normalizeMessages / normalizeOutput over any value', () => {
  // Values that throw on every read may make these throw; the event builder catches that and
  // keeps the raw value (see the capture property below), so only readable values are checked.
  it('never throw on readable values and produce messages that toJsonSafe turns into JSON', () => {
    fc.assert(
      fc.property(
        hostile.filter(({ name }) => !THROWING.test(name)),
        ({ make }) => {
          const value = make();
          for (const messages of [normalizeMessages(value), normalizeOutput(value)]) {
            expect(Array.isArray(messages)).toBe(true);
            for (const message of messages) expect(typeof message.role).toBe('string');
            expectValidJson(toJsonSafe(messages, { maxStringLength: 100_000 }));
          }
        },
      ),
      RUNS,
    );
  });
});

const jsonValue: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<JsonValue>;
const bigText = fc.integer({ min: 0, max: 1_500_000 }).map((length) => 'x y '.repeat(length / 4));
const messageList = fc.array(
  fc.record({
    role: fc.constantFrom('system', 'user', 'assistant', 'tool'),
    content: fc.oneof(bigText, fc.string()),
  }),
  { maxLength: 40 },
);

describe('fitToBudget', () => {
  it('brings any properties under the budget without touching the link keys', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 12 }), fc.oneof(jsonValue, bigText), { maxKeys: 6 }),
        messageList,
        fc.array(fc.string({ minLength: 900, maxLength: 999 }), { maxLength: 1_500 }),
        fc.integer({ min: 20_000, max: 900_000 }),
        (custom, input, manyMediumStrings, budget) => {
          const properties: Record<string, JsonValue> = {
            ...custom,
            $ai_trace_id: 'trace-1',
            $ai_span_id: 'span-1',
            $ai_parent_id: 'trace-1',
            $ai_input: input as JsonValue,
            $ai_output_choices: [{ role: 'assistant', content: manyMediumStrings }],
          };
          const result = fitToBudget(properties, budget, 600);
          // `bytes` is exact after a cut and an upper bound when the event already fit.
          const exact = Buffer.byteLength(JSON.stringify(result.properties)) + 600;
          expect(exact).toBeLessThanOrEqual(budget);
          expect(exact).toBeLessThanOrEqual(result.bytes);
          if (result.truncated) expect(exact).toBe(result.bytes);
          expect(result.properties.$ai_trace_id).toBe('trace-1');
          expect(result.properties.$ai_span_id).toBe('span-1');
          expect(result.properties.$ai_parent_id).toBe('trace-1');
          expectValidJson(result.properties);
        },
      ),
      { numRuns: 40 },
    );
  });
});

const kinds = fc.constantFrom('trace', 'span', 'generation', 'embedding') as fc.Arbitrary<
  CaptureRecord['kind']
>;

describe('LLMAnalytics.capture over any record content', () => {
  it('captures exactly one valid JSON event under the budget, and never throws', () => {
    const errors: unknown[] = [];
    const client = createRecordingClient();
    const maxEventBytes = 200_000;
    const analytics = new LLMAnalytics({
      client,
      maxEventBytes,
      onError: (error) => errors.push(error),
    });
    fc.assert(
      fc.property(
        kinds,
        hostile,
        hostile,
        hostile,
        hostile,
        fc.option(hostile, { nil: undefined }),
        (kind, input, output, error, property, extra) => {
          client.clear();
          errors.length = 0;
          const record = {
            kind,
            name: 'step',
            input: input.make(),
            output: output.make(),
            error: error.make(),
            properties: { custom: property.make(), $ai_trace_id: 'not-allowed' } as Record<string, unknown>,
            model: 'gpt-4o-mini',
            provider: 'openai.chat',
            modelParameters: { temperature: extra?.make(), maxOutputTokens: 10 } as Record<string, unknown>,
            tools: [extra?.make()] as unknown[],
            usage: { inputTokens: 3, outputTokens: 4 },
            source: { lib: '@llm-analytics/core', version: '0.0.0' },
          } as CaptureRecord;
          let ids: ReturnType<LLMAnalytics['capture']>;
          expect(() => {
            ids = analytics.capture(record);
          }).not.toThrow();
          expect(errors.map((error) => (error as Error).stack)).toEqual([]);
          expect(ids!).toBeDefined();
          expect(client.messages).toHaveLength(1);
          const message = client.messages[0]!;
          expect(message.properties.$ai_trace_id).toBe(ids!.traceId);
          expect(message.properties.$ai_span_id).toBe(ids!.spanId);
          expectValidJson(message);
          // 600 bytes of envelope are reserved for what posthog-node adds.
          expect(Buffer.byteLength(JSON.stringify(message.properties)) + 600).toBeLessThanOrEqual(
            maxEventBytes,
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('runs trace() and span() around functions that return or throw any value', async () => {
    const client = createRecordingClient();
    const analytics = new LLMAnalytics({ client, maxEventBytes: 50_000 });
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), fc.boolean(), async ({ make }, fails, async) => {
        client.clear();
        const value = make();
        // Resolving a promise with a hostile value makes the host itself read `.then` on it,
        // so async results travel in a box; sync results and every rejection are the raw value.
        const body = () => {
          if (fails) throw value;
          return async ? { box: value } : value;
        };
        const run = () =>
          analytics.trace({ name: 't', input: value }, () =>
            analytics.span({ name: 's', input: value }, () =>
              async ? Promise.resolve().then(body) : body(),
            ),
          );
        let outcome: { value?: unknown; error?: unknown } = {};
        try {
          outcome = { value: async ? ((await run()) as { box: unknown }).box : run() };
        } catch (error) {
          outcome = { error };
        }
        // The host's own value or error, the very same reference.
        if (fails) expect(outcome.error === value || Number.isNaN(outcome.error)).toBe(true);
        else expect(outcome.value === value || Number.isNaN(outcome.value)).toBe(true);
        await Promise.resolve();
        expect(client.messages.map((message) => message.event)).toEqual(['$ai_span', '$ai_trace']);
        for (const message of client.messages) expectValidJson(message);
      }),
      { numRuns: 60 },
    );
  });
});
