import { AsyncLocalStorage } from 'node:async_hooks';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import {
  type AnalyticsClient,
  estimateTokens,
  getCurrentContext,
  type Identity,
  LLMAnalytics,
  mergeIdentity,
  now,
  observeCall,
  truncateString,
} from '@llm-analytics/core';
import { handlerDefaults, type LLMAnalyticsCallbackHandler } from './callback-handler';
import { providerFromClassName } from './provider-of-class';
import { retrieverRegistry } from './retriever-registry';
import { LANGCHAIN_SOURCE } from './source';

/** Options of {@link trackEmbeddings}. */
export interface TrackEmbeddingsOptions {
  /** The posthog-node client; or pass `analytics` or `handler`. */
  client?: AnalyticsClient;
  /** An `LLMAnalytics` instance to capture through. */
  analytics?: LLMAnalytics;
  /** A callback handler whose `LLMAnalytics` instance and defaults (distinct id, properties, groups, privacy) to use. */
  handler?: LLMAnalyticsCallbackHandler;
  /** `$ai_model` (default: the embeddings' `model` / `modelName`, else its class name). */
  model?: string;
  /** `$ai_provider` (default: guessed from the class name, `OpenAIEmbeddings` → `openai`). */
  provider?: string;
  /** Distinct id of embedding calls made outside any run (inside one, the run's wins). */
  distinctId?: string;
  /** `$ai_session_id` of embedding calls made outside any run. */
  sessionId?: string;
  /** Properties added to every embedding event. */
  properties?: Record<string, unknown>;
  /** PostHog groups of embedding events made outside any run. */
  groups?: Record<string, string | number>;
  /**
   * Leave the embedded texts out of the events (`$ai_input: null`).
   * @default false
   */
  privacyMode?: boolean;
  /**
   * How many of a call's texts `$ai_input` keeps (the count is always exact).
   * @default 100
   */
  maxInputTexts?: number;
  /**
   * Print diagnostics with `console.debug` (only when this creates its own `LLMAnalytics`).
   * @default false
   */
  debug?: boolean;
}

interface Tracking {
  analytics: LLMAnalytics;
  model: string | undefined;
  provider: string | undefined;
  identity: Identity;
  maxInputTexts: number;
}

type Loose = Record<string, unknown>;

const DEFAULT_MAX_INPUT_TEXTS = 100;
const MAX_INPUT_TEXT_CHARS = 20_000;
const tracked = new WeakMap<object, Tracking>();
// Set while a tracked call runs, so that an `embedQuery` implemented with `embedDocuments`
// (or the reverse) is captured once, as the outer call.
const insideTrackedCall = new AsyncLocalStorage<true>();

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function modelOf(embeddings: object): string | undefined {
  const fields = embeddings as Loose;
  return (
    text(fields.model) ??
    text(fields.modelName) ??
    text(fields.model_name) ??
    text(fields.modelId) ??
    text(embeddings.constructor?.name)
  );
}

function inputOf(texts: readonly string[], maxTexts: number): string | string[] {
  const kept = texts
    .slice(0, maxTexts)
    .map((item) => (typeof item === 'string' ? truncateString(item, MAX_INPUT_TEXT_CHARS) : String(item)));
  if (texts.length > maxTexts) kept.push(`… [${texts.length - maxTexts} more texts]`);
  return kept;
}

function dimensionsOf(vectors: unknown): number | undefined {
  const first = Array.isArray(vectors) ? (vectors[0] as unknown) : undefined;
  return Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<number>).length : undefined;
}

/**
 * Capture every `embedQuery` / `embedDocuments` call of a LangChain `Embeddings` object as an
 * `$ai_embedding`: model, provider, texts, count, dimensions, latency, errors, and tokens
 * (estimated offline: LangChain drops the provider's count). A query embedded by a retriever
 * run of an {@link LLMAnalyticsCallbackHandler} links to that retriever span; one made inside
 * `analytics.trace()` / `span()` links there; any other call (indexing documents) is a
 * standalone embedding. Returns the same object, its methods wrapped in place; the vectors and
 * errors pass through unchanged.
 *
 * @param embeddings - any LangChain embeddings (`OpenAIEmbeddings`, `FakeEmbeddings`, …)
 * @param options.client - the posthog-node client (or `analytics`, or `handler`)
 * @param options.analytics - an `LLMAnalytics` instance to capture through
 * @param options.handler - a callback handler to share the instance and defaults with
 * @param options.model - `$ai_model` override
 * @param options.provider - `$ai_provider` override
 * @param options.privacyMode - leave the texts out (default `false`)
 * @param options.maxInputTexts - texts kept in `$ai_input` (default `100`)
 * @example
 * ```ts
 * const embeddings = trackEmbeddings(new OpenAIEmbeddings(), { handler });
 * const store = await MemoryVectorStore.fromDocuments(docs, embeddings); // standalone embeddings
 * const chain = store.asRetriever().pipe(formatDocs).pipe(prompt).pipe(model);
 * await chain.invoke(question, { callbacks: [handler] }); // the query embedding sits under the retriever span
 * ```
 */
export function trackEmbeddings<T extends EmbeddingsInterface>(
  embeddings: T,
  options: TrackEmbeddingsOptions,
): T {
  const analytics =
    options?.analytics ??
    options?.handler?.analytics ??
    new LLMAnalytics({ client: options?.client as AnalyticsClient, debug: options?.debug === true });
  return analytics.guard.run(
    'trackEmbeddings',
    () => {
      // A handler's defaults (distinct id, properties, groups, privacy) apply to its embeddings too.
      const identity: Identity = { ...(options?.handler ? handlerDefaults.get(options.handler) : undefined) };
      if (options?.distinctId) identity.distinctId = options.distinctId;
      if (options?.sessionId) identity.sessionId = options.sessionId;
      if (options?.properties) identity.properties = options.properties;
      if (options?.groups) identity.groups = options.groups;
      if (options?.privacyMode) identity.privacyMode = true;
      const maxTexts = options?.maxInputTexts;
      const tracking: Tracking = {
        analytics,
        model: options?.model ?? modelOf(embeddings),
        provider: options?.provider ?? providerFromClassName(embeddings.constructor?.name),
        identity,
        maxInputTexts: typeof maxTexts === 'number' && maxTexts >= 0 ? maxTexts : DEFAULT_MAX_INPUT_TEXTS,
      };
      // Tracking again only updates the options: the methods are wrapped once.
      const already = tracked.has(embeddings);
      tracked.set(embeddings, tracking);
      if (already) return embeddings;
      const originalQuery = embeddings.embedQuery;
      const originalDocuments = embeddings.embedDocuments;
      embeddings.embedQuery = function embedQuery(this: T, document: string) {
        return observe(embeddings, [document], true, () => originalQuery.call(this, document));
      } as T['embedQuery'];
      embeddings.embedDocuments = function embedDocuments(this: T, documents: string[]) {
        return observe(embeddings, documents, false, () => originalDocuments.call(this, documents));
      } as T['embedDocuments'];
      return embeddings;
    },
    embeddings,
  );
}

function observe<R>(embeddings: object, texts: readonly string[], isQuery: boolean, call: () => R): R {
  const tracking = tracked.get(embeddings);
  if (!tracking || insideTrackedCall.getStore()) return call();
  const { analytics } = tracking;
  const started = analytics.guard.run(
    'embedding start',
    () => ({ time: now(), link: linkOf(texts, isQuery) }),
    {
      time: Date.now(),
      link: undefined,
    },
  );
  const finish = (vectors: unknown, error: unknown) =>
    analytics.guard.run('embedding capture', () => {
      const link = started.link;
      const list = Array.isArray(texts) ? texts : [];
      const identity = link ? mergeIdentity(tracking.identity, link.identity) : tracking.identity;
      analytics.capture({
        kind: 'embedding',
        traceId: link?.traceId,
        parentId: link?.spanId,
        model: tracking.model,
        provider: tracking.provider,
        input: isQuery ? (inputOf(list, 1)[0] ?? '') : inputOf(list, tracking.maxInputTexts),
        count:
          error === undefined
            ? Array.isArray(vectors)
              ? isQuery
                ? 1
                : vectors.length
              : undefined
            : undefined,
        dimensions:
          error === undefined ? (isQuery ? dimensionsOf([vectors]) : dimensionsOf(vectors)) : undefined,
        usage: { inputTokens: estimateTokens(list), source: 'estimated' },
        startTime: started.time,
        error,
        source: LANGCHAIN_SOURCE,
        ...identity,
      });
    });
  return observeCall(() => insideTrackedCall.run(true, call), finish);
}

/** The retriever run this embedding call belongs to, if it embeds a running retriever's query. */
function linkOf(texts: readonly string[], isQuery: boolean) {
  if (!isQuery || typeof texts[0] !== 'string') return undefined;
  return retrieverRegistry().claim(texts[0], getCurrentContext()?.traceId);
}
