import { normalizeMessages } from '@llm-analytics/core';
import { describe, expect, it } from 'vitest';
import { baseUrlOf, modelParametersOf, outputOf, stopReasonOf, toolsOf } from './generation';

describe('generation fields', () => {
  it('keeps only the parameters that were set', () => {
    expect(
      modelParametersOf({
        prompt: [],
        maxOutputTokens: 10,
        temperature: undefined,
        topK: 2,
        responseFormat: { type: 'json' },
        abortSignal: new AbortController().signal,
        headers: { authorization: 'x' },
        providerOptions: { openai: {} },
      }),
    ).toEqual({ maxOutputTokens: 10, topK: 2, responseFormat: { type: 'json' } });
    expect(modelParametersOf({ prompt: [] })).toBeUndefined();
    expect(modelParametersOf({ toolChoice: { type: 'auto' } })).toBeUndefined();
    expect(modelParametersOf({ toolChoice: { type: 'auto' }, tools: [{}] })).toEqual({
      toolChoice: { type: 'auto' },
    });
  });

  it('describes function and provider tools', () => {
    expect(
      toolsOf({
        tools: [
          { type: 'function', name: 'f', description: 'd', inputSchema: { type: 'object' } },
          { type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} },
          'junk',
        ],
      }),
    ).toEqual([
      { name: 'f', description: 'd', parameters: { type: 'object' } },
      { name: 'web_search', type: 'provider', id: 'openai.web_search' },
    ]);
  });

  it('maps finish reasons of both shapes to PostHog spelling', () => {
    expect(stopReasonOf('tool-calls')).toBe('tool_calls');
    expect(stopReasonOf({ unified: 'content-filter', raw: 'x' })).toBe('content_filter');
    expect(stopReasonOf(undefined)).toBeUndefined();
  });

  it('keeps text, reasoning, tool calls and files of a result, nothing else', () => {
    expect(
      outputOf([
        { type: 'text', text: 'a' },
        { type: 'source', sourceType: 'url', url: 'https://x' },
        { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' },
      ]),
    ).toEqual([
      { type: 'text', text: 'a' },
      { type: 'tool-call', toolCallId: 'c', toolName: 'f', input: '{}' },
    ]);
    expect(outputOf([{ type: 'text', text: 'only' }])).toBe('only');
  });

  it('finds the base URL without credentials', () => {
    expect(baseUrlOf({ config: { baseURL: 'https://u:p@api.x.com/v1/?k=1' } } as never, undefined)).toBe(
      'https://api.x.com/v1',
    );
    expect(baseUrlOf({}, { request: { url: 'https://api.y.com/v1/chat?x=1' } })).toBe('https://api.y.com');
    expect(baseUrlOf({}, { request: { url: 'not a url' } })).toBeUndefined();
  });

  it('core normalizes AI SDK prompts: system first, tool calls and results with ids, files redacted', () => {
    const messages = normalizeMessages([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'system', content: 'sys' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'r' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: { a: 1 } },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 'c1', toolName: 'f', output: { type: 'text', value: 'ok' } },
        ],
      },
      { role: 'user', content: [{ type: 'file', mediaType: 'image/png', data: new Uint8Array(100) }] },
    ]);
    expect(messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'r' },
          { type: 'function', id: 'c1', function: { name: 'f', arguments: '{"a":1}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', name: 'f', content: 'ok' },
      {
        role: 'user',
        content: [{ type: 'file', file: expect.stringMatching(/redacted/), media_type: 'image/png' }],
      },
    ]);
  });
});
