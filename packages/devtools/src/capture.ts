import { gunzipSync, inflateSync } from 'node:zlib';
import { AI_PROP } from '@llm-analytics/core';
import type { IncomingEvent } from './store';

/** PostHog's per-event limit on its regular capture routes: larger events are rejected with 413. */
export const MAX_EVENT_BYTES = 1_048_576;
/** posthog-node's limit for the LLM analytics route `/i/v0/ai/batch/` (8 MiB per event). */
export const MAX_AI_EVENT_BYTES = 8_388_608;
/** The largest request body (compressed or not, and once decompressed) the dev server reads. */
export const MAX_BODY_BYTES = 64 * 1_048_576;

/** The capture routes posthog-node (and posthog-js) post to. */
export const CAPTURE_ROUTES = ['/batch', '/capture', '/e', '/i/v0/e', '/track', '/i/v0/ai/batch'] as const;

/** A capture request the dev server refuses, answered like PostHog would. */
export class CaptureError extends Error {
  /** HTTP status: 400 malformed, 401 no API key, 413 too large. */
  readonly status: number;
  /** PostHog-style error code. */
  readonly code: string;
  /**
   * @param status - HTTP status
   * @param code - a short machine-readable code
   * @param message - what was wrong, for the developer
   */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'CaptureError';
    this.status = status;
    this.code = code;
  }
}

/** A parsed capture request. */
export interface CaptureBatch {
  /** The project API key it was sent with. */
  apiKey: string;
  events: IncomingEvent[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decode a request body as PostHog's capture endpoint does: gzip (by header, `?compression=`
 * or magic bytes), deflate, or plain JSON; capped at {@link MAX_BODY_BYTES} once decompressed,
 * so a compression bomb cannot exhaust memory.
 */
export function decodeBody(
  body: Buffer,
  contentEncoding: string | undefined,
  compression: string | null,
): unknown {
  let bytes = body;
  const encoding = (contentEncoding ?? '').toLowerCase();
  try {
    if (
      encoding.includes('gzip') ||
      compression?.startsWith('gzip') ||
      (body[0] === 0x1f && body[1] === 0x8b)
    ) {
      bytes = gunzipSync(body, { maxOutputLength: MAX_BODY_BYTES });
    } else if (encoding.includes('deflate')) {
      bytes = inflateSync(body, { maxOutputLength: MAX_BODY_BYTES });
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || /larger than|too large/i.test(String(error))) {
      throw new CaptureError(
        413,
        'payload_too_large',
        `The decompressed body is over ${MAX_BODY_BYTES} bytes.`,
      );
    }
    throw new CaptureError(400, 'invalid_payload', `The body could not be decompressed: ${String(error)}`);
  }
  const text = bytes.toString('utf8').trim();
  if (text.length === 0) throw new CaptureError(400, 'no_data', 'The request body is empty: expected JSON.');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CaptureError(
      400,
      'invalid_payload',
      `The body is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

function timestampOf(value: unknown, fallback: number): number {
  if (typeof value === 'string' || typeof value === 'number') {
    const ms = typeof value === 'number' ? value : Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  return fallback;
}

/**
 * Turn a decoded capture payload into events, checking what PostHog checks: a batch
 * (`{ api_key, batch: [...] }`), a bare array, or one event (`{ api_key, event, ... }`); every
 * event an object with a name and a distinct id; an API key; and no event over the route's
 * per-event limit. The whole request is refused when one event is, as PostHog does.
 *
 * @param payload - the decoded JSON body
 * @param maxEventBytes - the route's per-event limit
 */
export function parseCapturePayload(payload: unknown, maxEventBytes: number): CaptureBatch {
  let items: unknown[];
  let apiKey: unknown;
  if (Array.isArray(payload)) items = payload;
  else if (isRecord(payload) && Array.isArray(payload.batch)) {
    items = payload.batch;
    apiKey = payload.api_key ?? payload.token;
  } else if (isRecord(payload) && payload.batch !== undefined) {
    throw new CaptureError(400, 'invalid_payload', '`batch` must be an array of events.');
  } else if (isRecord(payload) && typeof payload.event === 'string') {
    items = [payload];
    apiKey = payload.api_key ?? payload.token;
  } else {
    throw new CaptureError(
      400,
      'invalid_payload',
      'Expected { api_key, batch: [events] } or a single { api_key, event, distinct_id, properties } object.',
    );
  }
  if (items.length === 0) throw new CaptureError(400, 'no_data', 'The batch holds no events.');
  const now = Date.now();
  const events: IncomingEvent[] = items.map((item, index) => {
    const where = `Event ${index}`;
    if (!isRecord(item)) throw new CaptureError(400, 'invalid_event', `${where} is not an object.`);
    const name = item.event;
    if (typeof name !== 'string' || name.length === 0) {
      throw new CaptureError(400, 'invalid_event', `${where} has no \`event\` name.`);
    }
    if (item.properties !== undefined && item.properties !== null && !isRecord(item.properties)) {
      throw new CaptureError(400, 'invalid_event', `${where} (${name}): \`properties\` must be an object.`);
    }
    const properties = (item.properties ?? {}) as Record<string, unknown>;
    const distinct =
      item.distinct_id ?? item.$distinct_id ?? properties.distinct_id ?? properties.$distinct_id;
    const distinctId = typeof distinct === 'number' ? String(distinct) : distinct;
    if (typeof distinctId !== 'string' || distinctId.trim() === '') {
      throw new CaptureError(400, 'invalid_event', `${where} (${name}) has no \`distinct_id\`.`);
    }
    apiKey ??= item.api_key ?? properties.token;
    const bytes = Buffer.byteLength(JSON.stringify(item));
    if (bytes > maxEventBytes) {
      const uuid = typeof item.uuid === 'string' ? `, uuid ${item.uuid}` : '';
      const span =
        typeof properties[AI_PROP.spanName] === 'string' ? ` "${properties[AI_PROP.spanName]}"` : '';
      throw new CaptureError(
        413,
        'event_too_large',
        `${where} (${name}${span}${uuid}) is ${bytes} bytes, over PostHog's limit of ${maxEventBytes} bytes per event; PostHog would reject this whole request.`,
      );
    }
    return { message: item, event: name, distinctId, timestampMs: timestampOf(item.timestamp, now) };
  });
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new CaptureError(
      401,
      'invalid_api_key',
      'No project API key: send `api_key` in the body (posthog-node does this for you).',
    );
  }
  return { apiKey, events };
}
