/**
 * Minimal structural types for what the middleware reads from the AI SDK. They cover the
 * provider specifications v2 (ai 5), v3 (ai 6) and v4 (ai 7) at once, so the package imports
 * nothing from `ai` or `@ai-sdk/provider` at runtime and type-checks against every major.
 * Everything is optional: a field a future version drops is simply not captured.
 */

/** A language or embedding model as the middleware sees it. */
export interface ModelInfo {
  readonly specificationVersion?: string;
  readonly provider?: string;
  readonly modelId?: string;
}

/** Provider options: per-provider objects keyed by provider name. */
export type ProviderOptionsShape = Record<string, Record<string, unknown> | undefined>;

/** The call options of `doGenerate` / `doStream` (v2, v3, v4). */
export interface CallParams {
  readonly prompt?: unknown;
  readonly tools?: readonly unknown[];
  readonly providerOptions?: ProviderOptionsShape;
  readonly [key: string]: unknown;
}

/** The call options of `doEmbed` (v2, v3, v4). */
export interface EmbedParams {
  readonly values?: readonly unknown[];
  readonly providerOptions?: ProviderOptionsShape;
  readonly [key: string]: unknown;
}

/** Flat usage (v2, ai 5). */
export interface FlatUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
}

/** Nested usage (v3 and v4, ai 6 and 7). */
export interface NestedUsage {
  inputTokens?: { total?: number; noCache?: number; cacheRead?: number; cacheWrite?: number };
  outputTokens?: { total?: number; text?: number; reasoning?: number };
}

/** Finish reason: a string in v2, `{ unified, raw }` in v3 and v4. */
export type FinishReasonShape = string | { unified?: string; raw?: string };

/** A part of a generate result's `content`, or a stream part: only the fields we read. */
export interface PartShape {
  type?: string;
  id?: string;
  text?: string;
  delta?: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  modelId?: string;
  usage?: unknown;
  finishReason?: FinishReasonShape;
  providerMetadata?: unknown;
  error?: unknown;
  mediaType?: string;
  data?: unknown;
}

/** Where a result says it went: `request.url` (v4) and the response model id. */
export interface ResultMeta {
  request?: { url?: unknown };
  response?: { modelId?: unknown };
}
