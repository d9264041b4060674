/** The LangChain workloads. */
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { type RunnableConfig, RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { LangChainInstrumentation } from './columns';
import { DOCUMENTS, InstantChatModel, InstantEmbeddings } from './fakes-langchain';
import type { Call, WorkloadName } from './workloads';

function simpleChain() {
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'You are a concise assistant.'],
    ['human', '{question}'],
  ]);
  return prompt.pipe(new InstantChatModel()).pipe(new StringOutputParser());
}

async function agentTree(instrumentation: LangChainInstrumentation, callbacks: BaseCallbackHandler[]) {
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

/** Build the call for a LangChain workload. */
export async function prepareLangChain(
  name: WorkloadName,
  instrumentation: LangChainInstrumentation,
): Promise<Call> {
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
    default:
      throw new Error(`${name} is not a LangChain workload`);
  }
}
