import { AIMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { classNameOf, modelCallInfo, modelResultInfo, toolDefinitions } from './generation';

describe('modelCallInfo', () => {
  it('prefers ls_model_name, then invocation params, then the class name', () => {
    const llm = { lc: 1, type: 'constructor', id: ['langchain', 'chat_models', 'openai', 'ChatOpenAI'] };
    expect(
      modelCallInfo(llm, { invocation_params: { model: 'gpt-4o' } }, { ls_model_name: 'gpt-4.1' }).model,
    ).toBe('gpt-4.1');
    expect(modelCallInfo(llm, { invocation_params: { model: 'gpt-4o' } }, {}).model).toBe('gpt-4o');
    const bare = modelCallInfo(llm, undefined, undefined);
    expect(bare).toMatchObject({ model: 'ChatOpenAI', provider: 'openai' });
    expect(classNameOf({ id: ['x', 'MyModel'] })).toBe('MyModel');
  });

  it('collects parameters from invocation params, call options and ls_* metadata', () => {
    const info = modelCallInfo(
      {},
      { invocation_params: { temperature: 0.1, top_p: 0.9 }, options: { tool_choice: 'auto', signal: {} } },
      { ls_provider: 'anthropic', ls_max_tokens: 300, ls_stop: ['\n'] },
    );
    expect(info.provider).toBe('anthropic');
    expect(info.modelParameters).toEqual({
      temperature: 0.1,
      top_p: 0.9,
      tool_choice: 'auto',
      max_tokens: 300,
      stop: ['\n'],
    });
  });
});

describe('toolDefinitions', () => {
  it('reads OpenAI, Anthropic, Google and LangChain tool shapes', () => {
    const parameters = { type: 'object', properties: { q: { type: 'string' } } };
    expect(
      toolDefinitions([
        { type: 'function', function: { name: 'a', description: 'A', parameters } },
        { name: 'b', input_schema: parameters },
        { functionDeclarations: [{ name: 'c', parameters }] },
        { name: 'd', description: 'D', schema: z.object({ q: z.string() }) },
        'junk',
      ]),
    ).toEqual([
      { name: 'a', description: 'A', parameters },
      { name: 'b', parameters },
      { name: 'c', parameters },
      { name: 'd', description: 'D', parameters: expect.objectContaining({ type: 'object' }) },
    ]);
  });
});

describe('modelResultInfo', () => {
  it('reads usage (cache-inclusive), response model and stop reason', () => {
    const message = new AIMessage({
      content: 'hi',
      usage_metadata: {
        input_tokens: 10,
        output_tokens: 2,
        total_tokens: 12,
        input_token_details: { cache_read: 4 },
        output_token_details: { reasoning: 1 },
      },
      response_metadata: { model_name: 'gpt-4o-2024', finish_reason: 'length' },
    });
    const info = modelResultInfo({ generations: [[{ text: 'hi', message }]] });
    expect(info).toMatchObject({
      model: 'gpt-4o-2024',
      stopReason: 'length',
      usage: {
        inputTokens: 10,
        outputTokens: 2,
        cacheReadInputTokens: 4,
        reasoningTokens: 1,
        inputTokensIncludeCache: true,
      },
    });
    expect(info.output).toEqual([message]);
  });

  it('falls back to llmOutput token usage and text generations', () => {
    const info = modelResultInfo({
      generations: [[{ text: 'done', generationInfo: { finish_reason: 'stop' } }]],
      llmOutput: { tokenUsage: { promptTokens: 5, completionTokens: 1 } },
    });
    expect(info).toMatchObject({
      output: ['done'],
      stopReason: 'stop',
      usage: { inputTokens: 5, outputTokens: 1 },
    });
    expect(modelResultInfo(undefined).output).toEqual([]);
  });
});
