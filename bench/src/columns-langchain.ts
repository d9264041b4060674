/** The columns' LangChain side: callback handlers and embeddings tracking. */
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import type { Embeddings } from '@langchain/core/embeddings';
import type { PostHog } from 'posthog-node';
import { type ColumnContext, type ColumnName, type LangChainInstrumentation, posthogClient } from './columns';

async function drain(client: PostHog): Promise<void> {
  await awaitAllCallbacks();
  await client.shutdown(60_000);
}

/**
 * The floor: the least a handler can do to send one event per run through posthog-node: no
 * parsing, no linking, no normalization.
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

export async function langchainColumn(
  name: ColumnName,
  context: ColumnContext,
): Promise<LangChainInstrumentation> {
  switch (name) {
    case 'baseline':
      return {
        callbacks: [],
        embeddings: (embeddings) => embeddings,
        pace: () => undefined,
        flush: async () => {},
      };
    case 'llm-analytics': {
      const { LLMAnalyticsCallbackHandler, trackEmbeddings } = await import('@llm-analytics/langchain');
      const { client, pace } = posthogClient(context);
      const handler = new LLMAnalyticsCallbackHandler({ client });
      return {
        callbacks: [handler],
        embeddings: (embeddings) => trackEmbeddings(embeddings, { handler }),
        pace,
        flush: () => drain(client),
      };
    }
    case 'posthog-ai': {
      const { LangChainCallbackHandler } = await import('@posthog/ai/langchain');
      const { client, pace } = posthogClient(context);
      const handler = new LangChainCallbackHandler({ client });
      return {
        callbacks: [handler as unknown as BaseCallbackHandler],
        // @posthog/ai has no LangChain embeddings tracking.
        embeddings: (embeddings) => embeddings,
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
        // The BatchSpanProcessor keeps its own bounded queue (2,048 spans; it drops beyond).
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
      return {
        callbacks: [new FloorHandler(client)],
        embeddings: (embeddings) => floorEmbeddings(client, embeddings),
        pace,
        flush: () => drain(client),
      };
    }
  }
}
