/**
 * Chains, chat models, tools and identity, driven through the real @langchain/core and checked
 * at the local endpoint through posthog-node. Uses @langchain/core only: the lowest-version
 * project runs this file too.
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { LLMAnalytics } from '@llm-analytics/core';
import {
  type CaptureServer,
  eventsOfTrace,
  type ReceivedEvent,
  renderTree,
  treeProblems,
  useCaptureEndpoint,
} from '@llm-analytics/test-utils';
import type { PostHog } from 'posthog-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMAnalyticsCallbackHandler, VERSION } from '../src/index';
import { ScriptedChatModel, sleep } from './helpers';

const endpoint = useCaptureEndpoint();
let server: CaptureServer;
let client: PostHog;
beforeEach(() => {
  server = endpoint.server;
  client = endpoint.client({ flushAt: 50, flushInterval: 0 });
});

const usage = { input_tokens: 120, output_tokens: 8, total_tokens: 128 };

function byName(events: ReceivedEvent[], name: string): ReceivedEvent {
  const found = events.find((event) => event.properties.$ai_span_name === name);
  if (!found) throw new Error(`no event named ${name} in ${events.map((e) => e.properties.$ai_span_name)}`);
  return found;
}

function answerChain(model = new ScriptedChatModel(() => ({ text: 'Paris.', usage }))) {
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'Answer in one word.'],
    ['human', '{question}'],
  ]);
  return prompt.pipe(model).pipe(new StringOutputParser());
}

describe('a prompt | model | parser chain', () => {
  it('becomes one trace: spans for the steps, a generation for the model, the root last', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const result = await answerChain().invoke(
      { question: 'Capital of France?' },
      { callbacks: [handler], metadata: { distinct_id: 'user-7', session_id: 'chat-1' } },
    );
    expect(result).toBe('Paris.');
    await handler.flush();
    const events = await server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(
      [
        '$ai_trace RunnableSequence',
        '  $ai_span ChatPromptTemplate',
        '  $ai_generation gpt-4o-mini',
        '  $ai_span StrOutputParser',
      ].join('\n'),
    );
    const trace = events.at(-1)!;
    expect(trace.event).toBe('$ai_trace');
    expect(trace.distinct_id).toBe('user-7');
    expect(trace.properties).toMatchObject({
      $ai_span_id: trace.properties.$ai_trace_id,
      $ai_session_id: 'chat-1',
      $ai_input_state: { question: 'Capital of France?' },
      $ai_output_state: { output: 'Paris.' },
      $ai_lib: '@llm-analytics/langchain',
      $ai_lib_version: VERSION,
      $ai_framework: 'langchain',
    });
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expect(generation.distinct_id).toBe('user-7');
    expect(generation.properties).toMatchObject({
      $ai_parent_id: trace.properties.$ai_trace_id,
      $ai_model: 'gpt-4o-mini',
      $ai_provider: 'openai',
      $ai_input: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      $ai_output_choices: [{ role: 'assistant', content: 'Paris.' }],
      $ai_input_tokens: 120,
      $ai_output_tokens: 8,
      $ai_model_parameters: { temperature: 0.3, max_tokens: 256 },
      $ai_temperature: 0.3,
      $ai_max_tokens: 256,
      $ai_stream: false,
      $ai_stop_reason: 'stop',
      $ai_http_status: 200,
      $ai_session_id: 'chat-1',
    });
    expect(generation.properties.$ai_time_to_first_token).toBeUndefined();
    expect(byName(events, 'ChatPromptTemplate').properties).toMatchObject({
      $ai_span_type: 'step',
      $ai_input_state: { question: 'Capital of France?' },
      // The prompt value becomes its messages, never an lc_kwargs dump.
      $ai_output_state: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'Capital of France?' },
      ],
    });
    expect(JSON.stringify(events)).not.toContain('lc_kwargs');
    expect(handler.openRuns).toBe(0);
  });

  it('receives handleChainStart arguments in their runtime order (parent, tags, metadata, runType, runName)', async () => {
    const calls: unknown[][] = [];
    class Spy extends BaseCallbackHandler {
      name = 'spy';
      override handleChainStart(...args: unknown[]) {
        calls.push(args);
      }
    }
    const handler = new LLMAnalyticsCallbackHandler({ client });
    await answerChain().invoke(
      { question: 'q' },
      { callbacks: [handler, new Spy({ _awaitHandler: true })], runName: 'qa', metadata: { k: 1 } },
    );
    const [root, prompt] = calls as [unknown[], unknown[]];
    expect(root[3]).toBeUndefined(); // parentRunId of the root
    expect(root[7]).toBe('qa'); // runName
    expect(prompt[3]).toBe(root[2]); // parentRunId = the root's run id
    expect(prompt[4]).toEqual(['seq:step:1']); // tags
    expect(prompt[5]).toMatchObject({ k: 1 }); // metadata
    expect(prompt[6]).toBe('prompt'); // runType
    expect(prompt[7]).toBe('ChatPromptTemplate'); // runName
    await handler.flush();
    const events = await server.waitForEvents(4);
    expect(events.at(-1)!.properties.$ai_span_name).toBe('qa');
    expect(byName(events, 'ChatPromptTemplate').properties.$ai_parent_id).toBe(
      events.at(-1)!.properties.$ai_trace_id,
    );
  });

  it('uses a custom trace id for the root and for every parent link', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client, traceId: 'order-42', traceName: 'checkout' });
    await answerChain().invoke({ question: 'q' }, { callbacks: [handler] });
    await handler.flush();
    const events = await server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    const trace = events.at(-1)!;
    expect(trace.properties).toMatchObject({
      $ai_trace_id: 'order-42',
      $ai_span_id: 'order-42',
      $ai_span_name: 'checkout',
    });
    for (const event of events.slice(0, -1)) expect(event.properties.$ai_parent_id).toBe('order-42');
    // Anonymous: one distinct id (the trace id) for every event, no person profiles.
    expect(new Set(events.map((event) => event.distinct_id))).toEqual(new Set(['order-42']));
    expect(events.every((event) => event.properties.$process_person_profile === false)).toBe(true);
  });

  it('captures a bare model.invoke() as a generation in a fresh trace with no trace event', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client, distinctId: 'default-user' });
    const model = new ScriptedChatModel(() => ({ text: 'hi', usage }));
    await model.invoke([new HumanMessage('hello')], { callbacks: [handler] });
    await model.invoke([new HumanMessage('again')], { callbacks: [handler] });
    await handler.flush();
    const events = await server.waitForEvents(2);
    expect(events.map((event) => event.event)).toEqual(['$ai_generation', '$ai_generation']);
    expect(events[0]!.properties.$ai_trace_id).not.toBe(events[1]!.properties.$ai_trace_id);
    expect(events[0]!.properties.$ai_parent_id).toBe(events[0]!.properties.$ai_trace_id);
    expect(events[0]!.distinct_id).toBe('default-user');
  });

  it('nests under analytics.trace() instead of starting its own trace', async () => {
    const analytics = new LLMAnalytics({ client });
    const handler = new LLMAnalyticsCallbackHandler({ analytics, distinctId: 'handler-default' });
    await analytics.trace({ name: 'request', distinctId: 'outer-user' }, async () => {
      await analytics.span({ name: 'answer', type: 'custom' }, () =>
        answerChain().invoke({ question: 'q' }, { callbacks: [handler] }),
      );
    });
    await handler.flush();
    const events = await server.waitForEvents(6);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(
      [
        '$ai_trace request',
        '  $ai_span answer',
        '    $ai_span RunnableSequence',
        '      $ai_span ChatPromptTemplate',
        '      $ai_generation gpt-4o-mini',
        '      $ai_span StrOutputParser',
      ].join('\n'),
    );
    expect(byName(events, 'RunnableSequence').properties.$ai_span_type).toBe('chain');
    expect(new Set(events.map((event) => event.distinct_id))).toEqual(new Set(['outer-user']));
  });

  it('takes identity, groups, properties and privacy from the metadata of each call', async () => {
    const handler = new LLMAnalyticsCallbackHandler({
      client,
      distinctId: 'default',
      properties: { app: 'docs' },
      groups: { company: 'acme' },
    });
    await answerChain().invoke(
      { question: 'secret question' },
      {
        callbacks: [handler],
        metadata: {
          distinct_id: 'user-9',
          thread_id: 'thread-5',
          posthog_properties: { plan: 'pro' },
          posthog_groups: { team: 't1' },
          privacy_mode: true,
        },
      },
    );
    await handler.flush();
    const events = await server.waitForEvents(4);
    for (const event of events) {
      expect(event.distinct_id).toBe('user-9');
      expect(event.properties).toMatchObject({
        $ai_session_id: 'thread-5',
        app: 'docs',
        plan: 'pro',
        $groups: { company: 'acme', team: 't1' },
      });
    }
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expect(generation.properties.$ai_input).toBeNull();
    expect(generation.properties.$ai_output_choices).toBeNull();
    expect(generation.properties.$ai_input_tokens).toBe(120);
    expect(events.at(-1)!.properties.$ai_input_state).toBeNull();
    expect(JSON.stringify(events)).not.toContain('secret question');
  });
});

describe('generations', () => {
  it('converts cache-inclusive LangChain usage to the provider convention (Anthropic exclusive)', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const cached = {
      input_tokens: 1000,
      output_tokens: 50,
      total_tokens: 1050,
      input_token_details: { cache_read: 700, cache_creation: 200 },
      output_token_details: { reasoning: 20 },
    };
    const anthropic = new ScriptedChatModel(() => ({ text: 'a', usage: cached }), {
      provider: 'anthropic',
      modelName: 'claude-sonnet-4-5',
    });
    const openai = new ScriptedChatModel(() => ({ text: 'b', usage: cached }));
    await anthropic.invoke('x', { callbacks: [handler] });
    await openai.invoke('x', { callbacks: [handler] });
    await handler.flush();
    const [first, second] = await server.waitForEvents(2);
    expect(first!.properties).toMatchObject({
      $ai_provider: 'anthropic',
      $ai_input_tokens: 100,
      $ai_cache_read_input_tokens: 700,
      $ai_cache_creation_input_tokens: 200,
      $ai_reasoning_tokens: 20,
      $ai_cache_reporting_exclusive: true,
    });
    expect(second!.properties).toMatchObject({
      $ai_provider: 'openai',
      $ai_input_tokens: 1000,
      $ai_cache_read_input_tokens: 700,
      $ai_cache_reporting_exclusive: false,
    });
  });

  it('redacts inline images in the input messages', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const model = new ScriptedChatModel(() => ({ text: 'a cat' }));
    const pixels = Buffer.alloc(3000, 7).toString('base64');
    await model.invoke(
      [
        new HumanMessage({
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${pixels}` } },
          ],
        }),
      ],
      { callbacks: [handler] },
    );
    await handler.flush();
    const [generation] = await server.waitForEvents(1);
    const [message] = generation!.properties.$ai_input;
    expect(message.content[0]).toEqual({ type: 'text', text: 'What is this?' });
    expect(message.content[1].type).toBe('image');
    expect(message.content[1].image).toMatch(/redacted/);
    expect(JSON.stringify(generation)).not.toContain(pixels.slice(0, 100));
  });

  it('reports the response model over the requested one, and the class name when nothing else is known', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const model = new ScriptedChatModel(() => ({ text: 'a', responseModel: 'gpt-4o-mini-2024-07-18' }));
    await model.invoke('x', { callbacks: [handler] });
    await handler.flush();
    const [event] = await server.waitForEvents(1);
    expect(event!.properties.$ai_model).toBe('gpt-4o-mini-2024-07-18');
  });

  it('streams: $ai_stream, time to first token, streamed usage', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const model = new ScriptedChatModel(() => ({
      text: 'one two three four',
      usage: { input_tokens: 10, output_tokens: 4, total_tokens: 14 },
      delayMs: 15,
    }));
    const chunks: string[] = [];
    for await (const chunk of await answerChain(model).stream(
      { question: 'count' },
      { callbacks: [handler] },
    )) {
      chunks.push(chunk);
    }
    expect(chunks.join('')).toBe('one two three four');
    await handler.flush();
    const events = await server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    const generation = events.find((event) => event.event === '$ai_generation')!;
    const { $ai_time_to_first_token: ttft, $ai_latency: latency } = generation.properties;
    expect(generation.properties).toMatchObject({
      $ai_stream: true,
      $ai_input_tokens: 10,
      $ai_output_tokens: 4,
      $ai_output_choices: [{ role: 'assistant', content: 'one two three four' }],
    });
    expect(ttft).toBeGreaterThan(0.005);
    expect(ttft).toBeLessThan(latency);
  });

  it('marks a failing model with the error and its status, and the host gets the identical error', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const failure = Object.assign(new Error('rate limited'), { status: 429 });
    const model = new ScriptedChatModel(() => ({ error: failure }));
    const outcome = await answerChain(model)
      .invoke({ question: 'q' }, { callbacks: [handler] })
      .catch((error: unknown) => error);
    expect(outcome).toBe(failure);
    await handler.flush();
    const events = await server.waitForEvents(3);
    expect(treeProblems(events)).toEqual([]);
    const generation = events.find((event) => event.event === '$ai_generation')!;
    expect(generation.properties).toMatchObject({
      $ai_is_error: true,
      $ai_error: 'Error: rate limited',
      $ai_http_status: 429,
      $ai_provider: 'openai',
      $ai_model: 'gpt-4o-mini',
    });
    expect(events.at(-1)!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_error: 'Error: rate limited',
      $ai_http_status: 429,
    });
  });

  it('keeps the error message out in privacy mode (provider errors echo prompts)', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client, privacyMode: true });
    const failure = Object.assign(new Error('invalid prompt: my password is hunter2'), {
      code: 'bad_request',
    });
    const model = new ScriptedChatModel(() => ({ error: failure }));
    await expect(model.invoke('my password is hunter2', { callbacks: [handler] })).rejects.toBe(failure);
    await handler.flush();
    const [generation] = await server.waitForEvents(1);
    expect(generation!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_error: 'Error (code: bad_request)',
      $ai_input: null,
    });
    expect(JSON.stringify(generation)).not.toContain('hunter2');
  });

  it('keeps the text streamed before a mid-stream failure', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const model = new ScriptedChatModel(() => ({
      chunks: ['partial ', 'answer ', 'never'],
      error: new Error('connection reset'),
      failAfterChunks: 2,
    }));
    const chunks: string[] = [];
    const outcome = await (async () => {
      for await (const chunk of await model.stream('x', { callbacks: [handler] }))
        chunks.push(String(chunk.content));
    })().catch((error: unknown) => error);
    expect((outcome as Error).message).toBe('connection reset');
    await handler.flush();
    const [generation] = await server.waitForEvents(1);
    expect(generation!.properties).toMatchObject({
      $ai_is_error: true,
      $ai_stream: true,
      $ai_output_choices: [{ role: 'assistant', content: 'partial answer ' }],
    });
  });

  it('captures tool calls with ids, tool results with tool_call_id, and the tools offered', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const weather = tool(async ({ city }) => `Sunny in ${city}`, {
      name: 'weather',
      description: 'Current weather of a city',
      schema: z.object({ city: z.string() }),
    });
    const model = new ScriptedChatModel((messages) =>
      messages.some((message) => message.getType() === 'tool')
        ? { text: 'It is sunny.' }
        : { toolCalls: [{ id: 'call_1', name: 'weather', args: { city: 'Paris' } }] },
    ).bindTools([weather]);
    const agent = RunnableLambda.from(async (question: string, config) => {
      const messages: BaseMessage[] = [new HumanMessage(question)];
      const first = await model.invoke(messages, config);
      messages.push(first);
      for (const call of first.tool_calls ?? []) messages.push(await weather.invoke(call, config));
      return (await model.invoke(messages, config)).content;
    }).withConfig({ runName: 'agent-loop' });
    expect(await agent.invoke('Weather in Paris?', { callbacks: [handler] })).toBe('It is sunny.');
    await handler.flush();
    const events = await server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    const toolSpan = events.find((event) => event.properties.$ai_span_type === 'tool')!;
    expect(toolSpan.properties).toMatchObject({
      $ai_span_name: 'weather',
      $ai_tool_call_id: 'call_1',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: 'Sunny in Paris',
    });
    const [first, second] = events.filter((event) => event.event === '$ai_generation');
    expect(first!.properties.$ai_output_choices).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'function', id: 'call_1', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        ],
      },
    ]);
    expect(first!.properties.$ai_stop_reason).toBe('tool_calls');
    expect(first!.properties.$ai_tools).toEqual([
      {
        name: 'weather',
        description: 'Current weather of a city',
        parameters: expect.objectContaining({ type: 'object' }),
      },
    ]);
    expect(second!.properties.$ai_input).toContainEqual({
      role: 'tool',
      tool_call_id: 'call_1',
      name: 'weather',
      content: 'Sunny in Paris',
    });
  });
});

describe('failures and load', () => {
  it('marks a throwing tool as an error span; the host sees the identical error', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const failure = new Error('tool exploded');
    const broken = tool(
      async () => {
        throw failure;
      },
      { name: 'broken', description: 'fails', schema: z.object({}) },
    );
    const outcome = await broken.invoke({}, { callbacks: [handler] }).catch((error: unknown) => error);
    expect(outcome).toBe(failure);
    await handler.flush();
    const [trace] = await server.waitForEvents(1);
    expect(trace!.properties).toMatchObject({
      $ai_span_name: 'broken',
      $ai_is_error: true,
      $ai_error: 'Error: tool exploded',
      $ai_http_status: 500,
    });
  });

  it('leaves the host untouched when the client throws', async () => {
    const throwing = {
      capture() {
        throw new Error('client down');
      },
    };
    const errors: string[] = [];
    const analytics = new LLMAnalytics({
      client: throwing,
      onError: (_e, operation) => errors.push(operation),
    });
    const handler = new LLMAnalyticsCallbackHandler({ analytics });
    const result = await answerChain().invoke({ question: 'q' }, { callbacks: [handler] });
    expect(result).toBe('Paris.');
    const streamed: string[] = [];
    for await (const chunk of await answerChain().stream({ question: 'q' }, { callbacks: [handler] })) {
      streamed.push(chunk);
    }
    expect(streamed.join('')).toBe('Paris.');
    await expect(handler.flush()).resolves.toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    expect(handler.openRuns).toBe(0);
  });

  it('leaves the host untouched when our own hook code throws', async () => {
    const errors: string[] = [];
    const analytics = new LLMAnalytics({ client, onError: (_e, operation) => errors.push(operation) });
    const handler = new LLMAnalyticsCallbackHandler({ analytics });
    analytics.identityOf = () => {
      throw new Error('bug in our code');
    };
    const result = await answerChain().invoke({ question: 'q' }, { callbacks: [handler] });
    expect(result).toBe('Paris.');
    expect(errors).toContain('handleChainStart');
    expect(handler.openRuns).toBe(0);
  });

  it('leaves the host untouched when the endpoint fails', async () => {
    server.setMode('error500');
    try {
      const handler = new LLMAnalyticsCallbackHandler({ client });
      const result = await answerChain().invoke({ question: 'q' }, { callbacks: [handler] });
      expect(result).toBe('Paris.');
      await expect(handler.flush()).resolves.toBeUndefined();
    } finally {
      server.setMode('ok');
    }
  });

  it('keeps 200 concurrent invocations through one handler in 200 separate, sound traces', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const model = new ScriptedChatModel((messages) => ({
      text: `answer to ${String(messages.at(-1)?.content)}`,
      usage,
      delayMs: 1 + Math.floor(Math.random() * 5),
    }));
    const chain = answerChain(model);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        chain.invoke({ question: `q${i}` }, { callbacks: [handler], metadata: { distinct_id: `user-${i}` } }),
      ),
    );
    expect(results[17]).toBe('answer to q17');
    await handler.flush();
    const events = await server.waitForEvents(800, { timeoutMs: 15_000 });
    const traces = events.filter((event) => event.event === '$ai_trace');
    expect(traces).toHaveLength(200);
    for (const trace of traces) {
      const own = eventsOfTrace(events, trace.properties.$ai_trace_id);
      expect(own).toHaveLength(4);
      expect(treeProblems(own)).toEqual([]);
      const question = (trace.properties.$ai_input_state as { question: string }).question;
      expect(trace.distinct_id).toBe(`user-${question.slice(1)}`);
      const generation = own.find((event) => event.event === '$ai_generation')!;
      expect(generation.properties.$ai_output_choices[0].content).toBe(`answer to ${question}`);
    }
    expect(handler.openRuns).toBe(0);
  });

  it('batch() gives each input its own trace', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const results = await answerChain().batch([{ question: 'a' }, { question: 'b' }, { question: 'c' }], {
      callbacks: [handler],
    });
    expect(results).toEqual(['Paris.', 'Paris.', 'Paris.']);
    await handler.flush();
    const events = await server.waitForEvents(12);
    const traces = events.filter((event) => event.event === '$ai_trace');
    expect(traces).toHaveLength(3);
    for (const trace of traces) {
      expect(treeProblems(eventsOfTrace(events, trace.properties.$ai_trace_id))).toEqual([]);
    }
  });

  it('captures a run abandoned by an early break from .stream() as aborted, and forgets it', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client, runTimeoutMs: 30 });
    const model = new ScriptedChatModel(() => ({ text: 'one two three four five six' }));
    for await (const chunk of await answerChain(model).stream({ question: 'q' }, { callbacks: [handler] })) {
      expect(chunk).toBe('one ');
      break;
    }
    await sleep(60);
    await handler.flush();
    expect(handler.openRuns).toBe(0);
    const events = await server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    const trace = events.at(-1)!;
    expect(trace.event).toBe('$ai_trace');
    expect(trace.properties.$ai_is_error).toBe(true);
    expect(trace.properties.$ai_error).toMatch(/^RunNotEnded: run did not end/);
  });

  it('bounds the runs it keeps: beyond maxRuns the oldest is captured as aborted', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client, maxRuns: 2 });
    const model = new ScriptedChatModel(() => ({ text: 'x', delayMs: 300 }));
    // Three model calls in flight, then each parent gives way: the oldest is evicted first.
    await Promise.all([1, 2, 3].map((i) => model.invoke(`q${i}`, { callbacks: [handler] })));
    await handler.flush();
    const events = await server.waitForEvents(3);
    expect(events.filter((event) => event.properties.$ai_is_error === true)).toHaveLength(1);
    expect(handler.openRuns).toBe(0);
  });
});
