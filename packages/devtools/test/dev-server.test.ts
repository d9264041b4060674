import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { LLMAnalytics } from '@llm-analytics/core';
import { createTestPostHog } from '@llm-analytics/test-utils';
import Database from 'better-sqlite3';
import { PostHog } from 'posthog-node';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DevServer,
  DevServerError,
  MAX_EVENT_BYTES,
  openTraceStore,
  startDevServer,
  TraceStoreError,
} from '../src/index';

let dir: string;
let databasePath: string;
const servers: DevServer[] = [];

async function start(path = databasePath): Promise<DevServer> {
  const server = await startDevServer({ port: 0, databasePath: path });
  servers.push(server);
  return server;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'llm-analytics-devtools-'));
  databasePath = join(dir, 'nested', 'dev.db');
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** posthog-node with a fetch that keeps a copy of every batch it sends. */
function recordingPostHog(url: string, options: Record<string, unknown> = {}) {
  const sent: Array<Record<string, unknown>> = [];
  const client = new PostHog('phc_test_key', {
    host: url,
    flushAt: 100,
    flushInterval: 0,
    fetchRetryCount: 0,
    ...options,
    fetch: async (target, init) => {
      const body = init.body as string | Uint8Array;
      const text = typeof body === 'string' ? body : gunzipSync(body).toString('utf8');
      const payload = JSON.parse(text) as { batch: Array<Record<string, unknown>> };
      const response = await fetch(target, init as RequestInit);
      if (response.status === 200) sent.push(...payload.batch);
      return response;
    },
  });
  return { client, sent };
}

async function captureRagTrace(analytics: LLMAnalytics): Promise<void> {
  await analytics.trace(
    { name: 'rag', distinctId: 'user-1', sessionId: 'thread-9', input: 'why?' },
    async () => {
      await analytics.span({ name: 'search', type: 'retriever', input: 'why?' }, async () => {
        analytics.captureEmbedding({
          model: 'text-embedding-3-small',
          provider: 'openai',
          input: 'why?',
          count: 1,
          dimensions: 3,
          usage: { inputTokens: 2 },
        });
        return [{ pageContent: 'because', metadata: { source: 'a.md' } }];
      });
      analytics.captureGeneration({
        model: 'gpt-4o-mini',
        provider: 'openai',
        input: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: 'why? <script>alert(1)</script> ünïcødé 🚀' },
        ],
        output: 'because',
        usage: { inputTokens: 1000, outputTokens: 200, cacheReadInputTokens: 400 },
        modelParameters: { temperature: 0.2, maxOutputTokens: 50 },
        stream: true,
        timeToFirstToken: 0.05,
        latency: 0.2,
      });
    },
  );
}

function post(
  url: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  }).then(async (response) => ({
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
  }));
}

const validBatch = (uuid: string = crypto.randomUUID(), extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    api_key: 'phc_raw',
    batch: [
      {
        event: '$ai_generation',
        distinct_id: 'raw-user',
        uuid,
        timestamp: new Date().toISOString(),
        properties: { $ai_trace_id: `trace-${uuid}`, $ai_model: 'gpt-4o', ...extra },
      },
    ],
    sent_at: new Date().toISOString(),
  });

describe('through the real posthog-node client', () => {
  it('stores what LLMAnalytics captures, keeps it across a restart, and reads it back identical', async () => {
    let server = await start();
    const { client, sent } = recordingPostHog(server.url);
    const analytics = new LLMAnalytics({ client });
    await captureRagTrace(analytics);
    analytics.captureGeneration({
      model: 'claude-3-5-haiku',
      provider: 'anthropic',
      input: 'hi',
      output: 'hello',
    });
    await analytics.shutdown();
    expect(sent).toHaveLength(5);
    expect(server.store.countEvents()).toBe(5);

    await server.close();
    server = await start();
    const stored = server.store.allEvents();
    expect(stored.map((event) => event.message)).toEqual(sent);
    // Identical down to the bytes of the properties, not only deep-equal.
    expect(stored.map((event) => JSON.stringify(event.message))).toEqual(
      sent.map((event) => JSON.stringify(event)),
    );
    expect(stored.every((event) => event.apiKey === 'phc_test_key')).toBe(true);

    const [pseudo, rag] = server.store.listTraces();
    expect(rag).toMatchObject({
      name: 'rag',
      distinctId: 'user-1',
      sessionId: 'thread-9',
      pseudo: false,
      events: 4,
      generations: 1,
      embeddings: 1,
      spans: 1,
      inputTokens: 1002,
      outputTokens: 200,
      errors: 0,
      costApproximate: true,
    });
    expect(rag?.costUsd).toBeGreaterThan(0);
    expect(pseudo).toMatchObject({ name: 'claude-3-5-haiku', pseudo: true, events: 1 });

    const tree = server.store.getTrace(rag!.traceId)!;
    const shape = (node: typeof tree.root): unknown => [node.kind, node.name, node.children.map(shape)];
    // Children in start order: the generation reported 200 ms of latency, so it began first.
    expect(shape(tree.root)).toEqual([
      'trace',
      'rag',
      [
        ['generation', 'gpt-4o-mini', []],
        ['span', 'search', [['embedding', 'text-embedding-3-small', []]]],
      ],
    ]);
    const generation = tree.root.children[0]!;
    expect(generation).toMatchObject({
      inputTokens: 1000,
      outputTokens: 200,
      cacheReadTokens: 400,
      timeToFirstToken: 0.05,
      latency: 0.2,
    });
  });

  it('serves the same data through the JSON API the viewer uses', async () => {
    const server = await start();
    const { client, sent } = recordingPostHog(server.url);
    const analytics = new LLMAnalytics({ client });
    await captureRagTrace(analytics);
    await analytics.shutdown();
    const list = (await (await fetch(`${server.url}/api/traces?search=RAG`)).json()) as {
      traces: Array<{ traceId: string; name: string }>;
    };
    expect(list.traces.map((trace) => trace.name)).toEqual(['rag']);
    const traceId = list.traces[0]!.traceId;
    const tree = (await (await fetch(`${server.url}/api/traces/${encodeURIComponent(traceId)}`)).json()) as {
      root: { children: Array<{ id: number; kind: string }> };
    };
    const generationNode = tree.root.children.find((node) => node.kind === 'generation')!;
    const event = (await (await fetch(`${server.url}/api/events/${generationNode.id}`)).json()) as {
      message: unknown;
      cost: { source: string };
    };
    expect(event.message).toEqual(sent.find((item) => item.event === '$ai_generation'));
    expect(event.cost.source).toBe('bundled-table');

    const empty = (await (await fetch(`${server.url}/api/traces?search=nothing-like-this`)).json()) as {
      traces: unknown[];
    };
    expect(empty.traces).toEqual([]);
    expect((await fetch(`${server.url}/api/traces/missing`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/events/abc`)).status).toBe(404);
  });

  it('accepts uncompressed batches and the AI route of captureAi()', async () => {
    const server = await start();
    const client = createTestPostHog(server.url, { disableCompression: true });
    client.capture({
      distinctId: 'u',
      event: '$ai_span',
      properties: { $ai_trace_id: 't-plain', $ai_span_id: 's' },
    });
    client.captureAi({ distinctId: 'u', event: '$ai_generation', properties: { $ai_trace_id: 't-ai' } });
    await client.shutdown();
    const names = server.store.allEvents().map((event) => event.properties.$ai_trace_id);
    expect(names.sort()).toEqual(['t-ai', 't-plain']);
  });

  it('answers posthog-node flag requests harmlessly', async () => {
    const server = await start();
    const client = createTestPostHog(server.url);
    expect(await client.getAllFlags('user-1')).toEqual({});
    await client.shutdown();
    const flags = await post(server.url, '/flags/?v=2', JSON.stringify({ token: 'k', distinct_id: 'u' }));
    expect(flags).toMatchObject({ status: 200, json: { flags: {}, errorsWhileComputingFlags: false } });
    expect((await post(server.url, '/decide/', '{}')).status).toBe(200);
  });
});

describe('malformed input', () => {
  it('answers 400 / 401 / 405 with a clear message, stores nothing, and keeps serving', async () => {
    const server = await start();
    const cases: Array<[string, string | Buffer, Record<string, string>, number, RegExp]> = [
      ['/batch/', '{"api_key": "k", "batch": [', {}, 400, /not valid JSON/],
      ['/batch/', Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' }, 400, /decompressed/],
      ['/batch/', '', {}, 400, /empty/],
      ['/batch/', '{"api_key": "k", "batch": [{"distinct_id": "u"}]}', {}, 400, /no `event` name/],
      ['/i/v0/e/', '{"api_key": "k", "event": "x"}', {}, 400, /distinct_id/],
      ['/capture/', '{"event": "x", "distinct_id": "u"}', {}, 401, /API key/],
    ];
    for (const [path, body, headers, status, message] of cases) {
      const answer = await post(server.url, path, body, headers);
      expect(answer.status, `${path} ${String(body).slice(0, 30)}`).toBe(status);
      expect(String(answer.json.detail)).toMatch(message);
    }
    expect((await fetch(`${server.url}/batch/`)).status).toBe(405);
    expect(server.store.countEvents()).toBe(0);
    expect((await post(server.url, '/batch/', validBatch())).json).toEqual({ status: 1 });
    expect(server.store.countEvents()).toBe(1);
  });

  it('survives garbage on the socket and a client that hangs up mid-body', async () => {
    const server = await start();
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.end('\u0000\u0001 NOT HTTP AT ALL\r\n\r\n'),
      );
      socket.on('data', () => {});
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const request = httpRequest(`${server.url}/batch/`, {
        method: 'POST',
        headers: { 'content-length': '100000' },
      });
      request.on('error', () => resolve());
      request.write('{"api_key": "k", "batch": [');
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 50);
    });
    expect((await post(server.url, '/batch/', validBatch())).status).toBe(200);
    expect(server.store.countEvents()).toBe(1);
  });

  it('stores a retried batch once (deduplicated by uuid, as PostHog does)', async () => {
    const server = await start();
    const body = validBatch('0190a000-0000-7000-8000-0000000000aa');
    expect((await post(server.url, '/batch/', body)).status).toBe(200);
    expect((await post(server.url, '/batch/', gzipSync(body), { 'content-encoding': 'gzip' })).status).toBe(
      200,
    );
    expect(server.store.countEvents()).toBe(1);
  });
});

describe('oversized input', () => {
  it("answers 413 naming the event over PostHog's 1 MB limit, and stores none of the request", async () => {
    const server = await start();
    const body = JSON.parse(validBatch('small-one')) as { batch: unknown[] };
    const big = JSON.parse(
      validBatch('big-one', { $ai_span_name: 'huge', $ai_input: 'x'.repeat(MAX_EVENT_BYTES) }),
    ).batch[0];
    body.batch.push(big);
    const answer = await post(server.url, '/batch/', gzipSync(JSON.stringify(body)), {
      'content-encoding': 'gzip',
    });
    expect(answer.status).toBe(413);
    expect(answer.json.detail).toMatch(/Event 1 \(\$ai_generation "huge", uuid big-one\) is \d+ bytes/);
    expect(server.store.countEvents()).toBe(0);
  });

  it('lets posthog-node do what it does in production: split the batch, drop the big event, keep the rest', async () => {
    const server = await start();
    const { client, sent } = recordingPostHog(server.url, { flushAt: 100 });
    client.on('error', () => {});
    client.capture({ distinctId: 'u', event: 'small-1', properties: { n: 1 } });
    client.capture({
      distinctId: 'u',
      event: 'too-big',
      properties: { blob: 'y'.repeat(MAX_EVENT_BYTES + 10) },
    });
    client.capture({ distinctId: 'u', event: 'small-2', properties: { n: 2 } });
    await client.flush().catch(() => {});
    await client.flush().catch(() => {});
    await client.shutdown();
    const names = server.store.allEvents().map((event) => event.event);
    expect(names).toContain('small-1');
    expect(names).not.toContain('too-big');
    expect(sent.map((event) => event.event)).toEqual(names);
  });

  it('allows up to 8 MiB per event on the AI route, as posthog-node does', async () => {
    const server = await start();
    const event = validBatch('ai-big', { $ai_input: 'z'.repeat(2 * MAX_EVENT_BYTES) });
    expect((await post(server.url, '/i/v0/ai/batch/', event)).status).toBe(200);
    expect(
      (
        await post(
          server.url,
          '/batch/',
          validBatch('normal-big', { $ai_input: 'z'.repeat(2 * MAX_EVENT_BYTES) }),
        )
      ).status,
    ).toBe(413);
  });
});

describe('concurrency', () => {
  it('loses nothing when 20 clients send 50 events each at once', async () => {
    const server = await start();
    const clients = Array.from({ length: 20 }, () =>
      createTestPostHog(server.url, { flushAt: 10, flushInterval: 0 }),
    );
    await Promise.all(
      clients.map(async (client, clientIndex) => {
        for (let n = 0; n < 50; n++) {
          client.capture({
            distinctId: `client-${clientIndex}`,
            event: '$ai_generation',
            properties: { $ai_trace_id: `trace-${clientIndex}-${n % 5}`, n, $ai_input_tokens: 1 },
          });
        }
        await client.shutdown();
      }),
    );
    expect(server.store.countEvents()).toBe(1000);
    const events = server.store.allEvents();
    expect(new Set(events.map((event) => event.uuid)).size).toBe(1000);
    for (let clientIndex = 0; clientIndex < 20; clientIndex++) {
      const ns = events
        .filter((event) => event.distinctId === `client-${clientIndex}`)
        .map((event) => event.properties.n as number)
        .sort((a, b) => a - b);
      expect(ns).toEqual(Array.from({ length: 50 }, (_, n) => n));
    }
    const traces = server.store.listTraces({ limit: 500 });
    expect(traces).toHaveLength(100);
    expect(traces.every((trace) => trace.events === 10 && trace.inputTokens === 10)).toBe(true);
  });

  it('two servers on one database file both keep every event (WAL, busy timeout)', async () => {
    const a = await start();
    const b = await start();
    await Promise.all(
      Array.from({ length: 40 }, (_, n) => post(n % 2 ? a.url : b.url, '/batch/', validBatch())),
    );
    expect(a.store.countEvents()).toBe(40);
  });
});

describe('serving the viewer safely', () => {
  it('serves the page with a strict content security policy', async () => {
    const server = await start();
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/viewer.js" defer></script>');
    expect((await fetch(`${server.url}/viewer.js`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${server.url}/nothing-here`)).status).toBe(404);
  });

  it('refuses viewer requests addressed to another host name (DNS rebinding) but still captures', async () => {
    const server = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${server.url}/api/status`,
        { headers: { host: 'attacker.example:80' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(403);
    expect((await fetch(`${server.url.replace('127.0.0.1', 'localhost')}/api/status`)).status).toBe(200);
  });
});

describe('startup errors', () => {
  it('says clearly that the port is taken', async () => {
    const first = await start();
    const error = await startDevServer({ port: first.port, databasePath: join(dir, 'other.db') }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DevServerError);
    expect(error).toMatchObject({ code: 'EADDRINUSE' });
    expect((error as Error).message).toContain(`Port ${first.port} on 127.0.0.1 is already in use`);
  });

  it('refuses a corrupt file, and a file from a newer version, with what to do', async () => {
    const corrupt = join(dir, 'corrupt.db');
    writeFileSync(corrupt, 'this is not sqlite '.repeat(200));
    const error = await startDevServer({ port: 0, databasePath: corrupt }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TraceStoreError);
    expect(error).toMatchObject({ code: 'CORRUPT' });
    expect((error as Error).message).toMatch(/not a readable SQLite database.*Move it aside/);

    const newer = join(dir, 'newer.db');
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openTraceStore(newer)).toThrow(/newer @llm-analytics\/devtools \(schema 99/);
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
