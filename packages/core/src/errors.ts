import { safeStringify, toJsonSafe } from './json-safe';

type ErrorLike = {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  status?: unknown;
  statusCode?: unknown;
};

const MAX_ERROR_LENGTH = 20_000;

function fieldOf(error: unknown, key: string): unknown {
  try {
    return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The HTTP status an error carries (`status`, `statusCode`, `response.status`, or the
 * `cause`'s), else `undefined`.
 */
export function httpStatusOf(error: unknown, depth = 0): number | undefined {
  if (depth > 3 || typeof error !== 'object' || error === null) return undefined;
  for (const candidate of [
    fieldOf(error, 'status'),
    fieldOf(error, 'statusCode'),
    fieldOf(fieldOf(error, 'response'), 'status'),
  ]) {
    const status = typeof candidate === 'string' ? Number(candidate) : candidate;
    if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status < 600)
      return status;
  }
  return httpStatusOf(fieldOf(error, 'cause'), depth + 1);
}

/**
 * `$ai_error` text for an error. In privacy mode only the error's name and code are kept:
 * provider errors often echo the prompt, so their message is content.
 */
export function describeError(error: unknown, privacyMode: boolean): string {
  // Read through fieldOf: an error may be a Proxy or carry getters that throw.
  const e: ErrorLike = {
    name: fieldOf(error, 'name'),
    message: fieldOf(error, 'message'),
    code: fieldOf(error, 'code'),
  };
  let isError = false;
  try {
    isError = error instanceof Error;
  } catch {
    // A revoked Proxy throws even on instanceof.
  }
  const name = typeof e.name === 'string' && e.name ? e.name : isError ? 'Error' : typeof error;
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : undefined;
  if (privacyMode) return code ? `${name} (code: ${code})` : name;
  let message: string;
  if (typeof error === 'string') message = error;
  else if (typeof e.message === 'string') message = `${name}: ${e.message}`;
  else message = safeStringify(toJsonSafe(error, { maxStringLength: MAX_ERROR_LENGTH }));
  if (code && !message.includes(code)) message += ` (code: ${code})`;
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}… [truncated]` : message;
}
