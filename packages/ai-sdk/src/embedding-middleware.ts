import { createEmbeddingHooks } from './embedding-hooks';
import { type LLMAnalyticsAiSdkOptions, resolveAnalytics } from './options';
import type { EmbedParams, ModelInfo } from './types';

/**
 * An embedding-model middleware for `wrapEmbeddingModel` of ai 6 (`specificationVersion: 'v3'`)
 * and ai 7 (any version). ai 5 has no embedding middleware: use {@link withLLMAnalytics} there.
 */
export interface LLMAnalyticsEmbeddingModelMiddleware {
  readonly specificationVersion: 'v3';
  /** Removes `providerOptions.llmAnalytics` before the provider sees the call. */
  transformParams<P extends EmbedParams>(options: { params: P; model: ModelInfo }): PromiseLike<P>;
  /** Captures one `$ai_embedding` per `doEmbed`. */
  wrapEmbed<R extends object>(options: {
    doEmbed: () => PromiseLike<R>;
    params: EmbedParams;
    model: ModelInfo;
  }): Promise<R>;
}

/**
 * A middleware for `wrapEmbeddingModel` (ai 6 and 7) that turns every provider call made by
 * `embed` and `embedMany` into an `$ai_embedding`: model, provider, the texts (not in privacy
 * mode), count, dimensions and tokens. Never the vectors.
 *
 * @param options.client - the posthog-node client (or pass `analytics`)
 * @param options.analytics - an `LLMAnalytics` instance, shared with `trace()` / `span()`
 * @param options.distinctId - default distinct id (per call: `providerOptions.llmAnalytics.distinctId`)
 * @param options.traceId - put every call into this trace (default: the current trace, else a fresh id per call)
 * @param options.sessionId - default `$ai_session_id`
 * @param options.properties - properties added to every event
 * @param options.groups - PostHog groups
 * @param options.privacyMode - send no texts (default `false`)
 * @param options.debug - print diagnostics (default `false`)
 * @example
 * ```ts
 * import { embedMany, wrapEmbeddingModel } from 'ai';
 * import { openai } from '@ai-sdk/openai';
 * import { llmAnalyticsEmbeddingMiddleware } from '@llm-analytics/ai-sdk';
 *
 * const model = wrapEmbeddingModel({
 *   model: openai.embedding('text-embedding-3-small'),
 *   middleware: llmAnalyticsEmbeddingMiddleware({ client: posthog }),
 * });
 * const { embeddings } = await embedMany({ model, values: chunks });
 * ```
 */
export function llmAnalyticsEmbeddingMiddleware(
  options: LLMAnalyticsAiSdkOptions,
): LLMAnalyticsEmbeddingModelMiddleware {
  const hooks = createEmbeddingHooks(options ?? {}, resolveAnalytics(options));
  return {
    specificationVersion: 'v3',
    async transformParams({ params }) {
      return hooks.transformParams(params);
    },
    wrapEmbed({ doEmbed, params, model }) {
      return hooks.wrapEmbed(doEmbed, params, model);
    },
  };
}
