/**
 * Reliability, part 3: a bounded soak. 100,000 mixed LangChain and AI SDK calls through one
 * callback handler and one middleware: chains, tools that throw, LangChain streams broken out
 * of, AI SDK generations, streams read to the end, streams abandoned without a cancel, streams
 * aborted. Per-run state and the heap stay bounded, and every host call gets its own result.
 *
 * Fast fakes keep it within about a minute; `SOAK_CALLS` changes the count.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AIMessageChunk } from '@langchain/core/messages';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda } from '@langchain/core/runnables';
import { FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { llmAnalyticsMiddleware } from '@llm-analytics/ai-sdk';
import { type AnalyticsClient, type CaptureMessage, LLMAnalytics } from '@llm-analytics/core';
import { LLMAnalyticsCallbackHandler } from '@llm-analytics/langchain';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { convertArrayToReadableStream, MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { InstantChatModel } from '../src/fakes-langchain';

const CALLS = Number(process.env.SOAK_CALLS ?? 100_000);
type Kind = 'chain' | 'tool-throws' | 'lc-stream-broken' | 'generate' | 'stream' | 'stream-aborted';
/**
 * The mix, over 40 calls: ai 7's own `streamText` costs milliseconds per call (uninstrumented),
 * so streams are 5% of the calls to keep the soak near a minute.
 */
const KIND_OF_SLOT: readonly Kind[] = [
  ...Array<Kind>(16).fill('chain'),
  ...Array<Kind>(4).fill('tool-throws'),
  ...Array<Kind>(2).fill('lc-stream-broken'),
  ...Array<Kind>(16).fill('generate'),
  'stream',
  'stream-aborted',
];
/** `SOAK_MIX=chain,generate` runs only those kinds of call (to find which one leaks). */
const MIX = process.env.SOAK_MIX?.split(',') as Kind[] | undefined;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  for (let pass = 0; pass < 3; pass++) gc();
  return process.memoryUsage().heapUsed;
}

/** A client that keeps counts only: the soak must not measure its own recording. */
function countingClient() {
  const counts: Record<string, number> = {};
  let errors = 0;
  const client: AnalyticsClient = {
    capture(message: CaptureMessage) {
      counts[message.event] = (counts[message.event] ?? 0) + 1;
      if (message.properties.$ai_is_error === true) errors++;
    },
  };
  return {
    client,
    counts,
    get errors() {
      return errors;
    },
  };
}

const USAGE = {
  inputTokens: { total: 5, noCache: 5, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 3, text: 3, reasoning: undefined },
};

function streamParts(text: string) {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't' },
    ...text.split(' ').map((word) => ({ type: 'text-delta', id: 't', delta: `${word} ` })),
    { type: 'text-end', id: 't' },
    { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' }, usage: USAGE },
  ] as never[];
}

function aiModel() {
  return new MockLanguageModelV3({
    provider: 'openai.chat',
    modelId: 'gpt-4o-mini',
    doGenerate: async () => ({
      content: [{ type: 'text', text: 'done' }],
      finishReason: { unified: 'stop', raw: 'stop' },
      usage: USAGE,
      warnings: [],
    }),
    doStream: async () => ({
      stream: convertArrayToReadableStream(streamParts('one two three four five six')),
    }),
  });
}

describe('soak', () => {
  it(`${CALLS.toLocaleString('en-US')} mixed calls: state and heap stay bounded`, async () => {
    const recorder = countingClient();
    const analytics = new LLMAnalytics({ client: recorder.client });
    // A short run timeout, so that runs never ended (broken-out streams) are evicted in the soak.
    const handler = new LLMAnalyticsCallbackHandler({ analytics, runTimeoutMs: 200, maxRuns: 2_000 });
    // `SOAK_BASELINE=1`: the same calls uninstrumented, to tell the host's own costs from ours.
    const baseline = process.env.SOAK_BASELINE === '1';
    const model = baseline
      ? aiModel()
      : wrapLanguageModel({ model: aiModel(), middleware: llmAnalyticsMiddleware({ analytics }) });
    const prompt = ChatPromptTemplate.fromMessages([['human', '{question}']]);
    const chain = prompt.pipe(new InstantChatModel()).pipe(new StringOutputParser());
    const failingTool = RunnableLambda.from((input: { question: string }) => {
      throw new Error(`tool failed on ${input.question}`);
    }).withConfig({ runName: 'failing-tool', runType: 'tool' } as never);
    const streamingChain = prompt.pipe(
      new FakeStreamingChatModel({
        chunks: ['a', 'b', 'c', 'd'].map((content) => new AIMessageChunk({ content })),
      }),
    );

    const config = { callbacks: baseline ? [] : [handler] };
    const work = async (index: number): Promise<void> => {
      const question = `q${index}`;
      switch (MIX ? MIX[index % MIX.length] : KIND_OF_SLOT[index % KIND_OF_SLOT.length]) {
        case 'chain': {
          const answer = await chain.invoke({ question }, config);
          if (!answer.includes(question)) throw new Error(`wrong answer ${answer} for ${question}`);
          return;
        }
        case 'tool-throws': {
          // A tool that throws: the host gets its own error.
          const error = await failingTool.invoke({ question }, config).then(
            () => undefined,
            (thrown: unknown) => thrown,
          );
          if (!(error instanceof Error) || !error.message.includes(question))
            throw new Error('lost the tool error');
          return;
        }
        case 'lc-stream-broken': {
          // A LangChain consumer breaking out of .stream(): the run never ends.
          for await (const _chunk of await streamingChain.stream({ question }, config)) break;
          return;
        }
        case 'generate': {
          const { text } = await generateText({ model, prompt: question, maxRetries: 0 });
          if (text !== 'done') throw new Error('wrong text');
          return;
        }
        case 'stream': {
          const result = streamText({ model, prompt: question, maxRetries: 0 });
          if ((await result.text).trim() !== 'one two three four five six') throw new Error('wrong stream');
          return;
        }
        case 'stream-aborted': {
          const controller = new AbortController();
          const result = streamText({
            model,
            prompt: question,
            maxRetries: 0,
            abortSignal: controller.signal,
          });
          const iterator = result.textStream[Symbol.asyncIterator]();
          await iterator.next();
          controller.abort();
          return;
        }
      }
    };

    const started = performance.now();
    const batch = 50;
    let heapAtWarm = 0;
    const heapSamples: number[] = [];
    const openRuns: number[] = [];
    for (let index = 0; index < CALLS; index += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, CALLS - index) }, (_, offset) => work(index + offset)),
      );
      if (index > 0 && index % (CALLS / 10) === 0) {
        openRuns.push(handler.openRuns);
        const heap = heapAfterGc();
        if (heapAtWarm === 0) heapAtWarm = heap;
        heapSamples.push(heap);
      }
    }
    // Let abandoned runs age past the run timeout, then flush (which evicts them).
    await new Promise((resolve) => setTimeout(resolve, 250));
    await analytics.flush();
    await handler.flush?.();
    const seconds = (performance.now() - started) / 1000;
    const heapEnd = heapAfterGc();

    // Per-run state: bounded during the soak, empty at the end.
    expect(Math.max(...openRuns)).toBeLessThanOrEqual(2_000);
    expect(handler.openRuns).toBe(0);
    // Heap: what the last nine tenths of the calls added after a full GC stays small.
    const growth = heapEnd - heapAtWarm;
    expect(
      growth,
      `heap samples (MiB): ${heapSamples.map((h) => (h / 2 ** 20).toFixed(1)).join(' ')}`,
    ).toBeLessThan(16 * 2 ** 20);
    // Every call produced its events: chains (trace), tools (trace, error), generations.
    if (!MIX && !baseline) {
      // Chains and tools each end in a $ai_trace; chains, broken streams and AI SDK calls
      // each capture one generation; failing tools and aborted streams are errors.
      expect(recorder.counts.$ai_trace).toBeGreaterThanOrEqual(Math.floor(CALLS * 0.5));
      expect(recorder.counts.$ai_generation).toBeGreaterThanOrEqual(Math.floor(CALLS * 0.85));
      expect(recorder.errors).toBeGreaterThanOrEqual(Math.floor(CALLS * 0.1));
    }
    process.stdout.write(
      `soak: ${CALLS} calls in ${seconds.toFixed(1)} s; heap growth ${(growth / 2 ** 20).toFixed(2)} MiB; ` +
        `max open runs ${Math.max(...openRuns)}; events ${JSON.stringify(recorder.counts)}\n`,
    );
  }, 300_000);

  it('streams abandoned without a cancel cost no more memory than the AI SDK itself keeps', async () => {
    // ai 7 keeps an abandoned, never-cancelled stream alive (about 100 kB each here, with or
    // without instrumentation); the middleware's idle timer must not add to it.
    const abandon = async (wrapped: boolean) => {
      const recorder = countingClient();
      const analytics = new LLMAnalytics({ client: recorder.client });
      const model = wrapped
        ? wrapLanguageModel({ model: aiModel(), middleware: llmAnalyticsMiddleware({ analytics }) })
        : aiModel();
      const before = heapAfterGc();
      for (let index = 0; index < 200; index++) {
        const result = streamText({ model, prompt: `q${index}`, maxRetries: 0 });
        await result.textStream[Symbol.asyncIterator]().next();
      }
      return heapAfterGc() - before;
    };
    const host = await abandon(false);
    const ours = await abandon(true);
    expect(
      ours - host,
      `host ${(host / 2 ** 20).toFixed(1)} MiB, ours ${(ours / 2 ** 20).toFixed(1)} MiB`,
    ).toBeLessThan(Math.max(2 * 2 ** 20, host * 0.25));
  }, 60_000);
});
