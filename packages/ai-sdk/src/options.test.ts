import { mergeIdentity } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { parseCallOptions, stripCallOptions } from './options';

describe('per-call options', () => {
  it('strips llmAnalytics and keeps the other provider options', () => {
    const params = {
      prompt: [],
      providerOptions: { llmAnalytics: { distinctId: 'u' }, openai: { user: 'x' } },
    };
    const { params: stripped, callOptions } = stripCallOptions(params);
    expect(stripped).toEqual({ prompt: [], providerOptions: { openai: { user: 'x' } } });
    expect(params.providerOptions.llmAnalytics).toEqual({ distinctId: 'u' });
    expect(callOptions).toEqual({ distinctId: 'u' });
  });

  it('removes providerOptions when llmAnalytics was the only key, and returns other params as they are', () => {
    expect(stripCallOptions({ providerOptions: { llmAnalytics: {} } }).params).toEqual({});
    const untouched = { prompt: [], providerOptions: { openai: {} } };
    expect(stripCallOptions(untouched).params).toBe(untouched);
  });

  it('keeps only known keys of the right type', () => {
    expect(
      parseCallOptions({
        distinctId: 7,
        traceId: '',
        sessionId: 's',
        properties: ['not', 'an', 'object'],
        groups: { org: 'a' },
        privacyMode: 'yes',
        unknown: 1,
      }),
    ).toEqual({ distinctId: '7', sessionId: 's', groups: { org: 'a' } });
    expect(parseCallOptions('nope')).toBeUndefined();
  });

  it('merges identity: per call over context over defaults; privacy only adds', () => {
    expect(
      mergeIdentity(
        { distinctId: 'default', sessionId: 'd-s', properties: { a: 1, b: 1 }, privacyMode: true },
        { distinctId: 'ctx', properties: { b: 2 } },
        { properties: { c: 3 }, privacyMode: false },
      ),
    ).toEqual({ distinctId: 'ctx', sessionId: 'd-s', properties: { a: 1, b: 2, c: 3 }, privacyMode: true });
  });
});
