export type { LLMAnalyticsEmbeddingModelMiddleware } from './embedding-middleware';
export { llmAnalyticsEmbeddingMiddleware } from './embedding-middleware';
export type { LLMAnalyticsLanguageModelMiddleware } from './middleware';
export { llmAnalyticsMiddleware } from './middleware';
export type { LLMAnalyticsAiSdkOptions, LLMAnalyticsCallOptions } from './options';
export { traceTools } from './trace-tools';
export { VERSION } from './version';
export { withLLMAnalytics } from './with-llm-analytics';
