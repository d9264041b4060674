import { createEmbeddingHooks } from './embedding-hooks';
import { createLanguageModelHooks } from './language-model-hooks';
import { type LLMAnalyticsAiSdkOptions, resolveAnalytics } from './options';

type Callable = (...args: unknown[]) => PromiseLike<unknown>;

function methodOf(target: object, name: string): Callable | undefined {
  const value: unknown = Reflect.get(target, name);
  return typeof value === 'function' ? (value as Callable) : undefined;
}

/**
 * Wrap a language model or an embedding model of any AI SDK major (provider specification v2,
 * v3, v4, or a later one) so that its calls become `$ai_generation` / `$ai_embedding` events.
 * The result is a proxy: `provider`, `modelId`, `supportedUrls` and every other property of the
 * model stay readable, and only `doGenerate`, `doStream` and `doEmbed` are instrumented. On ai 5,
 * which has no embedding middleware, this is the way to capture `embed` / `embedMany`. A value
 * that is neither kind of model is returned as it is.
 *
 * @param model - the model to wrap (e.g. `openai('gpt-4o-mini')` or `openai.embedding('text-embedding-3-small')`)
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
 * import { embed, generateText } from 'ai';
 * import { openai } from '@ai-sdk/openai';
 * import { withLLMAnalytics } from '@llm-analytics/ai-sdk';
 *
 * const model = withLLMAnalytics(openai('gpt-4o-mini'), { client: posthog });
 * const embedder = withLLMAnalytics(openai.embedding('text-embedding-3-small'), { client: posthog });
 * const { text } = await generateText({ model, prompt: 'Hi' });
 * ```
 */
export function withLLMAnalytics<M extends object>(model: M, options: LLMAnalyticsAiSdkOptions): M {
  const analytics = resolveAnalytics(options);
  if (!analytics || typeof model !== 'object' || model === null) return model;
  const settings = options ?? {};
  if (methodOf(model, 'doEmbed')) {
    const hooks = createEmbeddingHooks(settings, analytics);
    const doEmbed = (params: unknown): Promise<unknown> => {
      const transformed = hooks.transformParams(params);
      return hooks.wrapEmbed(() => methodOf(model, 'doEmbed')!.call(model, transformed), transformed, model);
    };
    return proxy(model, { doEmbed });
  }
  if (methodOf(model, 'doGenerate') || methodOf(model, 'doStream')) {
    const hooks = createLanguageModelHooks(settings, analytics);
    const doGenerate = (params: unknown): Promise<unknown> => {
      const transformed = hooks.transformParams(params);
      return hooks.wrapGenerate(
        () => methodOf(model, 'doGenerate')!.call(model, transformed),
        transformed,
        model,
      );
    };
    const doStream = (params: unknown): Promise<unknown> => {
      const transformed = hooks.transformParams(params);
      return hooks.wrapStream(
        () => methodOf(model, 'doStream')!.call(model, transformed),
        transformed,
        model,
      );
    };
    return proxy(model, { doGenerate, doStream });
  }
  analytics.logger.debug('withLLMAnalytics: not a language or embedding model; returned unwrapped');
  return model;
}

function proxy<M extends object>(model: M, overrides: Record<string, unknown>): M {
  return new Proxy(model, {
    get(target, property) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) return overrides[property];
      // Read from the target itself so getters and private fields of provider classes work.
      return Reflect.get(target, property);
    },
  });
}
