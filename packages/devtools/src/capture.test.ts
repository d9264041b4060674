import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CaptureError, decodeBody, MAX_EVENT_BYTES, parseCapturePayload } from './capture';

const event = (extra: Record<string, unknown> = {}) => ({
  event: '$ai_generation',
  distinct_id: 'user-1',
  properties: { $ai_trace_id: 't1' },
  timestamp: '2025-01-02T03:04:05.678Z',
  uuid: '0190a000-0000-7000-8000-000000000001',
  ...extra,
});

function refusal(fn: () => unknown): CaptureError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
  throw new Error('expected a CaptureError');
}

describe('decodeBody', () => {
  const json = JSON.stringify({ api_key: 'k', batch: [event()] });

  it('reads plain JSON, gzip by header, and gzip by magic bytes', () => {
    expect(decodeBody(Buffer.from(json), undefined, null)).toEqual(JSON.parse(json));
    expect(decodeBody(gzipSync(json), 'gzip', null)).toEqual(JSON.parse(json));
    expect(decodeBody(gzipSync(json), undefined, null)).toEqual(JSON.parse(json));
    expect(decodeBody(gzipSync(json), undefined, 'gzip-js')).toEqual(JSON.parse(json));
  });

  it('answers 400 for broken gzip, bad JSON and an empty body', () => {
    expect(refusal(() => decodeBody(Buffer.from('not gzip'), 'gzip', null)).status).toBe(400);
    const badJson = refusal(() => decodeBody(Buffer.from('{"batch": ['), undefined, null));
    expect(badJson.status).toBe(400);
    expect(badJson.message).toMatch(/not valid JSON/);
    expect(refusal(() => decodeBody(Buffer.alloc(0), undefined, null)).message).toMatch(/empty/);
  });

  it('refuses a compression bomb with 413 instead of inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(80 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(() => decodeBody(bomb, 'gzip', null)).status).toBe(413);
  });
});

describe('parseCapturePayload', () => {
  it('accepts a batch, a bare array and a single event', () => {
    expect(
      parseCapturePayload({ api_key: 'k', batch: [event(), event()] }, MAX_EVENT_BYTES).events,
    ).toHaveLength(2);
    expect(parseCapturePayload([event({ api_key: 'k' })], MAX_EVENT_BYTES).apiKey).toBe('k');
    const single = parseCapturePayload({ api_key: 'k', ...event() }, MAX_EVENT_BYTES);
    expect(single.events[0]).toMatchObject({
      event: '$ai_generation',
      distinctId: 'user-1',
      timestampMs: Date.parse('2025-01-02T03:04:05.678Z'),
    });
  });

  it('keeps the event exactly as sent', () => {
    const sent = event({
      properties: { $ai_trace_id: 't1', nested: { a: [1, null, 'x'] } },
      extra_field: true,
    });
    expect(parseCapturePayload({ api_key: 'k', batch: [sent] }, MAX_EVENT_BYTES).events[0]?.message).toBe(
      sent,
    );
  });

  it.each([
    [{ api_key: 'k' }, 400, /Expected/],
    [{ api_key: 'k', batch: 'nope' }, 400, /must be an array/],
    [{ api_key: 'k', batch: [] }, 400, /no events/],
    [{ api_key: 'k', batch: [42] }, 400, /Event 0 is not an object/],
    [{ api_key: 'k', batch: [event(), { distinct_id: 'u' }] }, 400, /Event 1 has no `event` name/],
    [{ api_key: 'k', batch: [event({ distinct_id: undefined })] }, 400, /no `distinct_id`/],
    [{ api_key: 'k', batch: [event({ properties: [1] })] }, 400, /`properties` must be an object/],
    [{ batch: [event()] }, 401, /API key/],
    ['a string', 400, /Expected/],
  ])('refuses %j with %i', (payload, status, message) => {
    const error = refusal(() => parseCapturePayload(payload, MAX_EVENT_BYTES));
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
  });

  it('refuses the whole request with 413 when one event is over the limit, naming that event', () => {
    const big = event({
      uuid: 'big-one',
      properties: { $ai_span_name: 'huge-prompt', $ai_input: 'x'.repeat(MAX_EVENT_BYTES) },
    });
    const error = refusal(() =>
      parseCapturePayload({ api_key: 'k', batch: [event(), big] }, MAX_EVENT_BYTES),
    );
    expect(error.status).toBe(413);
    expect(error.message).toContain('Event 1 ($ai_generation "huge-prompt", uuid big-one)');
    expect(error.message).toContain(`limit of ${MAX_EVENT_BYTES} bytes`);
  });

  it('accepts an event just under the limit', () => {
    const base = Buffer.byteLength(JSON.stringify(event({ properties: { pad: '' } })));
    const fits = event({ properties: { pad: 'x'.repeat(MAX_EVENT_BYTES - base) } });
    expect(Buffer.byteLength(JSON.stringify(fits))).toBe(MAX_EVENT_BYTES);
    expect(parseCapturePayload({ api_key: 'k', batch: [fits] }, MAX_EVENT_BYTES).events).toHaveLength(1);
  });
});
