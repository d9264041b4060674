import type { Identity, SpanType } from '@llm-analytics/core';

/** What a run becomes: the root `$ai_trace`, a `$ai_span`, a `$ai_generation`, or nothing. */
export type RunKind = 'trace' | 'span' | 'generation' | 'hidden';

/** A chat-model or LLM run's streaming and request details. */
export interface GenerationState {
  model?: string;
  provider?: string;
  modelParameters?: Record<string, unknown>;
  tools?: unknown[];
  /** Epoch ms of the first streamed content. */
  firstTokenAt?: number;
  /** Streamed text so far: an array (joined once at the end) keeps long streams linear. */
  tokens: string[];
  streamed: boolean;
}

/** Everything the handler keeps about one LangChain run between its start and its end. */
export interface RunState {
  runId: string;
  parentRunId?: string;
  kind: RunKind;
  traceId: string;
  /** `$ai_span_id`; for a hidden run, the span its children attach to instead. */
  spanId: string;
  /** `$ai_parent_id` (absent for the root trace and for standalone generations). */
  parentId?: string;
  name?: string;
  spanType?: SpanType;
  identity: Identity;
  startTime: number;
  input?: unknown;
  metadata?: Record<string, unknown>;
  toolCallId?: string;
  /** The query of a retriever run (for linking embedding calls). */
  query?: string;
  generation?: GenerationState;
  /** Runs started under this one that have not ended. */
  children: Set<string>;
}

/** Limits of the run store. */
export interface RunStoreLimits {
  /** The most runs kept at once; the oldest are evicted beyond it. */
  maxRuns: number;
  /** A run older than this is evicted (it never ended: a consumer left a stream, a tool crashed). */
  maxAgeMs: number;
}

/**
 * Per-run state keyed by run id, bounded by count and age. A `Map` keeps insertion order, which
 * is start order, so the oldest runs are always at its head and eviction checks are O(1) per run.
 */
export class RunStore {
  private readonly runs = new Map<string, RunState>();

  constructor(private readonly limits: RunStoreLimits) {}

  get size(): number {
    return this.runs.size;
  }

  get(runId: string | undefined): RunState | undefined {
    return runId === undefined ? undefined : this.runs.get(runId);
  }

  /** Add a run and register it with its parent. */
  add(run: RunState): void {
    this.runs.set(run.runId, run);
    this.get(run.parentRunId)?.children.add(run.runId);
  }

  /** Remove a run and unregister it from its parent. */
  delete(run: RunState): void {
    this.runs.delete(run.runId);
    this.get(run.parentRunId)?.children.delete(run.runId);
  }

  /**
   * The runs that must be evicted now: beyond the count limit, or older than the age limit
   * (all of them with `everything`), oldest first.
   */
  expired(currentTime: number, everything = false): RunState[] {
    const out: RunState[] = [];
    let excess = this.runs.size - this.limits.maxRuns;
    for (const run of this.runs.values()) {
      if (everything || excess > 0 || currentTime - run.startTime > this.limits.maxAgeMs) {
        out.push(run);
        excess--;
      } else break;
    }
    return out;
  }

  /** Every run still open. */
  values(): IterableIterator<RunState> {
    return this.runs.values();
  }
}
