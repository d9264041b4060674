/**
 * Every example the demo runs, in order. Each module exports
 * `run(options: { client: PostHog }): Promise<void>` and sends its events through that client.
 */
import type { PostHog } from 'posthog-node';
import * as aiSdkChat from './ai-sdk-chat';
import * as langchainRag from './langchain-rag';
import * as langgraphAgent from './langgraph-agent';
import * as manual from './manual';

/** One runnable example. */
export interface Example {
  /** Short id, as printed by the demo. */
  id: string;
  /** What it shows. */
  title: string;
  run(options: { client: PostHog }): Promise<void>;
}

/** The examples, in the order the demo runs them. */
export const examples: readonly Example[] = [
  {
    id: 'manual',
    title: 'Core manual API: trace, retrieval span, embedding, tool call, generations',
    run: manual.run,
  },
  { id: 'langchain-rag', title: 'LangChain RAG chain with tracked embeddings', run: langchainRag.run },
  { id: 'langgraph-agent', title: 'LangGraph agent with a tool loop in a thread', run: langgraphAgent.run },
  { id: 'ai-sdk-chat', title: 'AI SDK streamText with tools, and embedMany', run: aiSdkChat.run },
];
