/**
 * The exact events of one small chain, with frozen time and ids: any change to what the
 * handler sends shows up here.
 */
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { createRecordingClient, freezeTimeAndIds } from '@llm-analytics/core/testing';
import { afterEach, expect, it } from 'vitest';
import { LLMAnalyticsCallbackHandler } from '../src/index';
import { ScriptedChatModel } from './helpers';

let restore: (() => void) | undefined;
afterEach(() => restore?.());

it('sends exactly these events for prompt | model', async () => {
  restore = freezeTimeAndIds({ stepMs: 250 });
  const client = createRecordingClient();
  const handler = new LLMAnalyticsCallbackHandler({ client, distinctId: 'user-1' });
  const model = new ScriptedChatModel(() => ({
    text: 'Bonjour',
    usage: { input_tokens: 12, output_tokens: 2, total_tokens: 14, input_token_details: { cache_read: 8 } },
  }));
  const chain = ChatPromptTemplate.fromMessages([['human', 'Translate: {text}']]).pipe(model);
  await chain.invoke({ text: 'Hello' }, { callbacks: [handler], metadata: { session_id: 's-1' } });
  expect(client.messages).toMatchInlineSnapshot(`
    [
      {
        "distinctId": "user-1",
        "event": "$ai_span",
        "properties": {
          "$ai_framework": "langchain",
          "$ai_input_state": {
            "text": "Hello",
          },
          "$ai_latency": 0.5,
          "$ai_lib": "@llm-analytics/langchain",
          "$ai_lib_version": "0.1.0",
          "$ai_output_state": [
            {
              "content": "Translate: Hello",
              "role": "user",
            },
          ],
          "$ai_parent_id": "id-1",
          "$ai_session_id": "s-1",
          "$ai_span_id": "id-2",
          "$ai_span_name": "ChatPromptTemplate",
          "$ai_span_type": "step",
          "$ai_trace_id": "id-1",
        },
      },
      {
        "distinctId": "user-1",
        "event": "$ai_generation",
        "properties": {
          "$ai_cache_read_input_tokens": 8,
          "$ai_cache_reporting_exclusive": false,
          "$ai_framework": "langchain",
          "$ai_http_status": 200,
          "$ai_input": [
            {
              "content": "Translate: Hello",
              "role": "user",
            },
          ],
          "$ai_input_tokens": 12,
          "$ai_latency": 0.5,
          "$ai_lib": "@llm-analytics/langchain",
          "$ai_lib_version": "0.1.0",
          "$ai_max_tokens": 256,
          "$ai_model": "gpt-4o-mini",
          "$ai_model_parameters": {
            "max_tokens": 256,
            "stream": false,
            "temperature": 0.3,
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
          "$ai_session_id": "s-1",
          "$ai_span_id": "id-3",
          "$ai_span_name": "gpt-4o-mini",
          "$ai_stop_reason": "stop",
          "$ai_stream": false,
          "$ai_temperature": 0.3,
          "$ai_trace_id": "id-1",
        },
      },
      {
        "distinctId": "user-1",
        "event": "$ai_trace",
        "properties": {
          "$ai_framework": "langchain",
          "$ai_input_state": {
            "text": "Hello",
          },
          "$ai_latency": 2,
          "$ai_lib": "@llm-analytics/langchain",
          "$ai_lib_version": "0.1.0",
          "$ai_output_state": {
            "content": "Bonjour",
            "role": "assistant",
          },
          "$ai_session_id": "s-1",
          "$ai_span_id": "id-1",
          "$ai_span_name": "RunnableSequence",
          "$ai_trace_id": "id-1",
        },
      },
    ]
  `);
});
