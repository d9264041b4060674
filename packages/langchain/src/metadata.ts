import type { Identity } from '@llm-analytics/core';

/**
 * The LangChain `metadata` keys the handler reads on every run. LangChain passes a call's
 * `metadata` to every nested run and copies primitive `configurable` values (LangGraph's
 * `thread_id`) into it, so one `invoke(input, { metadata })` sets identity per request.
 */
export const METADATA_KEYS = {
  /** The PostHog distinct id of the person making the request. */
  distinctId: ['distinct_id', 'posthog_distinct_id'],
  /** `$ai_session_id`, first one set wins: LangGraph's `thread_id` comes from `configurable`. */
  sessionId: ['session_id', 'posthog_session_id', 'conversation_id', 'thread_id'],
  /** A trace id for this request (for linking with ids from elsewhere, e.g. a frontend). */
  traceId: 'posthog_trace_id',
  /** Extra properties merged into every event of the request. */
  properties: 'posthog_properties',
  /** PostHog groups of the request, e.g. `{ company: 'acme' }`. */
  groups: 'posthog_groups',
  /** `true` drops the content of this request's events. */
  privacyMode: ['privacy_mode', 'posthog_privacy_mode'],
} as const;

type Metadata = Record<string, unknown> | undefined;

function idValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function firstId(metadata: Metadata, keys: readonly string[]): string | undefined {
  if (!metadata) return undefined;
  for (const key of keys) {
    const value = idValue(metadata[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function groupsOf(value: unknown): Record<string, string | number> | undefined {
  if (!isRecord(value)) return undefined;
  const groups: Record<string, string | number> = {};
  for (const [key, group] of Object.entries(value)) {
    if (typeof group === 'string' || typeof group === 'number') groups[key] = group;
  }
  return Object.keys(groups).length > 0 ? groups : undefined;
}

/**
 * The identity a run's metadata asks for (only the keys that are set).
 * @param metadata - the run's LangChain metadata
 */
export function identityFromMetadata(metadata: Metadata): Identity {
  const identity: Identity = {};
  if (!metadata) return identity;
  const distinctId = firstId(metadata, METADATA_KEYS.distinctId);
  if (distinctId !== undefined) identity.distinctId = distinctId;
  const sessionId = firstId(metadata, METADATA_KEYS.sessionId);
  if (sessionId !== undefined) identity.sessionId = sessionId;
  const properties = metadata[METADATA_KEYS.properties];
  if (isRecord(properties)) identity.properties = properties;
  const groups = groupsOf(metadata[METADATA_KEYS.groups]);
  if (groups) identity.groups = groups;
  if (METADATA_KEYS.privacyMode.some((key) => metadata[key] === true)) identity.privacyMode = true;
  return identity;
}

/** The trace id a run's metadata asks for, if any. */
export function traceIdFromMetadata(metadata: Metadata): string | undefined {
  return metadata ? idValue(metadata[METADATA_KEYS.traceId]) : undefined;
}
