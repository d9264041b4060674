import { describe, expect, it } from 'vitest';
import { useEndpoint } from './endpoint';
import { majors, textParts } from './majors';

const endpoint = useEndpoint();

describe.each(majors)('concurrency on $name', (major) => {
  it('keeps 200 concurrent calls with different per-call identities apart', async () => {
    const analytics = endpoint.analytics();
    const model = major.wrap(
      major.languageModel({
        doStream: async (params: any) => {
          const question = params.prompt.at(-1).content[0].text as string;
          const parts = textParts(major, [`answer `, `to ${question}`]);
          return {
            stream: major.test.simulateReadableStream({ chunks: parts, chunkDelayInMs: Math.random() * 3 }),
          };
        },
      }),
      { analytics },
    );
    const count = 200;
    const texts = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const result = major.ai.streamText({
          model,
          prompt: `q${index}`,
          maxRetries: 0,
          providerOptions: { llmAnalytics: { distinctId: `user-${index}`, traceId: `trace-${index}` } },
        });
        return result.text;
      }),
    );
    expect(texts[7]).toBe('answer to q7');
    const events = await endpoint.server.waitForEvents(count, { timeoutMs: 15_000 });
    expect(events).toHaveLength(count);
    for (const event of events) {
      const index = Number(event.distinct_id.slice('user-'.length));
      expect(event.properties.$ai_trace_id).toBe(`trace-${index}`);
      expect(event.properties.$ai_output_choices).toEqual([
        { role: 'assistant', content: `answer to q${index}` },
      ]);
      expect(event.properties.$ai_input[0].content[0].text).toBe(`q${index}`);
    }
    expect(new Set(events.map((event) => event.distinct_id)).size).toBe(count);
  });
});
