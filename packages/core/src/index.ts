export { binaryValuePlaceholder, looksLikeRawBase64, redactDataUrl } from './binary';
export { now, secondsBetween } from './clock';
export type { AiEventName, AiFramework, SpanType } from './constants';
export { AI_EVENT, AI_PROP, PROCESS_PERSON_PROFILE } from './constants';
export type { Identity, TraceContext } from './context';
export { getCurrentContext, mergeIdentity, runWithContext } from './context';
export type { DebugLogger } from './debug-logger';
export { createDebugLogger } from './debug-logger';
export { describeError, httpStatusOf } from './errors';
export type { ErrorHandler, Guard } from './guard';
export { createGuard } from './guard';
export { isValidId, newId, sanitizeId, uuidv7 } from './ids';
export type { JsonSafeOptions, JsonValue } from './json-safe';
export { safeStringify, toJsonSafe, truncateString, utf8Length } from './json-safe';
export type {
  ActiveSpan,
  AnalyticsClient,
  CaptureIds,
  CaptureMessage,
  EmbeddingData,
  GenerationData,
  LLMAnalyticsOptions,
  SpanOptions,
  TraceOptions,
} from './llm-analytics';
export { defaultTransform, LLMAnalytics } from './llm-analytics';
export type { Message, MessagePart } from './messages';
export {
  isDocumentLike,
  isLangChainMessage,
  normalizeMessage,
  normalizeMessages,
  normalizeOutput,
} from './messages';
export { normalizeModelParameters } from './model-parameters';
export { isThenable, observeCall } from './observe-call';
export type { ModelPrice, Pricing } from './pricing';
export { normalizeProvider } from './provider';
export type {
  CaptureRecord,
  CaptureSource,
  EmbeddingRecord,
  GenerationRecord,
  RecordBase,
  SpanRecord,
  ToolDefinition,
  TraceRecord,
} from './records';
export type { BudgetResult } from './size-budget';
export { fitToBudget } from './size-budget';
export type { NormalizedUsage, Usage } from './usage';
export { estimateTokens, normalizeUsage } from './usage';
export { VERSION } from './version';
