import { type LLMAnalytics, now } from '@llm-analytics/core';
import { resolveCallLinks } from './call-links';
import { isInsideModelCall, runModelCall } from './nesting';
import { createCallOptionsCarrier, type LLMAnalyticsAiSdkOptions } from './options';
import { SOURCE } from './source';
import type { EmbedParams, ModelInfo } from './types';

/** The operations of the embedding middleware, independent of the AI SDK major. */
export interface EmbeddingHooks {
  /** Remove `providerOptions.llmAnalytics` from the params, remembering it for this call. */
  transformParams<P>(params: P): P;
  /** Run `doEmbed`, capture one `$ai_embedding`, return its result (or rethrow its error) untouched. */
  wrapEmbed<R>(doEmbed: () => PromiseLike<R>, params: unknown, model: unknown): Promise<R>;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function tokensOf(result: unknown): number | undefined {
  const tokens = objectOf(objectOf(result)?.usage)?.tokens;
  return typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0 ? tokens : undefined;
}

/** Count and dimensions of the vectors; the vectors themselves are never kept. */
function vectorShape(result: unknown): { count?: number; dimensions?: number } {
  const embeddings = objectOf(result)?.embeddings;
  if (!Array.isArray(embeddings)) return {};
  const first: unknown = embeddings[0];
  const dimensions =
    Array.isArray(first) || ArrayBuffer.isView(first) ? (first as ArrayLike<unknown>).length : undefined;
  return { count: embeddings.length, dimensions };
}

/** Create the embedding hooks for one set of options; all their work runs through the guard. */
export function createEmbeddingHooks(
  options: LLMAnalyticsAiSdkOptions,
  analytics: LLMAnalytics | undefined,
): EmbeddingHooks {
  const callOptions = createCallOptionsCarrier(analytics, 'transform embedding params');
  return {
    transformParams: (params) => callOptions.strip(params),

    async wrapEmbed<R>(doEmbed: () => PromiseLike<R>, params: unknown, model: unknown): Promise<R> {
      if (!analytics || isInsideModelCall()) return doEmbed();
      const state = analytics.guard.run(
        'embedding start',
        () => {
          const embedParams = (objectOf(params) ?? {}) as EmbedParams;
          return {
            links: resolveCallLinks(options, callOptions.callOptionsOf(embedParams)),
            startTime: now(),
            model: (objectOf(model) ?? {}) as ModelInfo,
            values: embedParams.values,
          };
        },
        undefined,
      );
      if (!state) return doEmbed();
      const capture = (result: unknown, error: unknown): void => {
        const { links, model: info, values } = state;
        const tokens = tokensOf(result);
        const shape = vectorShape(result);
        analytics.capture({
          kind: 'embedding',
          model: typeof info.modelId === 'string' ? info.modelId : undefined,
          provider: typeof info.provider === 'string' ? info.provider : undefined,
          input: Array.isArray(values) && values.length === 1 ? values[0] : values,
          usage: tokens === undefined ? undefined : { inputTokens: tokens },
          count: shape.count ?? (error === undefined ? undefined : values?.length),
          dimensions: shape.dimensions,
          startTime: state.startTime,
          error,
          source: SOURCE,
          // The call's links and identity, spread last (a literal that spreads first is slow in V8).
          ...links,
        });
      };
      let result: R;
      try {
        result = await runModelCall(doEmbed);
      } catch (error) {
        analytics.guard.run('embedding error', () => capture(undefined, error));
        throw error;
      }
      analytics.guard.run('embedding end', () => capture(result, undefined));
      return result;
    },
  };
}
