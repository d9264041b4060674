/**
 * `tsx src/handler-cost.ts`: the LangChain handlers' own cost, with posthog-node's `capture`
 * stubbed out (nothing queued, serialized or sent), so that what is left is the handler and the
 * event building. Medians of three interleaved rounds, µs per call and over the baseline.
 */

import { LLMAnalyticsCallbackHandler } from '@llm-analytics/langchain';
import { LangChainCallbackHandler } from '@posthog/ai/langchain';
import { PostHog } from 'posthog-node';
import { langchainColumn } from './columns-langchain';
import { prepareLangChain } from './workload-langchain';

// The stubbed clients point at a closed port: posthog-node's own housekeeping requests fail there.
console.error = () => {};

const make = () => {
  const client = new PostHog('phc', { host: 'http://127.0.0.1:9', flushAt: 1e9, flushInterval: 0 });
  client.capture = () => {};
  return { client };
};
for (const workload of ['lc-sequential', 'lc-agent'] as const) {
  const columns: Record<string, () => any> = {
    baseline: () => ({
      callbacks: [],
      embeddings: (e: any) => e,
      pace: () => undefined,
      flush: async () => {},
    }),
    ours: () => {
      const { client } = make();
      const h = new LLMAnalyticsCallbackHandler({ client });
      return { callbacks: [h], embeddings: (e: any) => e, pace: () => undefined, flush: async () => {} };
    },
    posthog: () => {
      const { client } = make();
      return {
        callbacks: [new LangChainCallbackHandler({ client })],
        embeddings: (e: any) => e,
        pace: () => undefined,
        flush: async () => {},
      };
    },
    floor: async () => {
      const { client } = make();
      const column = await langchainColumn('floor', { sinkUrl: 'http://127.0.0.1:9', runKey: 'x' });
      (column.callbacks[0] as any).client = client;
      await column.flush();
      return { ...column, pace: () => undefined, flush: async () => {} };
    },
  };
  const results: Record<string, number[]> = {};
  for (let round = 0; round < 3; round++) {
    for (const [name, build] of Object.entries(columns)) {
      const call = await prepareLangChain(workload, await build());
      for (let i = 0; i < 300; i++) await call(i);
      const n = workload === 'lc-agent' ? 1500 : 3000;
      const t = performance.now();
      for (let i = 0; i < n; i++) await call(i);
      results[name] = [...(results[name] ?? []), ((performance.now() - t) * 1000) / n];
    }
  }
  const med = (v: number[]) => v.sort((a, b) => a - b)[1]!;
  const base = med(results.baseline!);
  console.log(
    workload,
    Object.entries(results)
      .map(([k, v]) => `${k} ${med(v).toFixed(0)} (+${(med(v) - base).toFixed(0)})`)
      .join('  '),
  );
}
