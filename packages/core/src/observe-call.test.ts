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
