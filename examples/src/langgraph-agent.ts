/**
 * A LangGraph agent with the callback handler: a model node, a tool node and a conditional edge,
 * two turns of one conversation (`thread_id`, kept by a checkpointer). Each turn is a trace; the
 * thread is their `$ai_session_id`. The model is LangChain's `fakeModel()` (no keys, no
 * network); the graph, the tools and the events are real.
 */
import { AIMessage, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { fakeModel } from '@langchain/core/testing';
import { tool } from '@langchain/core/tools';
import { END, MemorySaver, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode, toolsCondition } from '@langchain/langgraph/prebuilt';
import { LLMAnalyticsCallbackHandler } from '@llm-analytics/langchain';
import type { PostHog } from 'posthog-node';
import { z } from 'zod';

const getWeather = tool(async ({ city }) => `${city}: 18°C and sunny`, {
  name: 'get_weather',
  description: 'Current weather of a city.',
  schema: z.object({ city: z.string() }),
});

const CITIES = ['Paris', 'Berlin', 'Lisbon'];

/** The model's behaviour, as a pure function of the conversation: call the tool, then answer. */
function respond(messages: BaseMessage[]): AIMessage {
  const last = messages.at(-1);
  const inputTokens = Math.ceil(messages.reduce((sum, m) => sum + String(m.content).length, 0) / 4);
  if (last?.getType() === 'tool') {
    const text = `It is ${String(last.content).split(': ')[1]} there right now.`;
    return new AIMessage({
      content: text,
      usage_metadata: { input_tokens: inputTokens, output_tokens: 12, total_tokens: inputTokens + 12 },
      response_metadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' },
    });
  }
  const question = String(last?.content ?? '');
  const city = CITIES.find((name) => question.includes(name)) ?? 'Paris';
  return new AIMessage({
    content: '',
    tool_calls: [{ id: `call_weather_${city.toLowerCase()}`, name: 'get_weather', args: { city } }],
    usage_metadata: { input_tokens: inputTokens, output_tokens: 15, total_tokens: inputTokens + 15 },
    response_metadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'tool_calls' },
  });
}

/** Build the graph: agent → (tools → agent)* → end. */
function buildGraph() {
  const model = fakeModel();
  // One scripted response per model call of the two turns: each is the function above.
  for (let i = 0; i < 4; i++) model.respond(respond);
  const boundModel = model.bindTools([getWeather]);
  return new StateGraph(MessagesAnnotation)
    .addNode('agent', async (state, config) => ({
      messages: [await boundModel.invoke(state.messages, config)],
    }))
    .addNode('tools', new ToolNode([getWeather]))
    .addEdge(START, 'agent')
    .addConditionalEdges('agent', toolsCondition, ['tools', END])
    .addEdge('tools', 'agent')
    .compile({ checkpointer: new MemorySaver() });
}

/** Run the LangGraph agent example, sending its events through the given posthog-node client. */
export async function run(options: { client: PostHog }): Promise<void> {
  const handler = new LLMAnalyticsCallbackHandler({
    client: options.client,
    traceName: 'weather-agent',
    properties: { example: 'langgraph-agent' },
  });
  const graph = buildGraph();
  const config = {
    callbacks: [handler],
    configurable: { thread_id: 'demo-weather-thread' },
    metadata: { distinct_id: 'demo-user-42' },
  };
  await graph.invoke({ messages: [new HumanMessage('What is the weather in Paris?')] }, config);
  await graph.invoke({ messages: [new HumanMessage('And in Lisbon?')] }, config);
  await handler.flush();
}
