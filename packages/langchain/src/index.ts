export type { LLMAnalyticsCallbackHandlerOptions } from './callback-handler';
export { LLMAnalyticsCallbackHandler } from './callback-handler';
export { METADATA_KEYS } from './metadata';
export type { TrackEmbeddingsOptions } from './track-embeddings';
export { trackEmbeddings } from './track-embeddings';
export { VERSION } from './version';
