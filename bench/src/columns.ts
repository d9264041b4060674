/**
 * The columns of the table: how each contender instruments the same host objects. Every column
 * sends through its real client (posthog-node, or Langfuse's OTLP exporter) to the local sink.
 */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import type { Embeddings } from '@langchain/core/embeddings';
import { wrapLanguageModel } from 'ai';
import { PostHog } from 'posthog-node';

/** An AI SDK model as `wrapLanguageModel` takes it (kept loose: columns wrap v3 and v4 models). */
export type LanguageModelV3 = any;
type Middleware = Parameters<typeof wrapLanguageModel>[0]['middleware'];

export type ColumnName = 'baseline' | 'llm-analytics' | 'posthog-ai' | 'langfuse' | 'floor';
export const COLUMNS: readonly ColumnName[] = [
  'baseline',
  'llm-analytics',
  'posthog-ai',
  'langfuse',
  'floor',
];

/** What a workload needs from a column. */
export interface Instrumentation {
  /** LangChain callbacks to pass in the run config. */
  callbacks: BaseCallbackHandler[];
  /** Instrument LangChain embeddings (columns that cannot: unchanged). */
  embeddings<E extends Embeddings>(embeddings: E): E;
  /** Instrument an AI SDK model; `undefined` when the column has no AI SDK integration. */
  languageModel(model: LanguageModelV3): LanguageModelV3 | undefined;
  /**
   * Called after every timed call: waits for the sender when its backlog passes a bound (see
   * `pacedClient`), so that no column is measured while its queue snowballs.
   */
  pace(): Promise<void> | undefined;
  /** Deliver everything still queued to the sink. */
  flush(): Promise<void>;
}

/** Most events a column may have queued and unsent before the loop waits for the sender. */
const BACKLOG_LIMIT = 1_000;

export interface ColumnContext {
  sinkUrl: string;
  /** Names the run at the sink (sent as the API key). */
  runKey: string;
}

/**
 * A posthog-node client as a server would configure it (batches of 100), with a queue that
 * never drops, and a pace function: a loop of instant fake LLM calls produces events far faster
 * than any real application, and posthog-node's per-batch work grows with its backlog (its
 * `_flushRoute` filters the whole queue after every batch), so an unbounded backlog would
 * measure posthog-node's snowball rather than the instrumentation.
 */
function posthogClient({ sinkUrl, runKey }: ColumnContext): {
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

async function drain(client: PostHog): Promise<void> {
  await awaitAllCallbacks();
  await client.shutdown(60_000);
}

/**
 * The floor: the least a LangChain handler can do to send one event per run through
 * posthog-node: no parsing, no linking, no normalization.
 */
class FloorHandler extends BaseCallbackHandler {
  name = 'floor';
  override awaitHandlers = true;

  constructor(private readonly client: PostHog) {
    super();
  }

  private send(runId: string, parentRunId: string | undefined, tags: string[] | undefined) {
    if (tags?.includes('langsmith:hidden')) return;
    this.client.capture({
      distinctId: 'bench',
      event: parentRunId ? '$ai_span' : '$ai_trace',
      properties: { $ai_span_id: runId, $ai_parent_id: parentRunId },
    });
  }

  override handleChainEnd(_o: unknown, runId: string, parentRunId?: string, tags?: string[]) {
    this.send(runId, parentRunId, tags);
  }
  override handleLLMEnd(_o: unknown, runId: string, parentRunId?: string, tags?: string[]) {
    this.send(runId, parentRunId, tags);
  }
  override handleToolEnd(_o: unknown, runId: string, parentRunId?: string, tags?: string[]) {
    this.send(runId, parentRunId, tags);
  }
  override handleRetrieverEnd(_o: unknown, runId: string, parentRunId?: string, tags?: string[]) {
    this.send(runId, parentRunId, tags);
  }
}

function floorEmbeddings<E extends Embeddings>(client: PostHog, embeddings: E): E {
  const embedQuery = embeddings.embedQuery.bind(embeddings);
  embeddings.embedQuery = async (text: string) => {
    const vector = await embedQuery(text);
    client.capture({ distinctId: 'bench', event: '$ai_embedding', properties: {} });
    return vector;
  };
  return embeddings;
}

function floorMiddleware(client: PostHog): Middleware {
  return {
    specificationVersion: 'v3',
    async wrapGenerate({ doGenerate }) {
      const result = await doGenerate();
      client.capture({ distinctId: 'bench', event: '$ai_generation', properties: {} });
      return result;
    },
    async wrapStream({ doStream }) {
      const result = await doStream();
      const stream = (result.stream as ReadableStream).pipeThrough(
        new TransformStream({
          flush() {
            client.capture({ distinctId: 'bench', event: '$ai_generation', properties: {} });
          },
        }),
      );
      return { ...result, stream };
    },
  };
}

/** Build a column's instrumentation (imports only what that column needs). */
export async function createColumn(name: ColumnName, context: ColumnContext): Promise<Instrumentation> {
  switch (name) {
    case 'baseline':
      return {
        callbacks: [],
        embeddings: (embeddings) => embeddings,
        languageModel: (model) => model,
        pace: () => undefined,
        flush: async () => {},
      };
    case 'llm-analytics': {
      const { LLMAnalyticsCallbackHandler, trackEmbeddings } = await import('@llm-analytics/langchain');
      const { llmAnalyticsMiddleware } = await import('@llm-analytics/ai-sdk');
      const { client, pace } = posthogClient(context);
      const handler = new LLMAnalyticsCallbackHandler({ client });
      const middleware = llmAnalyticsMiddleware({ client });
      return {
        callbacks: [handler],
        embeddings: (embeddings) => trackEmbeddings(embeddings, { handler }),
        languageModel: (model) => wrapLanguageModel({ model, middleware }),
        pace,
        flush: () => drain(client),
      };
    }
    case 'posthog-ai': {
      const { LangChainCallbackHandler } = await import('@posthog/ai/langchain');
      const { withTracing } = await import('@posthog/ai/vercel');
      const { client, pace } = posthogClient(context);
      const handler = new LangChainCallbackHandler({ client });
      return {
        callbacks: [handler as unknown as BaseCallbackHandler],
        // @posthog/ai has no LangChain embeddings tracking.
        embeddings: (embeddings) => embeddings,
        languageModel: (model) => withTracing(model, client, {}),
        pace,
        flush: () => drain(client),
      };
    }
    case 'langfuse': {
      const { CallbackHandler } = await import('@langfuse/langchain');
      const { LangfuseSpanProcessor } = await import('@langfuse/otel');
      const { setLangfuseTracerProvider } = await import('@langfuse/tracing');
      const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
      const processor = new LangfuseSpanProcessor({
        publicKey: context.runKey,
        secretKey: 'sk-bench',
        baseUrl: context.sinkUrl,
        mediaUploadEnabled: false,
      });
      const provider = new NodeTracerProvider({ spanProcessors: [processor] });
      setLangfuseTracerProvider(provider);
      const handler = new CallbackHandler();
      return {
        callbacks: [handler as unknown as BaseCallbackHandler],
        embeddings: (embeddings) => embeddings,
        // Langfuse traces the AI SDK through its OpenTelemetry integration, not a model wrapper.
        languageModel: () => undefined,
        // The BatchSpanProcessor has its own bounded queue (2,048 spans; it drops beyond).
        pace: () => undefined,
        flush: async () => {
          await awaitAllCallbacks();
          await provider.forceFlush();
          await provider.shutdown();
        },
      };
    }
    case 'floor': {
      const { client, pace } = posthogClient(context);
      const handler = new FloorHandler(client);
      const middleware = floorMiddleware(client);
      return {
        callbacks: [handler],
        embeddings: (embeddings) => floorEmbeddings(client, embeddings),
        languageModel: (model) => wrapLanguageModel({ model, middleware }),
        pace,
        flush: () => drain(client),
      };
    }
  }
}
