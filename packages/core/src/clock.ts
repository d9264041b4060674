/**
 * The one source of time. Tests freeze it with `setClock`; everything else reads `now()`.
 */

/** A function that returns the current time in epoch milliseconds (fractional allowed). */
export type Clock = () => number;

const origin = performance.timeOrigin;
const defaultClock: Clock = () => origin + performance.now();
let clock: Clock = defaultClock;

/** Current time in epoch milliseconds, with sub-millisecond precision. */
export function now(): number {
  return clock();
}

/**
 * Replace the clock (tests), or restore the real one with no argument.
 * @param next - the clock to use; omitted, the real clock comes back
 */
export function setClock(next?: Clock): void {
  clock = next ?? defaultClock;
}

/** Seconds between two epoch-millisecond times, rounded to the microsecond, never negative. */
export function secondsBetween(startMs: number, endMs: number): number {
  return Math.max(0, Math.round((endMs - startMs) * 1000) / 1_000_000);
}
