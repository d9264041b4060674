import { treeProblems } from '@llm-analytics/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { llmAnalyticsMiddleware, withLLMAnalytics } from '../src/index';
import { useEndpoint } from './endpoint';
import { apiError, generateResult, majors, textParts } from './majors';

const endpoint = useEndpoint();

describe.each(majors)('generateText on $name', (major) => {
  const { generateText } = major.ai;

  it('captures one complete $ai_generation and returns the result untouched', async () => {
    const analytics = endpoint.analytics();
    const raw = generateResult(
      major,
      [
        { type: 'reasoning', text: 'think' },
        { type: 'text', text: 'Hello!' },
      ],
      { usage: { input: 120, output: 40, cacheRead: 100, reasoning: 8 } },
    );
    let seenResult: unknown;
    const model = major.wrap(major.languageModel({ doGenerate: async () => raw }), { analytics });
    const spy = major.wrap(
      major.languageModel({
        doGenerate: async (params: unknown) => {
          const result = await model.doGenerate(params);
          seenResult = result;
          return result;
        },
      }),
      {},
    );
    const result = await generateText({
      model: spy,
      system: 'Be brief.',
      prompt: 'Hi',
      temperature: 0.2,
      maxOutputTokens: 50,
      topK: 3,
      seed: 7,
      stopSequences: ['END'],
      maxRetries: 0,
    });
    expect(result.text).toBe('Hello!');
    expect(seenResult).toBe(raw);

    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.event).toBe('$ai_generation');
    expect(event!.properties).toMatchObject({
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_lib: '@llm-analytics/ai-sdk',
      $ai_lib_version: '0.1.0',
      $ai_framework: 'vercel',
      $ai_input: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      ],
      $ai_output_choices: [
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'think' },
            { type: 'text', text: 'Hello!' },
          ],
        },
      ],
      $ai_input_tokens: 120,
      $ai_output_tokens: 40,
      $ai_cache_read_input_tokens: 100,
      $ai_reasoning_tokens: 8,
      $ai_cache_reporting_exclusive: false,
      $ai_model_parameters: {
        temperature: 0.2,
        max_tokens: 50,
        top_k: 3,
        seed: 7,
        stop: ['END'],
        stream: false,
      },
      $ai_temperature: 0.2,
      $ai_max_tokens: 50,
      $ai_stream: false,
      $ai_stop_reason: 'stop',
      $ai_http_status: 200,
      $process_person_profile: false,
    });
    expect(event!.properties.$ai_latency).toBeGreaterThanOrEqual(0);
    expect(event!.properties.$ai_is_error).toBeUndefined();
    // No trace around the call: a fresh trace id, parented to itself, no $ai_trace event.
    expect(event!.properties.$ai_parent_id).toBe(event!.properties.$ai_trace_id);
    expect(event!.distinct_id).toBe(event!.properties.$ai_trace_id);
  });

  it('records the tools offered, tool calls and tool results with their ids', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(
      major.languageModel({
        doGenerate: async () =>
          generateResult(
            major,
            [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Paris"}' }],
            {
              finish: 'tool-calls',
            },
          ),
      }),
      { analytics },
    );
    const { jsonSchema } = major.ai;
    await generateText({
      model,
      maxRetries: 0,
      toolChoice: 'required',
      tools: {
        weather: {
          description: 'Weather of a city',
          inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } } }),
        },
      },
      messages: [
        { role: 'user', content: 'Weather in Lyon?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', toolCallId: 'call_0', toolName: 'weather', input: { city: 'Lyon' } },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'call_0',
              toolName: 'weather',
              output: { type: 'json', value: { sky: 'grey' } },
            },
          ],
        },
        { role: 'user', content: 'And Paris?' },
      ],
    });
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties.$ai_tools).toEqual([
      {
        name: 'weather',
        description: 'Weather of a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } } },
      },
    ]);
    expect(event!.properties.$ai_model_parameters.tool_choice).toEqual({ type: 'required' });
    expect(event!.properties.$ai_stop_reason).toBe('tool_calls');
    expect(event!.properties.$ai_input).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Lyon?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'function', id: 'call_0', function: { name: 'weather', arguments: '{"city":"Lyon"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_0', name: 'weather', content: '{"sky":"grey"}' },
      { role: 'user', content: [{ type: 'text', text: 'And Paris?' }] },
    ]);
    expect(event!.properties.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'function', id: 'call_1', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        ],
      },
    ]);
  });

  it('redacts inline images and files in the input', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(
      major.languageModel({
        doGenerate: async () => generateResult(major, [{ type: 'text', text: 'a cat' }]),
      }),
      { analytics },
    );
    const png = new Uint8Array(2048).fill(7);
    await generateText({
      model,
      maxRetries: 0,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', image: png, mediaType: 'image/png' },
            { type: 'file', data: new Uint8Array(300).fill(1), mediaType: 'application/pdf' },
          ],
        },
      ],
    });
    const [event] = await endpoint.server.waitForEvents(1);
    const serialized = JSON.stringify(event!.properties.$ai_input);
    expect(serialized).toContain('What is this?');
    expect(serialized).toMatch(/redacted/);
    expect(serialized).not.toContain('BwcHBwcH'); // base64 of the image bytes
    expect(event!.bytes).toBeLessThan(5_000);
  });

  it('captures a provider error with its status code, normalized provider, and rethrows the same error', async () => {
    const analytics = endpoint.analytics();
    const error = apiError(major, 429);
    const model = major.wrap(
      major.languageModel({
        doGenerate: async () => {
          throw error;
        },
      }),
      { analytics },
    );
    const caught = await generateText({ model, prompt: 'Hi', maxRetries: 0 }).catch((e: unknown) => e);
    expect(caught).toBe(error);
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties).toMatchObject({
      $ai_provider: 'openai',
      $ai_model: 'gpt-4o-mini',
      $ai_http_status: 429,
      $ai_is_error: true,
      $ai_input: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    expect(event!.properties.$ai_error).toContain('Rate limit reached');
  });

  it('takes identity per call from providerOptions.llmAnalytics, and the provider never sees it', async () => {
    const analytics = endpoint.analytics();
    const inner = major.languageModel({
      doGenerate: async () => generateResult(major, [{ type: 'text', text: 'ok' }]),
    });
    const model = major.wrap(inner, { analytics, distinctId: 'default-user', properties: { app: 'docs' } });
    await generateText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: {
        llmAnalytics: {
          distinctId: 'user-42',
          traceId: 'trace-abc',
          sessionId: 'conv-1',
          properties: { plan: 'pro' },
          groups: { company: 'acme' },
        },
        openai: { user: 'keep-me' },
      },
    });
    expect(inner.doGenerateCalls[0].providerOptions).toEqual({ openai: { user: 'keep-me' } });
    await generateText({
      model,
      prompt: 'Again',
      maxRetries: 0,
      providerOptions: { llmAnalytics: { distinctId: 'user-43' } },
    });
    expect(inner.doGenerateCalls[1].providerOptions).toBeUndefined();

    const events = await endpoint.server.waitForEvents(2);
    const [first, second] = events;
    expect(first!.distinct_id).toBe('user-42');
    expect(first!.properties).toMatchObject({
      $ai_trace_id: 'trace-abc',
      $ai_parent_id: 'trace-abc',
      $ai_session_id: 'conv-1',
      $groups: { company: 'acme' },
      app: 'docs',
      plan: 'pro',
    });
    expect(first!.properties.$process_person_profile).toBeUndefined();
    expect(second!.distinct_id).toBe('user-43');
    expect(second!.properties.$ai_trace_id).not.toBe('trace-abc');
    endpoint.server.clear();
    await generateText({
      model,
      prompt: 'Nested',
      maxRetries: 0,
      providerOptions: { llmAnalytics: { traceId: 'trace-abc', parentId: 'span-9' } },
    });
    const [nested] = await endpoint.server.waitForEvents(1);
    expect(nested!.properties).toMatchObject({ $ai_trace_id: 'trace-abc', $ai_parent_id: 'span-9' });
    expect(nested!.distinct_id).toBe('default-user');
  });

  it('links into analytics.trace() and span()', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(
      major.languageModel({ doGenerate: async () => generateResult(major, [{ type: 'text', text: 'ok' }]) }),
      { analytics },
    );
    await analytics.trace({ name: 'chat', distinctId: 'user-7', sessionId: 's-1' }, async () => {
      await generateText({ model, prompt: 'one', maxRetries: 0 });
      await analytics.span({ name: 'step', type: 'step' }, () =>
        generateText({ model, prompt: 'two', maxRetries: 0 }),
      );
    });
    const events = await endpoint.server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    const generations = events.filter((e) => e.event === '$ai_generation');
    expect(generations.map((e) => e.distinct_id)).toEqual(['user-7', 'user-7']);
    expect(generations[0]!.properties.$ai_session_id).toBe('s-1');
    const span = events.find((e) => e.event === '$ai_span')!;
    expect(generations[1]!.properties.$ai_parent_id).toBe(span.properties.$ai_span_id);
  });

  it('privacy mode drops content but keeps metrics (option, per call, and the client option)', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(
      major.languageModel({
        doGenerate: async () => generateResult(major, [{ type: 'text', text: 'secret answer' }]),
      }),
      { analytics, privacyMode: true },
    );
    await generateText({ model, prompt: 'secret question', maxRetries: 0 });
    const perCall = major.wrap(
      major.languageModel({
        doGenerate: async () => {
          throw apiError(major, 400, 'bad request: secret question');
        },
      }),
      { analytics },
    );
    await generateText({
      model: perCall,
      prompt: 'secret question',
      maxRetries: 0,
      providerOptions: { llmAnalytics: { privacyMode: true } },
    }).catch(() => {});
    const clientPrivate = major.wrap(
      major.languageModel({
        doGenerate: async () => generateResult(major, [{ type: 'text', text: 'secret answer' }]),
      }),
      { client: endpoint.client({ privacyMode: true }) },
    );
    await generateText({ model: clientPrivate, prompt: 'secret question', maxRetries: 0 });
    const events = await endpoint.server.waitForEvents(3);
    for (const event of events) {
      expect(JSON.stringify(event.properties)).not.toContain('secret');
      expect(event.properties.$ai_input).toBeNull();
      expect(event.properties.$ai_output_choices).toBeNull();
      expect(event.properties.$ai_model).toBeDefined();
    }
    expect(events[0]!.properties.$ai_input_tokens).toBe(10);
    const failed = events.find((event) => event.properties.$ai_is_error === true)!;
    expect(failed.properties.$ai_error).toBe('AI_APICallError');
  });

  it('captures generateObject and streamObject calls with their response format', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(
      major.languageModel({
        doGenerate: async () => generateResult(major, [{ type: 'text', text: '{"city":"Paris"}' }]),
        doStream: async () => ({
          stream: major.test.convertArrayToReadableStream(textParts(major, ['{"city":', '"Paris"}'])),
        }),
      }),
      { analytics },
    );
    const schema = z.object({ city: z.string() });
    const { object } = await major.ai.generateObject({ model, schema, prompt: 'Where?', maxRetries: 0 });
    expect(object).toEqual({ city: 'Paris' });
    const streamed = major.ai.streamObject({ model, schema, prompt: 'Where?', maxRetries: 0 });
    for await (const _partial of streamed.partialObjectStream) {
      // reading drives the stream
    }
    expect(await streamed.object).toEqual({ city: 'Paris' });
    const events = await endpoint.server.waitForEvents(2);
    for (const event of events) {
      expect(event.properties.$ai_model_parameters.response_format).toMatchObject({ type: 'json' });
      expect(event.properties.$ai_output_choices).toEqual([
        { role: 'assistant', content: '{"city":"Paris"}' },
      ]);
    }
    expect(events.map((event) => event.properties.$ai_stream)).toEqual([false, true]);
  });

  it('keeps the host working when the client throws', async () => {
    const capture = vi.fn(() => {
      throw new Error('client down');
    });
    const raw = generateResult(major, [{ type: 'text', text: 'still fine' }]);
    const model = major.wrap(major.languageModel({ doGenerate: async () => raw }), { client: { capture } });
    const result = await generateText({ model, prompt: 'Hi', maxRetries: 0 });
    expect(result.text).toBe('still fine');
    expect(capture).toHaveBeenCalledTimes(1);
    const failing = major.wrap(
      major.languageModel({
        doGenerate: async () => {
          throw apiError(major, 500);
        },
      }),
      { client: { capture } },
    );
    await expect(generateText({ model: failing, prompt: 'Hi', maxRetries: 0 })).rejects.toThrow('Rate limit');
  });

  it('passes calls through untouched without a client', async () => {
    const model = major.wrap(
      major.languageModel({ doGenerate: async () => generateResult(major, [{ type: 'text', text: 'ok' }]) }),
      {} as never,
    );
    const result = await generateText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { llmAnalytics: { distinctId: 'x' } },
    });
    expect(result.text).toBe('ok');
  });

  it('keeps provider, modelId and supportedUrls readable on the wrapped model', async () => {
    const supportedUrls = { 'image/*': [/^https:\/\//] };
    const inner = major.languageModel({ provider: 'anthropic.messages', modelId: 'claude-x', supportedUrls });
    (inner as any).config = { baseURL: 'https://api.anthropic.com/v1' };
    const analytics = endpoint.analytics();
    for (const model of [major.wrap(inner, { analytics }), withLLMAnalytics(inner, { analytics })]) {
      expect(model.provider).toBe('anthropic.messages');
      expect(model.modelId).toBe('claude-x');
      expect(await model.supportedUrls).toEqual(supportedUrls);
    }
    const proxied = withLLMAnalytics(inner, { analytics });
    expect(proxied.specificationVersion).toBe(major.spec);
    expect((proxied as any).config.baseURL).toBe('https://api.anthropic.com/v1');
  });

  it('withLLMAnalytics captures generations with the base URL of the provider config', async () => {
    const analytics = endpoint.analytics();
    const inner = major.languageModel({
      provider: 'anthropic.messages',
      modelId: 'claude-x',
      doGenerate: async () =>
        generateResult(major, [{ type: 'text', text: 'ok' }], {
          modelId: 'claude-x-2025',
          // @ai-sdk/anthropic on ai 5 reports Anthropic's raw input tokens (cache reads apart);
          // ai 6 and 7 report totals that include them.
          usage: { input: major.spec === 'v2' ? 200 : 1000, output: 10, cacheRead: 800 },
        }),
    });
    (inner as any).config = { baseURL: 'https://user:pw@api.anthropic.com/v1?key=secret' };
    const model = withLLMAnalytics(inner, { analytics, distinctId: 'u-1' });
    const result = await generateText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: { llmAnalytics: { sessionId: 's' } },
    });
    expect(result.text).toBe('ok');
    expect(inner.doGenerateCalls[0].providerOptions).toBeUndefined();
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties).toMatchObject({
      $ai_model: 'claude-x-2025',
      $ai_provider: 'anthropic',
      $ai_base_url: 'https://api.anthropic.com/v1',
      $ai_session_id: 's',
      // PostHog's Anthropic convention: input tokens exclude cache reads.
      $ai_input_tokens: 200,
      $ai_cache_read_input_tokens: 800,
      $ai_cache_reporting_exclusive: true,
    });
    expect(event!.distinct_id).toBe('u-1');
  });
});

describe('the middleware on an unknown future major', () => {
  it('passes the call through and captures what it can', async () => {
    const analytics = endpoint.analytics();
    const middleware = llmAnalyticsMiddleware({ analytics });
    const result = { content: [{ type: 'text', text: 'hi' }], somethingNew: true };
    const params = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], futureOption: 1 };
    const model = { specificationVersion: 'v9', provider: 'newco.chat', modelId: 'm' };
    const transformed = await middleware.transformParams({ type: 'generate', params, model });
    expect(transformed).toBe(params);
    const out = await middleware.wrapGenerate({
      doGenerate: async () => result,
      doStream: async () => ({}),
      params: transformed,
      model,
    });
    expect(out).toBe(result);
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties).toMatchObject({
      $ai_provider: 'newco',
      $ai_model: 'm',
      $ai_output_choices: [{ role: 'assistant', content: 'hi' }],
    });
  });
});
