import type { Usage } from '@llm-analytics/core';
import type { FlatUsage, NestedUsage } from './types';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function sum(...values: Array<number | undefined>): number | undefined {
  const known = values.filter((value): value is number => value !== undefined);
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : undefined;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/**
 * Providers whose ai 5 (v2) `inputTokens` exclude cached tokens: `@ai-sdk/anthropic` reports
 * Anthropic's raw `input_tokens` with cache reads in `cachedInputTokens` and cache writes in
 * `providerMetadata.anthropic.cacheCreationInputTokens`; Bedrock's Converse API reports its
 * cache reads and writes apart as well. OpenAI, Google and the rest include them.
 */
function v2ExcludesCache(provider: string | undefined): boolean {
  const raw = (provider ?? '').toLowerCase();
  return raw.includes('anthropic') || raw.startsWith('bedrock') || raw.startsWith('amazon-bedrock');
}

function cacheWriteFromMetadata(providerMetadata: unknown): number | undefined {
  const metadata = objectOf(providerMetadata);
  const anthropic = objectOf(metadata?.anthropic);
  const bedrock = objectOf(objectOf(metadata?.bedrock)?.usage);
  return count(anthropic?.cacheCreationInputTokens) ?? count(bedrock?.cacheWriteInputTokens);
}

/**
 * Convert AI SDK usage, flat (v2, ai 5) or nested (v3 / v4, ai 6 and 7), into core's `Usage`.
 * Nested totals include cache reads and writes; flat ones do per provider (see above).
 * Returns `undefined` when nothing was reported.
 */
export function toUsage(
  usage: unknown,
  provider: string | undefined,
  providerMetadata?: unknown,
): Usage | undefined {
  const raw = objectOf(usage);
  if (!raw) return undefined;
  const nestedInput = objectOf(raw.inputTokens);
  const nestedOutput = objectOf(raw.outputTokens);
  if (nestedInput || nestedOutput) {
    const input = (nestedInput ?? {}) as NonNullable<NestedUsage['inputTokens']>;
    const output = (nestedOutput ?? {}) as NonNullable<NestedUsage['outputTokens']>;
    const cacheRead = count(input.cacheRead);
    const cacheWrite = count(input.cacheWrite);
    const result: Usage = {
      inputTokens: count(input.total) ?? sum(count(input.noCache), cacheRead, cacheWrite),
      outputTokens: count(output.total) ?? sum(count(output.text), count(output.reasoning)),
      cacheReadInputTokens: cacheRead,
      cacheCreationInputTokens: cacheWrite,
      reasoningTokens: count(output.reasoning),
      inputTokensIncludeCache: true,
    };
    return result;
  }
  const flat = raw as FlatUsage;
  const result: Usage = {
    inputTokens: count(flat.inputTokens),
    outputTokens: count(flat.outputTokens),
    cacheReadInputTokens: count(flat.cachedInputTokens),
    cacheCreationInputTokens: cacheWriteFromMetadata(providerMetadata),
    reasoningTokens: count(flat.reasoningTokens),
    inputTokensIncludeCache: !v2ExcludesCache(provider),
  };
  if (result.inputTokens === undefined && result.outputTokens === undefined) return undefined;
  return result;
}
