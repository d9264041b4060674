import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One event as it arrived at the endpoint, in posthog-node's wire format. */
export interface ReceivedEvent {
  event: string;
  distinct_id: string;
  properties: Record<string, any>;
  timestamp?: string;
  uuid?: string;
  /** Bytes of this event, serialized. */
  bytes: number;
}

/** How the endpoint answers. */
export type CaptureMode = 'ok' | 'error500' | 'error413' | 'hang';

/** A local PostHog capture endpoint for tests. */
export interface CaptureServer {
  /** `http://127.0.0.1:PORT`: pass it as posthog-node's `host`. */
  readonly url: string;
  /** Every event accepted so far. */
  readonly events: ReceivedEvent[];
  /** How many HTTP requests arrived (accepted or not). */
  readonly requests: number;
  /** Change how the endpoint answers from now on. */
  setMode(mode: CaptureMode): void;
  /** Resolve once at least `count` events (optionally of one name) have arrived. */
  waitForEvents(count: number, options?: { event?: string; timeoutMs?: number }): Promise<ReceivedEvent[]>;
  /** Forget the events received. */
  clear(): void;
  close(): Promise<void>;
}

/** The whole body of a request. */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A request body as text, gunzipped when posthog-node (or an OTLP exporter) compressed it. */
export function bodyText(request: IncomingMessage, body: Buffer): string {
  const gzipped = request.headers['content-encoding'] === 'gzip' || (body[0] === 0x1f && body[1] === 0x8b);
  return (gzipped ? gunzipSync(body) : body).toString('utf8');
}

function decode(request: IncomingMessage, body: Buffer): unknown {
  return JSON.parse(bodyText(request, body));
}

/**
 * Start a capture endpoint on 127.0.0.1 (a free port) that accepts what posthog-node sends
 * (`POST /batch/`, gzip or not, and the AI route `/i/v0/ai/batch/`), records each event, and
 * answers like PostHog, or with 500 / 413 / no answer at all when told to.
 */
export async function startCaptureServer(): Promise<CaptureServer> {
  const events: ReceivedEvent[] = [];
  let requests = 0;
  let mode: CaptureMode = 'ok';
  const waiters = new Set<() => void>();
  const hung = new Set<ServerResponse>();

  const server: Server = createServer(async (request, response) => {
    requests++;
    if (mode === 'hang') {
      hung.add(response);
      request.resume();
      return;
    }
    try {
      const body = await readBody(request);
      if (mode === 'error500') {
        response.writeHead(500).end('{"error":"test"}');
        return;
      }
      if (mode === 'error413') {
        response.writeHead(413).end('{"error":"payload too large"}');
        return;
      }
      const payload = decode(request, body) as { batch?: unknown[] } & Record<string, unknown>;
      const batch = Array.isArray(payload.batch) ? payload.batch : [payload];
      for (const item of batch as Array<Omit<ReceivedEvent, 'bytes'>>) {
        events.push({ ...item, bytes: Buffer.byteLength(JSON.stringify(item)) });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
      for (const wake of waiters) wake();
    } catch (error) {
      response.writeHead(400).end(JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    events,
    get requests() {
      return requests;
    },
    setMode(next) {
      mode = next;
      if (next !== 'hang') {
        for (const response of hung) response.destroy();
        hung.clear();
      }
    },
    waitForEvents(count, options = {}) {
      const matching = () => (options.event ? events.filter((e) => e.event === options.event) : events);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = matching();
          if (found.length >= count) {
            cleanup();
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `expected ${count} events${options.event ? ` named ${options.event}` : ''}, got ${matching().length}`,
            ),
          );
        }, options.timeoutMs ?? 10_000);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    clear() {
      events.length = 0;
    },
    close() {
      for (const response of hung) response.destroy();
      hung.clear();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
