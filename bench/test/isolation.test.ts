/**
 * Reliability, part 4: isolation. 1,000 concurrent traces, each mixing both adapters (a
 * LangChain chain through one shared callback handler, AI SDK calls through one shared
 * middleware) with random delays so that they interleave; every event arriving at the endpoint
 * through the real posthog-node client links to its own trace and carries its own distinct id.
 */
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { llmAnalyticsMiddleware } from '@llm-analytics/ai-sdk';
import { LLMAnalytics } from '@llm-analytics/core';
import { LLMAnalyticsCallbackHandler } from '@llm-analytics/langchain';
import {
  type CaptureServer,
  createTestPostHog,
  type ReceivedEvent,
  startCaptureServer,
  treeProblems,
} from '@llm-analytics/test-utils';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstantChatModel } from '../src/fakes-langchain';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = () => sleep(Math.random() * 5);

const USAGE = {
  inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 3, text: 3, reasoning: undefined },
};

/** A model that answers with the last user text, after a random delay. */
function echoModel() {
  const lastText = (params: { prompt: Array<{ role: string; content: unknown }> }) => {
    const content = params.prompt.at(-1)?.content;
    return Array.isArray(content) ? String((content[0] as { text?: string }).text) : String(content);
  };
  return new MockLanguageModelV3({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doGenerate: async (params) => {
      await jitter();
      return {
        content: [{ type: 'text', text: `echo ${lastText(params as never)}` }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: USAGE,
        warnings: [],
      };
    },
    doStream: async (params) => {
      await jitter();
      return {
        stream: convertArrayToReadableStream([
          { type: 'stream-start', warnings: [] },
          { type: 'text-start', id: 't' },
          { type: 'text-delta', id: 't', delta: 'echo ' },
          { type: 'text-delta', id: 't', delta: lastText(params as never) },
          { type: 'text-end', id: 't' },
          { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: USAGE },
        ] as never[]),
      };
    },
  });
}

describe('isolation under concurrency', () => {
  it('1,000 concurrent traces over both adapters never mix events, links or identities', async () => {
    const client = createTestPostHog(server.url, { flushAt: 200, flushInterval: 0, maxQueueSize: 100_000 });
    const analytics = new LLMAnalytics({ client });
    const handler = new LLMAnalyticsCallbackHandler({ analytics });
    const model = wrapLanguageModel({
      model: echoModel(),
      middleware: llmAnalyticsMiddleware({ analytics }),
    });
    const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
    const slow = RunnableLambda.from(async (value: unknown) => {
      await jitter();
      return value;
    }).withConfig({ runName: 'jitter' });
    const chain = prompt.pipe(slow).pipe(new InstantChatModel()).pipe(new StringOutputParser());

    const count = 1_000;
    const answers = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const question = `q-${index}`;
        // Three shapes of trace: rooted in analytics.trace() with both adapters inside, a bare
        // LangChain run with its identity in metadata, and AI SDK calls linked per call.
        if (index % 3 === 0) {
          return analytics.trace({ name: `trace-${index}`, distinctId: `user-${index}` }, async () => {
            await jitter();
            const fromChain = await chain.invoke({ question }, { callbacks: [handler] });
            const generated = await generateText({ model, prompt: question, maxRetries: 0 });
            const streamed = streamText({ model, prompt: question, maxRetries: 0 });
            return [fromChain, generated.text, await streamed.text];
          });
        }
        if (index % 3 === 1) {
          const fromChain = await chain.invoke(
            { question },
            { callbacks: [handler], metadata: { posthog_distinct_id: `user-${index}` } },
          );
          return [fromChain];
        }
        const llmAnalytics = { distinctId: `user-${index}`, traceId: `trace-${index}` };
        const generated = await generateText({
          model,
          prompt: question,
          maxRetries: 0,
          providerOptions: { llmAnalytics },
        });
        const streamed = streamText({
          model,
          prompt: question,
          maxRetries: 0,
          providerOptions: { llmAnalytics },
        });
        return [generated.text, await streamed.text];
      }),
    );
    // The host results themselves are each call's own.
    answers.forEach((texts, index) => {
      for (const text of texts) expect(text).toContain(`q-${index}`);
    });

    // Per trace shape: analytics.trace (trace + chain spans + 3 generations), LangChain alone
    // (chain root + spans + 1 generation), AI SDK alone (2 generations).
    await analytics.shutdown();
    const events = server.events;
    const byTrace = new Map<string, ReceivedEvent[]>();
    for (const event of events) {
      const traceId = event.properties.$ai_trace_id as string;
      byTrace.set(traceId, [...(byTrace.get(traceId) ?? []), event]);
    }
    expect(byTrace.size).toBe(count);
    const seenIndexes = new Set<number>();
    for (const [traceId, traceEvents] of byTrace) {
      const owners = new Set(traceEvents.map((event) => event.distinct_id));
      expect(owners.size, `trace ${traceId} has several distinct ids: ${[...owners].join(', ')}`).toBe(1);
      const index = Number([...owners][0]!.slice('user-'.length));
      expect(seenIndexes.has(index), `user-${index} owns two traces`).toBe(false);
      seenIndexes.add(index);
      if (index % 3 === 2) expect(traceId).toBe(`trace-${index}`);
      if (index % 3 !== 2) expect(treeProblems(traceEvents)).toEqual([]);
      // Every generation's prompt is this trace's own question.
      for (const event of traceEvents.filter((candidate) => candidate.event === '$ai_generation')) {
        expect(JSON.stringify(event.properties.$ai_input)).toContain(`"q-${index}"`);
      }
      const generations = traceEvents.filter((event) => event.event === '$ai_generation').length;
      expect(generations).toBe(index % 3 === 0 ? 3 : index % 3 === 1 ? 1 : 2);
    }
    expect(seenIndexes.size).toBe(count);
  }, 60_000);
});
