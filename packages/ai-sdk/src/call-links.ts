import { getCurrentContext, type Identity, mergeIdentity, newId, sanitizeId } from '@llm-analytics/core';
import type { LLMAnalyticsAiSdkOptions, LLMAnalyticsCallOptions } from './options';

/** Where one captured call sits in its trace, and who made it: fixed when the call starts. */
export interface CallLinks extends Identity {
  traceId: string;
  spanId: string;
  parentId: string;
}

/**
 * Resolve the links of a call when it starts (a stream may end outside the async context it
 * began in): the per-call trace id, else the enclosing `trace()` / `span()`, else the wrap-time
 * trace id, else a fresh one.
 */
export function resolveCallLinks(
  defaults: LLMAnalyticsAiSdkOptions,
  call: LLMAnalyticsCallOptions | undefined,
): CallLinks {
  const context = getCurrentContext();
  const traceId = sanitizeId(call?.traceId) ?? context?.traceId ?? sanitizeId(defaults.traceId) ?? newId();
  const inContext = context && context.traceId === traceId ? context : undefined;
  const parentId = sanitizeId(call?.parentId) ?? inContext?.spanId ?? traceId;
  // Spread last: spreading first and then adding keys makes V8 build a slow, dictionary-mode object.
  return { traceId, spanId: newId(), parentId, ...mergeIdentity(defaults, inContext, call) };
}
