/**
 * The demo's examples, end to end: every example in the registry runs through a real
 * posthog-node client against a dev server on a free port, and the trace trees that land in
 * its store are sound and shaped as each example intends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { type DevServer, formatTraceTree, startDevServer, type TraceNode } from '@llm-analytics/devtools';
import { PostHog } from 'posthog-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examples } from '../src/registry';

let dir: string;
let server: DevServer;
const tracesByExample = new Map<string, string[]>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'llm-analytics-demo-'));
  server = await startDevServer({ port: 0, databasePath: join(dir, 'dev.db') });
  for (const example of examples) {
    const cursor = server.store.lastEventId();
    const client = new PostHog('phc_demo_test', { host: server.url, flushAt: 50, flushInterval: 0 });
    await example.run({ client });
    await awaitAllCallbacks();
    await client.shutdown();
    tracesByExample.set(
      example.id,
      server.store.tracesChangedSince(cursor).map((change) => change.traceId),
    );
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The contract's linking rules on one stored trace (root id, parents present, children first, one person). */
function linkingProblems(traceId: string): string[] {
  const events = server.store.eventsOfTrace(traceId);
  const problems: string[] = [];
  const spanIds = new Set<string>();
  for (const event of events) {
    const spanId = String(event.properties.$ai_span_id);
    if (spanIds.has(spanId)) problems.push(`duplicate span id ${spanId}`);
    spanIds.add(spanId);
  }
  const root = events.find((event) => event.event === '$ai_trace');
  if (root) {
    if (root.properties.$ai_span_id !== traceId) problems.push('root span id differs from the trace id');
    if (events.at(-1) !== root) problems.push('$ai_trace is not the last event');
  }
  for (const event of events) {
    if (event.event === '$ai_trace') continue;
    const parent = event.properties.$ai_parent_id;
    if (parent !== traceId && !spanIds.has(String(parent)))
      problems.push(`${event.event} has unknown parent ${parent}`);
  }
  if (new Set(events.map((event) => event.distinctId)).size !== 1) problems.push('several distinct ids');
  return problems;
}

function outline(node: TraceNode, depth = 0): string[] {
  return [
    `${'  '.repeat(depth)}${node.kind} ${node.name}`,
    ...node.children.flatMap((child) => outline(child, depth + 1)),
  ];
}

describe('the demo examples', () => {
  it('registers every example with an id, a title and run()', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1);
    expect(new Set(examples.map((example) => example.id)).size).toBe(examples.length);
    for (const example of examples) expect(typeof example.run).toBe('function');
  });

  it.each(examples.map((example) => example.id))('%s produces at least one sound trace', (id) => {
    const traceIds = tracesByExample.get(id) ?? [];
    expect(traceIds.length).toBeGreaterThan(0);
    const rooted = traceIds.filter((traceId) => !server.store.getTrace(traceId)?.summary.pseudo);
    expect(rooted.length, `${id} has a trace with a $ai_trace root`).toBeGreaterThan(0);
    for (const traceId of traceIds) expect(linkingProblems(traceId), traceId).toEqual([]);
  });

  it('manual: trace → retrieval span → embedding, two generations around a tool span', () => {
    const [traceId] = tracesByExample.get('manual') ?? [];
    const tree = server.store.getTrace(traceId!)!;
    expect(outline(tree.root)).toEqual([
      'trace support-answer (manual API)',
      '  span retrieve-documents',
      '    embedding embed-question',
      '  generation plan-answer',
      '  span get_order_status',
      '  generation final-answer',
    ]);
    expect(tree.summary).toMatchObject({
      distinctId: 'demo-user-42',
      sessionId: 'demo-conversation-1',
      inputTokens: 432,
      outputTokens: 50,
      errors: 0,
      costApproximate: true,
    });
    const final = tree.root.children.at(-1)!;
    expect(final).toMatchObject({ cacheReadTokens: 128, model: 'gpt-4o-mini' });
    expect(final.timeToFirstToken).toBeGreaterThan(0);
    const printed = formatTraceTree(tree);
    expect(printed).toContain('support-answer (manual API)');
    expect(printed).toMatch(/└─ gen {3}final-answer .* \(128 cached\)/);
  });

  it('LangChain examples: RAG with its embedding under the retriever, the agent as graph nodes', () => {
    const find = (id: string, name: string) =>
      (tracesByExample.get(id) ?? [])
        .map((traceId) => server.store.getTrace(traceId)!)
        .find((tree) => tree.summary.name === name);
    if (examples.some((example) => example.id === 'langchain-rag')) {
      const rag = find('langchain-rag', 'support-rag');
      expect(rag, 'support-rag trace').toBeDefined();
      const lines = outline(rag!.root);
      const retriever = lines.findIndex((line) => /span VectorStoreRetriever/.test(line));
      expect(retriever).toBeGreaterThan(0);
      expect(lines[retriever + 1]).toMatch(/^\s+embedding /);
      expect(lines.filter((line) => line.includes('generation'))).toHaveLength(2);
    }
    if (examples.some((example) => example.id === 'langgraph-agent')) {
      const agent = find('langgraph-agent', 'weather-agent');
      expect(agent, 'weather-agent trace').toBeDefined();
      const lines = outline(agent!.root);
      expect(lines.filter((line) => /^ {2}span (agent|tools)$/.test(line)).length).toBeGreaterThanOrEqual(3);
      expect(lines.some((line) => line.includes('generation'))).toBe(true);
    }
  });
});
