import { AI_EVENT, AI_PROP, type AiEventName, PROCESS_PERSON_PROFILE } from './constants';
import { describeError, httpStatusOf } from './errors';
import { type JsonSafeOptions, type JsonValue, toJsonSafe } from './json-safe';
import { normalizeMessages, normalizeOutput } from './messages';
import { normalizeModelParameters } from './model-parameters';
import { type Pricing, priceFor } from './pricing';
import { normalizeProvider } from './provider';
import type { CaptureRecord, CaptureSource, GenerationRecord } from './records';
import { normalizeUsage, type Usage } from './usage';

/** A record whose links and identity core has resolved. */
export interface ResolvedLinks {
  traceId: string;
  spanId: string;
  parentId?: string;
  distinctId?: string;
  sessionId?: string;
  privacyMode: boolean;
  latency: number;
  source: CaptureSource;
}

/** Settings of the builder. */
export interface BuildOptions {
  pricing?: Pricing;
  jsonSafe: JsonSafeOptions;
}

/** An event ready for the client, before privacy, size and redact. */
export interface BuiltEvent {
  event: AiEventName;
  properties: Record<string, JsonValue>;
}

const EVENT_OF = {
  trace: AI_EVENT.trace,
  span: AI_EVENT.span,
  generation: AI_EVENT.generation,
  embedding: AI_EVENT.embedding,
} as const;

function setIf(properties: Record<string, JsonValue>, key: string, value: JsonValue | undefined): void {
  if (value !== undefined && value !== null && value !== '') properties[key] = value;
}

/**
 * Messages made JSON-safe. A value the normalizer cannot even read (a Proxy or getter that
 * throws) is kept as one raw message rather than losing the whole event.
 */
function normalizeTools(
  tools: readonly unknown[] | undefined,
  options: JsonSafeOptions,
): JsonValue | undefined {
  if (!tools || tools.length === 0) return undefined;
  return toJsonSafe(tools, options);
}

function usageProperties(
  properties: Record<string, JsonValue>,
  usage: Usage | undefined,
  provider: string | undefined,
): void {
  const normalized = normalizeUsage(usage, provider);
  setIf(properties, AI_PROP.inputTokens, normalized.inputTokens);
  setIf(properties, AI_PROP.outputTokens, normalized.outputTokens);
  setIf(properties, AI_PROP.cacheReadInputTokens, normalized.cacheReadInputTokens);
  setIf(properties, AI_PROP.cacheCreationInputTokens, normalized.cacheCreationInputTokens);
  setIf(properties, AI_PROP.reasoningTokens, normalized.reasoningTokens);
  setIf(properties, AI_PROP.cacheReportingExclusive, normalized.cacheReportingExclusive);
  if (normalized.source === 'estimated') properties[AI_PROP.tokensSource] = 'estimated';
}

function generationProperties(
  record: GenerationRecord,
  properties: Record<string, JsonValue>,
  links: ResolvedLinks,
  options: BuildOptions,
): void {
  const provider = normalizeProvider(record.provider);
  setIf(properties, AI_PROP.model, record.model);
  setIf(properties, AI_PROP.provider, provider);
  if (!links.privacyMode) {
    properties[AI_PROP.input] = toJsonSafe(normalizeMessages(record.input), options.jsonSafe);
    properties[AI_PROP.outputChoices] = toJsonSafe(normalizeOutput(record.output), options.jsonSafe);
  } else {
    properties[AI_PROP.input] = null;
    properties[AI_PROP.outputChoices] = null;
  }
  usageProperties(properties, record.usage, provider);
  const parameters = normalizeModelParameters(record.modelParameters) ?? {};
  if (record.stream !== undefined && parameters.stream === undefined) parameters.stream = record.stream;
  if (Object.keys(parameters).length > 0) properties[AI_PROP.modelParameters] = parameters;
  if (typeof parameters.temperature === 'number') properties[AI_PROP.temperature] = parameters.temperature;
  if (typeof parameters.max_tokens === 'number') properties[AI_PROP.maxTokens] = parameters.max_tokens;
  setIf(properties, AI_PROP.tools, normalizeTools(record.tools, options.jsonSafe));
  properties[AI_PROP.stream] = record.stream === true;
  if (
    record.stream &&
    typeof record.timeToFirstToken === 'number' &&
    Number.isFinite(record.timeToFirstToken)
  ) {
    properties[AI_PROP.timeToFirstToken] = Math.min(Math.max(0, record.timeToFirstToken), links.latency);
  }
  setIf(properties, AI_PROP.stopReason, record.stopReason);
  setIf(properties, AI_PROP.baseUrl, record.baseUrl);
  const price = priceFor(options.pricing, record.model, provider);
  if (price) {
    properties[AI_PROP.inputTokenPrice] = price.input;
    properties[AI_PROP.outputTokenPrice] = price.output;
    setIf(properties, AI_PROP.cacheReadTokenPrice, price.cacheRead);
    setIf(properties, AI_PROP.cacheWriteTokenPrice, price.cacheWrite);
  }
}

/**
 * Turn a record into a PostHog event: the `$ai_*` properties of the contract, with content
 * normalized and made JSON-safe (or nulled in privacy mode). Custom properties are merged by the
 * caller; the size budget and the redact hook run after this.
 */
export function buildEvent(record: CaptureRecord, links: ResolvedLinks, options: BuildOptions): BuiltEvent {
  const properties: Record<string, JsonValue> = {};
  properties[AI_PROP.traceId] = links.traceId;
  properties[AI_PROP.spanId] = links.spanId;
  if (links.parentId !== undefined) properties[AI_PROP.parentId] = links.parentId;
  setIf(properties, AI_PROP.sessionId, links.sessionId);
  properties[AI_PROP.lib] = links.source.lib;
  properties[AI_PROP.libVersion] = links.source.version;
  setIf(properties, AI_PROP.framework, links.source.framework);
  if (!links.distinctId) properties[PROCESS_PERSON_PROFILE] = false;

  const model = record.kind === 'generation' || record.kind === 'embedding' ? record.model : undefined;
  setIf(properties, AI_PROP.spanName, record.name ?? model);
  properties[AI_PROP.latency] = links.latency;

  switch (record.kind) {
    case 'trace':
    case 'span': {
      if (record.kind === 'span') properties[AI_PROP.spanType] = record.spanType ?? 'custom';
      properties[AI_PROP.inputState] = links.privacyMode
        ? null
        : toJsonSafe(record.input ?? null, options.jsonSafe);
      properties[AI_PROP.outputState] = links.privacyMode
        ? null
        : toJsonSafe(record.output ?? null, options.jsonSafe);
      if (record.kind === 'span') setIf(properties, AI_PROP.toolCallId, record.toolCallId);
      break;
    }
    case 'generation':
      generationProperties(record, properties, links, options);
      break;
    case 'embedding': {
      const provider = normalizeProvider(record.provider);
      setIf(properties, AI_PROP.model, record.model);
      setIf(properties, AI_PROP.provider, provider);
      properties[AI_PROP.input] = links.privacyMode
        ? null
        : toJsonSafe(record.input ?? null, options.jsonSafe);
      usageProperties(properties, record.usage, provider);
      setIf(properties, AI_PROP.embeddingCount, record.count);
      setIf(properties, AI_PROP.embeddingDimensions, record.dimensions);
      break;
    }
  }

  if (record.kind === 'generation' || record.kind === 'embedding' || record.httpStatus !== undefined) {
    const status =
      record.httpStatus ?? (record.error === undefined ? 200 : (httpStatusOf(record.error) ?? 500));
    properties[AI_PROP.httpStatus] = status;
  }
  if (record.error !== undefined) {
    properties[AI_PROP.isError] = true;
    properties[AI_PROP.error] = describeError(record.error, links.privacyMode);
  }
  return { event: EVENT_OF[record.kind], properties };
}
