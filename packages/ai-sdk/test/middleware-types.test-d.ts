/**
 * Type test: the one middleware object is accepted by `wrapLanguageModel` of ai 5, 6 and 7
 * (type-checked by `pnpm typecheck`; vitest does not run this file).
 */
import { wrapLanguageModel as wrap7, wrapEmbeddingModel as wrapEmbedding7 } from 'ai';
import {
  MockLanguageModelV3 as Mock7V3,
  MockEmbeddingModelV3 as MockEmbedding7V3,
  MockEmbeddingModelV4,
  MockLanguageModelV4,
} from 'ai/test';
import { wrapLanguageModel as wrap5 } from 'ai-v5';
import { MockEmbeddingModelV2, MockLanguageModelV2 } from 'ai-v5/test';
import { wrapLanguageModel as wrap6, wrapEmbeddingModel as wrapEmbedding6 } from 'ai-v6';
import { MockEmbeddingModelV3, MockLanguageModelV3 } from 'ai-v6/test';
import { expectTypeOf } from 'vitest';
import {
  llmAnalyticsEmbeddingMiddleware,
  llmAnalyticsMiddleware,
  traceTools,
  withLLMAnalytics,
} from '../src/index';

const middleware = llmAnalyticsMiddleware({ client: { capture() {} } });

const v5 = wrap5({ model: new MockLanguageModelV2(), middleware });
const v6 = wrap6({ model: new MockLanguageModelV3(), middleware });
const v7 = wrap7({ model: new MockLanguageModelV4(), middleware });
const v7FromV3 = wrap7({ model: new Mock7V3(), middleware: [middleware] });

expectTypeOf(v5.specificationVersion).toEqualTypeOf<'v2'>();
expectTypeOf(v6.specificationVersion).toEqualTypeOf<'v3'>();
expectTypeOf(v7.specificationVersion).toEqualTypeOf<'v4'>();
expectTypeOf(v7FromV3.specificationVersion).toEqualTypeOf<'v4'>();

const embeddingMiddleware = llmAnalyticsEmbeddingMiddleware({ client: { capture() {} } });
const e6 = wrapEmbedding6({ model: new MockEmbeddingModelV3(), middleware: embeddingMiddleware });
const e7 = wrapEmbedding7({ model: new MockEmbeddingModelV4(), middleware: embeddingMiddleware });
const e7FromV3 = wrapEmbedding7({ model: new MockEmbedding7V3(), middleware: [embeddingMiddleware] });
expectTypeOf(e6.specificationVersion).toEqualTypeOf<'v3'>();
expectTypeOf(e7.specificationVersion).toEqualTypeOf<'v4'>();
expectTypeOf(e7FromV3.specificationVersion).toEqualTypeOf<'v4'>();

// withLLMAnalytics keeps the model's own type, on every major.
expectTypeOf(
  withLLMAnalytics(new MockLanguageModelV2(), { client: { capture() {} } }),
).toEqualTypeOf<MockLanguageModelV2>();
expectTypeOf(
  withLLMAnalytics(new MockEmbeddingModelV2<string>(), { client: { capture() {} } }),
).toEqualTypeOf<MockEmbeddingModelV2<string>>();

// traceTools keeps the tool set's type.
const tools = { weather: { description: 'd', execute: async (input: { city: string }) => input.city } };
expectTypeOf(traceTools(tools, { client: { capture() {} } })).toEqualTypeOf<typeof tools>();
