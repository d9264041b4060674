import { AI_PROP } from './constants';
import { type JsonValue, setJsonKey, truncateString, utf8Length } from './json-safe';

/** The smallest a string is cut to before whole messages are dropped instead. */
const MIN_STRING_CAP = 1_000;
/** Room for the marker appended to each cut string. */
const MARKER_ROOM = 40;

/**
 * An upper bound of the UTF-8 size of `JSON.stringify(value)`, found without serializing or
 * scanning any string (each character counts as the six bytes of its worst escape), or
 * `undefined` as soon as the bound passes `limit`.
 */
export function jsonSizeUpperBound(value: JsonValue, limit: number): number | undefined {
  const total = boundOf(value, 0, limit);
  return total > limit ? undefined : total;
}

// Recursive (events are shallow) and stops as soon as the running total passes the limit.
function boundOf(value: JsonValue, total: number, limit: number): number {
  if (typeof value === 'string') return total + value.length * 6 + 2;
  if (value === null || typeof value !== 'object') return total + 24;
  if (Array.isArray(value)) {
    let sum = total + 2 + value.length;
    for (let i = 0; i < value.length && sum <= limit; i++) sum = boundOf(value[i] as JsonValue, sum, limit);
    return sum;
  }
  let sum = total + 2;
  for (const key in value) {
    sum = boundOf(value[key] as JsonValue, sum + key.length * 6 + 4, limit);
    if (sum > limit) return sum;
  }
  return sum;
}

/** What {@link fitToBudget} did. */
export interface BudgetResult {
  /** The properties, under budget. */
  properties: Record<string, JsonValue>;
  /** Serialized size of the whole event after fitting, in bytes (an upper bound when nothing was cut). */
  bytes: number;
  /** Whether anything was cut or dropped. */
  truncated: boolean;
}

type Measure = (properties: Record<string, JsonValue>) => number;

function collectLengths(value: JsonValue, out: number[]): void {
  if (typeof value === 'string') {
    if (value.length > MIN_STRING_CAP) out.push(value.length);
  } else if (Array.isArray(value)) {
    for (const item of value) collectLengths(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) collectLengths(value[key] as JsonValue, out);
  }
}

function capStrings(value: JsonValue, cap: number): JsonValue {
  if (typeof value === 'string') return value.length > cap ? truncateString(value, cap) : value;
  if (Array.isArray(value)) return value.map((item) => capStrings(item, cap));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const key in value) setJsonKey(out, key, capStrings(value[key] as JsonValue, cap));
    return out;
  }
  return value;
}

/**
 * The largest cap such that cutting every string longer than it removes `excess` characters,
 * markers included ("water filling": only the longest strings are cut, all to the same length).
 */
function capFor(lengths: number[], excess: number): number {
  lengths.sort((a, b) => b - a);
  let sum = 0;
  for (let k = 1; k <= lengths.length; k++) {
    sum += lengths[k - 1]!;
    const cap = Math.floor((sum - excess - k * MARKER_ROOM) / k);
    const next = lengths[k] ?? 0;
    if (cap >= next) return cap;
  }
  return 0;
}

const PROTECTED = new Set<string>([AI_PROP.traceId, AI_PROP.spanId, AI_PROP.parentId, AI_PROP.sessionId]);

function truncateStrings(
  properties: Record<string, JsonValue>,
  budget: number,
  measure: Measure,
): Record<string, JsonValue> {
  let current = properties;
  for (let attempt = 0; attempt < 6; attempt++) {
    const excess = measure(current) - budget;
    if (excess <= 0) return current;
    const lengths: number[] = [];
    for (const key in current) if (!PROTECTED.has(key)) collectLengths(current[key] as JsonValue, lengths);
    if (lengths.length === 0) return current;
    // JSON escaping makes serialized strings longer than their length: aim lower on each retry.
    const cap = Math.max(MIN_STRING_CAP, capFor(lengths, excess * (1 + attempt * 0.5)));
    const next: Record<string, JsonValue> = {};
    for (const key in current) {
      next[key] = PROTECTED.has(key)
        ? (current[key] as JsonValue)
        : capStrings(current[key] as JsonValue, cap);
    }
    current = next;
    if (cap === MIN_STRING_CAP) return current;
  }
  return current;
}

function droppedPlaceholder(count: number): JsonValue {
  return {
    role: 'user',
    content: `[${count} earlier message${count === 1 ? '' : 's'} dropped to fit the event size limit]`,
  };
}

function dropOldestMessages(
  properties: Record<string, JsonValue>,
  budget: number,
  measure: Measure,
): Record<string, JsonValue> {
  const input = properties[AI_PROP.input];
  if (!Array.isArray(input) || input.length < 2) return properties;
  const isSystem = (message: JsonValue): boolean =>
    typeof message === 'object' && message !== null && !Array.isArray(message) && message.role === 'system';
  const system = input.filter(isSystem);
  const rest = input.filter((message) => !isSystem(message));
  // Keep at least the last message; drop from the oldest, halving the search each time.
  let low = 0;
  let high = rest.length - 1;
  let best = high;
  while (low <= high) {
    const dropped = Math.floor((low + high) / 2);
    const candidate = {
      ...properties,
      [AI_PROP.input]: [...system, droppedPlaceholder(dropped), ...rest.slice(dropped)],
    };
    if (measure(candidate) <= budget) {
      best = dropped;
      high = dropped - 1;
    } else low = dropped + 1;
  }
  if (best === 0) return properties;
  return { ...properties, [AI_PROP.input]: [...system, droppedPlaceholder(best), ...rest.slice(best)] };
}

const LAST_RESORT_ORDER: readonly string[] = [
  AI_PROP.input,
  AI_PROP.inputState,
  AI_PROP.outputChoices,
  AI_PROP.outputState,
  AI_PROP.tools,
  AI_PROP.modelParameters,
  AI_PROP.error,
];

function replaceWholeFields(
  properties: Record<string, JsonValue>,
  budget: number,
  measure: Measure,
): Record<string, JsonValue> {
  let current = properties;
  const order = [
    ...LAST_RESORT_ORDER,
    ...Object.keys(properties).filter(
      (key) => !LAST_RESORT_ORDER.includes(key) && !PROTECTED.has(key) && !key.startsWith('$ai_'),
    ),
  ];
  for (const key of order) {
    if (measure(current) <= budget) break;
    if (current[key] === undefined) continue;
    const size = utf8Length(JSON.stringify(current[key]));
    if (size < 200) continue;
    current = { ...current, [key]: `[removed: ${size} bytes over the event size limit]` };
  }
  return current;
}

/**
 * Fit an event's properties into `budget` bytes (the event as serialized, envelope included
 * through `overhead`): first cut the longest strings to a common length with a visible marker,
 * then drop the oldest non-system input messages behind a placeholder message, and as a last
 * resort replace whole content fields with a marker. The event itself is never dropped.
 */
export function fitToBudget(
  properties: Record<string, JsonValue>,
  budget: number,
  overhead = 0,
): BudgetResult {
  // Nearly every event is far under budget: prove it with a cheap upper bound instead of
  // serializing it (the client serializes it anyway when it sends the batch).
  const bound = jsonSizeUpperBound(properties, budget - overhead);
  if (bound !== undefined) return { properties, bytes: bound + overhead, truncated: false };
  // Each step re-checks the same object: serialize each candidate once.
  let lastCandidate: Record<string, JsonValue> | undefined;
  let lastSize = 0;
  const measure: Measure = (candidate) => {
    if (candidate !== lastCandidate) {
      lastCandidate = candidate;
      lastSize = utf8Length(JSON.stringify(candidate)) + overhead;
    }
    return lastSize;
  };
  const initial = measure(properties);
  if (initial <= budget) return { properties, bytes: initial, truncated: false };
  // The flag is set before fitting: added afterwards, its bytes could push the event over.
  const flagged = { ...properties, [AI_PROP.truncated]: true };
  // Adding the flag adds exactly `,"$ai_truncated":true`: no need to serialize again.
  lastCandidate = flagged;
  lastSize = initial + utf8Length(`,${JSON.stringify(AI_PROP.truncated)}:true`);
  let current = truncateStrings(flagged, budget, measure);
  if (measure(current) > budget) current = dropOldestMessages(current, budget, measure);
  if (measure(current) > budget) current = replaceWholeFields(current, budget, measure);
  return { properties: current, bytes: measure(current), truncated: true };
}
