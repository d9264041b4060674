/**
 * Whether a value is a thenable (a promise or anything with a `then` method). Never throws:
 * reading `then` on a hostile value (a Proxy, a throwing getter) counts as "not a thenable".
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  try {
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as PromiseLike<unknown>).then === 'function'
    );
  } catch {
    return false;
  }
}

/**
 * Call `fn` and tell `onSettled(value, error)` how it settled, exactly once, without changing
 * what the caller gets: a result or a throw passes through as it is, and a returned promise is
 * the very same object, observed through a derived promise that never rejects. An `undefined`
 * rejection reaches `onSettled` as an `Error`, so that "failed" is never mistaken for "succeeded".
 * @param fn - the host's function (a tool, an embedding call, the body of a trace)
 * @param onSettled - instrumentation; it must not throw (run it through the guard)
 */
export function observeCall<T>(fn: () => T, onSettled: (value: unknown, error: unknown) => void): T {
  let result: T;
  try {
    result = fn();
  } catch (error) {
    onSettled(undefined, error ?? new Error('threw: undefined'));
    throw error;
  }
  if (!isThenable(result)) {
    onSettled(result, undefined);
    return result;
  }
  try {
    result.then(
      (value) => onSettled(value, undefined),
      (error: unknown) => onSettled(undefined, error ?? new Error('rejected: undefined')),
    );
  } catch (error) {
    // A hand-made thenable whose `then` throws: the caller will meet the same error.
    onSettled(undefined, error);
  }
  return result;
}
