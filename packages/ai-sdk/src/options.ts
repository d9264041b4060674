import { type AnalyticsClient, LLMAnalytics } from '@llm-analytics/core';

/**
 * Options of {@link llmAnalyticsMiddleware}, {@link llmAnalyticsEmbeddingMiddleware},
 * {@link withLLMAnalytics} and {@link traceTools}. Identity set here is a default: per-call
 * `providerOptions.llmAnalytics` and an enclosing `analytics.trace()` take precedence.
 */
export interface LLMAnalyticsAiSdkOptions {
  /** A posthog-node `PostHog` client (or any client with `capture`). Ignored when `analytics` is given. */
  client?: AnalyticsClient;
  /** An `LLMAnalytics` instance from `@llm-analytics/core`, shared with `trace()` / `span()`. */
  analytics?: LLMAnalytics;
  /** Default PostHog distinct id; without one, events are anonymous (keyed by their trace id). */
  distinctId?: string;
  /**
   * Put every call through this model into one trace. Usually better per call
   * (`providerOptions.llmAnalytics.traceId`) or with `analytics.trace()`.
   * @default a fresh trace id per call
   */
  traceId?: string;
  /** Default `$ai_session_id`. */
  sessionId?: string;
  /** Properties added to every event. */
  properties?: Record<string, unknown>;
  /** PostHog groups, e.g. `{ company: 'acme' }`. */
  groups?: Record<string, string | number>;
  /**
   * Send no content (prompts, outputs, tool arguments and results, error messages); metrics stay.
   * @default false
   */
  privacyMode?: boolean;
  /**
   * Print diagnostics with `console.debug` (only when `client` is given; an `analytics`
   * instance keeps its own setting).
   * @default false
   */
  debug?: boolean;
}

/**
 * Per-call options, read from `providerOptions.llmAnalytics` and removed before the provider
 * sees the call. Values must be JSON (the AI SDK's provider options are JSON).
 */
export interface LLMAnalyticsCallOptions {
  /** The person making this request. */
  distinctId?: string;
  /** Link this call (and every step of a multi-step tool loop) into this trace. */
  traceId?: string;
  /** `$ai_session_id` of this request. */
  sessionId?: string;
  /** The span id to nest this call under (default: the trace root or the current span). */
  parentId?: string;
  /** Properties for this call's events. */
  properties?: Record<string, unknown>;
  /** PostHog groups for this call's events. */
  groups?: Record<string, string | number>;
  /** Drop content for this call. */
  privacyMode?: boolean;
}

/** The key of the per-call options inside `providerOptions`. */
export const CALL_OPTIONS_KEY = 'llmAnalytics';

const instances = new WeakMap<AnalyticsClient, LLMAnalytics>();

/** The `LLMAnalytics` instance the options point at, or `undefined` when there is none. */
export function resolveAnalytics(options: LLMAnalyticsAiSdkOptions | undefined): LLMAnalytics | undefined {
  if (options?.analytics instanceof LLMAnalytics) return options.analytics;
  const client = options?.client;
  if (!client || typeof client.capture !== 'function') return undefined;
  // One instance per client keeps the debug logger and `onError` wiring shared between the
  // language-model, embedding and tool wrappers created from the same options.
  let analytics = instances.get(client);
  if (!analytics) {
    analytics = new LLMAnalytics({ client, debug: options.debug === true });
    instances.set(client, analytics);
  }
  return analytics;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function record<T>(value: unknown): Record<string, T> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, T>)
    : undefined;
}

/** Read per-call options from a `providerOptions.llmAnalytics` value, keeping only known, well-typed keys. */
export function parseCallOptions(value: unknown): LLMAnalyticsCallOptions | undefined {
  const raw = record<unknown>(value);
  if (!raw) return undefined;
  const parsed: LLMAnalyticsCallOptions = {};
  const distinctId = str(raw.distinctId);
  if (distinctId) parsed.distinctId = distinctId;
  const traceId = str(raw.traceId);
  if (traceId) parsed.traceId = traceId;
  const sessionId = str(raw.sessionId);
  if (sessionId) parsed.sessionId = sessionId;
  const parentId = str(raw.parentId);
  if (parentId) parsed.parentId = parentId;
  const properties = record<unknown>(raw.properties);
  if (properties) parsed.properties = properties;
  const groups = record<string | number>(raw.groups);
  if (groups) parsed.groups = groups;
  if (raw.privacyMode === true) parsed.privacyMode = true;
  return parsed;
}

/**
 * Split call params into the per-call options and the params the provider may see (the
 * `llmAnalytics` key removed; `providerOptions` removed entirely when nothing else is left).
 * Params without the key are returned as the very same object.
 */
export function stripCallOptions<P extends { readonly providerOptions?: unknown }>(
  params: P,
): { params: P; callOptions?: LLMAnalyticsCallOptions } {
  const providerOptions = record<unknown>(params?.providerOptions);
  if (!providerOptions || !(CALL_OPTIONS_KEY in providerOptions)) return { params };
  const { [CALL_OPTIONS_KEY]: ours, ...rest } = providerOptions;
  const next: Record<string, unknown> = { ...params };
  if (Object.keys(rest).length > 0) next.providerOptions = rest;
  else delete next.providerOptions;
  return { params: next as P, callOptions: parseCallOptions(ours) };
}

/**
 * The `transformParams` half of per-call options: strips `providerOptions.llmAnalytics` from the
 * params the provider will see and remembers it for the stripped params object, where the wrap
 * hook of the same call finds it with `callOptionsOf`.
 */
export interface CallOptionsCarrier {
  /** `transformParams`: the params without our key (the very same object when it had none). */
  strip<P>(params: P): P;
  /** The per-call options stripped from these params, if any. */
  callOptionsOf(params: unknown): LLMAnalyticsCallOptions | undefined;
}

/** One carrier per middleware instance; never throws (a failure hands the params on as they were). */
export function createCallOptionsCarrier(
  analytics: LLMAnalytics | undefined,
  operation: string,
): CallOptionsCarrier {
  const byParams = new WeakMap<object, LLMAnalyticsCallOptions>();
  return {
    strip<P>(params: P): P {
      if (!analytics) return params;
      return analytics.guard.run(
        operation,
        () => {
          const { params: stripped, callOptions } = stripCallOptions(
            params as P & { readonly providerOptions?: unknown },
          );
          if (callOptions && stripped !== params) byParams.set(stripped as object, callOptions);
          return stripped;
        },
        params,
      );
    },
    callOptionsOf(params) {
      return typeof params === 'object' && params !== null ? byParams.get(params) : undefined;
    },
  };
}
