import { AsyncLocalStorage } from 'node:async_hooks';

/** Identity that flows from a trace to everything captured inside it. */
export interface Identity {
  /** The PostHog distinct id; without one, events are anonymous and use the trace id. */
  distinctId?: string;
  /** `$ai_session_id`: groups traces into a conversation. */
  sessionId?: string;
  /** Extra event properties. */
  properties?: Record<string, unknown>;
  /** PostHog groups, e.g. `{ company: 'acme' }`. */
  groups?: Record<string, string | number>;
  /** Null every content field of the events. */
  privacyMode?: boolean;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Merge identity layers, later layers winning (as `Object.assign`): the distinct id and session
 * of the last layer that has one, properties and groups merged key by key, and privacy on when
 * any layer turns it on (a layer can add privacy, never remove it). Empty ids count as unset.
 * @example
 * ```ts
 * mergeIdentity(handlerDefaults, currentContext, perCallMetadata);
 * ```
 */
export function mergeIdentity(...layers: ReadonlyArray<Identity | undefined>): Identity {
  const merged: Identity = {};
  for (const layer of layers) {
    if (!layer) continue;
    const distinctId = idOf(layer.distinctId);
    if (distinctId) merged.distinctId = distinctId;
    const sessionId = idOf(layer.sessionId);
    if (sessionId) merged.sessionId = sessionId;
    if (layer.properties) merged.properties = { ...merged.properties, ...layer.properties };
    if (layer.groups) merged.groups = { ...merged.groups, ...layer.groups };
    if (layer.privacyMode === true) merged.privacyMode = true;
  }
  return merged;
}

/** The trace or span that is current: what new events link to. */
export interface TraceContext extends Identity {
  /** `$ai_trace_id` of the current trace. */
  traceId: string;
  /** `$ai_span_id` of the current trace or span: new events take it as `$ai_parent_id`. */
  spanId: string;
}

// One store per process, even when both the ESM and the CJS build of core are loaded
// (an adapter's CJS import beside the user's ESM import must still see the same trace).
const STORE_KEY = Symbol.for('@llm-analytics/core:context');
type GlobalWithStore = typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<TraceContext> };
const globalStore = globalThis as GlobalWithStore;
if (!globalStore[STORE_KEY]) globalStore[STORE_KEY] = new AsyncLocalStorage<TraceContext>();
const storage: AsyncLocalStorage<TraceContext> = globalStore[STORE_KEY];

/** The current trace or span context, if any code up the async call chain opened one. */
export function getCurrentContext(): TraceContext | undefined {
  return storage.getStore();
}

/**
 * Run `fn` with `context` as the current trace context: everything captured inside, by any
 * adapter, links to it. Adapters use this to make their own runs the parent of nested work.
 */
export function runWithContext<T>(context: TraceContext, fn: () => T): T {
  return storage.run(context, fn);
}
