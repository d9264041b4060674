import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api';
import {
  CAPTURE_ROUTES,
  CaptureError,
  decodeBody,
  MAX_AI_EVENT_BYTES,
  MAX_BODY_BYTES,
  MAX_EVENT_BYTES,
  parseCapturePayload,
} from './capture';
import { defaultDatabasePath, openTraceStore, type TraceStore } from './store';
import { VIEWER_CSS, VIEWER_HTML, VIEWER_JS } from './viewer-assets';

/** The port `llm-analytics dev` and the demo try first. */
export const DEFAULT_PORT = 8010;

/** Options of {@link startDevServer}. */
export interface DevServerOptions {
  /**
   * Port to listen on; `0` picks a free one.
   * @default 8010
   */
  port?: number;
  /**
   * Interface to listen on. Keep it on loopback unless you mean to share your prompts.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * The SQLite file events are kept in (created if missing), or `:memory:`.
   * @default '.llm-analytics/dev.db' under the current working directory
   */
  databasePath?: string;
}

/** A running dev server. */
export interface DevServer {
  /** `http://host:port`: posthog-node's `host`, and the viewer's address. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** The store it writes to (read it directly in scripts and tests). */
  readonly store: TraceStore;
  /** Stop listening, finish answering, and close the database. */
  close(): Promise<void>;
}

/** The server could not start; `code` is `EADDRINUSE` when the port is taken. */
export class DevServerError extends Error {
  /** The underlying error code (`EADDRINUSE`, `EACCES`, …). */
  readonly code: string;
  /**
   * @param code - the underlying error code
   * @param message - what to tell the developer
   * @param cause - the underlying error
   */
  constructor(code: string, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DevServerError';
    this.code = code;
  }
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
// Event content is untrusted: the page runs only its own script and never loads anything else.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  response.writeHead(status, {
    'content-length': String(Buffer.byteLength(body)),
    ...SECURITY_HEADERS,
    ...headers,
  });
  response.end(body);
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  send(response, status, JSON.stringify(body), {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new CaptureError(413, 'payload_too_large', `The request body is over ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
  });
}

function trimPath(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

// A web page on another site can point a DNS name at 127.0.0.1 and read the viewer's API
// (DNS rebinding): on loopback, the viewer answers only requests addressed to loopback names.
function hostAllowed(request: IncomingMessage, boundHost: string): boolean {
  if (!LOOPBACK.has(boundHost)) return true;
  const header = request.headers.host;
  if (!header) return true;
  const name = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0];
  return LOOPBACK.has((name ?? '').toLowerCase());
}

async function handleCapture(
  request: IncomingMessage,
  response: ServerResponse,
  store: TraceStore,
  url: URL,
  route: string,
): Promise<void> {
  if (request.method === 'OPTIONS') {
    send(response, 204, '', {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
      'access-control-allow-headers': 'content-type, content-encoding',
    });
    return;
  }
  if (request.method !== 'POST') {
    sendJson(response, 405, {
      type: 'invalid_request',
      code: 'method_not_allowed',
      detail: 'Send events with POST.',
    });
    return;
  }
  try {
    const body = await readBody(request, MAX_BODY_BYTES);
    const payload = decodeBody(
      body,
      request.headers['content-encoding'],
      url.searchParams.get('compression'),
    );
    const limit = route === '/i/v0/ai/batch' ? MAX_AI_EVENT_BYTES : MAX_EVENT_BYTES;
    const batch = parseCapturePayload(payload, limit);
    // One transaction, committed before the 200: an accepted event is on disk.
    store.insert(batch.events, batch.apiKey);
    sendJson(response, 200, { status: 1 }, { 'access-control-allow-origin': '*' });
  } catch (error) {
    if (error instanceof CaptureError) {
      const headers: Record<string, string> = { 'access-control-allow-origin': '*' };
      // The rest of an oversized body is not worth reading.
      if (error.status === 413) headers.connection = 'close';
      sendJson(
        response,
        error.status,
        {
          type: error.status === 401 ? 'authentication_error' : 'validation_error',
          code: error.code,
          detail: error.message,
        },
        headers,
      );
      if (error.status === 413) request.resume();
      return;
    }
    // Storage failed (disk full, file locked): the client keeps the batch and retries.
    sendJson(response, 503, {
      type: 'server_error',
      code: 'storage_failed',
      detail: `The dev server could not store the events: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  store: TraceStore,
  host: string,
): Promise<void> | undefined {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = trimPath(url.pathname);
  if ((CAPTURE_ROUTES as readonly string[]).includes(path)) {
    return handleCapture(request, response, store, url, path);
  }
  request.resume();
  // posthog-node asks for flags only when the app evaluates them: answer "no flags", never fail.
  if (path === '/flags' || path === '/decide') {
    sendJson(response, 200, {
      flags: {},
      featureFlags: {},
      featureFlagPayloads: {},
      errorsWhileComputingFlags: false,
      quotaLimited: [],
      requestId: 'llm-analytics-dev',
    });
    return;
  }
  if (path === '/api/feature_flag/local_evaluation') {
    sendJson(response, 200, { flags: [], group_type_mapping: {}, cohorts: {} });
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, { error: 'method not allowed' });
    return;
  }
  if (!hostAllowed(request, host)) {
    sendJson(response, 403, { error: 'The viewer answers only on localhost / 127.0.0.1.' });
    return;
  }
  if (path.startsWith('/api/') || path === '/api') {
    const answer = handleApi(store, url);
    sendJson(response, answer.status, answer.body);
    return;
  }
  if (path === '/' || path === '/index.html') {
    send(response, 200, VIEWER_HTML, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'cache-control': 'no-store',
    });
    return;
  }
  if (path === '/viewer.js') {
    send(response, 200, VIEWER_JS, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    });
    return;
  }
  if (path === '/viewer.css') {
    send(response, 200, VIEWER_CSS, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': 'no-store',
    });
    return;
  }
  if (path === '/favicon.ico') {
    send(response, 204, '');
    return;
  }
  sendJson(response, 404, { error: `Nothing at ${path}. The viewer is at /.` });
  return undefined;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Start a local PostHog: a capture endpoint that takes what `posthog-node` sends (`/batch/`,
 * `/i/v0/e/`, `/capture/`, `/i/v0/ai/batch/`), keeps every event in SQLite, and serves the
 * trace viewer and its JSON API from the same URL. Rejects with a {@link DevServerError}
 * (`code: 'EADDRINUSE'` for a taken port) or a `TraceStoreError` (unreadable database).
 *
 * @param options.port - port, `0` for a free one (default `8010`)
 * @param options.host - interface (default `127.0.0.1`)
 * @param options.databasePath - SQLite file (default `.llm-analytics/dev.db` under the cwd)
 * @example
 * ```ts
 * import { PostHog } from 'posthog-node';
 * import { startDevServer } from '@llm-analytics/devtools';
 *
 * const server = await startDevServer({ port: 0 });
 * const posthog = new PostHog('phc_dev', { host: server.url });
 * // … capture, then open server.url in a browser
 * await posthog.shutdown();
 * await server.close();
 * ```
 */
export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const host = options.host ?? '127.0.0.1';
  const requestedPort = options.port ?? DEFAULT_PORT;
  const store = openTraceStore(options.databasePath ?? defaultDatabasePath());
  const server = createServer((request, response) => {
    request.on('error', () => response.destroy());
    response.on('error', () => {});
    Promise.resolve()
      .then(() => handleRequest(request, response, store, host))
      .catch((error: unknown) => {
        sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
      });
  });
  // A malformed HTTP request must never take the process down.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 5_000;
  try {
    await listen(server, requestedPort, host);
  } catch (error) {
    store.close();
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    const message =
      code === 'EADDRINUSE'
        ? `Port ${requestedPort} on ${host} is already in use (is another \`llm-analytics dev\` running? Its viewer would be at http://${host}:${requestedPort}). Pass another port, or 0 for a free one.`
        : code === 'EACCES'
          ? `Not allowed to listen on ${host}:${requestedPort}; use a port above 1024.`
          : `Cannot listen on ${host}:${requestedPort}: ${error instanceof Error ? error.message : String(error)}`;
    throw new DevServerError(code, message, error);
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    store,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      return closing;
    },
  };
}
