/**
 * LangGraph graphs, `createAgent`, `.streamEvents()` and legacy agent callbacks through the real
 * libraries; events checked at the local endpoint.
 */
import { CallbackManager } from '@langchain/core/callbacks/manager';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import {
  Command,
  END,
  INTERRUPT,
  interrupt,
  MemorySaver,
  MessagesAnnotation,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import {
  type CaptureServer,
  eventsOfTrace,
  renderTree,
  treeProblems,
  useCaptureEndpoint,
} from '@llm-analytics/test-utils';
import { createAgent } from 'langchain';
import type { PostHog } from 'posthog-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMAnalyticsCallbackHandler } from '../src/index';
import { ScriptedChatModel } from './helpers';

const endpoint = useCaptureEndpoint();
let server: CaptureServer;
let client: PostHog;
beforeEach(() => {
  server = endpoint.server;
  client = endpoint.client({ flushAt: 100, flushInterval: 0 });
});

const search = tool(async ({ query }) => `3 results for ${query}`, {
  name: 'search',
  description: 'Search the docs',
  schema: z.object({ query: z.string() }),
});

function toolAgentGraph() {
  const model = new ScriptedChatModel((messages) =>
    messages.some((message) => message.getType() === 'tool')
      ? { text: 'Found it.', usage: { input_tokens: 30, output_tokens: 3, total_tokens: 33 } }
      : {
          toolCalls: [{ id: 'call_s1', name: 'search', args: { query: 'pricing' } }],
          usage: { input_tokens: 20, output_tokens: 9, total_tokens: 29 },
        },
  ).bindTools([search]);
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
    .addNode('tools', new ToolNode([search]))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', (state) =>
      (state.messages.at(-1) as AIMessage).tool_calls?.length ? 'tools' : END,
    )
    .addEdge('tools', 'agent')
    .compile();
}

describe('LangGraph', () => {
  it('turns a graph into one trace: nodes as graph_node spans, hidden runs skipped, thread_id as session', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const result = await toolAgentGraph().invoke(
      { messages: [new HumanMessage('What does it cost?')] },
      { callbacks: [handler], configurable: { thread_id: 'thread-77' }, metadata: { distinct_id: 'u1' } },
    );
    expect(result.messages.at(-1)?.content).toBe('Found it.');
    await handler.flush();
    const events = await server.waitForEvents(9);
    expect(treeProblems(events)).toEqual([]);
    const tree = renderTree(events);
    expect(tree).not.toContain('__start__');
    expect(tree.split('\n').filter((line) => !line.includes('RunnableLambda'))).toEqual([
      '$ai_trace LangGraph',
      '  $ai_span agent',
      '    $ai_generation gpt-4o-mini',
      '  $ai_span tools',
      '    $ai_span search',
      '  $ai_span agent',
      '    $ai_generation gpt-4o-mini',
    ]);
    for (const event of events) {
      expect(event.properties.$ai_session_id).toBe('thread-77');
      expect(event.distinct_id).toBe('u1');
    }
    const nodes = events.filter((event) => event.properties.$ai_span_type === 'graph_node');
    expect(nodes.map((event) => event.properties.$ai_span_name)).toEqual(['agent', 'tools', 'agent']);
    const toolSpan = events.find((event) => event.properties.$ai_span_type === 'tool')!;
    expect(toolSpan.properties).toMatchObject({
      $ai_tool_call_id: 'call_s1',
      $ai_input_state: { query: 'pricing' },
      $ai_output_state: '3 results for pricing',
    });
    const trace = events.at(-1)!;
    expect(trace.properties.$ai_output_state.messages).toHaveLength(4);
    expect(trace.properties.$ai_output_state.messages[2]).toEqual({
      role: 'tool',
      tool_call_id: 'call_s1',
      name: 'search',
      content: '3 results for pricing',
    });
    expect(JSON.stringify(events)).not.toContain('lc_kwargs');
  });

  it('does not mark an interrupt as an error, and resumes into a second trace of the same session', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('approve', async () => {
        const answer = interrupt({ question: 'Ship it?' });
        return { messages: [new AIMessage(`approved: ${String(answer)}`)] };
      })
      .addEdge(START, 'approve')
      .addEdge('approve', END)
      .compile({ checkpointer: new MemorySaver() });
    const config = { callbacks: [handler], configurable: { thread_id: 'review-1' } };
    const first = await graph.invoke({ messages: [new HumanMessage('deploy')] }, config);
    expect((first as Record<string, unknown>)[INTERRUPT]).toHaveLength(1);
    const second = await graph.invoke(new Command({ resume: 'yes' }), config);
    expect(second.messages.at(-1)?.content).toBe('approved: yes');
    await handler.flush();
    const events = await server.waitForEvents(4);
    expect(events.filter((event) => event.properties.$ai_is_error === true)).toEqual([]);
    const traces = events.filter((event) => event.event === '$ai_trace');
    expect(traces).toHaveLength(2);
    for (const trace of traces) {
      expect(trace.properties.$ai_session_id).toBe('review-1');
      expect(treeProblems(eventsOfTrace(events, trace.properties.$ai_trace_id))).toEqual([]);
    }
    const interrupted = events.find((event) => event.properties.$ai_span_name === 'approve')!;
    expect(interrupted.properties.$ai_output_state).toEqual({
      interrupts: [expect.objectContaining({ value: { question: 'Ship it?' } })],
    });
  });

  it('traces createAgent with a fake tool-calling model as an agent with graph nodes and a tool', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const model = fakeModel()
      .respondWithTools([{ name: 'search', args: { query: 'docs' }, id: 'call_a1' }])
      .respond(
        new AIMessage({
          content: 'Here you go.',
          usage_metadata: { input_tokens: 40, output_tokens: 4, total_tokens: 44 },
          response_metadata: { model_name: 'fake-gpt' },
        }),
      );
    const agent = createAgent({ model, tools: [search] });
    const result = await agent.invoke(
      { messages: [new HumanMessage('find docs')] },
      { callbacks: [handler] },
    );
    expect(result.messages.at(-1)?.content).toBe('Here you go.');
    await handler.flush();
    const events = await server.waitForEvents(7);
    expect(treeProblems(events)).toEqual([]);
    const generations = events.filter((event) => event.event === '$ai_generation');
    expect(generations).toHaveLength(2);
    expect(generations[1]!.properties).toMatchObject({ $ai_model: 'fake-gpt', $ai_input_tokens: 40 });
    // No ls_model_name, no response model: the class name rather than nothing.
    expect(generations[0]!.properties.$ai_model).toBe('FakeBuiltModel');
    expect(
      events.find((event) => event.properties.$ai_span_type === 'tool')!.properties.$ai_tool_call_id,
    ).toBe('call_a1');
  });

  it('marks a nested, named createAgent run as an agent span', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const model = fakeModel().respond(new AIMessage('hi'));
    const agent = createAgent({ model, tools: [], name: 'helper' });
    const outer = new StateGraph(MessagesAnnotation)
      .addNode('assistant', async (state, config) => agent.invoke({ messages: state.messages }, config))
      .addEdge(START, 'assistant')
      .addEdge('assistant', END)
      .compile();
    await outer.invoke({ messages: [new HumanMessage('hello')] }, { callbacks: [handler] });
    await handler.flush();
    const events = await server.waitForEvents(4);
    expect(treeProblems(events)).toEqual([]);
    const agentSpan = events.find((event) => event.properties.$ai_span_type === 'agent');
    expect(agentSpan?.properties.$ai_span_name).toBe('helper');
    expect(renderTree(events)).toBe(
      [
        '$ai_trace LangGraph',
        '  $ai_span assistant',
        '    $ai_span helper',
        '      $ai_span model_request',
        '        $ai_generation FakeBuiltModel',
      ].join('\n'),
    );
  });

  it('works with .streamEvents(): the same trace, nothing left open', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const graph = toolAgentGraph();
    let streamed = 0;
    for await (const event of graph.streamEvents(
      { messages: [new HumanMessage('stream it')] },
      { version: 'v2', callbacks: [handler] },
    )) {
      if (event.event === 'on_chat_model_stream') streamed++;
    }
    expect(streamed).toBeGreaterThan(0);
    await handler.flush();
    const events = await server.waitForEvents(9);
    expect(treeProblems(events)).toEqual([]);
    const generations = events.filter((event) => event.event === '$ai_generation');
    expect(generations).toHaveLength(2);
    expect(generations[1]!.properties).toMatchObject({ $ai_stream: true, $ai_input_tokens: 30 });
    expect(generations[1]!.properties.$ai_time_to_first_token).toBeGreaterThan(0);
    expect(handler.openRuns).toBe(0);
  });

  it('captures a graph abandoned by an early break from .stream() and keeps nothing open', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client, runTimeoutMs: 50 });
    const stream = await toolAgentGraph().stream(
      { messages: [new HumanMessage('leave early')] },
      { callbacks: [handler], streamMode: 'updates' },
    );
    for await (const update of stream) {
      expect(Object.keys(update)).toEqual(['agent']);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 80));
    await handler.flush();
    expect(handler.openRuns).toBe(0);
    const events = server.events;
    // LangGraph aborts the run when its consumer leaves: the trace is an aborted (error) trace.
    expect(treeProblems(events)).toEqual([]);
    expect(events.at(-1)!.properties).toMatchObject({ $ai_is_error: true, $ai_error: 'Error: Abort' });
  });

  it('handles legacy agent callbacks (handleAgentAction / handleAgentEnd) without corrupting run state', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const manager = CallbackManager.configure([handler])!;
    const run = await manager.handleChainStart(
      { lc: 1, type: 'not_implemented', id: ['langchain', 'agents', 'AgentExecutor'] },
      { input: 'hi' },
      undefined,
      undefined,
      undefined,
      undefined,
      'AgentExecutor',
    );
    await run.handleAgentAction({ tool: 'search', toolInput: { query: 'x' }, log: 'searching' });
    const toolRun = await run
      .getChild()
      .handleToolStart(
        { lc: 1, type: 'not_implemented', id: ['search'] },
        '{"query":"x"}',
        undefined,
        undefined,
        undefined,
        undefined,
        'search',
      );
    await toolRun.handleToolEnd('found');
    await run.handleAgentEnd({ returnValues: { output: 'done' }, log: 'done' });
    await run.handleChainEnd({ output: 'done' });
    await handler.flush();
    const events = await server.waitForEvents(2);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(['$ai_trace AgentExecutor', '  $ai_span search'].join('\n'));
    expect(handler.openRuns).toBe(0);
  });
});
