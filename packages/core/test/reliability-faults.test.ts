/**
 * Reliability, part 2: faults on the analytics side, with the real posthog-node client and a
 * local endpoint that answers 500, 413, hangs past the timeout, or is down, then recovers.
 *
 * For every fault: each host call returns the identical result, without waiting on the network
 * (so at unchanged speed), no unhandled rejection or uncaught exception, and after recovery the
 * events that posthog-node can still deliver arrive. What posthog-node 5.74 itself does with a
 * failed batch (read in @posthog/core's `_flushRoute`):
 * - network error (endpoint down, or no answer within `requestTimeout`): the batch stays queued
 *   and goes out with the next flush after recovery (the queue keeps at most `maxQueueSize`,
 *   default 1,000, events: beyond that the oldest are dropped);
 * - 5xx, 408, 429: retried `fetchRetryCount` times, `fetchRetryDelay` ms apart; if the endpoint
 *   is still failing after the last retry, the batch is dropped;
 * - 413: a batch of several events is halved and resent; a single event is dropped, not retried.
 *   Our size budget keeps every event under PostHog's 1 MB, so a real 413 cannot come from one.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CaptureServer, createTestPostHog, startCaptureServer } from '@llm-analytics/test-utils';
import type { PostHog } from 'posthog-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LLMAnalytics } from '../src/index';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const onUncaught = (error: unknown) => unhandled.push(error);

let server: CaptureServer;
beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUncaught);
  server = await startCaptureServer();
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUncaught);
  await server.close();
});
beforeEach(() => {
  server.setMode('ok');
  server.clear();
  unhandled.length = 0;
  // posthog-node reports failed background flushes with console.error; keep the output clean.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(async () => {
  // Give late rejections a chance to surface before checking.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(unhandled).toEqual([]);
  vi.restoreAllMocks();
});

/** The host's own work: deterministic, with a little real async in it. */
async function hostWork(index: number): Promise<{ answer: string; index: number }> {
  await Promise.resolve();
  return { answer: `answer-${index}`, index };
}

/** The same work, instrumented: a trace with one generation inside (two events per call). */
function instrumentedCall(analytics: LLMAnalytics, index: number, phase: string) {
  return analytics.trace({ name: 'host-call', distinctId: `user-${index}`, input: { index } }, async () => {
    const result = await hostWork(index);
    analytics.captureGeneration({
      model: 'gpt-4o-mini',
      provider: 'openai',
      input: [{ role: 'user', content: `question ${index}` }],
      output: result.answer,
      properties: { phase },
    });
    return result;
  });
}

/**
 * Run `count` instrumented calls; check each result against the uninstrumented work and return
 * how long the slowest call took.
 */
async function runCalls(analytics: LLMAnalytics, from: number, count: number, phase: string) {
  let slowest = 0;
  for (let index = from; index < from + count; index++) {
    const started = performance.now();
    const result = await instrumentedCall(analytics, index, phase);
    slowest = Math.max(slowest, performance.now() - started);
    expect(result).toEqual(await hostWork(index));
  }
  return slowest;
}

function phases(events: CaptureServer['events']) {
  const counts: Record<string, number> = {};
  for (const event of events) {
    const phase = event.properties.phase ?? `${event.event}:${event.properties.$ai_span_name}`;
    counts[phase] = (counts[phase] ?? 0) + 1;
  }
  return counts;
}

async function flushUntil(analytics: LLMAnalytics, target: () => boolean, attempts = 10) {
  for (let attempt = 0; attempt < attempts && !target(); attempt++) {
    await analytics.flush();
    if (!target()) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Long enough that a slow CI machine never mistakes a busy moment for "waited on the network".
const REQUEST_TIMEOUT = 1_000;

function clientFor(url: string, options: Parameters<typeof createTestPostHog>[1] = {}): PostHog {
  return createTestPostHog(url, {
    flushAt: 1,
    flushInterval: 0,
    fetchRetryCount: 0,
    requestTimeout: REQUEST_TIMEOUT,
    ...options,
  });
}

describe('faults at the endpoint, then recovery', () => {
  it('500: host results unchanged; a batch that fails past its retries is dropped by posthog-node', async () => {
    const errors: unknown[] = [];
    const client = clientFor(server.url);
    const analytics = new LLMAnalytics({ client, onError: (error) => errors.push(error) });
    await runCalls(analytics, 0, 3, 'before');
    await flushUntil(analytics, () => server.events.length >= 6);

    server.setMode('error500');
    const slowest = await runCalls(analytics, 100, 10, 'outage');
    // flush() resolves even though the endpoint fails (the error goes to onError).
    await expect(analytics.flush()).resolves.toBeUndefined();
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT / 2);

    server.setMode('ok');
    await runCalls(analytics, 200, 5, 'after');
    await flushUntil(analytics, () => (phases(server.events).after ?? 0) >= 5);
    await analytics.shutdown();
    const counts = phases(server.events);
    expect(counts.before).toBe(3);
    expect(counts.after).toBe(5);
    // With no retries left, posthog-node drops a batch that failed with a 5xx: documented loss.
    // Events still queued when the endpoint recovers go out with the next flush.
    expect(counts.outage ?? 0).toBeLessThan(10);
    // Nothing reached the host; what we saw (if anything) went to onError.
    expect(errors.every((error) => error instanceof Error)).toBe(true);
  });

  it('500 that recovers within posthog-node retries: nothing is lost', async () => {
    const client = clientFor(server.url, { fetchRetryCount: 5, fetchRetryDelay: 100 });
    const analytics = new LLMAnalytics({ client });
    server.setMode('error500');
    const slowest = await runCalls(analytics, 0, 5, 'outage');
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT / 2);
    setTimeout(() => server.setMode('ok'), 150);
    await flushUntil(analytics, () => server.events.length >= 10, 20);
    await analytics.shutdown();
    expect(phases(server.events)).toEqual({ outage: 5, '$ai_trace:host-call': 5 });
    expect(server.events.filter((event) => event.event === '$ai_trace')).toHaveLength(5);
  });

  it('413: host results unchanged; posthog-node drops a single event it cannot shrink', async () => {
    const client = clientFor(server.url);
    const analytics = new LLMAnalytics({ client });
    server.setMode('error413');
    const slowest = await runCalls(analytics, 0, 6, 'outage');
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT / 2);
    await analytics.flush();
    server.setMode('ok');
    await runCalls(analytics, 100, 4, 'after');
    await flushUntil(analytics, () => (phases(server.events).after ?? 0) >= 4);
    await analytics.shutdown();
    const counts = phases(server.events);
    expect(counts.after).toBe(4);
    // Each batch that met the 413 was dropped; those still queued at recovery arrive.
    expect(counts.outage ?? 0).toBeLessThan(6);
  });

  it('hang past the timeout: host calls never wait; queued events arrive after recovery', async () => {
    const client = clientFor(server.url);
    const analytics = new LLMAnalytics({ client });
    server.setMode('hang');
    const started = performance.now();
    const slowest = await runCalls(analytics, 0, 10, 'outage');
    // All ten calls together take less than one request timeout: nothing awaited the network.
    expect(performance.now() - started).toBeLessThan(REQUEST_TIMEOUT);
    expect(slowest).toBeLessThan(REQUEST_TIMEOUT / 2);
    // Let at least one request time out while the endpoint hangs.
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT + 100));
    server.setMode('ok');
    await runCalls(analytics, 100, 3, 'after');
    await flushUntil(analytics, () => server.events.length >= 26, 20);
    await analytics.shutdown();
    const counts = phases(server.events);
    // A timeout is a network error for posthog-node: the batch was kept and resent.
    expect(counts.outage).toBe(10);
    expect(counts.after).toBe(3);
    expect(server.events).toHaveLength(26);
  });

  it('endpoint down: host calls never wait; events queued meanwhile arrive once it is up', async () => {
    const port = await freePort();
    const client = clientFor(`http://127.0.0.1:${port}`);
    const analytics = new LLMAnalytics({ client });
    const started = performance.now();
    await runCalls(analytics, 0, 10, 'outage');
    expect(performance.now() - started).toBeLessThan(REQUEST_TIMEOUT);
    await expect(analytics.flush()).resolves.toBeUndefined();

    const forwarder = await forward(port, server.url);
    try {
      await runCalls(analytics, 100, 3, 'after');
      await flushUntil(analytics, () => server.events.length >= 26, 20);
      await analytics.shutdown();
    } finally {
      await new Promise((resolve) => forwarder.close(resolve));
    }
    const counts = phases(server.events);
    expect(counts.outage).toBe(10);
    expect(counts.after).toBe(3);
  });

  it('a client whose capture throws: host results unchanged, the error reported', async () => {
    const errors: unknown[] = [];
    const analytics = new LLMAnalytics({
      client: {
        capture() {
          throw new Error('client exploded');
        },
        flush: () => Promise.reject(new Error('flush exploded')),
      },
      onError: (error) => errors.push(error),
    });
    await runCalls(analytics, 0, 5, 'x');
    await expect(analytics.flush()).resolves.toBeUndefined();
    expect(errors.length).toBe(11);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** An HTTP server on `port` that forwards every request to `target`: the endpoint coming back. */
async function forward(port: number, target: string): Promise<Server> {
  const proxy = createServer((incoming, outgoing) => {
    const upstream = httpRequest(
      `${target}${incoming.url ?? '/'}`,
      { method: incoming.method, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  return proxy;
}
