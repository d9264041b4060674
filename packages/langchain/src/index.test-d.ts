import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { Embeddings } from '@langchain/core/embeddings';
import type { LLMAnalytics } from '@llm-analytics/core';
import { expectTypeOf } from 'vitest';
import {
  type LLMAnalyticsCallbackHandler,
  type LLMAnalyticsCallbackHandlerOptions,
  type TrackEmbeddingsOptions,
  trackEmbeddings,
} from './index';

declare class MyEmbeddings extends Embeddings {
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  dimensions: number;
}

expectTypeOf<LLMAnalyticsCallbackHandler>().toExtend<BaseCallbackHandler>();
expectTypeOf<LLMAnalyticsCallbackHandler['analytics']>().toEqualTypeOf<LLMAnalytics>();
expectTypeOf<LLMAnalyticsCallbackHandler['flush']>().returns.toEqualTypeOf<Promise<void>>();
expectTypeOf<LLMAnalyticsCallbackHandler['shutdown']>().returns.toEqualTypeOf<Promise<void>>();
expectTypeOf<LLMAnalyticsCallbackHandlerOptions>()
  .toHaveProperty('traceName')
  .toEqualTypeOf<string | undefined>();
expectTypeOf<LLMAnalyticsCallbackHandlerOptions>()
  .toHaveProperty('groups')
  .toEqualTypeOf<Record<string, string | number> | undefined>();
// The same embeddings type comes back: its own fields stay typed.
expectTypeOf(trackEmbeddings<MyEmbeddings>).returns.toEqualTypeOf<MyEmbeddings>();
expectTypeOf<TrackEmbeddingsOptions>()
  .toHaveProperty('handler')
  .toEqualTypeOf<LLMAnalyticsCallbackHandler | undefined>();
