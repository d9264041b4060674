import { type LLMAnalytics, now, secondsBetween } from '@llm-analytics/core';
import { type CallLinks, resolveCallLinks } from './call-links';
import { baseUrlOf, modelParametersOf, outputOf, responseModelOf, stopReasonOf, toolsOf } from './generation';
import { instrumentStream } from './instrument-stream';
import { isInsideModelCall, runModelCall } from './nesting';
import { createCallOptionsCarrier, type LLMAnalyticsAiSdkOptions } from './options';
import { SOURCE } from './source';
import { StreamRecorder } from './stream-recorder';
import { rememberToolCall } from './tool-call-registry';
import type { CallParams, FinishReasonShape, ModelInfo, PartShape } from './types';
import { toUsage } from './usage';

/** The three operations of the language-model middleware, independent of the AI SDK major. */
export interface LanguageModelHooks {
  /** Remove `providerOptions.llmAnalytics` from the params, remembering it for this call. */
  transformParams<P>(params: P): P;
  /** Run `doGenerate`, capture one generation, return its result (or rethrow its error) untouched. */
  wrapGenerate<R>(doGenerate: () => PromiseLike<R>, params: unknown, model: unknown): Promise<R>;
  /** Run `doStream` and return its result with the stream instrumented; one generation per call. */
  wrapStream<R>(doStream: () => PromiseLike<R>, params: unknown, model: unknown): Promise<R>;
}

interface CallState {
  analytics: LLMAnalytics;
  links: CallLinks;
  startTime: number;
  model: ModelInfo;
  params: CallParams;
}

interface Outcome {
  stream: boolean;
  output?: unknown;
  usage?: unknown;
  finishReason?: FinishReasonShape;
  providerMetadata?: unknown;
  responseModel?: string;
  result?: unknown;
  firstContentAt?: number;
  error?: unknown;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function abortError(reason: unknown, message: string): unknown {
  if (reason instanceof Error) return reason;
  const error = new Error(reason === undefined ? message : `${message}: ${String(reason)}`);
  error.name = 'AbortError';
  return error;
}

function abandonedError(idleTimeoutMs: number): Error {
  const error = new Error(
    `the consumer stopped reading the stream for ${Math.round(idleTimeoutMs / 1000)} s`,
  );
  error.name = 'StreamAbandonedError';
  return error;
}

/**
 * How long a consumer may leave a streamed part unread before the call is captured as
 * abandoned (with the output so far). Exported for tests; not part of the public API.
 */
export const streamSettings = { idleTimeoutMs: 5 * 60_000 };

function isReadableStream(value: unknown): value is ReadableStream<unknown> {
  return typeof (objectOf(value)?.getReader as unknown) === 'function';
}

/**
 * Create the middleware's hooks for one set of options. Every hook runs its own work through
 * the analytics guard: the model call, its result, its error and its stream reach the host
 * unchanged whatever happens here.
 */
export function createLanguageModelHooks(
  options: LLMAnalyticsAiSdkOptions,
  analytics: LLMAnalytics | undefined,
): LanguageModelHooks {
  // Per-call options travel from transformParams to wrapGenerate/wrapStream on the params
  // object itself: the AI SDK hands the transformed params object to both.
  const callOptions = createCallOptionsCarrier(analytics, 'transform params');

  const start = (params: unknown, model: unknown): CallState | undefined => {
    if (!analytics) return undefined;
    return analytics.guard.run(
      'generation start',
      () => {
        const callParams = (objectOf(params) ?? {}) as CallParams;
        const call = callOptions.callOptionsOf(callParams);
        return {
          analytics,
          links: resolveCallLinks(options, call),
          startTime: now(),
          model: (objectOf(model) ?? {}) as ModelInfo,
          params: callParams,
        };
      },
      undefined,
    );
  };

  const rememberToolCalls = (state: CallState, calls: ReadonlyArray<{ toolCallId?: string }>): void => {
    const { traceId, parentId, distinctId, sessionId, properties, groups, privacyMode } = state.links;
    for (const call of calls) {
      rememberToolCall(call.toolCallId, {
        traceId,
        parentId,
        distinctId,
        sessionId,
        properties,
        groups,
        privacyMode,
      });
    }
  };

  const capture = (state: CallState, outcome: Outcome): void => {
    const { links, model, params } = state;
    const provider = typeof model.provider === 'string' ? model.provider : undefined;
    state.analytics.capture({
      kind: 'generation',
      model: outcome.responseModel ?? (typeof model.modelId === 'string' ? model.modelId : undefined),
      provider,
      input: params.prompt,
      output: outcome.output,
      usage: toUsage(outcome.usage, provider, outcome.providerMetadata),
      modelParameters: modelParametersOf(params),
      tools: toolsOf(params),
      stream: outcome.stream,
      timeToFirstToken:
        outcome.firstContentAt === undefined
          ? undefined
          : secondsBetween(state.startTime, outcome.firstContentAt),
      stopReason: stopReasonOf(outcome.finishReason),
      baseUrl: baseUrlOf(model, outcome.result),
      startTime: state.startTime,
      error: outcome.error,
      source: SOURCE,
      // The call's links and identity, spread last (a literal that spreads first is slow in V8).
      ...links,
    });
  };

  const instrument = <R>(state: CallState, result: R): R => {
    const stream = objectOf(result)?.stream;
    if (!isReadableStream(stream)) {
      capture(state, { stream: true, result });
      return result;
    }
    const guard = state.analytics.guard;
    const recorder = new StreamRecorder();
    const signal = state.params.abortSignal;
    let finished = false;
    const finish = (error?: unknown): void => {
      if (finished) return;
      finished = true;
      if (signal instanceof AbortSignal) signal.removeEventListener('abort', onAbort);
      guard.run('generation end', () =>
        capture(state, {
          stream: true,
          output: recorder.output(),
          usage: recorder.usage,
          finishReason: recorder.finishReason,
          providerMetadata: recorder.providerMetadata,
          responseModel: recorder.responseModel,
          firstContentAt: recorder.firstContentAt,
          result,
          error,
        }),
      );
    };
    // A consumer that stops reading without cancelling leaves the stream paused for good;
    // when the caller aborts, capture then rather than waiting for a read that never comes.
    function onAbort(): void {
      finish(abortError(signal instanceof AbortSignal ? signal.reason : undefined, 'aborted'));
    }
    if (signal instanceof AbortSignal && !signal.aborted)
      signal.addEventListener('abort', onAbort, { once: true });
    const instrumented = instrumentStream(
      stream,
      {
        onPart(part) {
          if (finished) return;
          guard.run('stream part', () => {
            const shape = (objectOf(part) ?? {}) as PartShape;
            recorder.observe(shape, now);
            if (shape.type === 'tool-call') rememberToolCalls(state, [shape]);
            // The finish part is the last word on usage: capture now, so a consumer that stops
            // reading after it still produces the event. An in-band error ends the call too.
            if (shape.type === 'finish') finish(undefined);
            else if (shape.type === 'error') finish(shape.error ?? new Error('stream error part'));
          });
        },
        onEnd: () => finish(undefined),
        onError: (error) => finish(error ?? new Error('stream failed')),
        onCancel: (reason) => finish(abortError(reason, 'stream cancelled by the consumer')),
        onIdle: () => finish(abandonedError(streamSettings.idleTimeoutMs)),
      },
      streamSettings,
    );
    return { ...(result as object), stream: instrumented } as R;
  };

  return {
    transformParams: (params) => callOptions.strip(params),

    async wrapGenerate<R>(doGenerate: () => PromiseLike<R>, params: unknown, model: unknown): Promise<R> {
      const state = isInsideModelCall() ? undefined : start(params, model);
      if (!state) return doGenerate();
      let result: R;
      try {
        result = await runModelCall(doGenerate);
      } catch (error) {
        state.analytics.guard.run('generation error', () => capture(state, { stream: false, error }));
        throw error;
      }
      state.analytics.guard.run('generation end', () => {
        const raw = objectOf(result);
        const content = raw?.content;
        if (Array.isArray(content)) {
          rememberToolCalls(
            state,
            (content as PartShape[]).filter((part) => part?.type === 'tool-call'),
          );
        }
        capture(state, {
          stream: false,
          output: outputOf(content),
          usage: raw?.usage,
          finishReason: raw?.finishReason as FinishReasonShape | undefined,
          providerMetadata: raw?.providerMetadata,
          responseModel: responseModelOf(result),
          result,
        });
      });
      return result;
    },

    async wrapStream<R>(doStream: () => PromiseLike<R>, params: unknown, model: unknown): Promise<R> {
      const state = isInsideModelCall() ? undefined : start(params, model);
      if (!state) return doStream();
      let result: R;
      try {
        result = await runModelCall(doStream);
      } catch (error) {
        state.analytics.guard.run('generation error', () => capture(state, { stream: true, error }));
        throw error;
      }
      return state.analytics.guard.run('stream wrap', () => instrument(state, result), result);
    },
  };
}
