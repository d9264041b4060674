import { createLanguageModelHooks } from './language-model-hooks';
import { type LLMAnalyticsAiSdkOptions, resolveAnalytics } from './options';
import type { CallParams, ModelInfo } from './types';

/**
 * A language-model middleware that every AI SDK major accepts: `wrapLanguageModel` of ai 5
 * reads `middlewareVersion: 'v2'`, ai 6 requires `specificationVersion: 'v3'`, ai 7 takes any
 * version. The hooks are generic, so each major's own call options and results flow through
 * with their own types.
 */
export interface LLMAnalyticsLanguageModelMiddleware {
  readonly specificationVersion: 'v3';
  readonly middlewareVersion: 'v2';
  /** Removes `providerOptions.llmAnalytics` before the provider sees the call. */
  transformParams<P extends CallParams>(options: {
    type: 'generate' | 'stream';
    params: P;
    model: ModelInfo;
  }): PromiseLike<P>;
  /** Captures one `$ai_generation` per `doGenerate`. */
  wrapGenerate<R extends object>(options: {
    doGenerate: () => PromiseLike<R>;
    doStream: () => PromiseLike<unknown>;
    params: CallParams;
    model: ModelInfo;
  }): Promise<R>;
  /** Captures one streamed `$ai_generation` per `doStream`, however the stream ends. */
  wrapStream<R extends object>(options: {
    doGenerate: () => PromiseLike<unknown>;
    doStream: () => PromiseLike<R>;
    params: CallParams;
    model: ModelInfo;
  }): Promise<R>;
}

/**
 * A middleware for `wrapLanguageModel` (ai 5, 6 and 7) that turns every model call made by
 * `generateText`, `streamText`, `generateObject` or `streamObject` into a `$ai_generation`.
 *
 * @param options.client - the posthog-node client (or pass `analytics`)
 * @param options.analytics - an `LLMAnalytics` instance, shared with `trace()` / `span()`
 * @param options.distinctId - default distinct id (per call: `providerOptions.llmAnalytics.distinctId`)
 * @param options.traceId - put every call into this trace (default: the current trace, else a fresh id per call)
 * @param options.sessionId - default `$ai_session_id`
 * @param options.properties - properties added to every event
 * @param options.groups - PostHog groups
 * @param options.privacyMode - send no content (default `false`)
 * @param options.debug - print diagnostics (default `false`)
 * @example
 * ```ts
 * import { streamText, wrapLanguageModel } from 'ai';
 * import { openai } from '@ai-sdk/openai';
 * import { llmAnalyticsMiddleware } from '@llm-analytics/ai-sdk';
 *
 * const model = wrapLanguageModel({ model: openai('gpt-4o-mini'), middleware: llmAnalyticsMiddleware({ client: posthog }) });
 * const result = streamText({ model, prompt: 'Hi', providerOptions: { llmAnalytics: { distinctId: user.id } } });
 * ```
 */
export function llmAnalyticsMiddleware(
  options: LLMAnalyticsAiSdkOptions,
): LLMAnalyticsLanguageModelMiddleware {
  const analytics = resolveAnalytics(options);
  const hooks = createLanguageModelHooks(options ?? {}, analytics);
  return {
    specificationVersion: 'v3',
    middlewareVersion: 'v2',
    async transformParams({ params }) {
      return hooks.transformParams(params);
    },
    wrapGenerate({ doGenerate, params, model }) {
      return hooks.wrapGenerate(doGenerate, params, model);
    },
    wrapStream({ doStream, params, model }) {
      return hooks.wrapStream(doStream, params, model);
    },
  };
}
