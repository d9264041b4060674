import { randomFillSync } from 'node:crypto';

/**
 * The one source of ids. UUID v7 by default (time-ordered, so PostHog sorts traces well);
 * tests replace the generator with `setIdGenerator`.
 */

/** A function that returns a fresh id. */
export type IdGenerator = () => string;

const pool = new Uint8Array(16 * 256);
let poolOffset = pool.length;
const hex: string[] = [];
for (let i = 0; i < 256; i++) hex.push(i.toString(16).padStart(2, '0'));

/** A random UUID v7 (RFC 9562): 48 bits of epoch milliseconds, then random bits. */
export function uuidv7(): string {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  const ms = Date.now();
  b[0] = (ms / 2 ** 40) & 0xff;
  b[1] = (ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  return `${hex[b[0]]}${hex[b[1]]}${hex[b[2]]}${hex[b[3]]}-${hex[b[4]]}${hex[b[5]]}-${hex[b[6]]}${hex[b[7]!]}-${hex[b[8]]}${hex[b[9]!]}-${hex[b[10]!]}${hex[b[11]!]}${hex[b[12]!]}${hex[b[13]!]}${hex[b[14]!]}${hex[b[15]!]}`;
}

let generator: IdGenerator = uuidv7;

/** A fresh id for a trace or span. */
export function newId(): string {
  return generator();
}

/**
 * Replace the id generator (tests), or restore UUID v7 with no argument.
 * @param next - the generator to use; omitted, UUID v7 comes back
 */
export function setIdGenerator(next?: IdGenerator): void {
  generator = next ?? uuidv7;
}

// PostHog accepts only these characters in trace, span and parent ids.
const INVALID_ID_CHARS = /[^A-Za-z0-9\-_~.@()!':|]/g;
const VALID_ID = /^[A-Za-z0-9\-_~.@()!':|]+$/;
const MAX_ID_LENGTH = 200;

/**
 * Make a user-supplied id safe for PostHog: characters outside `A-Z a-z 0-9 - _ ~ . @ ( ) ! ' : |`
 * become `_`, and it is cut to 200 characters. Returns `undefined` for an empty or non-string id.
 */
export function sanitizeId(id: unknown): string | undefined {
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  if (typeof id !== 'string' || id.length === 0) return undefined;
  // Nearly every id is already clean (ours are UUIDs): test, and copy only when needed.
  if (id.length <= MAX_ID_LENGTH && VALID_ID.test(id)) return id;
  const clean = id.replace(INVALID_ID_CHARS, '_');
  return clean.length > MAX_ID_LENGTH ? clean.slice(0, MAX_ID_LENGTH) : clean;
}

/** Whether an id already uses only PostHog's allowed characters. */
export function isValidId(id: string): boolean {
  INVALID_ID_CHARS.lastIndex = 0;
  return id.length > 0 && !INVALID_ID_CHARS.test(id);
}
