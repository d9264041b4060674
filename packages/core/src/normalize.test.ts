import { describe, expect, it } from 'vitest';
import { isValidId, sanitizeId, uuidv7 } from './ids';
import { normalizeModelParameters } from './model-parameters';
import { normalizeProvider } from './provider';

describe('normalizeProvider', () => {
  it.each([
    ['openai.chat', 'openai'],
    ['openai.responses', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['OpenAI', 'openai'],
    ['amazon-bedrock', 'bedrock'],
    ['google.generative-ai', 'google'],
    ['google-vertex.chat', 'vertex'],
    ['azure-openai', 'azure'],
    ['mistral.chat', 'mistral'],
    ['groq.chat', 'groq'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeProvider(raw)).toBe(expected);
  });
  it('returns undefined for nothing', () => {
    expect(normalizeProvider('')).toBeUndefined();
    expect(normalizeProvider(undefined)).toBeUndefined();
  });
});

describe('normalizeModelParameters', () => {
  it('renames to snake_case, drops unset values, secrets and non-parameters', () => {
    expect(
      normalizeModelParameters({
        maxOutputTokens: 100,
        temperature: 0.3,
        topP: 0.9,
        topK: 4,
        seed: 7,
        stopSequences: ['x'],
        toolChoice: 'auto',
        responseFormat: { type: 'json' },
        presencePenalty: undefined,
        apiKey: 'sk-secret',
        model: 'gpt',
        tools: [{}],
        headers: { authorization: 'x' },
      }),
    ).toEqual({
      max_tokens: 100,
      temperature: 0.3,
      top_p: 0.9,
      top_k: 4,
      seed: 7,
      stop: ['x'],
      tool_choice: 'auto',
      response_format: { type: 'json' },
    });
  });
});

describe('ids', () => {
  it('makes time-ordered RFC 9562 UUID v7s', () => {
    const ids = Array.from({ length: 1000 }, () => uuidv7());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(1000);
    const first = Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(first - Date.now())).toBeLessThan(5000);
  });

  it("keeps PostHog's allowed id characters and replaces the rest", () => {
    expect(sanitizeId("a-b_c~d.e@f(g)h!i'j:k|l")).toBe("a-b_c~d.e@f(g)h!i'j:k|l");
    expect(sanitizeId('a b/c#d')).toBe('a_b_c_d');
    expect(sanitizeId(42)).toBe('42');
    expect(sanitizeId('')).toBeUndefined();
    expect(isValidId('a b')).toBe(false);
    expect(isValidId(uuidv7())).toBe(true);
  });
});
