import { providerReportsCacheExclusive } from './provider';

/** Token usage of one LLM or embedding call, as the adapter or the user read it. */
export interface Usage {
  /** Input (prompt) tokens. */
  inputTokens?: number;
  /** Output (completion) tokens, reasoning included. */
  outputTokens?: number;
  /** Input tokens read from the provider's prompt cache. */
  cacheReadInputTokens?: number;
  /** Input tokens written to the provider's prompt cache. */
  cacheCreationInputTokens?: number;
  /** Reasoning tokens (a part of `outputTokens`). */
  reasoningTokens?: number;
  /**
   * Whether `inputTokens` already includes the cache read and write tokens. LangChain and
   * AI SDK 6+ totals include them; Anthropic's raw API excludes them.
   * @default true, except for provider `anthropic`, whose raw API reports them apart
   */
  inputTokensIncludeCache?: boolean;
  /** `"estimated"` when the tokens were estimated offline rather than reported. */
  source?: 'reported' | 'estimated';
}

/** Usage in PostHog's convention for the event's provider, ready to become properties. */
export interface NormalizedUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  reasoningTokens?: number;
  /** `$ai_cache_reporting_exclusive`; set whenever cache tokens are. */
  cacheReportingExclusive?: boolean;
  source?: 'reported' | 'estimated';
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

/**
 * Put usage into PostHog's cache convention for the provider: for Anthropic, input tokens
 * exclude cache reads and writes; for every other provider, they include them. Converting here
 * (rather than leaving the server to guess) keeps costs right whichever way the host reported
 * them, and `$ai_cache_reporting_exclusive` says which convention was used. Tokens that were
 * not reported stay absent: nothing is invented.
 */
export function normalizeUsage(usage: Usage | undefined, provider: string | undefined): NormalizedUsage {
  if (!usage) return {};
  const exclusiveTarget = providerReportsCacheExclusive(provider);
  const cacheRead = positive(count(usage.cacheReadInputTokens));
  const cacheCreation = positive(count(usage.cacheCreationInputTokens));
  const cached = (cacheRead ?? 0) + (cacheCreation ?? 0);
  let inputTokens = count(usage.inputTokens);
  const includesCache = usage.inputTokensIncludeCache ?? !exclusiveTarget;
  if (inputTokens !== undefined && cached > 0 && includesCache === exclusiveTarget) {
    inputTokens = exclusiveTarget ? Math.max(0, inputTokens - cached) : inputTokens + cached;
  }
  const out: NormalizedUsage = {};
  if (inputTokens !== undefined) out.inputTokens = inputTokens;
  const outputTokens = count(usage.outputTokens);
  if (outputTokens !== undefined) out.outputTokens = outputTokens;
  if (cacheRead !== undefined) out.cacheReadInputTokens = cacheRead;
  if (cacheCreation !== undefined) out.cacheCreationInputTokens = cacheCreation;
  const reasoning = positive(count(usage.reasoningTokens));
  if (reasoning !== undefined) out.reasoningTokens = reasoning;
  if (cached > 0) out.cacheReportingExclusive = exclusiveTarget;
  if (usage.source) out.source = usage.source;
  return out;
}

/**
 * A rough, offline token estimate for text (about four characters per token for English,
 * one per CJK character), used only where the host drops the provider's count; events
 * carrying it are marked `$ai_tokens_source: "estimated"`.
 */
export function estimateTokens(texts: string | readonly string[]): number {
  let total = 0;
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    if (typeof text !== 'string' || text.length === 0) continue;
    let wide = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x2e80) wide++;
    total += Math.ceil((text.length - wide) / 4) + wide;
  }
  return total;
}
