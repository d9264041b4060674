import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AI_PROP } from './constants';
import { LLMAnalytics } from './llm-analytics';
import { createRecordingClient, freezeTimeAndIds, type RecordingClient } from './testing';

let client: RecordingClient;
let restore: () => void;
beforeEach(() => {
  client = createRecordingClient();
  restore = freezeTimeAndIds();
});
afterEach(() => restore());

const props = (index: number) => client.messages[index]!.properties;

describe('linking rules', () => {
  it('links a trace, a span and a generation, children first and the root last', async () => {
    const analytics = new LLMAnalytics({ client });
    await analytics.trace({ name: 'chat', input: { question: 'q' } }, async () => {
      await analytics.span({ name: 'retrieve', type: 'retriever' }, async () => {
        analytics.captureEmbedding({ model: 'emb', provider: 'openai', input: 'q' });
      });
      analytics.captureGeneration({ model: 'gpt', provider: 'openai', input: 'q', output: 'a' });
      return 'a';
    });
    expect(
      client.messages.map((m) => [m.event, m.properties.$ai_span_id, m.properties.$ai_parent_id]),
    ).toEqual([
      ['$ai_embedding', 'id-3', 'id-2'],
      ['$ai_span', 'id-2', 'id-1'],
      ['$ai_generation', 'id-4', 'id-1'],
      ['$ai_trace', 'id-1', undefined],
    ]);
    for (const message of client.messages) expect(message.properties.$ai_trace_id).toBe('id-1');
    expect(props(3)).toMatchObject({
      $ai_span_name: 'chat',
      $ai_input_state: { question: 'q' },
      $ai_output_state: 'a',
    });
  });

  it('keeps the root span id equal to a custom trace id, and children point at it', async () => {
    const analytics = new LLMAnalytics({ client });
    await analytics.trace({ traceId: 'conversation-42', name: 'x' }, async () => {
      analytics.captureGeneration({ model: 'gpt', input: 'q', output: 'a' });
    });
    expect(props(0)).toMatchObject({ $ai_trace_id: 'conversation-42', $ai_parent_id: 'conversation-42' });
    expect(props(1)).toMatchObject({ $ai_trace_id: 'conversation-42', $ai_span_id: 'conversation-42' });
    expect(props(1)).not.toHaveProperty('$ai_parent_id');
  });

  it('gives a generation outside any trace a fresh trace id and no trace event', () => {
    const analytics = new LLMAnalytics({ client });
    analytics.captureGeneration({ model: 'gpt', input: 'q' });
    analytics.captureGeneration({ model: 'gpt', input: 'q' });
    expect(client.messages.map((m) => m.event)).toEqual(['$ai_generation', '$ai_generation']);
    expect(props(0).$ai_trace_id).not.toBe(props(1).$ai_trace_id);
    expect(props(0).$ai_parent_id).toBe(props(0).$ai_trace_id);
  });

  it('sanitizes ids to the characters PostHog accepts', async () => {
    const analytics = new LLMAnalytics({ client });
    await analytics.trace({ traceId: 'user 1/chat#3' }, () => undefined);
    expect(props(0).$ai_trace_id).toBe('user_1_chat_3');
  });

  it('keeps concurrent traces apart', async () => {
    restore();
    const analytics = new LLMAnalytics({ client });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        analytics.trace({ name: `t${i}`, distinctId: `user-${i}` }, async () => {
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
          analytics.captureGeneration({ model: 'gpt', name: `g${i}` });
        }),
      ),
    );
    const traces = new Map(client.eventsNamed('$ai_trace').map((m) => [m.properties.$ai_span_name, m]));
    for (const generation of client.eventsNamed('$ai_generation')) {
      const i = String(generation.properties.$ai_span_name).slice(1);
      const trace = traces.get(`t${i}`)!;
      expect(generation.properties.$ai_trace_id).toBe(trace.properties.$ai_trace_id);
      expect(generation.distinctId).toBe(`user-${i}`);
    }
  });
});

describe('envelope', () => {
  it('uses the trace id as the distinct id of every anonymous event, and creates no person', async () => {
    const analytics = new LLMAnalytics({ client });
    await analytics.trace({}, async () => {
      analytics.captureGeneration({ model: 'gpt' });
    });
    expect(client.messages.map((m) => m.distinctId)).toEqual(['id-1', 'id-1']);
    for (const message of client.messages) expect(message.properties.$process_person_profile).toBe(false);
  });

  it('carries the distinct id, session, groups and properties to everything inside a trace', async () => {
    const analytics = new LLMAnalytics({ client, groups: { company: 'acme' }, properties: { env: 'test' } });
    await analytics.trace(
      { distinctId: 'u1', sessionId: 's1', groups: { team: 't' }, properties: { plan: 'pro' } },
      async () => {
        analytics.captureEmbedding({ model: 'emb', input: ['a', 'b'], count: 2, dimensions: 8 });
      },
    );
    for (const message of client.messages) {
      expect(message.distinctId).toBe('u1');
      expect(message.groups).toEqual({ company: 'acme', team: 't' });
      expect(message.properties).toMatchObject({
        $ai_session_id: 's1',
        env: 'test',
        plan: 'pro',
        $ai_lib: '@llm-analytics/core',
      });
      expect(message.properties).not.toHaveProperty('$process_person_profile');
    }
  });

  it('never lets custom properties overwrite the link keys', () => {
    const analytics = new LLMAnalytics({
      client,
      properties: { $ai_trace_id: 'evil', $ai_model: 'override' },
    });
    analytics.captureGeneration({
      model: 'gpt',
      traceId: 't1',
      properties: { $ai_span_id: 'evil', $ai_parent_id: 'evil' },
    });
    expect(props(0)).toMatchObject({
      $ai_trace_id: 't1',
      $ai_span_id: 'id-1',
      $ai_parent_id: 't1',
      $ai_model: 'override',
    });
  });

  it('names the capturing package and framework from the record source', () => {
    const analytics = new LLMAnalytics({ client });
    analytics.capture({
      kind: 'generation',
      model: 'm',
      source: { lib: '@llm-analytics/langchain', version: '1.2.3', framework: 'langchain' },
    });
    expect(props(0)).toMatchObject({
      $ai_lib: '@llm-analytics/langchain',
      $ai_lib_version: '1.2.3',
      $ai_framework: 'langchain',
    });
  });
});

describe('generation properties', () => {
  it('matches the contract for a complete streamed call (frozen time and ids)', () => {
    const analytics = new LLMAnalytics({
      client,
      pricing: { 'claude-sonnet-4': { input: 3e-6, output: 15e-6, cacheRead: 3e-7 } },
    });
    analytics.captureGeneration({
      name: 'answer',
      model: 'claude-sonnet-4',
      provider: 'anthropic.messages',
      input: [
        { role: 'user', content: 'What is the weather?' },
        { role: 'system', content: 'You are terse.' },
      ],
      output: {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: { city: 'Paris' } }],
      },
      usage: {
        inputTokens: 1200,
        outputTokens: 30,
        cacheReadInputTokens: 1000,
        reasoningTokens: 5,
        inputTokensIncludeCache: true,
      },
      modelParameters: {
        temperature: 0,
        maxOutputTokens: 256,
        topK: 5,
        stopSequences: ['END'],
        toolChoice: { type: 'auto' },
      },
      tools: [{ name: 'weather', description: 'Weather by city', parameters: { type: 'object' } }],
      stream: true,
      startTime: 1_700_000_000_000,
      endTime: 1_700_000_001_500,
      timeToFirstToken: 0.25,
      stopReason: 'tool_calls',
      baseUrl: 'https://api.anthropic.com/v1',
    });
    expect(client.messages[0]).toMatchInlineSnapshot(`
      {
        "distinctId": "id-1",
        "event": "$ai_generation",
        "properties": {
          "$ai_base_url": "https://api.anthropic.com/v1",
          "$ai_cache_read_input_tokens": 1000,
          "$ai_cache_read_token_price": 3e-7,
          "$ai_cache_reporting_exclusive": true,
          "$ai_http_status": 200,
          "$ai_input": [
            {
              "content": "You are terse.",
              "role": "system",
            },
            {
              "content": "What is the weather?",
              "role": "user",
            },
          ],
          "$ai_input_token_price": 0.000003,
          "$ai_input_tokens": 200,
          "$ai_latency": 1.5,
          "$ai_lib": "@llm-analytics/core",
          "$ai_lib_version": "0.1.0",
          "$ai_max_tokens": 256,
          "$ai_model": "claude-sonnet-4",
          "$ai_model_parameters": {
            "max_tokens": 256,
            "stop": [
              "END",
            ],
            "stream": true,
            "temperature": 0,
            "tool_choice": {
              "type": "auto",
            },
            "top_k": 5,
          },
          "$ai_output_choices": [
            {
              "content": [
                {
                  "function": {
                    "arguments": "{"city":"Paris"}",
                    "name": "weather",
                  },
                  "id": "call_1",
                  "type": "function",
                },
              ],
              "role": "assistant",
            },
          ],
          "$ai_output_token_price": 0.000015,
          "$ai_output_tokens": 30,
          "$ai_parent_id": "id-1",
          "$ai_provider": "anthropic",
          "$ai_reasoning_tokens": 5,
          "$ai_span_id": "id-2",
          "$ai_span_name": "answer",
          "$ai_stop_reason": "tool_calls",
          "$ai_stream": true,
          "$ai_temperature": 0,
          "$ai_time_to_first_token": 0.25,
          "$ai_tools": [
            {
              "description": "Weather by city",
              "name": "weather",
              "parameters": {
                "type": "object",
              },
            },
          ],
          "$ai_trace_id": "id-1",
          "$process_person_profile": false,
        },
      }
    `);
  });

  it('names a generation after its model when it has no name, and never invents tokens', () => {
    const analytics = new LLMAnalytics({ client });
    analytics.captureGeneration({ model: 'gpt-4o', input: 'hi' });
    expect(props(0).$ai_span_name).toBe('gpt-4o');
    for (const key of [
      AI_PROP.inputTokens,
      AI_PROP.outputTokens,
      AI_PROP.cacheReadInputTokens,
      AI_PROP.reasoningTokens,
    ]) {
      expect(props(0)).not.toHaveProperty(key);
    }
    expect(props(0).$ai_stream).toBe(false);
    expect(props(0)).not.toHaveProperty(AI_PROP.timeToFirstToken);
  });

  it('never reports a time to first token above the latency', () => {
    const analytics = new LLMAnalytics({ client });
    analytics.captureGeneration({ model: 'm', stream: true, latency: 0.5, timeToFirstToken: 3 });
    expect(props(0).$ai_time_to_first_token).toBe(0.5);
  });

  it('marks errors with the status the error carries, else 500', () => {
    const analytics = new LLMAnalytics({ client });
    const rateLimited = Object.assign(new Error('Too many requests'), {
      name: 'RateLimitError',
      status: 429,
    });
    analytics.captureGeneration({ model: 'm', provider: 'openai.chat', error: rateLimited });
    analytics.captureGeneration({ model: 'm', error: new TypeError('boom') });
    expect(props(0)).toMatchObject({
      $ai_is_error: true,
      $ai_error: 'RateLimitError: Too many requests',
      $ai_http_status: 429,
      $ai_provider: 'openai',
    });
    expect(props(1)).toMatchObject({
      $ai_is_error: true,
      $ai_error: 'TypeError: boom',
      $ai_http_status: 500,
    });
  });

  it('captures embeddings with count, dimensions and estimated tokens, never vectors', () => {
    const analytics = new LLMAnalytics({ client });
    analytics.captureEmbedding({
      model: 'emb',
      provider: 'openai',
      input: ['a b', 'c'],
      count: 2,
      dimensions: 3,
      usage: { inputTokens: 2, source: 'estimated' },
    });
    expect(client.messages[0]!.event).toBe('$ai_embedding');
    expect(props(0)).toMatchObject({
      $ai_input: ['a b', 'c'],
      $ai_embedding_count: 2,
      $ai_embedding_dimensions: 3,
      $ai_input_tokens: 2,
      $ai_tokens_source: 'estimated',
      $ai_http_status: 200,
    });
  });
});

describe('trace() and span()', () => {
  it('returns the very same promise and rethrows the very same error', async () => {
    const analytics = new LLMAnalytics({ client });
    const promise = Promise.resolve(42);
    expect(analytics.trace({}, () => promise)).toBe(promise);
    const failure = new RangeError('nope');
    await expect(analytics.trace({ name: 'failing' }, async () => Promise.reject(failure))).rejects.toBe(
      failure,
    );
    const thrown = new Error('sync');
    expect(() =>
      analytics.span({ name: 's' }, () => {
        throw thrown;
      }),
    ).toThrow(thrown);
    await new Promise((resolve) => setImmediate(resolve));
    const failedTrace = client
      .eventsNamed('$ai_trace')
      .find((m) => m.properties.$ai_span_name === 'failing')!;
    expect(failedTrace.properties).toMatchObject({ $ai_is_error: true, $ai_error: 'RangeError: nope' });
    expect(client.eventsNamed('$ai_span')[0]!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_span_type: 'custom',
    });
  });

  it('lets the function set its output state and extra properties', () => {
    const analytics = new LLMAnalytics({ client });
    analytics.trace({ name: 't' }, (trace) => {
      trace.setOutput({ shown: 'answer' });
      trace.setProperties({ feedback: 'good' });
      return 'raw';
    });
    expect(props(0)).toMatchObject({ $ai_output_state: { shown: 'answer' }, feedback: 'good' });
  });

  it('runs a span outside any trace as part of a pseudo-trace, without a trace event', () => {
    const analytics = new LLMAnalytics({ client });
    analytics.span({ name: 'lonely', type: 'tool', input: { a: 1 } }, () => 'done');
    expect(client.messages).toHaveLength(1);
    expect(props(0)).toMatchObject({
      $ai_span_type: 'tool',
      $ai_parent_id: props(0).$ai_trace_id,
      $ai_output_state: 'done',
    });
  });
});

describe('privacy', () => {
  const secretError = Object.assign(new Error('prompt was: my secret'), {
    name: 'BadRequestError',
    code: 'invalid_prompt',
    status: 400,
  });

  it.each([
    ['the option', () => new LLMAnalytics({ client, privacyMode: true })],
    [
      'the posthog-node client',
      () => new LLMAnalytics({ client: Object.assign(client, { privacyMode: true }) }),
    ],
  ])('nulls every content field when set on %s, and keeps only the error name and code', async (_, make) => {
    const analytics = make();
    await analytics.trace({ input: 'secret' }, async () => {
      analytics.captureGeneration({
        model: 'm',
        input: 'secret',
        output: 'secret',
        usage: { inputTokens: 3 },
        error: secretError,
      });
      analytics.captureEmbedding({ model: 'e', input: 'secret' });
      analytics.span({ input: 'secret' }, () => 'secret');
    });
    const serialized = JSON.stringify(client.messages);
    expect(serialized).not.toContain('secret');
    expect(props(0)).toMatchObject({
      $ai_input: null,
      $ai_output_choices: null,
      $ai_input_tokens: 3,
      $ai_error: 'BadRequestError (code: invalid_prompt)',
      $ai_http_status: 400,
    });
    expect(props(3)).toMatchObject({ $ai_input_state: null, $ai_output_state: null });
  });

  it('lets one call or trace turn privacy on, never off', async () => {
    const analytics = new LLMAnalytics({ client });
    await analytics.trace({ privacyMode: true, input: 'secret' }, async () => {
      analytics.captureGeneration({ model: 'm', input: 'secret', privacyMode: false });
    });
    expect(JSON.stringify(client.messages)).not.toContain('secret');
  });
});

describe('redact', () => {
  it('receives the message about to be captured and may edit or drop it', () => {
    const analytics = new LLMAnalytics({
      client,
      redact: (message) =>
        message.event === '$ai_embedding'
          ? null
          : { ...message, properties: { ...message.properties, $ai_input: '[scrubbed]' } },
    });
    analytics.captureGeneration({ model: 'm', input: 'card 4242' });
    analytics.captureEmbedding({ model: 'e', input: 'x' });
    expect(client.messages).toHaveLength(1);
    expect(props(0).$ai_input).toBe('[scrubbed]');
  });

  it('fails closed: a throwing hook drops the event and reports the error', () => {
    const onError = vi.fn();
    const analytics = new LLMAnalytics({
      client,
      onError,
      redact: () => {
        throw new Error('hook bug');
      },
    });
    expect(analytics.captureGeneration({ model: 'm', input: 'secret' })).toBeUndefined();
    expect(client.messages).toHaveLength(0);
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'hook bug' }),
      expect.stringContaining('redact'),
    );
  });
});

describe('the guard', () => {
  it('never lets a throwing client, or a throwing onError, reach the host', async () => {
    const onError = vi.fn(() => {
      throw new Error('onError bug');
    });
    const analytics = new LLMAnalytics({
      client: {
        capture: () => {
          throw new Error('client down');
        },
        flush: () => Promise.reject(new Error('net')),
        shutdown: () => {
          throw new Error('x');
        },
      },
      onError,
    });
    expect(
      await analytics.trace({ name: 't' }, async () => {
        analytics.captureGeneration({ model: 'm' });
        return 'result';
      }),
    ).toBe('result');
    await expect(analytics.flush()).resolves.toBeUndefined();
    await expect(analytics.shutdown()).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalled();
  });

  it('is silent by default and prints with debug: true', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    new LLMAnalytics({
      client: {
        capture: () => {
          throw new Error('x');
        },
      },
    }).captureGeneration({ model: 'm' });
    expect(spy).not.toHaveBeenCalled();
    new LLMAnalytics({
      client: {
        capture: () => {
          throw new Error('x');
        },
      },
      debug: true,
    }).captureGeneration({ model: 'm' });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it('survives a missing client', () => {
    const analytics = new LLMAnalytics({ client: undefined as never });
    expect(analytics.trace({}, () => 7)).toBe(7);
  });
});

describe('span and trace states', () => {
  it('turns LangChain messages and documents in states into messages and { page_content, metadata }', () => {
    class FakeAIMessage {
      lc_kwargs = { content: 'hi' };
      content = 'hi';
      _getType() {
        return 'ai';
      }
    }
    const analytics = new LLMAnalytics({ client });
    analytics.capture({
      kind: 'span',
      spanType: 'retriever',
      input: { messages: [new FakeAIMessage()] },
      output: [{ pageContent: 'doc', metadata: { source: 'a' } }],
    });
    expect(props(0)).toMatchObject({
      $ai_input_state: { messages: [{ role: 'assistant', content: 'hi' }] },
      $ai_output_state: [{ page_content: 'doc', metadata: { source: 'a' } }],
    });
  });

  it("carries a tool span's tool call id", () => {
    const analytics = new LLMAnalytics({ client });
    analytics.capture({
      kind: 'span',
      spanType: 'tool',
      name: 'weather',
      input: { city: 'Paris' },
      output: 'sunny',
      toolCallId: 'call_9',
    });
    expect(props(0)).toMatchObject({
      $ai_span_type: 'tool',
      $ai_tool_call_id: 'call_9',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: 'sunny',
    });
  });
});

describe('mergeIdentity', () => {
  it('lets later layers win, merges properties and groups, and only ever adds privacy', async () => {
    const { mergeIdentity } = await import('./context');
    expect(
      mergeIdentity(
        {
          distinctId: 'default',
          sessionId: 's0',
          properties: { a: 1, b: 1 },
          groups: { org: 'x' },
          privacyMode: true,
        },
        undefined,
        { distinctId: '', properties: { b: 2 } },
        { sessionId: 's2', groups: { team: 't' }, privacyMode: false },
      ),
    ).toEqual({
      distinctId: 'default',
      sessionId: 's2',
      properties: { a: 1, b: 2 },
      groups: { org: 'x', team: 't' },
      privacyMode: true,
    });
  });
});

describe('the size budget end to end', () => {
  it('keeps a string that fits whole, and cuts one longer than the whole budget to a quarter of it', () => {
    const analytics = new LLMAnalytics({ client, maxEventBytes: 100_000 });
    analytics.captureGeneration({ model: 'm', input: 'a'.repeat(60_000) });
    analytics.captureGeneration({ model: 'm', input: 'b'.repeat(500_000) });
    expect((props(0).$ai_input as Array<{ content: string }>)[0]!.content).toBe('a'.repeat(60_000));
    const cut = (props(1).$ai_input as Array<{ content: string }>)[0]!.content;
    expect(cut).toBe(`${'b'.repeat(25_000)}… [truncated 475000 bytes]`);
    for (const message of client.messages)
      expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(100_000);
  });
});
