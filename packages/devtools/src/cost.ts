import { AI_PROP } from '@llm-analytics/core';
import { lookupModelPrice, MODEL_PRICES_DATE } from './model-prices';

/**
 * PostHog's cost keys. Core never sends them (PostHog computes them at ingestion), but a user
 * may set them, and PostHog then takes them as given.
 */
export const COST_PROP = {
  totalCost: '$ai_total_cost_usd',
  inputCost: '$ai_input_cost_usd',
  outputCost: '$ai_output_cost_usd',
} as const;

/** Where a cost estimate came from, in PostHog's order of precedence. */
export type CostSource = 'event' | 'custom-prices' | 'bundled-table';

/** The estimated USD cost of one generation or embedding. */
export interface CostEstimate {
  /** Total USD. */
  totalUsd: number;
  /** USD for input tokens, cache reads and writes included (when known). */
  inputUsd?: number;
  /** USD for output tokens (when known). */
  outputUsd?: number;
  /** `event`: the event's own `$ai_*_cost_usd`; `custom-prices`: its `$ai_*_token_price`; `bundled-table`: list prices. */
  source: CostSource;
  /** True when it comes from the bundled table (list prices that may be out of date). */
  approximate: boolean;
  /** The table entry that matched (bundled table only). */
  pricedAs?: string;
  /** The date of the bundled table (bundled table only). */
  pricesDate?: string;
}

interface Prices {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Whether `$ai_input_tokens` excludes the cache tokens: the event says so with
 * `$ai_cache_reporting_exclusive`; without it, PostHog assumes Anthropic reports them apart and
 * every other provider includes them.
 */
export function cacheTokensExcluded(properties: Readonly<Record<string, unknown>>): boolean {
  const flag = properties[AI_PROP.cacheReportingExclusive];
  if (typeof flag === 'boolean') return flag;
  const provider = String(properties[AI_PROP.provider] ?? '').toLowerCase();
  const model = String(properties[AI_PROP.model] ?? '').toLowerCase();
  return provider === 'anthropic' || (provider === '' && model.includes('claude'));
}

function priceTokens(properties: Readonly<Record<string, unknown>>, prices: Prices) {
  const input = num(properties[AI_PROP.inputTokens]) ?? 0;
  const output = num(properties[AI_PROP.outputTokens]) ?? 0;
  const cacheRead = num(properties[AI_PROP.cacheReadInputTokens]) ?? 0;
  const cacheWrite = num(properties[AI_PROP.cacheCreationInputTokens]) ?? 0;
  // Inclusive reporting counts cached tokens inside the input total: take them out before
  // pricing the rest at the full rate, or they would be paid twice.
  const uncached = cacheTokensExcluded(properties) ? input : Math.max(0, input - cacheRead - cacheWrite);
  const inputUsd =
    uncached * prices.input +
    cacheRead * (prices.cacheRead ?? prices.input) +
    cacheWrite * (prices.cacheWrite ?? prices.input);
  const outputUsd = output * prices.output;
  return { inputUsd, outputUsd, totalUsd: inputUsd + outputUsd };
}

/**
 * Estimate an event's cost the way PostHog does: the event's own `$ai_total_cost_usd` (or input
 * plus output cost) first; then custom per-token prices (`$ai_input_token_price`, …); then the
 * bundled table of common models, approximate and dated. Cache-aware through
 * `$ai_cache_reporting_exclusive`. Returns `undefined` when nothing prices the event (an unknown
 * model without custom prices, or no tokens at all).
 *
 * @param properties - the event's properties
 * @example
 * ```ts
 * estimateCost({ $ai_model: 'gpt-4o-mini', $ai_input_tokens: 1000, $ai_output_tokens: 200 });
 * // { totalUsd: 0.00027, source: 'bundled-table', approximate: true, … }
 * ```
 */
export function estimateCost(properties: Readonly<Record<string, unknown>>): CostEstimate | undefined {
  const total = num(properties[COST_PROP.totalCost]);
  const inputCost = num(properties[COST_PROP.inputCost]);
  const outputCost = num(properties[COST_PROP.outputCost]);
  if (total !== undefined || inputCost !== undefined || outputCost !== undefined) {
    return {
      totalUsd: total ?? (inputCost ?? 0) + (outputCost ?? 0),
      inputUsd: inputCost,
      outputUsd: outputCost,
      source: 'event',
      approximate: false,
    };
  }
  const hasTokens =
    num(properties[AI_PROP.inputTokens]) !== undefined || num(properties[AI_PROP.outputTokens]) !== undefined;
  if (!hasTokens) return undefined;
  const customInput = num(properties[AI_PROP.inputTokenPrice]);
  const customOutput = num(properties[AI_PROP.outputTokenPrice]);
  if (customInput !== undefined || customOutput !== undefined) {
    const costs = priceTokens(properties, {
      input: customInput ?? 0,
      output: customOutput ?? 0,
      cacheRead: num(properties[AI_PROP.cacheReadTokenPrice]),
      cacheWrite: num(properties[AI_PROP.cacheWriteTokenPrice]),
    });
    return { ...costs, source: 'custom-prices', approximate: false };
  }
  const model = properties[AI_PROP.model];
  const match = lookupModelPrice(typeof model === 'string' ? model : undefined);
  if (!match) return undefined;
  const perToken = (perMillion: number | undefined) =>
    perMillion === undefined ? undefined : perMillion / 1_000_000;
  const costs = priceTokens(properties, {
    input: match.price.input / 1_000_000,
    output: match.price.output / 1_000_000,
    cacheRead: perToken(match.price.cacheRead),
    cacheWrite: perToken(match.price.cacheWrite),
  });
  return {
    ...costs,
    source: 'bundled-table',
    approximate: true,
    pricedAs: match.key,
    pricesDate: MODEL_PRICES_DATE,
  };
}
