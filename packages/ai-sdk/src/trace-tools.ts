import {
  getCurrentContext,
  type Identity,
  mergeIdentity,
  newId,
  now,
  observeCall,
  runWithContext,
  sanitizeId,
  type TraceContext,
} from '@llm-analytics/core';
import { type LLMAnalyticsAiSdkOptions, resolveAnalytics } from './options';
import { SOURCE } from './source';
import { takeToolCall } from './tool-call-registry';

type Execute = (this: unknown, input: unknown, options: unknown) => unknown;

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function isAsyncIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

interface ToolRun {
  context: TraceContext;
  parentId: string;
  startTime: number;
  toolCallId?: string;
}

/**
 * Return the tools with each `execute` traced: every execution becomes an `$ai_span` of type
 * `tool` with the arguments, the result (or error), the tool call id and the latency. It links
 * to the generation that asked for it (even with a per-call `traceId` and no enclosing trace),
 * else to the current `trace()` / `span()`; and the tool body runs as the current span, so
 * model calls and spans made inside it nest under it. Results, errors and streaming
 * (async-iterable) results reach the AI SDK unchanged; tools without `execute` are kept as they are.
 *
 * @param tools - the tool set, as passed to `generateText` / `streamText`
 * @param options.client - the posthog-node client (or pass `analytics`)
 * @param options.analytics - an `LLMAnalytics` instance, shared with `trace()` / `span()`
 * @param options.distinctId - default distinct id (inherited from the generation when linked to one)
 * @param options.traceId - trace for executions that run outside any call or trace
 * @param options.sessionId - default `$ai_session_id`
 * @param options.properties - properties added to every span
 * @param options.groups - PostHog groups
 * @param options.privacyMode - send no arguments or results (default `false`)
 * @param options.debug - print diagnostics (default `false`)
 * @example
 * ```ts
 * import { streamText, tool } from 'ai';
 * import { z } from 'zod';
 * import { traceTools } from '@llm-analytics/ai-sdk';
 *
 * const tools = traceTools(
 *   { weather: tool({ inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => `Sunny in ${city}` }) },
 *   { client: posthog },
 * );
 * const result = streamText({ model, tools, prompt: 'Weather in Paris?' });
 * ```
 */
export function traceTools<T extends object>(tools: T, options: LLMAnalyticsAiSdkOptions): T {
  const analytics = resolveAnalytics(options);
  if (!analytics || typeof tools !== 'object' || tools === null) return tools;
  const settings = options ?? {};
  const traced: Record<string, unknown> = { ...(tools as Record<string, unknown>) };
  for (const [name, tool] of Object.entries(tools as Record<string, unknown>)) {
    const original = objectOf(tool)?.execute;
    if (typeof original !== 'function') continue;
    const execute = original as Execute;

    const begin = (executionOptions: unknown): ToolRun | undefined =>
      analytics.guard.run(
        'tool start',
        () => {
          const rawId = objectOf(executionOptions)?.toolCallId;
          const toolCallId = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
          const link = takeToolCall(toolCallId);
          const current = getCurrentContext();
          let traceId: string;
          let parentId: string;
          let inherited: Identity | undefined;
          if (link) {
            ({ traceId, parentId } = link);
            inherited = link;
          } else if (current) {
            traceId = current.traceId;
            parentId = current.spanId;
            inherited = current;
          } else {
            traceId = sanitizeId(settings.traceId) ?? newId();
            parentId = traceId;
          }
          const identity = mergeIdentity(settings, inherited, undefined);
          const context: TraceContext = { traceId, spanId: newId(), ...identity };
          return { context, parentId, startTime: now(), toolCallId };
        },
        undefined,
      );

    const end = (run: ToolRun, input: unknown, output: unknown, error: unknown): void => {
      const { context } = run;
      analytics.capture({
        kind: 'span',
        spanType: 'tool',
        name,
        traceId: context.traceId,
        spanId: context.spanId,
        parentId: run.parentId,
        distinctId: context.distinctId,
        sessionId: context.sessionId,
        properties: context.properties,
        groups: context.groups,
        privacyMode: context.privacyMode,
        input,
        output,
        toolCallId: run.toolCallId,
        startTime: run.startTime,
        error,
        source: SOURCE,
      });
    };

    const wrapped: Execute = function (this: unknown, input, executionOptions) {
      const run = begin(executionOptions);
      if (!run) return execute.call(this, input, executionOptions);
      // A streaming tool's iterable is handed on untouched: reading it here would consume it.
      return observeCall(
        () => runWithContext(run.context, () => execute.call(this, input, executionOptions)),
        (value, error) => end(run, input, isAsyncIterable(value) ? undefined : value, error),
      );
    };
    traced[name] = Object.assign(Object.create(Object.getPrototypeOf(tool) as object | null), tool, {
      execute: wrapped,
    });
  }
  return traced as T;
}
