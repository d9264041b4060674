/**
 * Every PostHog event name and `$ai_*` property key the project sends, spelled once.
 * Nothing else in the repository writes these strings inline.
 */

/** The four PostHog LLM analytics event names. */
export const AI_EVENT = {
  trace: '$ai_trace',
  span: '$ai_span',
  generation: '$ai_generation',
  embedding: '$ai_embedding',
} as const;

/** Name of one of the four PostHog LLM analytics events. */
export type AiEventName = (typeof AI_EVENT)[keyof typeof AI_EVENT];

/** PostHog LLM analytics property keys (and the few keys marked "ours"). */
export const AI_PROP = {
  traceId: '$ai_trace_id',
  spanId: '$ai_span_id',
  parentId: '$ai_parent_id',
  sessionId: '$ai_session_id',
  spanName: '$ai_span_name',
  spanType: '$ai_span_type',
  lib: '$ai_lib',
  libVersion: '$ai_lib_version',
  framework: '$ai_framework',
  model: '$ai_model',
  provider: '$ai_provider',
  input: '$ai_input',
  outputChoices: '$ai_output_choices',
  inputState: '$ai_input_state',
  outputState: '$ai_output_state',
  inputTokens: '$ai_input_tokens',
  outputTokens: '$ai_output_tokens',
  cacheReadInputTokens: '$ai_cache_read_input_tokens',
  cacheCreationInputTokens: '$ai_cache_creation_input_tokens',
  reasoningTokens: '$ai_reasoning_tokens',
  cacheReportingExclusive: '$ai_cache_reporting_exclusive',
  tokensSource: '$ai_tokens_source',
  modelParameters: '$ai_model_parameters',
  temperature: '$ai_temperature',
  maxTokens: '$ai_max_tokens',
  stream: '$ai_stream',
  latency: '$ai_latency',
  timeToFirstToken: '$ai_time_to_first_token',
  stopReason: '$ai_stop_reason',
  tools: '$ai_tools',
  httpStatus: '$ai_http_status',
  isError: '$ai_is_error',
  error: '$ai_error',
  baseUrl: '$ai_base_url',
  inputTokenPrice: '$ai_input_token_price',
  outputTokenPrice: '$ai_output_token_price',
  cacheReadTokenPrice: '$ai_cache_read_token_price',
  cacheWriteTokenPrice: '$ai_cache_write_token_price',
  embeddingCount: '$ai_embedding_count',
  embeddingDimensions: '$ai_embedding_dimensions',
  toolCallId: '$ai_tool_call_id',
  /** (ours) set when the size budget had to cut content. */
  truncated: '$ai_truncated',
} as const;

/** PostHog's standard property that stops an event from creating a person profile. */
export const PROCESS_PERSON_PROFILE = '$process_person_profile';

/** The content properties privacy mode nulls. */
export const CONTENT_PROPS = [
  AI_PROP.input,
  AI_PROP.outputChoices,
  AI_PROP.inputState,
  AI_PROP.outputState,
] as const;

/** The linking keys custom properties may never overwrite. */
export const PROTECTED_PROPS = [AI_PROP.traceId, AI_PROP.spanId, AI_PROP.parentId] as const;

/** PostHog's `$ai_framework` values. */
export type AiFramework = 'langchain' | 'vercel';

/** `$ai_span_type` values. */
export type SpanType = 'chain' | 'tool' | 'retriever' | 'agent' | 'graph_node' | 'step' | 'custom';
