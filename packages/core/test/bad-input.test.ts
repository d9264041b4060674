import { type CaptureServer, createTestPostHog, startCaptureServer } from '@llm-analytics/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LLMAnalytics } from '../src/index';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

describe('bad input through posthog-node to a real endpoint', () => {
  it('turns a 5 MB prompt, a cycle and a Buffer image into valid events under 1 MB', async () => {
    server.clear();
    const client = createTestPostHog(server.url, { flushAt: 50 });
    const analytics = new LLMAnalytics({ client });
    const cyclic: Record<string, unknown> = { name: 'state' };
    cyclic.self = cyclic;
    const hugePrompt = 'lorem ipsum dolor sit amet '.repeat(200_000);
    const result = await analytics.trace({ name: 'bad input', input: cyclic }, async () => {
      analytics.captureGeneration({
        model: 'gpt-4o',
        input: [
          { role: 'system', content: 'rules' },
          {
            role: 'user',
            content: [
              { type: 'text', text: hugePrompt },
              { type: 'image', image: Buffer.alloc(3_000_000), mediaType: 'image/png' },
            ],
          },
        ],
        output: 'ok',
      });
      await analytics.span(
        { name: 'tool', input: { big: hugePrompt, cyclic, when: new Date(0), n: 10n } },
        async () => 'done',
      );
      return 'host result';
    });
    expect(result).toBe('host result');
    await analytics.shutdown();
    const events = await server.waitForEvents(3);
    for (const event of events) expect(event.bytes).toBeLessThan(1_000_000);
    const generation = events.find((event) => event.event === '$ai_generation')!;
    const user = generation.properties.$ai_input[1];
    expect(user.content[0].text).toMatch(/… \[truncated \d+ bytes\]$/);
    expect(user.content[1]).toEqual({ type: 'image', image: '[binary image/png redacted: 3000000 bytes]' });
    const trace = events.find((event) => event.event === '$ai_trace')!;
    expect(trace.properties.$ai_input_state).toEqual({ name: 'state', self: '[Circular]' });
    const span = events.find((event) => event.event === '$ai_span')!;
    expect(span.properties.$ai_input_state.n).toBe('10');
  });

  it('keeps the host result when the client throws on every capture', async () => {
    const analytics = new LLMAnalytics({
      client: {
        capture() {
          throw new Error('capture exploded');
        },
      },
    });
    const value = await analytics.trace({ name: 't' }, async () => {
      analytics.captureGeneration({ model: 'm', input: 'x' });
      return { ok: true };
    });
    expect(value).toEqual({ ok: true });
  });

  it.each(['error500', 'error413'] as const)(
    'keeps the host result when the endpoint answers %s',
    async (mode) => {
      server.setMode(mode);
      try {
        const client = createTestPostHog(server.url);
        const analytics = new LLMAnalytics({ client });
        const value = await analytics.trace({ name: 't' }, async () => 'fine');
        expect(value).toBe('fine');
        await expect(analytics.shutdown()).resolves.toBeUndefined();
      } finally {
        server.setMode('ok');
      }
    },
  );

  it('keeps the host result when the endpoint is down', async () => {
    const client = createTestPostHog('http://127.0.0.1:9', { requestTimeout: 500 });
    const analytics = new LLMAnalytics({ client });
    expect(analytics.trace({ name: 't' }, () => 42)).toBe(42);
    await expect(analytics.flush()).resolves.toBeUndefined();
    await expect(analytics.shutdown()).resolves.toBeUndefined();
  });
});
