import type { DebugLogger } from './debug-logger';

/** Called with every error our side swallowed, and the operation it happened in. */
export type ErrorHandler = (error: unknown, operation: string) => void;

/** Runs instrumentation code so that nothing it throws can reach the host application. */
export interface Guard {
  /**
   * Run `fn`; if it throws, report the error and return `fallback` instead.
   * @param operation - what was being done, for the debug message
   */
  run<T>(operation: string, fn: () => T, fallback: T): T;
  run(operation: string, fn: () => void): void;
  /** Report an error that was caught elsewhere. */
  report(error: unknown, operation: string): void;
  /** Swallow a promise's rejection (after reporting it). */
  settle(operation: string, promise: unknown): void;
  readonly logger: DebugLogger;
}

/**
 * The one guard every entry point goes through: it catches, reports to the debug logger and
 * `onError` (whose own errors are swallowed too), and returns. It never rethrows.
 */
export function createGuard(logger: DebugLogger, onError?: ErrorHandler): Guard {
  const report = (error: unknown, operation: string): void => {
    logger.warn(`${operation} failed; the host call is unaffected`, error);
    if (!onError) return;
    try {
      onError(error, operation);
    } catch (hookError) {
      logger.warn('onError threw', hookError);
    }
  };
  return {
    logger,
    report,
    run<T>(operation: string, fn: () => T, fallback?: T): T | undefined {
      try {
        return fn();
      } catch (error) {
        report(error, operation);
        return fallback;
      }
    },
    settle(operation, promise) {
      if (promise && typeof (promise as PromiseLike<unknown>).then === 'function') {
        (promise as PromiseLike<unknown>).then(undefined, (error: unknown) => report(error, operation));
      }
    },
  } as Guard;
}
