import { LLMAnalytics } from '@llm-analytics/core';
import { createRecordingClient, freezeTimeAndIds } from '@llm-analytics/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { llmAnalyticsMiddleware, traceTools, withLLMAnalytics } from '../src/index';
import { useEndpoint } from './endpoint';
import { generateResult, majors, textParts } from './majors';

const endpoint = useEndpoint();

describe.each(majors)('the host keeps working on $name', (major) => {
  const { generateText, streamText, embed } = major.ai;

  it('when the endpoint is down or answers 500', async () => {
    endpoint.server.setMode('error500');
    const onError = vi.fn();
    const analytics = endpoint.analytics({ onError });
    const model = major.wrap(
      major.languageModel({
        doGenerate: async () => generateResult(major, [{ type: 'text', text: 'fine' }]),
        doStream: async () => ({
          stream: major.test.convertArrayToReadableStream(textParts(major, ['fi', 'ne'])),
        }),
      }),
      { analytics },
    );
    expect((await generateText({ model, prompt: 'x', maxRetries: 0 })).text).toBe('fine');
    expect(await streamText({ model, prompt: 'x', maxRetries: 0 }).text).toBe('fine');
    await analytics.flush(); // never rejects
    endpoint.server.setMode('ok');
  });

  it('when reading the model or the result throws inside the instrumentation', async () => {
    const onError = vi.fn();
    const analytics = endpoint.analytics({ onError });
    const inner = major.languageModel({
      doGenerate: async () => generateResult(major, [{ type: 'text', text: 'fine' }]),
      doStream: async () => ({
        stream: major.test.convertArrayToReadableStream(textParts(major, ['fi', 'ne'])),
      }),
    });
    const hostile = new Proxy(inner, {
      get(target, property) {
        if (property === 'config') throw new Error('hostile getter');
        return Reflect.get(target, property);
      },
    });
    const model = withLLMAnalytics(hostile, { analytics });
    expect((await generateText({ model, prompt: 'x', maxRetries: 0 })).text).toBe('fine');
    expect(await streamText({ model, prompt: 'x', maxRetries: 0 }).text).toBe('fine');
    expect(onError).toHaveBeenCalled();
    expect(onError.mock.calls.every(([error]) => (error as Error).message === 'hostile getter')).toBe(true);
  });

  it('when the client throws during a stream, an embedding and a tool', async () => {
    const client = {
      capture: vi.fn(() => {
        throw new Error('client down');
      }),
    };
    const model = major.wrap(
      major.languageModel({
        doStream: async () => ({
          stream: major.test.convertArrayToReadableStream(textParts(major, ['a', 'b'])),
        }),
      }),
      { client },
    );
    expect(await streamText({ model, prompt: 'x', maxRetries: 0 }).text).toBe('ab');
    const embedder = major.wrapEmbedding(
      major.embeddingModel({ doEmbed: async () => ({ embeddings: [[1, 2]], warnings: [] }) }),
      { client },
    );
    expect((await embed({ model: embedder, value: 'v', maxRetries: 0 })).embedding).toEqual([1, 2]);
    const tools = traceTools({ t: { execute: async () => 'result' } }, { client });
    expect(await (tools.t.execute as any)({}, { toolCallId: 'x' })).toBe('result');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.capture).toHaveBeenCalledTimes(3);
  });
});

describe('event payload (frozen time and ids, ai 7)', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('matches the contract exactly', async () => {
    const major = majors.find((candidate) => candidate.spec === 'v4')!;
    restore = freezeTimeAndIds();
    const client = createRecordingClient();
    const analytics = new LLMAnalytics({ client });
    const model = major.ai.wrapLanguageModel({
      model: major.languageModel({
        doGenerate: async () =>
          generateResult(major, [{ type: 'text', text: 'Bonjour' }], { usage: { input: 9, output: 2 } }),
      }),
      middleware: llmAnalyticsMiddleware({ analytics, properties: { feature: 'greeting' } }),
    });
    await major.ai.generateText({
      model,
      system: 'Translate to French.',
      prompt: 'Hello',
      maxOutputTokens: 20,
      maxRetries: 0,
      providerOptions: { llmAnalytics: { distinctId: 'user-1', sessionId: 'thread-1' } },
    });
    expect(client.messages).toMatchInlineSnapshot(`
      [
        {
          "distinctId": "user-1",
          "event": "$ai_generation",
          "properties": {
            "$ai_framework": "vercel",
            "$ai_http_status": 200,
            "$ai_input": [
              {
                "content": "Translate to French.",
                "role": "system",
              },
              {
                "content": [
                  {
                    "text": "Hello",
                    "type": "text",
                  },
                ],
                "role": "user",
              },
            ],
            "$ai_input_tokens": 9,
            "$ai_latency": 0.1,
            "$ai_lib": "@llm-analytics/ai-sdk",
            "$ai_lib_version": "0.1.0",
            "$ai_max_tokens": 20,
            "$ai_model": "gpt-4o-mini-2024-07-18",
            "$ai_model_parameters": {
              "max_tokens": 20,
              "stream": false,
            },
            "$ai_output_choices": [
              {
                "content": "Bonjour",
                "role": "assistant",
              },
            ],
            "$ai_output_tokens": 2,
            "$ai_parent_id": "id-1",
            "$ai_provider": "openai",
            "$ai_session_id": "thread-1",
            "$ai_span_id": "id-2",
            "$ai_span_name": "gpt-4o-mini-2024-07-18",
            "$ai_stop_reason": "stop",
            "$ai_stream": false,
            "$ai_trace_id": "id-1",
            "feature": "greeting",
          },
        },
      ]
    `);
  });
});
