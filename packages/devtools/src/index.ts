export type { ApiResponse } from './api';
export { handleApi } from './api';
export type { CaptureBatch } from './capture';
export {
  CAPTURE_ROUTES,
  CaptureError,
  decodeBody,
  MAX_AI_EVENT_BYTES,
  MAX_BODY_BYTES,
  MAX_EVENT_BYTES,
  parseCapturePayload,
} from './capture';
export type { CostEstimate, CostSource } from './cost';
export { COST_PROP, cacheTokensExcluded, estimateCost } from './cost';
export type { DevServer, DevServerOptions } from './dev-server';
export { DEFAULT_PORT, DevServerError, startDevServer } from './dev-server';
export type { FormatTreeOptions } from './format-tree';
export { formatDuration, formatTraceTree, formatUsd } from './format-tree';
export type { ModelPriceEntry } from './model-prices';
export { lookupModelPrice, MODEL_PRICES, MODEL_PRICES_DATE } from './model-prices';
export type {
  IncomingEvent,
  StoredEvent,
  TraceFilter,
  TraceStoreErrorCode,
  TraceStoreOptions,
} from './store';
export { defaultDatabasePath, openTraceStore, SCHEMA_VERSION, TraceStore, TraceStoreError } from './store';
export type { EventKind, EventRow, TraceNode, TraceSummary, TraceTree } from './trace-tree';
export { buildTraceTree, kindOf } from './trace-tree';
export { VERSION } from './version';
