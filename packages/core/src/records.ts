import type { AiFramework, SpanType } from './constants';
import type { Identity } from './context';
import type { Usage } from './usage';

/** Which package captured an event: `$ai_lib`, `$ai_lib_version`, `$ai_framework`. */
export interface CaptureSource {
  /** npm name of the capturing package. */
  lib: string;
  /** Its version. */
  version: string;
  /** PostHog's framework value, when the event comes from a framework adapter. */
  framework?: AiFramework;
}

/** Fields every record shares: linking, identity, timing and failure. */
export interface RecordBase extends Identity {
  /** `$ai_trace_id`; from the current context, else a fresh id. */
  traceId?: string;
  /** `$ai_span_id`; a fresh id when omitted (for a trace record, the trace id). */
  spanId?: string;
  /** `$ai_parent_id`; the current context's span, else the trace id. */
  parentId?: string;
  /** `$ai_span_name`. */
  name?: string;
  /** Start time, epoch milliseconds. */
  startTime?: number;
  /** End time, epoch milliseconds; defaults to now. */
  endTime?: number;
  /** `$ai_latency` in seconds; computed from start and end times when omitted. */
  latency?: number;
  /** The failure, if the work failed or was aborted: sets `$ai_is_error` and `$ai_error`. */
  error?: unknown;
  /** `$ai_http_status`; on error defaults to the error's status, else 500. */
  httpStatus?: number;
  /** Which package captured this. */
  source?: CaptureSource;
}

/** A whole trace: becomes `$ai_trace`. */
export interface TraceRecord extends RecordBase {
  kind: 'trace';
  input?: unknown;
  output?: unknown;
}

/** One step inside a trace: becomes `$ai_span`. */
export interface SpanRecord extends RecordBase {
  kind: 'span';
  /** @default 'custom' */
  spanType?: SpanType;
  input?: unknown;
  output?: unknown;
  /** `$ai_tool_call_id` (ours): the id the model gave the tool call. */
  toolCallId?: string;
}

/** A tool definition offered to the model. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: unknown;
  [key: string]: unknown;
}

/** One LLM call: becomes `$ai_generation`. */
export interface GenerationRecord extends RecordBase {
  kind: 'generation';
  model?: string;
  provider?: string;
  /** Messages sent (any supported message shape), or a prompt string. */
  input?: unknown;
  /** What came back: messages, content parts, or text. */
  output?: unknown;
  usage?: Usage;
  modelParameters?: Record<string, unknown>;
  tools?: readonly unknown[];
  stream?: boolean;
  /** Seconds from the start to the first content. */
  timeToFirstToken?: number;
  stopReason?: string;
  baseUrl?: string;
}

/** One embedding call: becomes `$ai_embedding`. */
export interface EmbeddingRecord extends RecordBase {
  kind: 'embedding';
  model?: string;
  provider?: string;
  /** The text or texts embedded. Never the vectors. */
  input?: string | readonly string[] | unknown;
  usage?: Usage;
  /** How many vectors came back (`$ai_embedding_count`). */
  count?: number;
  /** Vector dimensions (`$ai_embedding_dimensions`). */
  dimensions?: number;
}

/** What adapters hand to core: a discriminated union on `kind`. */
export type CaptureRecord = TraceRecord | SpanRecord | GenerationRecord | EmbeddingRecord;
