import { binaryValuePlaceholder } from './binary';

/** A JSON value: what every content property of an event is made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Options of {@link toJsonSafe}. */
export interface JsonSafeOptions {
  /**
   * Strings longer than this many characters are cut with a visible marker while converting,
   * so that a 10 MB prompt never gets copied whole.
   * @default Infinity
   */
  maxStringLength?: number;
  /**
   * How many characters a string longer than `maxStringLength` keeps.
   * @default maxStringLength
   */
  cutStringTo?: number;
  /**
   * Called on every object before the built-in conversion; return a replacement value
   * (converted in turn) or `undefined` to let the built-in conversion run.
   * Adapters use it for their host's objects (LangChain messages and documents).
   */
  transform?: (value: object) => unknown;
  /** @default 64 */
  maxDepth?: number;
}

/**
 * Set `key` on a JSON object as an own data property: a plain assignment of `"__proto__"`
 * (which `JSON.parse` and user objects can carry as data) would replace the prototype instead.
 */
export function setJsonKey(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else target[key] = value;
}

/** The marker left where a string was cut: `… [truncated 1234 bytes]`. */
export function truncationMarker(cutBytes: number): string {
  return `… [truncated ${cutBytes} bytes]`;
}

/** UTF-8 byte length of a string. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Cut `text` to at most `maxLength` characters (never splitting a surrogate pair) and append
 * the truncation marker. Returns the text unchanged when it already fits.
 */
export function truncateString(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  // A string cut before (by the early cut, then again by the size budget) keeps one marker
  // that counts every byte removed.
  let alreadyCut = 0;
  const previous = PREVIOUS_MARKER.exec(text.slice(-48));
  if (previous) {
    alreadyCut = Number(previous[1]);
    text = text.slice(0, text.length - previous[0].length);
    if (text.length <= maxLength) return text + truncationMarker(alreadyCut);
  }
  let end = Math.max(0, maxLength);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  const kept = text.slice(0, end);
  return kept + truncationMarker(alreadyCut + utf8Length(text) - utf8Length(kept));
}

const PREVIOUS_MARKER = /… \[truncated (\d+) bytes\]$/;

function errorToJson(error: Error, convert: (value: unknown) => JsonValue): JsonValue {
  const out: Record<string, JsonValue> = { name: error.name, message: error.message };
  const extra = error as Error & { code?: unknown; status?: unknown; statusCode?: unknown; cause?: unknown };
  if (extra.code !== undefined) out.code = convert(extra.code);
  if (extra.status !== undefined) out.status = convert(extra.status);
  if (extra.statusCode !== undefined) out.statusCode = convert(extra.statusCode);
  if (extra.cause !== undefined) out.cause = convert(extra.cause);
  return out;
}

/**
 * Convert any JavaScript value into a JSON value that `JSON.stringify` accepts and that means
 * something to a person: cycles become `"[Circular]"` (shared references are kept, not
 * nulled), `BigInt` a string, `Error` `{ name, message, code, status, cause }`, `Date` an ISO
 * string, `Map` an object, `Set` an array, binary data and base64 payloads a placeholder, class
 * instances their own enumerable fields. Never throws: a value that cannot be read becomes a
 * `"[Unserializable: reason]"` string.
 */
export function toJsonSafe(value: unknown, options: JsonSafeOptions = {}): JsonValue {
  const maxString = options.maxStringLength ?? Number.POSITIVE_INFINITY;
  const cutTo = Math.min(options.cutStringTo ?? maxString, maxString);
  const maxDepth = options.maxDepth ?? 64;
  const transform = options.transform;
  const ancestors: object[] = [];

  const convertString = (text: string): string => {
    if (text.length >= 64) {
      const placeholder = binaryValuePlaceholder(text);
      if (placeholder) return placeholder;
    }
    return text.length > maxString ? truncateString(text, cutTo) : text;
  };

  const convert = (input: unknown, depth: number): JsonValue => {
    try {
      switch (typeof input) {
        case 'string':
          return convertString(input);
        case 'number':
          return Number.isFinite(input) ? input : String(input);
        case 'boolean':
          return input;
        case 'bigint':
          return input.toString();
        case 'undefined':
          return null;
        case 'symbol':
          return input.toString();
        case 'function':
          return `[Function${input.name ? ` ${input.name}` : ''}]`;
      }
      if (input === null) return null;
      const object = input as object;
      if (ancestors.includes(object)) return '[Circular]';
      if (depth >= maxDepth) return '[MaxDepth]';
      if (transform) {
        const replaced = transform(object);
        if (replaced !== undefined && replaced !== object) {
          ancestors.push(object);
          try {
            return convert(replaced, depth + 1);
          } finally {
            ancestors.pop();
          }
        }
      }
      const binary = binaryValuePlaceholder(object);
      if (binary) return binary;
      if (object instanceof Date)
        return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
      if (object instanceof URL) return object.href;
      if (object instanceof RegExp) return object.toString();
      if (object instanceof Promise) return '[Promise]';
      if (object instanceof WeakMap || object instanceof WeakSet) return `[${object.constructor.name}]`;
      ancestors.push(object);
      try {
        if (object instanceof Error) return errorToJson(object, (v) => convert(v, depth + 1));
        // Array.from, not map: map keeps the holes of a sparse array, which are not JSON.
        if (Array.isArray(object)) return Array.from(object, (item) => convert(item, depth + 1));
        if (object instanceof Map) {
          const out: Record<string, JsonValue> = {};
          for (const [key, item] of object)
            setJsonKey(
              out,
              typeof key === 'string' ? key : String(convert(key, depth + 1)),
              convert(item, depth + 1),
            );
          return out;
        }
        if (object instanceof Set) return Array.from(object, (item) => convert(item, depth + 1));
        const toJSON = (object as { toJSON?: unknown }).toJSON;
        if (typeof toJSON === 'function') {
          const json: unknown = toJSON.call(object);
          if (json !== object) return convert(json, depth + 1);
        }
        const out: Record<string, JsonValue> = {};
        for (const key of Object.keys(object)) {
          const item = (object as Record<string, unknown>)[key];
          if (item === undefined || typeof item === 'function') continue;
          setJsonKey(out, key, convert(item, depth + 1));
        }
        return out;
      } finally {
        ancestors.pop();
      }
    } catch (error) {
      return `[Unserializable: ${error instanceof Error ? error.message : String(error)}]`;
    }
  };

  return convert(value, 0);
}

/** `JSON.stringify` that never throws (falls back to a placeholder string). */
export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return JSON.stringify(toJsonSafe(value));
  }
}
