import type { Identity } from '@llm-analytics/core';

/** What a tool execution needs to link to the generation that asked for it. */
export interface ToolCallLink extends Identity {
  traceId: string;
  parentId: string;
}

const MAX_ENTRIES = 5_000;
const MAX_AGE_MS = 15 * 60_000;

interface Entry {
  link: ToolCallLink;
  at: number;
}

// Tool `execute` receives the tool call id but not the call's provider options, and it runs
// after the model call returned (outside any context the middleware could set). The middleware
// sees the tool call first, so it leaves the link here, keyed by tool call id. Bounded by age
// and count; each entry is taken once.
const entries = new Map<string, Entry>();

function evict(now: number): void {
  for (const [id, entry] of entries) {
    if (entries.size <= MAX_ENTRIES && now - entry.at <= MAX_AGE_MS) break;
    entries.delete(id);
  }
}

/** Remember which trace a tool call belongs to, until its tool runs. */
export function rememberToolCall(toolCallId: unknown, link: ToolCallLink): void {
  if (typeof toolCallId !== 'string' || toolCallId === '') return;
  const now = Date.now();
  entries.delete(toolCallId);
  entries.set(toolCallId, { link, at: now });
  evict(now);
}

/** The link of a tool call, removed from the registry; `undefined` when unknown or expired. */
export function takeToolCall(toolCallId: unknown): ToolCallLink | undefined {
  if (typeof toolCallId !== 'string') return undefined;
  const entry = entries.get(toolCallId);
  if (!entry) return undefined;
  entries.delete(toolCallId);
  return Date.now() - entry.at <= MAX_AGE_MS ? entry.link : undefined;
}

/** How many tool calls are waiting for their tool (for tests of the bounds). */
export function pendingToolCalls(): number {
  return entries.size;
}
