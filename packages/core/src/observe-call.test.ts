import { describe, expect, it, vi } from 'vitest';
import { observeCall } from './observe-call';

describe('observeCall', () => {
  it('passes a sync result through and reports it', () => {
    const settled = vi.fn();
    expect(observeCall(() => 7, settled)).toBe(7);
    expect(settled).toHaveBeenCalledWith(7, undefined);
  });

  it('rethrows the same error and reports it', () => {
    const settled = vi.fn();
    const error = new Error('x');
    expect(() =>
      observeCall(() => {
        throw error;
      }, settled),
    ).toThrow(error);
    expect(settled).toHaveBeenCalledWith(undefined, error);
  });

  it('returns the very same promise and reports its settlement once', async () => {
    const settled = vi.fn();
    const promise = Promise.resolve('v');
    expect(observeCall(() => promise, settled)).toBe(promise);
    await promise;
    await Promise.resolve();
    expect(settled).toHaveBeenCalledTimes(1);
    expect(settled).toHaveBeenCalledWith('v', undefined);
  });

  it('reports an undefined rejection as an error, and leaves no unhandled rejection of its own', async () => {
    const settled = vi.fn();
    const promise = Promise.reject(undefined);
    const returned = observeCall(() => promise, settled);
    await expect(returned).rejects.toBeUndefined();
    expect(settled.mock.calls[0]![1]).toBeInstanceOf(Error);
  });
});

describe('observeCall with hostile results', () => {
  it('passes a value whose then getter throws through untouched, as a plain value', () => {
    const settled = vi.fn();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no reading');
        },
      },
    );
    expect(observeCall(() => hostile, settled) === hostile).toBe(true);
    // Compared by reference: any matcher that reads the Proxy would throw.
    expect(settled.mock.calls.length).toBe(1);
    expect(settled.mock.calls[0]![0] === hostile && settled.mock.calls[0]![1] === undefined).toBe(true);
  });
});
