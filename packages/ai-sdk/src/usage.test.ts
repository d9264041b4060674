import { normalizeUsage } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { toUsage } from './usage';

describe('toUsage', () => {
  it('reads nested v3/v4 usage, whose totals include cache reads and writes', () => {
    const usage = toUsage(
      {
        inputTokens: { total: 1000, noCache: 100, cacheRead: 800, cacheWrite: 100 },
        outputTokens: { total: 50, text: 30, reasoning: 20 },
      },
      'anthropic.messages',
    );
    expect(usage).toEqual({
      inputTokens: 1000,
      outputTokens: 50,
      cacheReadInputTokens: 800,
      cacheCreationInputTokens: 100,
      reasoningTokens: 20,
      inputTokensIncludeCache: true,
    });
    // PostHog's Anthropic convention: input excludes cache.
    expect(normalizeUsage(usage, 'anthropic')).toMatchObject({
      inputTokens: 100,
      cacheReportingExclusive: true,
    });
    expect(normalizeUsage(usage, 'openai')).toMatchObject({
      inputTokens: 1000,
      cacheReportingExclusive: false,
    });
  });

  it('adds up a nested total the provider left out', () => {
    expect(
      toUsage({ inputTokens: { noCache: 10, cacheRead: 5 }, outputTokens: { text: 3, reasoning: 2 } }, 'x'),
    ).toMatchObject({ inputTokens: 15, outputTokens: 5 });
  });

  it('reads flat v2 usage; OpenAI includes cached tokens, Anthropic and Bedrock do not', () => {
    const flat = {
      inputTokens: 200,
      outputTokens: 10,
      totalTokens: 210,
      cachedInputTokens: 800,
      reasoningTokens: 4,
    };
    expect(toUsage(flat, 'openai.chat')).toMatchObject({
      inputTokens: 200,
      cacheReadInputTokens: 800,
      reasoningTokens: 4,
      inputTokensIncludeCache: true,
    });
    const anthropic = toUsage(flat, 'anthropic.messages', { anthropic: { cacheCreationInputTokens: 50 } });
    expect(anthropic).toMatchObject({ inputTokensIncludeCache: false, cacheCreationInputTokens: 50 });
    expect(normalizeUsage(anthropic, 'anthropic')).toMatchObject({
      inputTokens: 200,
      cacheReportingExclusive: true,
    });
    const bedrock = toUsage(flat, 'bedrock', { bedrock: { usage: { cacheWriteInputTokens: 7 } } });
    expect(bedrock).toMatchObject({ inputTokensIncludeCache: false, cacheCreationInputTokens: 7 });
    // Converted to the inclusive convention of a non-Anthropic provider name.
    expect(normalizeUsage(bedrock, 'bedrock')).toMatchObject({ inputTokens: 1007 });
  });

  it('returns undefined when nothing was reported, and never invents tokens', () => {
    expect(toUsage(undefined, 'openai')).toBeUndefined();
    expect(toUsage({ inputTokens: undefined, outputTokens: undefined }, 'openai')).toBeUndefined();
    expect(
      toUsage({ inputTokens: { total: undefined }, outputTokens: { total: 4 } }, 'openai'),
    ).toMatchObject({
      inputTokens: undefined,
      outputTokens: 4,
    });
  });
});
