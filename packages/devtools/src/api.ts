import { estimateCost } from './cost';
import { MODEL_PRICES_DATE } from './model-prices';
import type { TraceFilter, TraceStore } from './store';
import { VERSION } from './version';

/** An API answer: status and JSON body. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

function notFound(what: string): ApiResponse {
  return { status: 404, body: { error: `${what} not found` } };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The viewer's JSON API, read-only, on top of the store:
 * `GET /api/status`, `GET /api/traces?search=&errors=1&session=&person=&before=&limit=`,
 * `GET /api/traces/:traceId`, `GET /api/events/:id`.
 */
export function handleApi(store: TraceStore, url: URL): ApiResponse {
  const parts = url.pathname.replace(/\/+$/, '').split('/').slice(2);
  const [resource, id, ...rest] = parts;
  if (rest.length > 0) return notFound('route');
  if (resource === 'status' && id === undefined) {
    return {
      status: 200,
      body: {
        version: VERSION,
        databasePath: store.path,
        events: store.countEvents(),
        lastEventId: store.lastEventId(),
        pricesDate: MODEL_PRICES_DATE,
      },
    };
  }
  if (resource === 'traces' && id === undefined) {
    const params = url.searchParams;
    const filter: TraceFilter = {};
    const search = params.get('search');
    if (search) filter.search = search.slice(0, 200);
    if (params.get('errors') === '1' || params.get('errors') === 'true') filter.errorsOnly = true;
    const session = params.get('session');
    if (session) filter.sessionId = session;
    const person = params.get('person');
    if (person) filter.distinctId = person;
    const before = Number(params.get('before'));
    if (params.has('before') && Number.isFinite(before)) filter.before = before;
    const limit = Number(params.get('limit'));
    if (params.has('limit') && Number.isFinite(limit)) filter.limit = limit;
    return { status: 200, body: { traces: store.listTraces(filter), lastEventId: store.lastEventId() } };
  }
  if (resource === 'traces' && id !== undefined) {
    const traceId = decodeSegment(id);
    const trace = traceId === undefined ? undefined : store.getTrace(traceId);
    return trace ? { status: 200, body: trace } : notFound('trace');
  }
  if (resource === 'events' && id !== undefined) {
    const rowId = Number(id);
    const event = Number.isSafeInteger(rowId) ? store.getEvent(rowId) : undefined;
    if (!event) return notFound('event');
    return { status: 200, body: { ...event, cost: estimateCost(event.properties) ?? null } };
  }
  return notFound('route');
}
