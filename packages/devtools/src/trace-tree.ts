import { AI_EVENT, AI_PROP } from '@llm-analytics/core';
import { type CostEstimate, estimateCost } from './cost';

/** What one stored event is in the tree. */
export type EventKind = 'trace' | 'span' | 'generation' | 'embedding' | 'other';

/**
 * One stored event reduced to what lists and trees need (no content): the columns extracted
 * when the event was stored.
 */
export interface EventRow {
  /** Row id in the store (arrival order). */
  id: number;
  /** posthog-node's event uuid. */
  uuid: string | null;
  /** Event name, e.g. `$ai_generation`. */
  event: string;
  distinctId: string;
  /** When the event was captured (its end), epoch ms. */
  timestampMs: number;
  traceId: string;
  spanId: string | null;
  parentId: string | null;
  sessionId: string | null;
  name: string | null;
  spanType: string | null;
  model: string | null;
  provider: string | null;
  /** `$ai_latency`, seconds. */
  latency: number | null;
  isError: boolean;
  /** `$ai_error`, shortened. */
  error: string | null;
  /** Token, price and cost properties, as sent (the keys `estimateCost` reads). */
  metrics: Record<string, unknown>;
}

/** One node of a trace tree: the root, a span, a generation or an embedding, and its children. */
export interface TraceNode {
  /** Row id of the event (`undefined` for the synthetic root of a pseudo-trace). */
  id?: number;
  event: string;
  kind: EventKind;
  spanId: string;
  parentId?: string;
  /** The span name, else the model, else the event name. */
  name: string;
  spanType?: string;
  model?: string;
  provider?: string;
  /** Start, epoch ms (its capture time minus its latency). */
  startMs: number;
  /** End, epoch ms (its capture time). */
  endMs: number;
  /** `$ai_latency` in seconds, when sent. */
  latency?: number;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  /** `$ai_time_to_first_token`, seconds. */
  timeToFirstToken?: number;
  cost?: CostEstimate;
  isError: boolean;
  error?: string;
  /** True when its `$ai_parent_id` names no event of the trace (it is shown under the root). */
  orphan?: boolean;
  children: TraceNode[];
}

/** One line of the traces list. */
export interface TraceSummary {
  traceId: string;
  /** The `$ai_trace`'s name; for a pseudo-trace, its first generation's name or model. */
  name: string;
  /** The person (`distinct_id`) of the trace's root, else of its first event. */
  distinctId: string;
  sessionId?: string;
  /** Start of the earliest event, epoch ms. */
  startMs: number;
  /** Seconds: the root's `$ai_latency`, else first start to last end. */
  latency: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum of the priced events' costs; `undefined` when none could be priced. */
  costUsd?: number;
  /** True when any part of the cost came from the bundled (approximate) table. */
  costApproximate: boolean;
  /** Events marked `$ai_is_error`. */
  errors: number;
  events: number;
  generations: number;
  embeddings: number;
  spans: number;
  /** True when the trace has no `$ai_trace` event (generations made outside any trace). */
  pseudo: boolean;
  /** Row id of its latest event (for paging and change detection). */
  lastEventId: number;
}

/** A trace: its summary and its tree. */
export interface TraceTree {
  summary: TraceSummary;
  root: TraceNode;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** What kind of node an event name is. */
export function kindOf(event: string): EventKind {
  switch (event) {
    case AI_EVENT.trace:
      return 'trace';
    case AI_EVENT.span:
      return 'span';
    case AI_EVENT.generation:
      return 'generation';
    case AI_EVENT.embedding:
      return 'embedding';
    default:
      return 'other';
  }
}

function nodeOf(row: EventRow): TraceNode {
  const kind = kindOf(row.event);
  const latency = row.latency ?? undefined;
  const endMs = row.timestampMs;
  const startMs = latency !== undefined ? endMs - latency * 1000 : endMs;
  const node: TraceNode = {
    id: row.id,
    event: row.event,
    kind,
    spanId: row.spanId ?? `event-${row.id}`,
    name: row.name || row.model || row.event,
    startMs,
    endMs,
    isError: row.isError,
    children: [],
  };
  if (row.parentId) node.parentId = row.parentId;
  if (row.spanType) node.spanType = row.spanType;
  if (row.model) node.model = row.model;
  if (row.provider) node.provider = row.provider;
  if (latency !== undefined) node.latency = latency;
  if (row.error) node.error = row.error;
  const m = row.metrics;
  const set = (key: keyof TraceNode, value: number | undefined) => {
    if (value !== undefined) (node as unknown as Record<string, unknown>)[key] = value;
  };
  set('inputTokens', num(m[AI_PROP.inputTokens]));
  set('outputTokens', num(m[AI_PROP.outputTokens]));
  set('cacheReadTokens', num(m[AI_PROP.cacheReadInputTokens]));
  set('cacheWriteTokens', num(m[AI_PROP.cacheCreationInputTokens]));
  set('reasoningTokens', num(m[AI_PROP.reasoningTokens]));
  set('timeToFirstToken', num(m[AI_PROP.timeToFirstToken]));
  if (kind === 'generation' || kind === 'embedding') {
    const cost = estimateCost({ ...m, [AI_PROP.model]: row.model, [AI_PROP.provider]: row.provider });
    if (cost) node.cost = cost;
  }
  return node;
}

/**
 * Build one trace's tree from its events: children hang under the event whose `$ai_span_id`
 * their `$ai_parent_id` names, ordered by start time. A trace without a `$ai_trace` event (a
 * pseudo-trace) gets a synthetic root; an event whose parent never arrived is shown under the
 * root and marked `orphan`. Duplicate span ids and parent cycles cannot loop or lose a node.
 *
 * @param rows - the events of one trace, in any order (at least one)
 */
export function buildTraceTree(rows: readonly EventRow[]): TraceTree {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  const first = sorted[0];
  if (!first) throw new Error('buildTraceTree needs at least one event');
  const traceId = first.traceId;
  const rootRow = [...sorted].reverse().find((row) => row.event === AI_EVENT.trace);
  const nodes = sorted.filter((row) => row !== rootRow).map(nodeOf);
  // A loop rather than Math.min(...spread): a trace may hold more events than the stack has room for.
  let startMs = rootRow ? nodeOf(rootRow).startMs : Number.POSITIVE_INFINITY;
  let endMs = rootRow ? rootRow.timestampMs : Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    if (node.startMs < startMs) startMs = node.startMs;
    if (node.endMs > endMs) endMs = node.endMs;
  }
  const firstGeneration = sorted.find((row) => row.event === AI_EVENT.generation);
  const root: TraceNode = rootRow
    ? { ...nodeOf(rootRow), spanId: traceId }
    : {
        event: AI_EVENT.trace,
        kind: 'trace',
        spanId: traceId,
        name: firstGeneration?.name || firstGeneration?.model || first.name || first.model || first.event,
        startMs,
        endMs,
        isError: false,
        children: [],
      };

  const bySpan = new Map<string, TraceNode>();
  bySpan.set(traceId, root);
  for (const node of nodes) if (!bySpan.has(node.spanId)) bySpan.set(node.spanId, node);
  for (const node of nodes) {
    let parent = node.parentId ? bySpan.get(node.parentId) : root;
    if (!parent || parent === node || isDescendant(parent, node, bySpan)) {
      if (node.parentId && node.parentId !== traceId) node.orphan = true;
      parent = root;
    }
    parent.children.push(node);
  }
  const sortChildren = (node: TraceNode) => {
    node.children.sort((a, b) => a.startMs - b.startMs || (a.id ?? 0) - (b.id ?? 0));
    for (const child of node.children) sortChildren(child);
  };
  sortChildren(root);

  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd: number | undefined;
  let costApproximate = false;
  let errors = rootRow?.isError ? 1 : 0;
  let generations = 0;
  let embeddings = 0;
  let spans = 0;
  for (const node of nodes) {
    if (node.isError) errors++;
    if (node.kind === 'generation') generations++;
    else if (node.kind === 'embedding') embeddings++;
    else if (node.kind === 'span') spans++;
    if (node.kind !== 'generation' && node.kind !== 'embedding') continue;
    inputTokens += node.inputTokens ?? 0;
    outputTokens += node.outputTokens ?? 0;
    if (node.cost) {
      costUsd = (costUsd ?? 0) + node.cost.totalUsd;
      costApproximate ||= node.cost.approximate;
    }
  }
  const owner = rootRow ?? first;
  const sessionRow = rootRow?.sessionId ? rootRow : sorted.find((row) => row.sessionId);
  const summary: TraceSummary = {
    traceId,
    name: root.name,
    distinctId: owner.distinctId,
    startMs: Math.min(startMs, root.startMs),
    latency: root.latency ?? Math.max(0, (endMs - startMs) / 1000),
    inputTokens,
    outputTokens,
    costApproximate,
    errors,
    events: sorted.length,
    generations,
    embeddings,
    spans,
    pseudo: !rootRow,
    lastEventId: sorted[sorted.length - 1]!.id,
  };
  if (sessionRow?.sessionId) summary.sessionId = sessionRow.sessionId;
  if (costUsd !== undefined) summary.costUsd = costUsd;
  return { summary, root };
}

// A parent chain that leads back to the node itself would hide both in the tree.
function isDescendant(candidate: TraceNode, node: TraceNode, bySpan: Map<string, TraceNode>): boolean {
  let current: TraceNode | undefined = candidate;
  for (let depth = 0; current && depth < 10_000; depth++) {
    if (current === node) return true;
    current = current.parentId ? bySpan.get(current.parentId) : undefined;
    if (current && current.kind === 'trace') return false;
  }
  return false;
}
