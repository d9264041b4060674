import { describe, expect, it } from 'vitest';
import { estimateTokens, normalizeUsage } from './usage';

describe('normalizeUsage', () => {
  it('keeps inclusive input tokens for providers PostHog treats as inclusive', () => {
    expect(normalizeUsage({ inputTokens: 100, outputTokens: 5, cacheReadInputTokens: 80 }, 'openai')).toEqual(
      {
        inputTokens: 100,
        outputTokens: 5,
        cacheReadInputTokens: 80,
        cacheReportingExclusive: false,
      },
    );
  });

  it('converts inclusive totals (LangChain, AI SDK 6+) to the exclusive convention for Anthropic', () => {
    expect(
      normalizeUsage(
        {
          inputTokens: 100,
          cacheReadInputTokens: 60,
          cacheCreationInputTokens: 30,
          inputTokensIncludeCache: true,
        },
        'anthropic',
      ),
    ).toEqual({
      inputTokens: 10,
      cacheReadInputTokens: 60,
      cacheCreationInputTokens: 30,
      cacheReportingExclusive: true,
    });
  });

  it("keeps Anthropic's raw exclusive counts, and converts exclusive counts to inclusive for others", () => {
    expect(normalizeUsage({ inputTokens: 10, cacheReadInputTokens: 60 }, 'anthropic').inputTokens).toBe(10);
    expect(
      normalizeUsage({ inputTokens: 10, cacheReadInputTokens: 60, inputTokensIncludeCache: false }, 'openai')
        .inputTokens,
    ).toBe(70);
  });

  it('omits what was not reported and zero cache or reasoning counts', () => {
    expect(
      normalizeUsage({ outputTokens: 3, cacheReadInputTokens: 0, reasoningTokens: 0 }, 'openai'),
    ).toEqual({ outputTokens: 3 });
    expect(normalizeUsage(undefined, 'openai')).toEqual({});
    expect(normalizeUsage({ inputTokens: Number.NaN, outputTokens: -1 }, 'openai')).toEqual({});
  });
});

describe('estimateTokens', () => {
  it('estimates about four characters a token, one a CJK character', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens(['abcd', '日本'])).toBe(3);
    expect(estimateTokens('')).toBe(0);
  });
});
