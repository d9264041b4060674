/**
 * A model instrumented twice (the middleware inside wrapLanguageModel and withLLMAnalytics
 * around it, as happens when a shared helper wraps an already wrapped model) still yields one
 * event per call: the inner layer sees the outer call running and only passes it through.
 */
import { describe, expect, it } from 'vitest';
import { withLLMAnalytics } from '../src/index';
import { useEndpoint } from './endpoint';
import { generateResult, majors, textParts } from './majors';

const endpoint = useEndpoint();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(majors)('a model instrumented twice on $name', (major) => {
  it('captures one generation per generateText and per streamText call', async () => {
    const analytics = endpoint.analytics();
    const inner = major.languageModel({
      doGenerate: async () => generateResult(major, [{ type: 'text', text: 'once' }]),
      doStream: async () => ({
        stream: major.test.convertArrayToReadableStream(textParts(major, ['on', 'ce'])),
      }),
    });
    const twice = withLLMAnalytics(major.wrap(inner, { analytics }), { analytics });
    const generated = await major.ai.generateText({ model: twice, prompt: 'hi', maxRetries: 0 });
    expect(generated.text).toBe('once');
    const streamed = major.ai.streamText({ model: twice, prompt: 'hi', maxRetries: 0 });
    let text = '';
    for await (const delta of streamed.textStream) text += delta;
    expect(text).toBe('once');
    const events = await endpoint.server.waitForEvents(2);
    await sleep(100);
    expect(endpoint.server.events.map((event) => [event.event, event.properties.$ai_stream])).toEqual([
      ['$ai_generation', false],
      ['$ai_generation', true],
    ]);
    expect(events.length).toBe(2);
  });

  it('captures one embedding per embed call', async () => {
    const analytics = endpoint.analytics();
    const inner = major.embeddingModel({
      doEmbed: async ({ values }: { values: string[] }) => ({
        embeddings: values.map(() => [0.1, 0.2, 0.3]),
        usage: { tokens: 2 },
        warnings: [],
      }),
    });
    const twice = withLLMAnalytics(major.wrapEmbedding(inner, { analytics }), { analytics });
    await major.ai.embed({ model: twice, value: 'hello', maxRetries: 0 });
    await endpoint.server.waitForEvents(1);
    await sleep(100);
    expect(endpoint.server.events.map((event) => event.event)).toEqual(['$ai_embedding']);
  });
});
