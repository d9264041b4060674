/**
 * Diagnostics: silent unless `debug` is on. No `console.*` anywhere else in library code.
 */

/** Where diagnostics go. */
export interface DebugLogger {
  /** Whether `debug` messages are printed. */
  readonly enabled: boolean;
  debug(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
}

/**
 * A logger that prints to `console` with an `[llm-analytics]` prefix when `enabled`.
 * @param enabled - print at all
 * @param scope - a name shown after the prefix, e.g. `langchain`
 */
export function createDebugLogger(enabled: boolean, scope?: string): DebugLogger {
  const prefix = scope ? `[llm-analytics:${scope}]` : '[llm-analytics]';
  return {
    enabled,
    debug(message, detail) {
      if (enabled)
        detail === undefined ? console.debug(prefix, message) : console.debug(prefix, message, detail);
    },
    warn(message, detail) {
      if (enabled)
        detail === undefined ? console.warn(prefix, message) : console.warn(prefix, message, detail);
    },
  };
}
