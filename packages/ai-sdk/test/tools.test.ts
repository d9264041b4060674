import { renderTree, treeProblems } from '@llm-analytics/test-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { traceTools } from '../src/index';
import { pendingToolCalls } from '../src/tool-call-registry';
import { useEndpoint } from './endpoint';
import { generateResult, type Major, majors } from './majors';

const endpoint = useEndpoint();

/** The prompt has a tool result: answer; else ask for the weather tool (ids unique per call). */
function hasToolResult(params: any): boolean {
  return params.prompt.some((message: any) => message.role === 'tool');
}

function agentModel(major: Major) {
  let counter = 0;
  const toolCallId = () => `call_${Math.random().toString(36).slice(2)}_${counter++}`;
  return major.languageModel({
    doGenerate: async (params: any) =>
      hasToolResult(params)
        ? generateResult(major, [{ type: 'text', text: 'It is sunny in Paris.' }])
        : generateResult(
            major,
            [{ type: 'tool-call', toolCallId: toolCallId(), toolName: 'weather', input: '{"city":"Paris"}' }],
            { finish: 'tool-calls' },
          ),
    doStream: async (params: any) => {
      const id = toolCallId();
      const parts = hasToolResult(params)
        ? [
            { type: 'text-start', id: 't' },
            { type: 'text-delta', id: 't', delta: 'It is sunny ' },
            { type: 'text-delta', id: 't', delta: 'in Paris.' },
            { type: 'text-end', id: 't' },
            {
              type: 'finish',
              finishReason: major.finishReason('stop'),
              usage: major.usage({ input: 20, output: 6 }),
            },
          ]
        : [
            { type: 'tool-input-start', id, toolName: 'weather' },
            { type: 'tool-input-delta', id, delta: '{"city":"Paris"}' },
            { type: 'tool-input-end', id },
            { type: 'tool-call', toolCallId: id, toolName: 'weather', input: '{"city":"Paris"}' },
            {
              type: 'finish',
              finishReason: major.finishReason('tool-calls'),
              usage: major.usage({ input: 10, output: 4 }),
            },
          ];
      return { stream: major.test.convertArrayToReadableStream(parts) };
    },
  });
}

function weatherTools(major: Major, options: Parameters<typeof traceTools>[1], execute?: any) {
  return traceTools(
    {
      weather: major.ai.tool({
        description: 'Weather of a city',
        inputSchema: z.object({ city: z.string() }),
        execute: execute ?? (async ({ city }: { city: string }) => ({ city, sky: 'sunny' })),
      }),
    },
    options,
  );
}

describe.each(majors)('tools and multi-step loops on $name', (major) => {
  const { generateText, streamText } = major.ai;

  it('links a streamed multi-step tool loop inside analytics.trace()', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(agentModel(major), { analytics });
    const tools = weatherTools(major, { analytics });
    const text = await analytics.trace(
      { name: 'agent', distinctId: 'user-1', input: 'Weather?' },
      async () => {
        const result = streamText({
          model,
          tools,
          prompt: 'Weather in Paris?',
          stopWhen: major.stepCountIs(3),
        });
        return result.text;
      },
    );
    expect(text).toBe('It is sunny in Paris.');
    const events = await endpoint.server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(
      [
        '$ai_trace agent',
        '  $ai_generation gpt-4o-mini',
        '  $ai_span weather',
        '  $ai_generation gpt-4o-mini',
      ].join('\n'),
    );
    const span = events.find((event) => event.event === '$ai_span')!;
    const firstGeneration = events.find((event) => event.event === '$ai_generation')!;
    const toolCall = firstGeneration.properties.$ai_output_choices[0].content[0];
    expect(span.properties).toMatchObject({
      $ai_span_type: 'tool',
      $ai_input_state: { city: 'Paris' },
      $ai_output_state: { city: 'Paris', sky: 'sunny' },
      $ai_tool_call_id: toolCall.id,
      $ai_lib: '@llm-analytics/ai-sdk',
    });
    expect(span.properties.$ai_latency).toBeGreaterThanOrEqual(0);
    const second = events.filter((event) => event.event === '$ai_generation')[1]!;
    expect(second.properties.$ai_input.at(-1)).toMatchObject({ role: 'tool', tool_call_id: toolCall.id });
    expect(pendingToolCalls()).toBe(0);
  });

  it.each(['generateText', 'streamText'])(
    'shares one trace across all steps of %s with a per-call traceId and no enclosing trace',
    async (call) => {
      const analytics = endpoint.analytics();
      const model = major.wrap(agentModel(major), { analytics });
      const tools = weatherTools(major, { analytics });
      const settings = {
        model,
        tools,
        prompt: 'Weather in Paris?',
        stopWhen: major.stepCountIs(3),
        providerOptions: { llmAnalytics: { traceId: 'req-77', distinctId: 'user-9', sessionId: 'chat-3' } },
      };
      const text =
        call === 'generateText' ? (await generateText(settings)).text : await streamText(settings).text;
      expect(text).toBe('It is sunny in Paris.');
      const events = await endpoint.server.waitForEvents(3);
      expect(treeProblems(events)).toEqual([]);
      expect(events.map((event) => event.event)).toEqual(['$ai_generation', '$ai_span', '$ai_generation']);
      for (const event of events) {
        expect(event.distinct_id).toBe('user-9');
        expect(event.properties).toMatchObject({
          $ai_trace_id: 'req-77',
          $ai_parent_id: 'req-77',
          $ai_session_id: 'chat-3',
        });
      }
    },
  );

  it('captures a failing tool and hands the identical error to the SDK', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(agentModel(major), { analytics });
    const failure = new Error('weather service down');
    let seen: unknown;
    const tools = weatherTools(major, { analytics }, async () => {
      throw failure;
    });
    const original = tools.weather.execute!;
    (tools.weather as any).execute = async (...args: any[]) => {
      try {
        return await (original as any)(...args);
      } catch (error) {
        seen = error;
        throw error;
      }
    };
    await generateText({ model, tools, prompt: 'Weather?', stopWhen: major.stepCountIs(3) }).catch(() => {});
    expect(seen).toBe(failure);
    const [span] = await endpoint.server.waitForEvents(1, { event: '$ai_span' });
    expect(span!.properties).toMatchObject({ $ai_is_error: true, $ai_span_type: 'tool' });
    expect(span!.properties.$ai_error).toContain('weather service down');
  });

  it('nests work done inside a tool under the tool span', async () => {
    const analytics = endpoint.analytics();
    const inner = major.wrap(
      major.languageModel({
        doGenerate: async () => generateResult(major, [{ type: 'text', text: 'sub-answer' }]),
      }),
      { analytics },
    );
    const tools = traceTools(
      {
        research: major.ai.tool({
          inputSchema: z.object({ topic: z.string() }),
          execute: async ({ topic }: { topic: string }) =>
            (await generateText({ model: inner, prompt: topic })).text,
        }),
      },
      { analytics },
    );
    await analytics.trace({ name: 'outer' }, () =>
      (tools.research.execute as any)({ topic: 'cats' }, { toolCallId: 'call-r1', messages: [] }),
    );
    const events = await endpoint.server.waitForEvents(3);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(
      ['$ai_trace outer', '  $ai_span research', '    $ai_generation gpt-4o-mini-2024-07-18'].join('\n'),
    );
  });

  it('passes streaming (async iterable) tool results through untouched', async () => {
    const analytics = endpoint.analytics();
    async function* progress() {
      yield 'half';
      yield 'done';
    }
    const iterable = progress();
    const tools = traceTools({ slow: { execute: () => iterable } }, { analytics });
    const returned = (tools.slow.execute as any)({}, { toolCallId: 'c1', messages: [] });
    expect(returned).toBe(iterable);
    const values: string[] = [];
    for await (const value of returned) values.push(value);
    expect(values).toEqual(['half', 'done']);
    const [span] = await endpoint.server.waitForEvents(1);
    expect(span!.properties).toMatchObject({ $ai_span_name: 'slow', $ai_tool_call_id: 'c1' });
  });

  it('returns the very same promise and value a tool returns, and keeps tools without execute', async () => {
    const analytics = endpoint.analytics();
    const value = { ok: true };
    const promise = Promise.resolve(value);
    const providerTool = { type: 'provider-defined', id: 'openai.web_search', args: {} };
    const tools = traceTools(
      { fast: { execute: () => promise }, sync: { execute: () => value }, providerTool },
      {
        analytics,
      },
    );
    expect((tools.fast.execute as any)({}, { toolCallId: 'a' })).toBe(promise);
    expect((tools.sync.execute as any)({}, { toolCallId: 'b' })).toBe(value);
    expect(tools.providerTool).toBe(providerTool);
    await endpoint.server.waitForEvents(2);
  });
});
