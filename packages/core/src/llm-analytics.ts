import { buildEvent, type ResolvedLinks } from './build-event';
import { now, secondsBetween } from './clock';
import { type AiEventName, PROTECTED_PROPS, type SpanType } from './constants';
import {
  getCurrentContext,
  type Identity,
  mergeIdentity,
  runWithContext,
  type TraceContext,
} from './context';
import { createDebugLogger, type DebugLogger } from './debug-logger';
import { createGuard, type ErrorHandler, type Guard } from './guard';
import { newId, sanitizeId } from './ids';
import { type JsonSafeOptions, type JsonValue, toJsonSafe } from './json-safe';
import { isDocumentLike, isLangChainMessage, normalizeMessage } from './messages';
import { observeCall } from './observe-call';
import type { Pricing } from './pricing';
import type { CaptureRecord, CaptureSource, EmbeddingRecord, GenerationRecord } from './records';
import { fitToBudget } from './size-budget';
import { VERSION } from './version';

/** What `client.capture()` receives, and what the `redact` hook sees and returns. */
export interface CaptureMessage {
  distinctId: string;
  event: AiEventName;
  properties: Record<string, JsonValue>;
  groups?: Record<string, string | number>;
}

/**
 * The client events go to: a `posthog-node` `PostHog`, or anything with the same `capture`.
 * `flush`, `shutdown` and `privacyMode` are used when present.
 */
export interface AnalyticsClient {
  capture(message: CaptureMessage): void;
  flush?(): Promise<unknown> | unknown;
  shutdown?(...args: never[]): Promise<unknown> | unknown;
  /** posthog-node's own `privacyMode` option, honoured as if set here. */
  readonly privacyMode?: boolean;
}

/** Options of {@link LLMAnalytics}. */
export interface LLMAnalyticsOptions extends Identity {
  /** The PostHog client (`new PostHog(key, { host })` from `posthog-node`) or any compatible client. */
  client: AnalyticsClient;
  /**
   * Drop every content field (inputs, outputs, states, error messages); metrics stay.
   * The client's own `privacyMode` turns it on too, and per-call settings can only add to it.
   * @default false
   */
  privacyMode?: boolean;
  /**
   * Runs last on every event; return the message (edited or not), or `null` to drop it.
   * If it throws, the event is dropped (fail closed).
   */
  redact?: (message: CaptureMessage) => CaptureMessage | null;
  /**
   * The most bytes one serialized event may take; larger ones are cut to fit (PostHog rejects
   * events over 1 MB, losing the whole batch).
   * @default 900_000
   */
  maxEventBytes?: number;
  /** Custom USD per-token prices by model, sent as `$ai_*_token_price`. */
  pricing?: Pricing;
  /**
   * Print diagnostics (swallowed errors, evicted runs, cut events) with `console.debug`.
   * @default false
   */
  debug?: boolean;
  /** Called with every error the instrumentation swallowed, and the operation it happened in. */
  onError?: ErrorHandler;
}

/** Options of {@link LLMAnalytics.trace}. */
export interface TraceOptions extends Identity {
  /** `$ai_span_name` of the trace. */
  name?: string;
  /** Use this trace id instead of a fresh UUID v7 (sanitized to PostHog's allowed characters). */
  traceId?: string;
  /** `$ai_input_state`. */
  input?: unknown;
}

/** Options of {@link LLMAnalytics.span}. */
export interface SpanOptions extends Identity {
  /** `$ai_span_name`. */
  name?: string;
  /** @default 'custom' */
  type?: SpanType;
  /** `$ai_input_state`. */
  input?: unknown;
  /** Start a span in this trace rather than the current one. */
  traceId?: string;
  /** Use this parent rather than the current span. */
  parentId?: string;
}

/** The running trace or span, handed to the function of `trace()` / `span()`. */
export interface ActiveSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Set `$ai_output_state` (by default, the function's return value). */
  setOutput(output: unknown): void;
  /** Add properties to the trace or span event. */
  setProperties(properties: Record<string, unknown>): void;
}

/** The manual generation capture: everything a provider call can tell. */
export type GenerationData = Omit<GenerationRecord, 'kind' | 'source'>;
/** The manual embedding capture. */
export type EmbeddingData = Omit<EmbeddingRecord, 'kind' | 'source'>;

/** Ids of a captured event. */
export interface CaptureIds {
  traceId: string;
  spanId: string;
  parentId?: string;
}

const CORE_SOURCE: CaptureSource = { lib: '@llm-analytics/core', version: VERSION };
const DEFAULT_MAX_EVENT_BYTES = 900_000;
// posthog-node adds `type`, `library`, `timestamp`, `uuid`, `$lib*` and `$geoip_disable`.
const ENVELOPE_OVERHEAD = 600;

/**
 * Core's own conversion hook for host objects any adapter may pass through state:
 * LangChain messages become PostHog messages and documents `{ page_content, metadata }`.
 */
export function defaultTransform(value: object): unknown {
  if (isLangChainMessage(value)) {
    const messages = normalizeMessage(value);
    return messages.length === 1 ? messages[0] : messages;
  }
  if (isDocumentLike(value)) {
    const document: Record<string, unknown> = {
      page_content: value.pageContent,
      metadata: value.metadata ?? {},
    };
    if (typeof value.id === 'string') document.id = value.id;
    return document;
  }
  return undefined;
}

/**
 * Turns traces, spans, LLM calls and embedding calls into PostHog LLM analytics events, and is
 * the one path to the client: every entry point is guarded, nothing it does throws into the host.
 *
 * @example
 * ```ts
 * import { PostHog } from 'posthog-node';
 * import { LLMAnalytics } from '@llm-analytics/core';
 *
 * const analytics = new LLMAnalytics({ client: new PostHog(process.env.POSTHOG_API_KEY!) });
 * const answer = await analytics.trace({ name: 'support-chat', distinctId: user.id }, async () => {
 *   const docs = await analytics.span({ name: 'search', type: 'retriever', input: question }, () => search(question));
 *   return answerWith(docs);
 * });
 * ```
 */
export class LLMAnalytics {
  /** The client events are sent to. */
  readonly client: AnalyticsClient;
  /** The debug logger (silent unless `debug`). */
  readonly logger: DebugLogger;
  /** The guard every entry point runs through; adapters use it for their own hooks. */
  readonly guard: Guard;
  private readonly options: LLMAnalyticsOptions;
  private readonly maxEventBytes: number;
  private readonly jsonSafe: JsonSafeOptions;

  /**
   * @param options.client - the posthog-node client (or any client with `capture`)
   * @param options.distinctId - default distinct id; without one, events are anonymous
   * @param options.groups - default PostHog groups
   * @param options.properties - properties added to every event
   * @param options.privacyMode - drop content fields (default `false`)
   * @param options.redact - last edit of every event; `null` drops it; throwing drops it
   * @param options.maxEventBytes - per-event size budget (default `900_000`)
   * @param options.pricing - custom USD per-token prices by model
   * @param options.debug - print diagnostics (default `false`)
   * @param options.onError - called with every swallowed error
   */
  constructor(options: LLMAnalyticsOptions) {
    this.options = options;
    this.client = options.client;
    this.logger = createDebugLogger(options.debug === true);
    this.guard = createGuard(this.logger, options.onError);
    const budget = options.maxEventBytes;
    this.maxEventBytes = typeof budget === 'number' && budget > 10_000 ? budget : DEFAULT_MAX_EVENT_BYTES;
    // A string longer than the whole budget can never be sent whole: cut it while converting,
    // to a quarter of the budget, so the event is then measured once instead of serialized at
    // full budget size again and again (a 10 MB prompt appears in several events of a chain).
    this.jsonSafe = {
      maxStringLength: this.maxEventBytes,
      cutStringTo: Math.floor(this.maxEventBytes / 4),
      transform: defaultTransform,
    };
    if (!options.client || typeof options.client.capture !== 'function') {
      this.logger.warn('LLMAnalytics needs a client with a capture() method; events will be dropped');
    }
  }

  /** Whether privacy mode is on for everything (the option, or the client's own `privacyMode`). */
  get privacyMode(): boolean {
    return this.options.privacyMode === true || this.client?.privacyMode === true;
  }

  /** The current trace or span context (from `trace()`, `span()`, or an adapter), if any. */
  currentContext(): TraceContext | undefined {
    return getCurrentContext();
  }

  /**
   * Run `fn` as a trace: everything captured inside, from any adapter, links to it, and a
   * `$ai_trace` is captured when `fn` settles (last, after its children). Its return value, or
   * its error, reaches the caller unchanged; a returned promise is the very same promise.
   *
   * @param options.name - the trace's name
   * @param options.traceId - a custom trace id (default: a fresh UUID v7)
   * @param options.distinctId - the person; inherited by everything inside
   * @param options.sessionId - `$ai_session_id`
   * @param options.input - `$ai_input_state`
   * @param options.properties - extra properties for every event of the trace
   * @param options.groups - PostHog groups for every event of the trace
   * @example
   * ```ts
   * await analytics.trace({ name: 'chat', distinctId: 'user_1', input: question }, () => chain.invoke(question));
   * ```
   */
  trace<T>(options: TraceOptions, fn: (trace: ActiveSpan) => T): T {
    const started = now();
    const prepared = this.guard.run(
      'trace start',
      () => {
        const traceId = sanitizeId(options.traceId) ?? newId();
        const context: TraceContext = {
          traceId,
          spanId: traceId,
          ...this.identityOf(options, undefined),
        };
        return context;
      },
      undefined,
    );
    if (!prepared) return fn(inertSpan);
    return this.runTracked(prepared, fn, (output, extra, error) =>
      this.capture({
        kind: 'trace',
        traceId: prepared.traceId,
        spanId: prepared.traceId,
        name: options.name,
        input: options.input,
        output,
        error,
        startTime: started,
        ...identityFields(prepared, extra),
      }),
    );
  }

  /**
   * Run `fn` as a span of the current trace (outside any trace, of a fresh pseudo-trace); a
   * `$ai_span` is captured when `fn` settles. The result or error reaches the caller unchanged.
   *
   * @param options.name - the span's name
   * @param options.type - `$ai_span_type` (default `custom`)
   * @param options.input - `$ai_input_state`
   * @example
   * ```ts
   * const docs = await analytics.span({ name: 'search', type: 'retriever', input: query }, () => store.search(query));
   * ```
   */
  span<T>(options: SpanOptions, fn: (span: ActiveSpan) => T): T {
    const started = now();
    const prepared = this.guard.run(
      'span start',
      () => {
        const parent = getCurrentContext();
        const traceId = sanitizeId(options.traceId) ?? parent?.traceId ?? newId();
        const parentId =
          sanitizeId(options.parentId) ?? (parent && parent.traceId === traceId ? parent.spanId : traceId);
        const context: TraceContext & { parentId: string } = {
          traceId,
          spanId: newId(),
          parentId,
          ...this.identityOf(options, parent),
        };
        return context;
      },
      undefined,
    );
    if (!prepared) return fn(inertSpan);
    return this.runTracked(prepared, fn, (output, extra, error) =>
      this.capture({
        kind: 'span',
        traceId: prepared.traceId,
        spanId: prepared.spanId,
        parentId: prepared.parentId,
        name: options.name,
        spanType: options.type,
        input: options.input,
        output,
        error,
        startTime: started,
        ...identityFields(prepared, extra),
      }),
    );
  }

  /**
   * Capture one LLM call made outside any adapter (a provider SDK called directly). Linked to
   * the current trace or span when inside one; otherwise a standalone generation.
   * @returns the ids of the event, or `undefined` if it could not be captured
   * @example
   * ```ts
   * analytics.captureGeneration({ model: 'gpt-4o-mini', provider: 'openai', input: messages, output: reply,
   *   usage: { inputTokens: 120, outputTokens: 40 }, latency: 0.8 });
   * ```
   */
  captureGeneration(data: GenerationData): CaptureIds | undefined {
    return this.capture({ kind: 'generation', ...data });
  }

  /**
   * Capture one embedding call made outside any adapter. Never send the vectors: pass `count`
   * and `dimensions` instead.
   * @returns the ids of the event, or `undefined` if it could not be captured
   * @example
   * ```ts
   * analytics.captureEmbedding({ model: 'text-embedding-3-small', provider: 'openai', input: texts, count: 3, dimensions: 1536 });
   * ```
   */
  captureEmbedding(data: EmbeddingData): CaptureIds | undefined {
    return this.capture({ kind: 'embedding', ...data });
  }

  /**
   * Capture a typed record: the path every adapter takes. Resolves links from the record, else
   * the current context; builds the event; applies privacy, the size budget and the redact hook;
   * hands it to the client. Never throws.
   * @returns the ids of the event, or `undefined` if it was not captured
   */
  capture(record: CaptureRecord): CaptureIds | undefined {
    return this.guard.run(
      `capture ${record?.kind ?? 'record'}`,
      () => this.captureUnguarded(record),
      undefined,
    );
  }

  /**
   * Send what the client has queued. Resolves even when the network fails (the error goes to
   * the debug logger and `onError`).
   */
  async flush(): Promise<void> {
    try {
      await this.client?.flush?.();
    } catch (error) {
      this.guard.report(error, 'flush');
    }
  }

  /** Flush and shut the client down (serverless: call before the process ends). Never rejects. */
  async shutdown(): Promise<void> {
    try {
      await this.client?.shutdown?.();
    } catch (error) {
      this.guard.report(error, 'shutdown');
    }
  }

  /** Merge identity: explicit values over the parent context over the instance defaults. */
  identityOf(explicit: Identity, parent: Identity | undefined): Identity {
    const { distinctId, sessionId, properties, groups } = this.options;
    return mergeIdentity({ distinctId, sessionId, properties, groups }, parent, explicit);
  }

  private runTracked<T>(
    context: TraceContext,
    fn: (span: ActiveSpan) => T,
    finish: (output: unknown, extra: Record<string, unknown> | undefined, error: unknown) => void,
  ): T {
    let output: unknown;
    let outputSet = false;
    let extra: Record<string, unknown> | undefined;
    const handle: ActiveSpan = {
      traceId: context.traceId,
      spanId: context.spanId,
      setOutput(value) {
        output = value;
        outputSet = true;
      },
      setProperties(properties) {
        extra = { ...extra, ...properties };
      },
    };
    const done = (value: unknown, error: unknown) =>
      this.guard.run('trace end', () => finish(outputSet ? output : value, extra, error));
    return observeCall(
      () => runWithContext(context, () => fn(handle)),
      (value, error) => done(value, error),
    );
  }

  private captureUnguarded(record: CaptureRecord): CaptureIds | undefined {
    const client = this.client;
    if (!client || typeof client.capture !== 'function') return undefined;
    const context = getCurrentContext();
    const explicitTrace = sanitizeId(record.traceId);
    const inContext = context && (!explicitTrace || explicitTrace === context.traceId) ? context : undefined;
    const traceId = explicitTrace ?? context?.traceId ?? newId();
    const spanId = record.kind === 'trace' ? traceId : (sanitizeId(record.spanId) ?? newId());
    const parentId =
      record.kind === 'trace' ? undefined : (sanitizeId(record.parentId) ?? inContext?.spanId ?? traceId);
    const identity = this.identityOf(record, inContext);
    const privacyMode = this.privacyMode || identity.privacyMode === true;
    const endTime = record.endTime ?? now();
    const latency =
      typeof record.latency === 'number' && Number.isFinite(record.latency)
        ? Math.max(0, record.latency)
        : record.startTime !== undefined
          ? secondsBetween(record.startTime, endTime)
          : 0;
    const links: ResolvedLinks = {
      traceId,
      spanId,
      parentId,
      distinctId: identity.distinctId,
      sessionId: identity.sessionId,
      privacyMode,
      latency,
      source: record.source ?? CORE_SOURCE,
    };
    const built = buildEvent(record, links, { pricing: this.options.pricing, jsonSafe: this.jsonSafe });
    const custom = { ...this.options.properties, ...identity.properties };
    const properties = built.properties;
    if (Object.keys(custom).length > 0) {
      const safeCustom = toJsonSafe(custom, this.jsonSafe) as Record<string, JsonValue>;
      for (const key of Object.keys(safeCustom)) {
        if ((PROTECTED_PROPS as readonly string[]).includes(key)) {
          this.logger.debug(`custom property ${key} ignored: it would break the trace's links`);
          continue;
        }
        properties[key] = safeCustom[key] as JsonValue;
      }
    }
    const groups = { ...this.options.groups, ...identity.groups };
    const fitted = fitToBudget(properties, this.maxEventBytes, ENVELOPE_OVERHEAD);
    if (fitted.truncated)
      this.logger.debug(`${built.event} cut to fit ${this.maxEventBytes} bytes`, { spanId });
    let message: CaptureMessage | null = {
      distinctId: identity.distinctId ?? traceId,
      event: built.event,
      properties: fitted.properties,
    };
    if (Object.keys(groups).length > 0) message.groups = groups;
    if (this.options.redact) {
      try {
        message = this.options.redact(message);
      } catch (error) {
        this.guard.report(error, `redact (${built.event} dropped)`);
        return undefined;
      }
      if (!message) {
        this.logger.debug(`${built.event} dropped by redact`);
        return undefined;
      }
      const refit = fitToBudget(message.properties, this.maxEventBytes, ENVELOPE_OVERHEAD);
      message = { ...message, properties: refit.properties };
    }
    client.capture(message);
    return { traceId, spanId, parentId };
  }
}

function identityFields(context: TraceContext, extra: Record<string, unknown> | undefined): Identity {
  const { distinctId, sessionId, groups, privacyMode } = context;
  const properties = extra ? { ...context.properties, ...extra } : context.properties;
  return { distinctId, sessionId, groups, privacyMode, properties };
}

const inertSpan: ActiveSpan = {
  traceId: '',
  spanId: '',
  setOutput() {},
  setProperties() {},
};
