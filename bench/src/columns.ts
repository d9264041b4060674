/**
 * The columns of the table: how each contender instruments the same host objects. Every column
 * sends through its real client (posthog-node, or Langfuse's OTLP exporter) to the local sink.
 * Each host's side lives in its own module, loaded only by the workers that need it.
 */
import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import type { Embeddings } from '@langchain/core/embeddings';
import { PostHog } from 'posthog-node';

export type ColumnName = 'baseline' | 'llm-analytics' | 'posthog-ai' | 'langfuse' | 'floor';
export const COLUMNS: readonly ColumnName[] = [
  'baseline',
  'llm-analytics',
  'posthog-ai',
  'langfuse',
  'floor',
];
export type Host = 'langchain' | 'ai-sdk';

/** Columns with nothing to measure on a host (Langfuse traces the AI SDK through OpenTelemetry, not a wrapper). */
export const UNSUPPORTED: Record<Host, readonly ColumnName[]> = { langchain: [], 'ai-sdk': ['langfuse'] };

interface Common {
  /**
   * Called after every timed call: waits for the sender when its backlog passes a bound (see
   * `posthogClient`), so that no column is measured while its queue snowballs.
   */
  pace(): Promise<void> | undefined;
  /** Deliver everything still queued to the sink. */
  flush(): Promise<void>;
}

/** A column's LangChain side. */
export interface LangChainInstrumentation extends Common {
  /** Callbacks to pass in the run config. */
  callbacks: BaseCallbackHandler[];
  /** Instrument embeddings (columns that cannot: unchanged). */
  embeddings<E extends Embeddings>(embeddings: E): E;
}

/** An AI SDK model as `wrapLanguageModel` takes it (kept loose: columns wrap v3 models). */
export type AnyLanguageModel = any;

/** A column's AI SDK side. */
export interface AiSdkInstrumentation extends Common {
  languageModel(model: AnyLanguageModel): AnyLanguageModel;
}

export interface ColumnContext {
  sinkUrl: string;
  /** Names the run at the sink (sent as the API key). */
  runKey: string;
}

/** Most events a column may have queued and unsent before the loop waits for the sender. */
const BACKLOG_LIMIT = 1_000;

/**
 * A posthog-node client as a server would configure it (batches of 100), with a queue that
 * never drops, and a pace function: a loop of instant fake LLM calls produces events far faster
 * than any real application, and posthog-node's per-batch work grows with its backlog (its
 * `_flushRoute` filters the whole queue after every batch), so an unbounded backlog would
 * measure posthog-node's snowball rather than the instrumentation.
 */
export function posthogClient({ sinkUrl, runKey }: ColumnContext): {
  client: PostHog;
  pace: () => Promise<void> | undefined;
} {
  const client = new PostHog(runKey, { host: sinkUrl, flushAt: 100, maxQueueSize: 1_000_000 });
  let captured = 0;
  let sent = 0;
  const capture = client.capture.bind(client);
  client.capture = (message) => {
    captured++;
    capture(message);
  };
  client.on('flush', (messages: unknown) => {
    sent += Array.isArray(messages) ? messages.length : 0;
  });
  return {
    client,
    pace: () => (captured - sent > BACKLOG_LIMIT ? client.flush().then(() => undefined) : undefined),
  };
}

/** The column's instrumentation for one host. */
export async function createColumn(
  name: ColumnName,
  host: 'langchain',
  context: ColumnContext,
): Promise<LangChainInstrumentation>;
export async function createColumn(
  name: ColumnName,
  host: 'ai-sdk',
  context: ColumnContext,
): Promise<AiSdkInstrumentation>;
export async function createColumn(
  name: ColumnName,
  host: Host,
  context: ColumnContext,
): Promise<LangChainInstrumentation | AiSdkInstrumentation> {
  if (host === 'langchain') return (await import('./columns-langchain')).langchainColumn(name, context);
  return (await import('./columns-ai-sdk')).aiSdkColumn(name, context);
}
