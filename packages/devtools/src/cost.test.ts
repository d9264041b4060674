import { describe, expect, it } from 'vitest';
import { cacheTokensExcluded, estimateCost } from './cost';
import { lookupModelPrice, MODEL_PRICES_DATE } from './model-prices';

const perMillion = (usd: number) => usd / 1_000_000;

describe('estimateCost', () => {
  it("takes the event's own total cost first", () => {
    const cost = estimateCost({
      $ai_model: 'gpt-4o',
      $ai_input_tokens: 1_000_000,
      $ai_total_cost_usd: 0.5,
      $ai_input_token_price: 1,
    });
    expect(cost).toEqual({
      totalUsd: 0.5,
      inputUsd: undefined,
      outputUsd: undefined,
      source: 'event',
      approximate: false,
    });
  });

  it('adds input and output costs when the event sends only those', () => {
    expect(estimateCost({ $ai_input_cost_usd: 0.25, $ai_output_cost_usd: 0.5 })).toMatchObject({
      totalUsd: 0.75,
      inputUsd: 0.25,
      outputUsd: 0.5,
      source: 'event',
    });
  });

  it('uses custom per-token prices before the bundled table', () => {
    const cost = estimateCost({
      $ai_model: 'gpt-4o',
      $ai_input_tokens: 1000,
      $ai_output_tokens: 100,
      $ai_input_token_price: 0.001,
      $ai_output_token_price: 0.002,
    });
    expect(cost?.source).toBe('custom-prices');
    expect(cost?.approximate).toBe(false);
    expect(cost?.totalUsd).toBeCloseTo(1000 * 0.001 + 100 * 0.002, 10);
  });

  it('inclusive reporting (false): cached tokens are inside the input and priced once, at the cache rate', () => {
    const cost = estimateCost({
      $ai_model: 'custom-model',
      $ai_input_tokens: 1000,
      $ai_output_tokens: 10,
      $ai_cache_read_input_tokens: 400,
      $ai_cache_creation_input_tokens: 100,
      $ai_cache_reporting_exclusive: false,
      $ai_input_token_price: 0.01,
      $ai_output_token_price: 0.1,
      $ai_cache_read_token_price: 0.001,
      $ai_cache_write_token_price: 0.02,
    });
    // 500 uncached × 0.01 + 400 read × 0.001 + 100 written × 0.02, plus 10 × 0.1 output
    expect(cost?.inputUsd).toBeCloseTo(5 + 0.4 + 2, 10);
    expect(cost?.totalUsd).toBeCloseTo(8.4, 10);
  });

  it('exclusive reporting (true): cached tokens come on top of the input tokens', () => {
    const cost = estimateCost({
      $ai_model: 'custom-model',
      $ai_input_tokens: 1000,
      $ai_cache_read_input_tokens: 400,
      $ai_cache_reporting_exclusive: true,
      $ai_input_token_price: 0.01,
      $ai_output_token_price: 0.1,
      $ai_cache_read_token_price: 0.001,
    });
    expect(cost?.totalUsd).toBeCloseTo(1000 * 0.01 + 400 * 0.001, 10);
  });

  it('without the flag, assumes Anthropic reports cache apart and others include it (PostHog default)', () => {
    expect(cacheTokensExcluded({ $ai_provider: 'anthropic' })).toBe(true);
    expect(cacheTokensExcluded({ $ai_model: 'claude-3-5-sonnet' })).toBe(true);
    expect(cacheTokensExcluded({ $ai_provider: 'openai' })).toBe(false);
    expect(cacheTokensExcluded({ $ai_provider: 'anthropic', $ai_cache_reporting_exclusive: false })).toBe(
      false,
    );
  });

  it('never prices cached tokens below zero when the input total is smaller than the cache', () => {
    const cost = estimateCost({
      $ai_input_tokens: 10,
      $ai_cache_read_input_tokens: 50,
      $ai_cache_reporting_exclusive: false,
      $ai_input_token_price: 1,
      $ai_output_token_price: 1,
      $ai_cache_read_token_price: 0.1,
    });
    expect(cost?.totalUsd).toBeCloseTo(5, 10);
  });

  it('falls back to the bundled table, labelled approximate and dated, cache-aware', () => {
    const cost = estimateCost({
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_input_tokens: 1000,
      $ai_output_tokens: 200,
      $ai_cache_read_input_tokens: 400,
      $ai_cache_reporting_exclusive: false,
    });
    expect(cost).toMatchObject({
      source: 'bundled-table',
      approximate: true,
      pricedAs: 'gpt-4o-mini',
      pricesDate: MODEL_PRICES_DATE,
    });
    const expected = 600 * perMillion(0.15) + 400 * perMillion(0.075) + 200 * perMillion(0.6);
    expect(cost?.totalUsd).toBeCloseTo(expected, 12);
  });

  it('prices Anthropic cache writes at their premium', () => {
    const cost = estimateCost({
      $ai_model: 'claude-sonnet-4-5-20250929',
      $ai_provider: 'anthropic',
      $ai_input_tokens: 100,
      $ai_output_tokens: 0,
      $ai_cache_creation_input_tokens: 1000,
      $ai_cache_reporting_exclusive: true,
    });
    expect(cost?.totalUsd).toBeCloseTo(100 * perMillion(3) + 1000 * perMillion(3.75), 12);
  });

  it('returns nothing for an unknown model without prices, or an event without tokens', () => {
    expect(estimateCost({ $ai_model: 'fake-chat-model', $ai_input_tokens: 10 })).toBeUndefined();
    expect(estimateCost({ $ai_model: 'gpt-4o' })).toBeUndefined();
  });

  it('prices embeddings by their input tokens', () => {
    const cost = estimateCost({ $ai_model: 'text-embedding-3-small', $ai_input_tokens: 1_000_000 });
    expect(cost?.totalUsd).toBeCloseTo(0.02, 10);
  });
});

describe('lookupModelPrice', () => {
  it.each([
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['openai/gpt-4o-mini', 'gpt-4o-mini'],
    ['GPT-4.1-MINI', 'gpt-4.1-mini'],
    ['gpt-4-0613', 'gpt-4'],
    ['claude-3-5-sonnet-latest', 'claude-3-5-sonnet'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['gemini-2.5-flash-lite', 'gemini-2.5-flash-lite'],
    ['mistral-large-latest', 'mistral-large'],
    ['o3-mini-2025-01-31', 'o3-mini'],
  ])('%s is priced as %s', (model, key) => {
    expect(lookupModelPrice(model)?.key).toBe(key);
  });

  it.each(['gpt-5.1', 'gpt-4oo', 'llama-3-70b', 'fake-chat-model', ''])(
    '"%s" has no bundled price',
    (model) => {
      expect(lookupModelPrice(model)).toBeUndefined();
    },
  );
});
