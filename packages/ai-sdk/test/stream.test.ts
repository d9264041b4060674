import { afterEach, describe, expect, it } from 'vitest';
import { streamSettings } from '../src/language-model-hooks';
import { useEndpoint } from './endpoint';
import { apiError, type Major, majors, textParts } from './majors';

const endpoint = useEndpoint();
const defaultIdleTimeout = streamSettings.idleTimeoutMs;
afterEach(() => {
  streamSettings.idleTimeoutMs = defaultIdleTimeout;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Give a late, duplicate event the time to arrive before asserting there is exactly one. */
async function settle(): Promise<void> {
  await sleep(150);
}

function streamOf(major: Major, chunks: unknown[], chunkDelayInMs: number | null = null) {
  return major.test.simulateReadableStream({ chunks, initialDelayInMs: null, chunkDelayInMs });
}

describe.each(majors)('streamText on $name', (major) => {
  const { streamText } = major.ai;

  it('streams every part unchanged and captures one streamed generation with TTFT and usage', async () => {
    const analytics = endpoint.analytics();
    const parts = textParts(major, ['Hel', 'lo', ' world'], { usage: { input: 12, output: 3 } });
    const model = major.wrap(
      major.languageModel({
        doStream: async () => ({
          stream: streamOf(major, parts, 5),
          request: { body: '{"model":"gpt-4o-mini"}' },
          response: { headers: { 'x-request-id': 'req-1' } },
        }),
      }),
      { analytics, distinctId: 'user-1' },
    );
    const result = streamText({ model, prompt: 'Say hello', temperature: 0, maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe('Hello world');
    expect((await result.response).headers).toEqual({ 'x-request-id': 'req-1' });

    const [event] = await endpoint.server.waitForEvents(1);
    await settle();
    expect(endpoint.server.events).toHaveLength(1);
    expect(event!.distinct_id).toBe('user-1');
    expect(event!.properties).toMatchObject({
      $ai_stream: true,
      $ai_model: 'gpt-4o-mini-2024-07-18',
      $ai_provider: 'openai',
      $ai_output_choices: [{ role: 'assistant', content: 'Hello world' }],
      $ai_input_tokens: 12,
      $ai_output_tokens: 3,
      $ai_stop_reason: 'stop',
      $ai_model_parameters: { temperature: 0, stream: true },
      $ai_http_status: 200,
    });
    const { $ai_time_to_first_token: ttft, $ai_latency: latency } = event!.properties;
    expect(ttft).toBeGreaterThan(0);
    expect(ttft).toBeLessThanOrEqual(latency);
    expect(latency).toBeGreaterThanOrEqual(0.01);
  });

  it('hands on the very same part objects, and keeps request and response', async () => {
    const analytics = endpoint.analytics();
    const parts = textParts(major, ['a', 'b']);
    const model = major.wrap(
      major.languageModel({
        doStream: async () => ({
          stream: major.test.convertArrayToReadableStream(parts),
          request: { body: 'req' },
          response: { headers: { h: '1' } },
        }),
      }),
      { analytics },
    );
    const result = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
    });
    expect(result.request).toEqual({ body: 'req' });
    expect(result.response).toEqual({ headers: { h: '1' } });
    const received = await major.test.convertReadableStreamToArray(result.stream);
    expect(received).toHaveLength(parts.length);
    for (const [index, part] of received.entries()) expect(part).toBe(parts[index]);
    await endpoint.server.waitForEvents(1);
  });

  it('captures reasoning, text and tool calls of a stream, with tools offered', async () => {
    const analytics = endpoint.analytics();
    const parts = [
      { type: 'stream-start', warnings: [] },
      { type: 'reasoning-start', id: 'r1' },
      { type: 'reasoning-delta', id: 'r1', delta: 'The user wants ' },
      { type: 'reasoning-delta', id: 'r1', delta: 'weather.' },
      { type: 'reasoning-end', id: 'r1' },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'Checking.' },
      { type: 'text-end', id: 't1' },
      { type: 'tool-input-start', id: 'call_9', toolName: 'weather' },
      { type: 'tool-input-delta', id: 'call_9', delta: '{"city":' },
      { type: 'tool-input-delta', id: 'call_9', delta: '"Paris"}' },
      { type: 'tool-input-end', id: 'call_9' },
      { type: 'tool-call', toolCallId: 'call_9', toolName: 'weather', input: '{"city":"Paris"}' },
      {
        type: 'finish',
        finishReason: major.finishReason('tool-calls'),
        usage: major.usage({ input: 30, output: 20, reasoning: 12 }),
      },
    ];
    const model = major.wrap(
      major.languageModel({ doStream: async () => ({ stream: streamOf(major, parts) }) }),
      {
        analytics,
      },
    );
    const { jsonSchema } = major.ai;
    const result = streamText({
      model,
      prompt: 'Weather in Paris?',
      maxRetries: 0,
      tools: { weather: { description: 'Weather', inputSchema: jsonSchema({ type: 'object' }) } },
    });
    await result.consumeStream();
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'The user wants weather.' },
          { type: 'text', text: 'Checking.' },
          { type: 'function', id: 'call_9', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        ],
      },
    ]);
    expect(event!.properties).toMatchObject({
      $ai_stop_reason: 'tool_calls',
      $ai_reasoning_tokens: 12,
      $ai_tools: [{ name: 'weather', description: 'Weather', parameters: { type: 'object' } }],
    });
  });

  it('captures an in-band error part once, with the partial output', async () => {
    const analytics = endpoint.analytics();
    const error = apiError(major, 503, 'upstream overloaded');
    const parts = [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't1' },
      { type: 'text-delta', id: 't1', delta: 'partial ' },
      { type: 'text-delta', id: 't1', delta: 'answer' },
      { type: 'error', error },
      {
        type: 'finish',
        finishReason: major.finishReason('error'),
        usage: major.usage({ input: 5, output: 2 }),
      },
    ];
    const model = major.wrap(
      major.languageModel({ doStream: async () => ({ stream: streamOf(major, parts) }) }),
      {
        analytics,
      },
    );
    const errors: unknown[] = [];
    const result = streamText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      onError: ({ error }: any) => errors.push(error),
    });
    await result.consumeStream();
    const [event] = await endpoint.server.waitForEvents(1);
    await settle();
    expect(endpoint.server.events).toHaveLength(1);
    expect(errors[0]).toBe(error);
    expect(event!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_http_status: 503,
      $ai_stream: true,
      $ai_output_choices: [{ role: 'assistant', content: 'partial answer' }],
    });
    expect(event!.properties.$ai_error).toContain('upstream overloaded');
  });

  it('captures a source error once, and the consumer gets the same error', async () => {
    const analytics = endpoint.analytics();
    const error = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const source = new ReadableStream({
      start(controller) {
        controller.enqueue({ type: 'text-start', id: 't1' });
        controller.enqueue({ type: 'text-delta', id: 't1', delta: 'so far' });
      },
      pull(controller) {
        controller.error(error);
      },
    });
    const model = major.wrap(major.languageModel({ doStream: async () => ({ stream: source }) }), {
      analytics,
    });
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
    });
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await expect(reader.read()).rejects.toBe(error);
    const [event] = await endpoint.server.waitForEvents(1);
    await settle();
    expect(endpoint.server.events).toHaveLength(1);
    expect(event!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_http_status: 500,
      $ai_output_choices: [{ role: 'assistant', content: 'so far' }],
    });
    expect(event!.properties.$ai_error).toContain('ECONNRESET');
  });

  it('captures a doStream that rejects, with the status and the normalized provider', async () => {
    const analytics = endpoint.analytics();
    const error = apiError(major, 401, 'Incorrect API key');
    const model = major.wrap(
      major.languageModel({
        doStream: async () => {
          throw error;
        },
      }),
      { analytics },
    );
    const errors: unknown[] = [];
    const result = streamText({
      model,
      prompt: 'Hi',
      maxRetries: 0,
      onError: ({ error }: any) => errors.push(error),
    });
    await result.consumeStream();
    expect(errors[0]).toBe(error);
    const [event] = await endpoint.server.waitForEvents(1);
    expect(event!.properties).toMatchObject({
      $ai_http_status: 401,
      $ai_provider: 'openai',
      $ai_is_error: true,
    });
  });

  it('captures a stream aborted mid-way through abortSignal, with the deltas received so far', async () => {
    const analytics = endpoint.analytics();
    const deltas = Array.from({ length: 200 }, (_, index) => `w${index} `);
    const model = major.wrap(
      major.languageModel({
        doStream: async () => ({ stream: streamOf(major, textParts(major, deltas), 5) }),
      }),
      { analytics },
    );
    const controller = new AbortController();
    const result = streamText({
      model,
      prompt: 'Long story',
      maxRetries: 0,
      abortSignal: controller.signal,
      onError: () => {},
    });
    let received = 0;
    try {
      for await (const _ of result.textStream) {
        if (++received === 10) controller.abort();
      }
    } catch {
      // Some majors reject the iteration with the abort error.
    }
    const [event] = await endpoint.server.waitForEvents(1);
    await settle();
    expect(endpoint.server.events).toHaveLength(1);
    expect(event!.properties.$ai_is_error).toBe(true);
    const output = event!.properties.$ai_output_choices[0].content as string;
    expect(output.startsWith('w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 ')).toBe(true);
    expect(output.length).toBeLessThan(deltas.join('').length);
    expect(event!.properties.$ai_input_tokens).toBeUndefined();
  });

  it('captures a stream cancelled by its reader, once', async () => {
    const analytics = endpoint.analytics();
    let sourceCancelled: unknown;
    const parts = textParts(major, ['one ', 'two ', 'three']);
    let index = 0;
    const source = new ReadableStream(
      {
        pull(controller) {
          controller.enqueue(parts[index++]);
        },
        cancel(reason) {
          sourceCancelled = reason ?? 'cancelled';
        },
      },
      { highWaterMark: 0 },
    );
    const model = major.wrap(major.languageModel({ doStream: async () => ({ stream: source }) }), {
      analytics,
    });
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }],
    });
    const reader = stream.getReader();
    for (let i = 0; i < 4; i++) await reader.read(); // stream-start, metadata, text-start, 'one '
    await reader.cancel('user left');
    expect(sourceCancelled).toBe('user left');
    // Backpressure: the source was pulled only for what the consumer read.
    expect(index).toBe(4);
    const [event] = await endpoint.server.waitForEvents(1);
    await settle();
    expect(endpoint.server.events).toHaveLength(1);
    expect(event!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_output_choices: [{ role: 'assistant', content: 'one ' }],
    });
    expect(event!.properties.$ai_error).toContain('user left');
  });

  it('keeps per-chunk work constant on a long stream (about the cost of a bare stream)', async () => {
    const analytics = endpoint.analytics();
    const parts = textParts(
      major,
      Array.from({ length: 20_000 }, () => 'token '),
    );
    const source = () =>
      new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      });
    const drain = async (stream: ReadableStream) => {
      const reader = stream.getReader();
      let count = 0;
      while (!(await reader.read()).done) count++;
      return count;
    };
    const model = major.wrap(major.languageModel({ doStream: async () => ({ stream: source() }) }), {
      analytics,
    });
    const prompt = [{ role: 'user', content: [{ type: 'text', text: 'x' }] }];
    let started = performance.now();
    expect(await drain(source())).toBe(parts.length);
    const bare = performance.now() - started;
    started = performance.now();
    const { stream } = await model.doStream({ prompt });
    expect(await drain(stream)).toBe(parts.length);
    const wrapped = performance.now() - started;
    // Re-joining the text per chunk would be quadratic: 20k chunks would take seconds more.
    expect(wrapped).toBeLessThan(bare * 3 + 500);
    const [event] = await endpoint.server.waitForEvents(1);
    expect((event!.properties.$ai_output_choices[0].content as string).length).toBe(120_000);
  });
  it('captures a stream whose consumer stopped reading without cancelling (abandoned)', async () => {
    streamSettings.idleTimeoutMs = 100;
    const analytics = endpoint.analytics();
    const parts = textParts(
      major,
      Array.from({ length: 100 }, (_, index) => `w${index} `),
    );
    let pulled = 0;
    const source = new ReadableStream(
      {
        pull(controller) {
          if (pulled < parts.length) controller.enqueue(parts[pulled++]);
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const model = major.wrap(major.languageModel({ doStream: async () => ({ stream: source }) }), {
      analytics,
    });
    const result = streamText({ model, prompt: 'x', maxRetries: 0, onError: () => {} });
    const reader = result.textStream.getReader();
    for (let i = 0; i < 3; i++) await reader.read();
    reader.releaseLock(); // walks away: no cancel, no abort
    const [event] = await endpoint.server.waitForEvents(1, { timeoutMs: 3_000 });
    await settle();
    expect(endpoint.server.events).toHaveLength(1);
    // ai 5 and 6 drain the model stream themselves (complete event); ai 7 pauses it (abandoned).
    const content = event!.properties.$ai_output_choices[0].content as string;
    expect(content.startsWith('w0 w1 w2 ')).toBe(true);
    if (pulled < parts.length) {
      expect(event!.properties.$ai_is_error).toBe(true);
      expect(event!.properties.$ai_error).toContain('StreamAbandonedError');
    }
  });
});
