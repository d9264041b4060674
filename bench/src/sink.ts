/**
 * The local sink: an HTTP server in its own process on 127.0.0.1 that accepts what every
 * column sends (posthog-node's gzip `/batch/`, Langfuse's OTLP/HTTP JSON traces) and counts
 * events and bytes per run. A run is named by the API key it sends with (posthog-node's
 * `api_key`, Langfuse's public key). Like PostHog, a batch holding an event over 1 MB is
 * answered 413 and counted as rejected.
 *
 * `GET /stats/<run>` returns `{ events, bytes, maxEventBytes, rejectedEvents, requests }`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyText, readBody } from '@llm-analytics/test-utils';

export interface RunStats {
  /** Events (or spans) accepted. */
  events: number;
  /** Bytes of the accepted events, each serialized on its own. */
  bytes: number;
  /** The largest event seen, accepted or not. */
  maxEventBytes: number;
  /** Events in batches answered 413. */
  rejectedEvents: number;
  /** HTTP requests received. */
  requests: number;
  /** Bytes received on the wire (compressed as sent). */
  wireBytes: number;
}

const POSTHOG_EVENT_LIMIT = 1_000_000;
const stats = new Map<string, RunStats>();

function statsOf(run: string): RunStats {
  let entry = stats.get(run);
  if (!entry) {
    entry = { events: 0, bytes: 0, maxEventBytes: 0, rejectedEvents: 0, requests: 0, wireBytes: 0 };
    stats.set(run, entry);
  }
  return entry;
}

interface OtlpBody {
  resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: unknown[] }> }>;
}

const server = createServer(async (request, response) => {
  try {
    const url = request.url ?? '/';
    if (request.method === 'GET' && url.startsWith('/stats/')) {
      const run = decodeURIComponent(url.slice('/stats/'.length));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(statsOf(run)));
      return;
    }
    const body = await readBody(request);
    if (url.includes('/otel/v1/traces')) {
      const run = String(request.headers['x-langfuse-public-key'] ?? 'unknown');
      const entry = statsOf(run);
      entry.requests++;
      entry.wireBytes += body.length;
      const parsed = JSON.parse(bodyText(request, body)) as OtlpBody;
      for (const resource of parsed.resourceSpans ?? []) {
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            const bytes = Buffer.byteLength(JSON.stringify(span));
            entry.events++;
            entry.bytes += bytes;
            entry.maxEventBytes = Math.max(entry.maxEventBytes, bytes);
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    if (url.includes('batch') || url.startsWith('/e') || url.startsWith('/i/v0/e')) {
      const payload = JSON.parse(bodyText(request, body)) as { api_key?: string; batch?: unknown[] };
      const run = String(payload.api_key ?? 'unknown');
      const entry = statsOf(run);
      entry.requests++;
      entry.wireBytes += body.length;
      const batch = Array.isArray(payload.batch) ? payload.batch : [payload];
      const sizes = batch.map((event) => Buffer.byteLength(JSON.stringify(event)));
      const largest = Math.max(0, ...sizes);
      entry.maxEventBytes = Math.max(entry.maxEventBytes, largest);
      if (largest > POSTHOG_EVENT_LIMIT) {
        entry.rejectedEvents += batch.length;
        response.writeHead(413).end('{"error":"event too large"}');
        return;
      }
      entry.events += batch.length;
      for (const size of sizes) entry.bytes += size;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
      return;
    }
    // Anything else posthog-node or Langfuse may ask for (flags, media): answer empty.
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  } catch (error) {
    response.writeHead(400).end(JSON.stringify({ error: String(error) }));
  }
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  if (process.send) process.send({ url });
  else process.stdout.write(`${url}\n`);
});
process.on('disconnect', () => process.exit(0));
