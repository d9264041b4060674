/** The columns' AI SDK side: model wrappers and middleware. */

import { wrapLanguageModel } from 'ai';
import type { PostHog } from 'posthog-node';
import { type AiSdkInstrumentation, type ColumnContext, type ColumnName, posthogClient } from './columns';

type Middleware = Parameters<typeof wrapLanguageModel>[0]['middleware'];

/** The floor: one event per call through posthog-node, nothing else. */
function floorMiddleware(client: PostHog): Middleware {
  const send = () => client.capture({ distinctId: 'bench', event: '$ai_generation', properties: {} });
  return {
    specificationVersion: 'v3',
    async wrapGenerate({ doGenerate }) {
      const result = await doGenerate();
      send();
      return result;
    },
    async wrapStream({ doStream }) {
      const result = await doStream();
      const stream = (result.stream as ReadableStream).pipeThrough(new TransformStream({ flush: send }));
      return { ...result, stream };
    },
  };
}

export async function aiSdkColumn(name: ColumnName, context: ColumnContext): Promise<AiSdkInstrumentation> {
  switch (name) {
    case 'baseline':
      return { languageModel: (model) => model, pace: () => undefined, flush: async () => {} };
    case 'llm-analytics': {
      const { llmAnalyticsMiddleware } = await import('@llm-analytics/ai-sdk');
      const { client, pace } = posthogClient(context);
      const middleware = llmAnalyticsMiddleware({ client });
      return {
        languageModel: (model) => wrapLanguageModel({ model, middleware }),
        pace,
        flush: () => client.shutdown(60_000),
      };
    }
    case 'posthog-ai': {
      const { withTracing } = await import('@posthog/ai/vercel');
      const { client, pace } = posthogClient(context);
      return {
        languageModel: (model) => withTracing(model, client, {}),
        pace,
        flush: () => client.shutdown(60_000),
      };
    }
    case 'langfuse':
      throw new Error('Langfuse has no AI SDK model wrapper (it traces the AI SDK through OpenTelemetry)');
    case 'floor': {
      const { client, pace } = posthogClient(context);
      const middleware = floorMiddleware(client);
      return {
        languageModel: (model) => wrapLanguageModel({ model, middleware }),
        pace,
        flush: () => client.shutdown(60_000),
      };
    }
  }
}
