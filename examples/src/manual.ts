/**
 * The core manual API, with no framework: a trace with a retrieval span that embeds the
 * question, a first LLM call that asks for a tool, the tool as a span, and a second LLM call
 * that answers from the prompt cache. Everything is simulated locally (no keys, no network);
 * only the events are real.
 */
import { LLMAnalytics } from '@llm-analytics/core';
import type { PostHog } from 'posthog-node';

const DOCS = [
  { id: 'refunds.md', text: 'Refunds are issued within 5 business days of receiving the return.' },
  { id: 'shipping.md', text: 'Standard shipping takes 3 to 7 days; express shipping takes 1 to 2 days.' },
  { id: 'orders.md', text: 'Order status can be looked up by order number with the get_order_status tool.' },
];

const SYSTEM_PROMPT =
  'You are a concise support assistant. Answer from the documents; use tools for order data.';

const ORDER_TOOL = {
  type: 'function',
  function: {
    name: 'get_order_status',
    description: 'Look up the status of an order by its number.',
    parameters: {
      type: 'object',
      properties: { orderId: { type: 'string' } },
      required: ['orderId'],
    },
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A deterministic stand-in for an embedding model: letter counts, normalized.
function embed(text: string): number[] {
  const vector = new Array<number>(8).fill(0);
  for (const char of text.toLowerCase()) vector[char.charCodeAt(0) % 8]! += 1;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function similarity(a: number[], b: number[]): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

/** Run the manual example: one trace, sent through the given posthog-node client. */
export async function run(options: { client: PostHog }): Promise<void> {
  const analytics = new LLMAnalytics({ client: options.client, distinctId: 'demo-user-42' });
  const question = 'Where is my order #1042, and how long do refunds take?';

  await analytics.trace(
    { name: 'support-answer (manual API)', sessionId: 'demo-conversation-1', input: { question } },
    async () => {
      const documents = await analytics.span(
        { name: 'retrieve-documents', type: 'retriever', input: question },
        async () => {
          const started = Date.now();
          await sleep(15);
          const queryVector = embed(question);
          analytics.captureEmbedding({
            name: 'embed-question',
            model: 'text-embedding-3-small',
            provider: 'openai',
            input: question,
            count: 1,
            dimensions: queryVector.length,
            usage: { inputTokens: 14 },
            startTime: started,
          });
          return DOCS.map((doc) => ({ ...doc, score: similarity(queryVector, embed(doc.text)) }))
            .sort((a, b) => b.score - a.score)
            .slice(0, 2)
            .map((doc) => ({ pageContent: doc.text, metadata: { source: doc.id } }));
        },
      );

      const context = documents.map((doc) => doc.pageContent).join('\n');
      const messages = [
        { role: 'system', content: `${SYSTEM_PROMPT}\n\nDocuments:\n${context}` },
        { role: 'user', content: question },
      ];

      const firstStarted = Date.now();
      await sleep(40);
      const toolCall = {
        id: 'call_order_1042',
        type: 'function',
        function: { name: 'get_order_status', arguments: JSON.stringify({ orderId: '1042' }) },
      };
      analytics.captureGeneration({
        name: 'plan-answer',
        model: 'gpt-4o-mini',
        provider: 'openai',
        input: messages,
        output: { role: 'assistant', content: null, tool_calls: [toolCall] },
        tools: [ORDER_TOOL],
        usage: { inputTokens: 182, outputTokens: 19 },
        modelParameters: { temperature: 0.2, maxTokens: 300 },
        stopReason: 'tool_calls',
        startTime: firstStarted,
      });

      const status = await analytics.span(
        { name: 'get_order_status', type: 'tool', input: { orderId: '1042' } },
        async () => {
          await sleep(10);
          return { orderId: '1042', status: 'shipped', carrier: 'DHL', eta: '2 days' };
        },
      );

      const secondStarted = Date.now();
      await sleep(25);
      const timeToFirstToken = (Date.now() - secondStarted) / 1000;
      await sleep(35);
      const answer =
        'Order #1042 has shipped with DHL and should arrive in about 2 days. Refunds are issued within 5 business days of receiving a return.';
      analytics.captureGeneration({
        name: 'final-answer',
        model: 'gpt-4o-mini',
        provider: 'openai',
        input: [
          ...messages,
          { role: 'assistant', content: null, tool_calls: [toolCall] },
          { role: 'tool', tool_call_id: toolCall.id, content: JSON.stringify(status) },
        ],
        output: answer,
        // The system prompt and documents were served from OpenAI's prompt cache.
        usage: { inputTokens: 236, outputTokens: 31, cacheReadInputTokens: 128 },
        modelParameters: { temperature: 0.2, maxTokens: 300 },
        stream: true,
        timeToFirstToken,
        stopReason: 'stop',
        startTime: secondStarted,
      });
      return { answer };
    },
  );
}
