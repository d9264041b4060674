/**
 * Binary and base64 payloads become short placeholders, so that an inline image never reaches
 * PostHog and never eats the event's size budget. Detection is strict: ordinary long text,
 * identifiers and URLs are never mistaken for base64.
 */

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w.+-]+=[^;,]*)*)(;base64)?,/i;
const BASE64_STANDARD = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_URL_SAFE = /^[A-Za-z0-9_-]+={0,2}$/;
/** Raw base64 shorter than this is left alone outside binary fields: too short to matter. */
const MIN_RAW_BASE64_LENGTH = 2048;
const SAMPLE_LENGTH = 65_536;

/** Decoded size in bytes of a base64 string of the given length and padding. */
function base64Bytes(length: number, padding: number): number {
  return Math.max(0, Math.floor((length * 3) / 4) - padding);
}

function paddingOf(text: string): number {
  if (text.endsWith('==')) return 2;
  return text.endsWith('=') ? 1 : 0;
}

/** The placeholder for a base64 payload: `[base64 image/png redacted: 48213 bytes]`. */
export function base64Placeholder(mediaType: string | undefined, bytes: number): string {
  return `[base64 ${mediaType ?? 'data'} redacted: ${bytes} bytes]`;
}

/** The placeholder for raw bytes: `[binary image/png redacted: 48213 bytes]`. */
export function binaryPlaceholder(mediaType: string | undefined, bytes: number): string {
  return `[binary ${mediaType ?? 'data'} redacted: ${bytes} bytes]`;
}

/**
 * If `text` is a `data:` URL carrying base64, the placeholder for it; otherwise `undefined`.
 * Plain-text data URLs (`data:text/plain,hello`) are left as they are.
 */
export function redactDataUrl(text: string): string | undefined {
  if (!text.startsWith('data:') && !text.startsWith('DATA:')) return undefined;
  const match = DATA_URL.exec(text.slice(0, 256));
  if (!match?.[3]) return undefined;
  const payload = text.length - match[0].length;
  return base64Placeholder(match[1]?.toLowerCase(), base64Bytes(payload, paddingOf(text)));
}

/**
 * Whether a string is very probably a raw base64 payload: long, entirely of one base64
 * alphabet, and with the mix of characters random bytes produce (upper and lower case, digits,
 * and the alphabet's two symbols). Words, sentences, identifiers and hex strings fail this.
 */
export function looksLikeRawBase64(text: string, minLength = MIN_RAW_BASE64_LENGTH): boolean {
  if (text.length < minLength) return false;
  // A long string is judged on its first 64 KiB and its last characters: random bytes look the
  // same throughout, and scanning a 10 MB prompt with five regular expressions would cost more
  // than the whole rest of the event.
  if (text.length > SAMPLE_LENGTH) text = text.slice(0, SAMPLE_LENGTH) + text.slice(-4);
  const standard = BASE64_STANDARD.test(text);
  if (!standard && !BASE64_URL_SAFE.test(text)) return false;
  const [symbolA, symbolB] = standard ? ['+', '/'] : ['-', '_'];
  return (
    /[A-Z]/.test(text) &&
    /[a-z]/.test(text) &&
    /[0-9]/.test(text) &&
    text.includes(symbolA) &&
    text.includes(symbolB)
  );
}

/**
 * The placeholder for any inline binary value: a data URL, a raw base64 string (strictly
 * detected unless `assumeBinary`, for fields that can only hold a payload), or bytes.
 * Returns `undefined` for values that are not inline binary (a URL, ordinary text).
 */
export function binaryValuePlaceholder(
  value: unknown,
  mediaType?: string,
  assumeBinary = false,
): string | undefined {
  if (typeof value === 'string') {
    const dataUrl = redactDataUrl(value);
    if (dataUrl) return dataUrl;
    if (/^(https?|gs|s3|file):\/\//i.test(value)) return undefined;
    const payload =
      looksLikeRawBase64(value) ||
      // In a field that can only hold a payload (an image's or a file's data), any string of the
      // base64 alphabet with a base64 length is one, however short; so is any long unspaced string.
      (assumeBinary &&
        ((value.length % 4 === 0 &&
          value.length <= SAMPLE_LENGTH &&
          (BASE64_STANDARD.test(value) || BASE64_URL_SAFE.test(value))) ||
          (value.length > 256 && !/\s/.test(value))));
    return payload ? base64Placeholder(mediaType, base64Bytes(value.length, paddingOf(value))) : undefined;
  }
  const bytes = byteLengthOfBinary(value);
  return bytes === undefined ? undefined : binaryPlaceholder(mediaType, bytes);
}

/** Byte length of an `ArrayBuffer`, typed array, `DataView` or `Buffer`; `undefined` otherwise. */
export function byteLengthOfBinary(value: unknown): number | undefined {
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value.size;
  return undefined;
}
