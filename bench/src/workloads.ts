/**
 * The workloads: the same host code for every column; only the callbacks / model wrapper differ.
 */
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { type RunnableConfig, RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { generateText, streamText } from 'ai';
import { z } from 'zod';
import type { Instrumentation } from './columns';
import { DOCUMENTS, InstantChatModel, InstantEmbeddings, instantLanguageModel } from './fakes';

export type WorkloadName =
  | 'lc-sequential'
  | 'lc-agent'
  | 'lc-concurrent'
  | 'ai-generate'
  | 'ai-stream'
  | 'memory-lc'
  | 'memory-ai'
  | 'size-1mb'
  | 'size-10mb';

/** How the worker drives a workload. */
export type Shape =
  | { kind: 'sequential'; calls: number; warmup: number }
  | { kind: 'concurrent'; width: number; rounds: number; warmupRounds: number };

export interface WorkloadSpec {
  name: WorkloadName;
  title: string;
  host: 'langchain' | 'ai-sdk';
  full: Shape;
  quick: Shape;
  /** Report heap growth as this workload's headline (memory workloads). */
  memory?: boolean;
  /** Report event bytes (size workloads). */
  size?: boolean;
}

const seq = (calls: number, warmup: number): Shape => ({ kind: 'sequential', calls, warmup });

export const WORKLOADS: readonly WorkloadSpec[] = [
  {
    name: 'lc-sequential',
    title: 'LangChain prompt | model | parser, sequential',
    host: 'langchain',
    full: seq(5_000, 500),
    quick: seq(600, 200),
  },
  {
    name: 'lc-agent',
    title: 'LangChain agent tree: retriever + tracked embeddings, tool, two model calls',
    host: 'langchain',
    full: seq(2_000, 200),
    quick: seq(250, 80),
  },
  {
    name: 'lc-concurrent',
    title: 'LangChain simple chain, 200 concurrent × 10 rounds',
    host: 'langchain',
    full: { kind: 'concurrent', width: 200, rounds: 10, warmupRounds: 2 },
    quick: { kind: 'concurrent', width: 200, rounds: 3, warmupRounds: 1 },
  },
  {
    name: 'ai-generate',
    title: 'AI SDK generateText',
    host: 'ai-sdk',
    full: seq(5_000, 500),
    quick: seq(600, 200),
  },
  {
    name: 'ai-stream',
    title: 'AI SDK streamText, 200-chunk stream',
    host: 'ai-sdk',
    full: seq(1_000, 100),
    quick: seq(150, 50),
  },
  {
    name: 'memory-lc',
    title: 'Memory: LangChain simple chain, one shared handler',
    host: 'langchain',
    full: seq(50_000, 1_000),
    quick: seq(3_000, 500),
    memory: true,
  },
  {
    name: 'memory-ai',
    title: 'Memory: AI SDK generateText, one shared middleware',
    host: 'ai-sdk',
    full: seq(50_000, 1_000),
    quick: seq(3_000, 500),
    memory: true,
  },
  {
    name: 'size-1mb',
    title: 'Size: 1 MB prompt through the simple chain',
    host: 'langchain',
    full: seq(20, 3),
    quick: seq(5, 2),
    size: true,
  },
  {
    name: 'size-10mb',
    title: 'Size: 10 MB prompt through the simple chain',
    host: 'langchain',
    full: seq(10, 2),
    quick: seq(3, 1),
    size: true,
  },
];

/** One call of the workload; may report its time to first chunk, ms. */
export type Call = (index: number) => Promise<number | undefined>;

function simpleChain() {
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'You are a concise assistant.'],
    ['human', '{question}'],
  ]);
  return prompt.pipe(new InstantChatModel()).pipe(new StringOutputParser());
}

async function agentTree(instrumentation: Instrumentation, callbacks: BaseCallbackHandler[]) {
  const embeddings = instrumentation.embeddings(new InstantEmbeddings());
  const store = new MemoryVectorStore(embeddings);
  // Index with the plain vectors so that only query embeddings are measured per call.
  await store.addVectors(
    await new InstantEmbeddings().embedDocuments(DOCUMENTS.map((d) => d.pageContent)),
    DOCUMENTS,
  );
  const retriever = store.asRetriever({ k: 2 });
  const model = new InstantChatModel();
  const lookup = tool(async ({ topic }: { topic: string }) => `facts about ${topic}`, {
    name: 'lookup',
    description: 'Look a topic up',
    schema: z.object({ topic: z.string() }),
  });
  const agent = RunnableLambda.from(async (question: string, config?: RunnableConfig) => {
    const docs = await retriever.invoke(question, config);
    const context = docs.map((doc) => doc.pageContent).join('\n');
    const plan = await model.invoke(
      [
        ['system', `Context:\n${context}`],
        ['human', question],
      ],
      config,
    );
    const facts = await lookup.invoke({ topic: String(plan.content).slice(0, 20) }, config);
    const answer = await model.invoke(
      [
        ['system', `Context:\n${context}\n${facts}`],
        ['human', question],
      ],
      config,
    );
    return String(answer.content);
  }).withConfig({ runName: 'agent' });
  return (index: number) => agent.invoke(`question ${index}`, { callbacks });
}

/** Build the call for a workload under a column, or `undefined` when the column does not apply. */
export async function prepare(
  name: WorkloadName,
  instrumentation: Instrumentation,
): Promise<Call | undefined> {
  const callbacks = instrumentation.callbacks;
  switch (name) {
    case 'lc-sequential':
    case 'lc-concurrent':
    case 'memory-lc': {
      const chain = simpleChain();
      return async (index) => {
        await chain.invoke({ question: `question ${index}` }, { callbacks });
        return undefined;
      };
    }
    case 'size-1mb':
    case 'size-10mb': {
      const chain = simpleChain();
      const bytes = name === 'size-1mb' ? 1_000_000 : 10_000_000;
      // Ordinary text (words and spaces), as a pasted document would be.
      const prompt = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(bytes / 27)).slice(0, bytes);
      return async (index) => {
        await chain.invoke({ question: `${index} ${prompt}` }, { callbacks });
        return undefined;
      };
    }
    case 'lc-agent': {
      const call = await agentTree(instrumentation, callbacks);
      return async (index) => {
        await call(index);
        return undefined;
      };
    }
    case 'ai-generate':
    case 'memory-ai': {
      const model = instrumentation.languageModel(instantLanguageModel());
      if (!model) return undefined;
      return async (index) => {
        await generateText({ model, prompt: `question ${index}`, maxRetries: 0 });
        return undefined;
      };
    }
    case 'ai-stream': {
      const model = instrumentation.languageModel(instantLanguageModel(200));
      if (!model) return undefined;
      return async (index) => {
        const started = performance.now();
        const result = streamText({ model, prompt: `question ${index}`, maxRetries: 0 });
        let firstChunk: number | undefined;
        for await (const _delta of result.textStream) {
          if (firstChunk === undefined) firstChunk = performance.now() - started;
        }
        return firstChunk;
      };
    }
  }
}
