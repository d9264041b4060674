/** Helpers to check the trace tree that arrived. */
import type { ReceivedEvent } from './capture-server';

/** Events of one trace, in arrival order. */
export function eventsOfTrace(events: readonly ReceivedEvent[], traceId: string): ReceivedEvent[] {
  return events.filter((event) => event.properties.$ai_trace_id === traceId);
}

/**
 * Check the contract's linking rules on one trace's events; returns a list of problems
 * (empty when the tree is sound): one root whose span id is the trace id, every parent
 * present, span ids unique, children before parents, the root last, one distinct id.
 */
export function treeProblems(events: readonly ReceivedEvent[]): string[] {
  const problems: string[] = [];
  const traceIds = new Set(events.map((event) => event.properties.$ai_trace_id));
  if (traceIds.size !== 1) problems.push(`expected one trace id, got ${[...traceIds].join(', ')}`);
  const traceId = [...traceIds][0];
  const spanIds = new Set<string>();
  const position = new Map<string, number>();
  events.forEach((event, index) => {
    const spanId = event.properties.$ai_span_id;
    if (spanIds.has(spanId)) problems.push(`duplicate span id ${spanId}`);
    spanIds.add(spanId);
    position.set(spanId, index);
  });
  const roots = events.filter((event) => event.event === '$ai_trace');
  if (roots.length > 1) problems.push(`${roots.length} $ai_trace events`);
  for (const root of roots) {
    if (root.properties.$ai_span_id !== traceId) problems.push('root span id differs from the trace id');
    if (events.indexOf(root) !== events.length - 1) problems.push('$ai_trace is not the last event');
  }
  for (const event of events) {
    if (event.event === '$ai_trace') continue;
    const parent = event.properties.$ai_parent_id;
    if (!parent) problems.push(`${event.event} ${event.properties.$ai_span_name} has no parent`);
    else if (parent !== traceId && !spanIds.has(parent))
      problems.push(`${event.event} ${event.properties.$ai_span_name} has unknown parent ${parent}`);
    else if (parent !== traceId && (position.get(parent) ?? -1) < events.indexOf(event)) {
      problems.push(`${event.event} ${event.properties.$ai_span_name} arrived after its parent`);
    }
  }
  const distinct = new Set(events.map((event) => event.distinct_id));
  if (distinct.size !== 1) problems.push(`several distinct ids: ${[...distinct].join(', ')}`);
  return problems;
}

/** An indented text picture of a trace: `$ai_trace name` / `  $ai_span name` … */
export function renderTree(events: readonly ReceivedEvent[]): string {
  const children = new Map<string, ReceivedEvent[]>();
  let root: ReceivedEvent | undefined;
  for (const event of events) {
    if (event.event === '$ai_trace') root = event;
    const parent = event.properties.$ai_parent_id ?? '';
    if (event.event !== '$ai_trace') children.set(parent, [...(children.get(parent) ?? []), event]);
  }
  const lines: string[] = [];
  const walk = (id: string, depth: number) => {
    for (const child of children.get(id) ?? []) {
      lines.push(`${'  '.repeat(depth)}${child.event} ${child.properties.$ai_span_name ?? ''}`.trimEnd());
      walk(child.properties.$ai_span_id, depth + 1);
    }
  };
  const traceId = root?.properties.$ai_trace_id ?? events[0]?.properties.$ai_trace_id;
  if (root) lines.push(`$ai_trace ${root.properties.$ai_span_name ?? ''}`.trimEnd());
  walk(traceId, root ? 1 : 0);
  return lines.join('\n');
}
