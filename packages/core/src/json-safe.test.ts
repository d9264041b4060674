import { describe, expect, it } from 'vitest';
import { toJsonSafe, truncateString } from './json-safe';

describe('toJsonSafe', () => {
  it('marks cycles but keeps shared references', () => {
    const shared = { name: 'shared' };
    const value: Record<string, unknown> = { a: shared, b: shared };
    value.self = value;
    expect(toJsonSafe(value)).toEqual({ a: { name: 'shared' }, b: { name: 'shared' }, self: '[Circular]' });
  });

  it('converts the values JSON.stringify chokes on', () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    const error = Object.assign(new Error('bad', { cause: new Error('root') }), {
      status: 503,
      code: 'E_DOWN',
    });
    const out = toJsonSafe({
      big: 10n ** 20n,
      date: new Date(0),
      map: new Map<unknown, unknown>([
        ['k', 1],
        [2, 'two'],
      ]),
      set: new Set([1, 2]),
      error,
      point: new Point(1, 2),
      bytes: Buffer.from('hello'),
      nan: Number.NaN,
      fn: () => 1,
      sym: Symbol('s'),
      undef: undefined,
    });
    expect(out).toEqual({
      big: '100000000000000000000',
      date: '1970-01-01T00:00:00.000Z',
      map: { k: 1, '2': 'two' },
      set: [1, 2],
      error: {
        name: 'Error',
        message: 'bad',
        code: 'E_DOWN',
        status: 503,
        cause: { name: 'Error', message: 'root' },
      },
      point: { x: 1, y: 2 },
      bytes: '[binary data redacted: 5 bytes]',
      nan: 'NaN',
      sym: 'Symbol(s)',
    });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('never throws on hostile objects', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys');
        },
      },
    );
    const getter = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter');
      },
    });
    const badJson = {
      toJSON: () => {
        throw new Error('toJSON');
      },
    };
    expect(toJsonSafe({ hostile, getter, badJson })).toEqual({
      hostile: '[Unserializable: no keys]',
      getter: '[Unserializable: getter]',
      badJson: '[Unserializable: toJSON]',
    });
  });

  it('cuts huge strings early with a visible marker', () => {
    const out = toJsonSafe({ prompt: 'x'.repeat(5_000_000) }, { maxStringLength: 1000 }) as {
      prompt: string;
    };
    expect(out.prompt.startsWith('x'.repeat(1000))).toBe(true);
    expect(out.prompt).toContain('… [truncated 4999000 bytes]');
  });

  it('bounds depth', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { deep };
    expect(JSON.stringify(toJsonSafe(deep))).toContain('[MaxDepth]');
  });

  it('uses a transform hook for host objects', () => {
    const out = toJsonSafe(
      { doc: { pageContent: 'p' } },
      {
        transform: (v) =>
          'pageContent' in v ? { page_content: (v as { pageContent: string }).pageContent } : undefined,
      },
    );
    expect(out).toEqual({ doc: { page_content: 'p' } });
  });
});

describe('truncateString', () => {
  it('never splits a surrogate pair and counts cut bytes in UTF-8', () => {
    const out = truncateString('a😀b', 2);
    expect(out).toBe('a… [truncated 5 bytes]');
  });
});

describe('truncateString twice', () => {
  it('keeps one marker that counts every byte removed', () => {
    const once = truncateString('x'.repeat(10_000), 5_000);
    const twice = truncateString(once, 1_000);
    expect(twice).toBe(`${'x'.repeat(1_000)}… [truncated 9000 bytes]`);
  });
});
