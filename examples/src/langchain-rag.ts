/**
 * LangChain RAG with the callback handler: documents are embedded into a real in-memory vector
 * store through tracked embeddings (standalone `$ai_embedding`, indexing), then a support chain
 * retrieves (the query embedding lands under the retriever span), asks a chat model that calls
 * a tool, runs the tool, and streams the final answer. Models and embeddings are local fakes
 * (no keys, no network); the LangChain runs and the events are real.
 */
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';
import { LLMAnalyticsCallbackHandler, trackEmbeddings } from '@llm-analytics/langchain';
import type { PostHog } from 'posthog-node';
import { z } from 'zod';

const DOCUMENTS = [
  new Document({
    pageContent: 'Refunds are issued within 5 business days of receiving the return.',
    metadata: { source: 'refunds.md' },
  }),
  new Document({
    pageContent: 'Standard shipping takes 3 to 7 days; express shipping takes 1 to 2 days.',
    metadata: { source: 'shipping.md' },
  }),
  new Document({
    pageContent: 'Order status can be looked up by order number with the get_order_status tool.',
    metadata: { source: 'orders.md' },
  }),
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A deterministic stand-in for an embedding model: letter counts, normalized. */
class DemoEmbeddings extends Embeddings {
  model = 'text-embedding-3-small';

  constructor() {
    super({});
  }

  private vector(text: string): number[] {
    const vector = new Array<number>(16).fill(0);
    for (const char of text.toLowerCase()) vector[char.charCodeAt(0) % 16]! += 1;
    const norm = Math.hypot(...vector) || 1;
    return vector.map((value) => value / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    await sleep(20);
    return texts.map((text) => this.vector(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    await sleep(12);
    return this.vector(text);
  }
}

interface DemoCallOptions extends BaseChatModelCallOptions {
  tools?: unknown[];
}

/**
 * A stand-in chat model that behaves like `ChatOpenAI`: it asks for the order tool first, then
 * answers from the tool result and the documents, streaming word by word, with usage.
 */
class DemoChatModel extends BaseChatModel<DemoCallOptions> {
  constructor() {
    super({});
  }

  _llmType(): string {
    return 'demo';
  }

  override getLsParams(options: this['ParsedCallOptions']) {
    return { ...super.getLsParams(options), ls_provider: 'openai', ls_model_name: 'gpt-4o-mini' };
  }

  override invocationParams(options?: this['ParsedCallOptions']) {
    return { model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 300, tools: options?.tools };
  }

  override bindTools(tools: Parameters<typeof convertToOpenAITool>[0][]) {
    return this.withConfig({
      tools: tools.map((item) => convertToOpenAITool(item)),
    } as Partial<DemoCallOptions>);
  }

  private reply(messages: BaseMessage[]): AIMessage {
    const input = messages.reduce((sum, message) => sum + String(message.content).length, 0);
    const toolResult = messages.find((message) => message.getType() === 'tool');
    if (!toolResult) {
      return new AIMessage({
        content: '',
        tool_calls: [
          { id: 'call_order_1042', name: 'get_order_status', args: { orderId: '1042' }, type: 'tool_call' },
        ],
        usage_metadata: { input_tokens: Math.ceil(input / 4), output_tokens: 18, total_tokens: 0 },
        response_metadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'tool_calls' },
      });
    }
    const text = `Order #1042: ${String(toolResult.content)}. Refunds are issued within 5 business days.`;
    return new AIMessage({
      content: text,
      usage_metadata: {
        input_tokens: Math.ceil(input / 4),
        output_tokens: Math.ceil(text.length / 4),
        total_tokens: 0,
        input_token_details: { cache_read: 64 },
      },
      response_metadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' },
    });
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    await sleep(40);
    const message = this.reply(messages);
    return { generations: [{ text: String(message.content), message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const message = this.reply(messages);
    await sleep(60); // time to first token
    for (const word of String(message.content).split(/(?<= )/)) {
      const chunk = new ChatGenerationChunk({ text: word, message: new AIMessageChunk({ content: word }) });
      yield chunk;
      await runManager?.handleLLMNewToken(word, undefined, undefined, undefined, undefined, { chunk });
      await sleep(8);
    }
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        usage_metadata: message.usage_metadata,
        response_metadata: message.response_metadata,
      }),
    });
  }
}

const getOrderStatus = tool(
  async ({ orderId }) => {
    await sleep(25);
    return `order ${orderId} shipped yesterday and arrives Thursday`;
  },
  {
    name: 'get_order_status',
    description: 'Look up the status of an order by its number.',
    schema: z.object({ orderId: z.string() }),
  },
);

const prompt = ChatPromptTemplate.fromMessages([
  ['system', 'You are a concise support assistant. Answer from these documents:\n{context}'],
  ['human', '{question}'],
]);

/** Run the LangChain RAG example, sending its events through the given posthog-node client. */
export async function run(options: { client: PostHog }): Promise<void> {
  const handler = new LLMAnalyticsCallbackHandler({
    client: options.client,
    properties: { example: 'langchain-rag' },
  });
  // Indexing happens outside any run: one standalone $ai_embedding for the batch of documents.
  const embeddings = trackEmbeddings(new DemoEmbeddings(), { handler, provider: 'openai' });
  const store = await MemoryVectorStore.fromDocuments(DOCUMENTS, embeddings);
  const retriever = store.asRetriever({ k: 2 });
  const model = new DemoChatModel();

  const formatDocuments = RunnableLambda.from((documents: Document[]) =>
    documents.map((document) => `[${document.metadata.source}] ${document.pageContent}`).join('\n'),
  ).withConfig({ runName: 'format-documents' });

  const supportChain = RunnableLambda.from(async (question: string, config) => {
    const context = await retriever.pipe(formatDocuments).invoke(question, config);
    const promptValue = await prompt.invoke({ context, question }, config);
    const messages: BaseMessage[] = promptValue.toChatMessages();
    const decision = await model.bindTools([getOrderStatus]).invoke(messages, config);
    messages.push(decision);
    for (const call of decision.tool_calls ?? []) messages.push(await getOrderStatus.invoke(call, config));
    let answer = '';
    for await (const chunk of await model.stream(messages, config)) answer += String(chunk.content);
    return answer;
  }).withConfig({ runName: 'support-rag' });

  await supportChain.invoke('Where is my order #1042, and how long do refunds take?', {
    callbacks: [handler],
    metadata: { distinct_id: 'demo-user-42', session_id: 'demo-rag-session' },
  });
  await handler.flush();
}
