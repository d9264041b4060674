import type { AgentAction, AgentFinish } from '@langchain/core/agents';
import {
  BaseCallbackHandler,
  type HandleLLMNewTokenCallbackFields,
  type NewTokenIndices,
} from '@langchain/core/callbacks/base';
import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import type { DocumentInterface } from '@langchain/core/documents';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import type { ChainValues } from '@langchain/core/utils/types';
import {
  type AnalyticsClient,
  createDebugLogger,
  type DebugLogger,
  getCurrentContext,
  httpStatusOf,
  type Identity,
  LLMAnalytics,
  mergeIdentity,
  newId,
  now,
  type SpanType,
  sanitizeId,
} from '@llm-analytics/core';
import { classNameOf, modelCallInfo, modelResultInfo } from './generation';
import { parseToolInput, toolOutputValue, toStateValue } from './lc-values';
import { identityFromMetadata, traceIdFromMetadata } from './metadata';
import { retrieverRegistry } from './retriever-registry';
import { type RunKind, type RunState, RunStore } from './run-store';
import { LANGCHAIN_SOURCE } from './source';

/** Options of {@link LLMAnalyticsCallbackHandler}. */
export interface LLMAnalyticsCallbackHandlerOptions {
  /** The posthog-node client (`new PostHog(key, { host })`); or pass `analytics`. */
  client?: AnalyticsClient;
  /** An `LLMAnalytics` instance to capture through (its options apply); wins over `client`. */
  analytics?: LLMAnalytics;
  /**
   * The default distinct id; per-call metadata `distinct_id` wins. Without any, events are
   * anonymous (the trace id is their distinct id and no person profile is created).
   */
  distinctId?: string;
  /**
   * Put every root run of this handler in this trace (the root's span id is this id too).
   * @default a fresh UUID v7 per root run
   */
  traceId?: string;
  /** The default `$ai_session_id`; per-call metadata `session_id` / `thread_id` wins. */
  sessionId?: string;
  /** The `$ai_span_name` of the root `$ai_trace` (by default the root run's name). */
  traceName?: string;
  /** Properties added to every event (per-call metadata `posthog_properties` adds to them). */
  properties?: Record<string, unknown>;
  /** PostHog groups of every event, e.g. `{ company: 'acme' }`. */
  groups?: Record<string, string | number>;
  /**
   * Drop inputs, outputs, states and error messages; metrics stay.
   * @default false
   */
  privacyMode?: boolean;
  /**
   * Print diagnostics (swallowed errors, evicted runs) with `console.debug`.
   * @default false
   */
  debug?: boolean;
  /**
   * The most runs tracked at once; beyond it the oldest are captured as aborted and forgotten.
   * @default 10_000
   */
  maxRuns?: number;
  /**
   * A run that has not ended after this long (a consumer broke out of `.stream()`, a tool
   * crashed) is captured as aborted and forgotten, at the next run start or `flush()`.
   * @default 600_000 (ten minutes)
   */
  runTimeoutMs?: number;
}

/** LangChain's tag for internal runs that tracing UIs hide (LangGraph's `__start__`, routers). */
const HIDDEN_TAG = 'langsmith:hidden';
/** `ls_integration` metadata of `createAgent` graphs (inherited by every run inside). */
const CREATE_AGENT_INTEGRATION = 'langchain_create_agent';
const DEFAULT_MAX_RUNS = 10_000;
const DEFAULT_RUN_TIMEOUT_MS = 600_000;

type Metadata = Record<string, unknown> | undefined;
type Role = 'chain' | 'tool' | 'retriever' | 'model';

/** Each handler's identity defaults, for `trackEmbeddings({ handler })` (package-private). */
export const handlerDefaults = new WeakMap<LLMAnalyticsCallbackHandler, Identity>();

/** The error an aborted or evicted run is captured with. */
class RunNotEndedError extends Error {
  override name = 'RunNotEnded';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * LangGraph's control flow travels as errors: `GraphInterrupt` (human in the loop),
 * `ParentCommand`; they mark themselves `is_bubble_up` and are not failures.
 */
function isBubbleUp(error: unknown): boolean {
  if (!isRecord(error)) return false;
  try {
    return error.is_bubble_up === true || error.name === 'GraphInterrupt' || error.name === 'NodeInterrupt';
  } catch {
    return false;
  }
}

function interruptsOf(error: unknown): unknown {
  return isRecord(error) && Array.isArray(error.interrupts) ? { interrupts: error.interrupts } : null;
}

function toolCallIdOf(output: unknown): string | undefined {
  if (!isRecord(output)) return undefined;
  const id = output.tool_call_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function hasStreamedContent(token: string, fields: HandleLLMNewTokenCallbackFields | undefined): boolean {
  if (token.length > 0) return true;
  const message = isRecord(fields?.chunk) ? (fields.chunk as { message?: unknown }).message : undefined;
  if (!isRecord(message)) return false;
  if (Array.isArray(message.tool_call_chunks) && message.tool_call_chunks.length > 0) return true;
  return Array.isArray(message.content) && message.content.length > 0;
}

/**
 * A LangChain callback handler that turns every run into PostHog LLM analytics events: the
 * root run becomes the `$ai_trace`, chains, graph nodes, agents, tools and retrievers become
 * `$ai_span`s, chat-model and LLM calls `$ai_generation`s. One handler serves any number of
 * concurrent requests; identity per request comes from the call's `metadata`.
 *
 * @example
 * ```ts
 * import { PostHog } from 'posthog-node';
 * import { LLMAnalyticsCallbackHandler } from '@llm-analytics/langchain';
 *
 * const handler = new LLMAnalyticsCallbackHandler({ client: new PostHog(process.env.POSTHOG_KEY!) });
 * const answer = await chain.invoke(
 *   { question },
 *   { callbacks: [handler], metadata: { distinct_id: user.id, session_id: chat.id } },
 * );
 * await handler.flush(); // serverless: before the function returns
 * ```
 */
export class LLMAnalyticsCallbackHandler extends BaseCallbackHandler {
  /** LangChain's name for this handler. */
  name = 'LLMAnalyticsCallbackHandler';
  /** The `LLMAnalytics` instance events are captured through. */
  readonly analytics: LLMAnalytics;
  private readonly runs: RunStore;
  private readonly defaults: Identity;
  private readonly customTraceId: string | undefined;
  private readonly traceName: string | undefined;
  private readonly logger: DebugLogger;
  private readonly runTimeoutMs: number;

  /**
   * @param options.client - the posthog-node client (or pass `analytics`)
   * @param options.analytics - an `LLMAnalytics` instance to capture through
   * @param options.distinctId - default distinct id (metadata `distinct_id` wins)
   * @param options.traceId - a fixed trace id for every root run
   * @param options.sessionId - default `$ai_session_id` (metadata `session_id` / `thread_id` wins)
   * @param options.traceName - name of the root `$ai_trace`
   * @param options.properties - properties added to every event
   * @param options.groups - PostHog groups of every event
   * @param options.privacyMode - drop content (default `false`)
   * @param options.debug - print diagnostics (default `false`)
   * @param options.maxRuns - most runs tracked at once (default `10_000`)
   * @param options.runTimeoutMs - age after which an unfinished run is evicted (default `600_000`)
   */
  constructor(options: LLMAnalyticsCallbackHandlerOptions) {
    // Awaited (not LangChain's background queue): each hook then runs in the caller's async
    // context, so runs nest under `analytics.trace()`, and a retriever run is registered before
    // its vector store embeds the query. The hooks are synchronous and only queue events.
    super({ _awaitHandler: true });
    const debug = options?.debug === true;
    this.analytics =
      options?.analytics ??
      new LLMAnalytics({
        client: options?.client as AnalyticsClient,
        debug,
        privacyMode: options?.privacyMode,
      });
    this.logger = debug ? createDebugLogger(true, 'langchain') : this.analytics.logger;
    this.runTimeoutMs =
      typeof options?.runTimeoutMs === 'number' && options.runTimeoutMs > 0
        ? options.runTimeoutMs
        : DEFAULT_RUN_TIMEOUT_MS;
    const maxRuns =
      typeof options?.maxRuns === 'number' && options.maxRuns > 0 ? options.maxRuns : DEFAULT_MAX_RUNS;
    this.runs = new RunStore({ maxRuns, maxAgeMs: this.runTimeoutMs });
    this.defaults = {};
    if (options?.distinctId) this.defaults.distinctId = options.distinctId;
    if (options?.sessionId) this.defaults.sessionId = options.sessionId;
    if (options?.properties) this.defaults.properties = options.properties;
    if (options?.groups) this.defaults.groups = options.groups;
    if (options?.privacyMode) this.defaults.privacyMode = true;
    handlerDefaults.set(this, this.defaults);
    this.customTraceId = sanitizeId(options?.traceId);
    this.traceName = options?.traceName;
  }

  /** How many runs are in progress (started, not yet ended or evicted). */
  get openRuns(): number {
    return this.runs.size;
  }

  /** One handler instance is shared state: LangChain's copies must be this very instance. */
  override copy(): this {
    return this;
  }

  /**
   * Wait for LangChain's background callbacks, capture runs that timed out, then send everything
   * queued. Call it before a serverless function returns. Never rejects.
   */
  async flush(): Promise<void> {
    await this.settleCallbacks();
    this.analytics.guard.run('evict expired runs', () => this.sweep(false));
    await this.analytics.flush();
  }

  /**
   * Like {@link flush}, but also captures every run still in progress as aborted, then shuts the
   * client down. Never rejects.
   */
  async shutdown(): Promise<void> {
    await this.settleCallbacks();
    this.analytics.guard.run('end open runs', () => this.sweep(true, 'the handler shut down first'));
    await this.analytics.shutdown();
  }

  // ---- LangChain hooks. Argument names follow the order LangChain calls them in at runtime.

  /**
   * Chain start. LangChain calls it as `(chain, inputs, runId, parentRunId, tags, metadata,
   * runType, runName, extra)`, which is not the order its type declaration lists.
   */
  override handleChainStart(
    chain: Serialized,
    inputs: ChainValues,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runType?: string,
    runName?: string,
  ): void {
    this.analytics.guard.run('handleChainStart', () => {
      const name = runName ?? classNameOf(chain) ?? 'chain';
      const run = this.open('chain', runId, parentRunId, tags, metadata, name);
      run.input = inputs;
      if (run.kind === 'span') run.spanType = this.chainSpanType(run, runType);
    });
  }

  /** Chain end. */
  override handleChainEnd(outputs: ChainValues, runId: string): void {
    this.analytics.guard.run('handleChainEnd', () => this.close(runId, { output: toStateValue(outputs) }));
  }

  /** Chain error; LangGraph interrupts and other bubble-up control flow are not errors. */
  override handleChainError(error: unknown, runId: string): void {
    this.analytics.guard.run('handleChainError', () => this.fail(runId, error));
  }

  /** Chat model start: a `$ai_generation` with the messages sent. */
  override handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.analytics.guard.run('handleChatModelStart', () =>
      this.openModel(llm, messages[0] ?? [], runId, parentRunId, extraParams, tags, metadata, runName),
    );
  }

  /** Text LLM start: a `$ai_generation` with the prompt sent. */
  override handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
  ): void {
    this.analytics.guard.run('handleLLMStart', () =>
      this.openModel(llm, prompts[0] ?? '', runId, parentRunId, extraParams, tags, metadata, runName),
    );
  }

  /** A streamed token: marks the call as streamed and times the first content. */
  override handleLLMNewToken(
    token: string,
    idx: NewTokenIndices,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    fields?: HandleLLMNewTokenCallbackFields,
  ): void {
    this.analytics.guard.run('handleLLMNewToken', () => {
      const generation = this.runs.get(runId)?.generation;
      if (!generation) return;
      generation.streamed = true;
      if (generation.firstTokenAt === undefined && hasStreamedContent(token, fields)) {
        generation.firstTokenAt = now();
      }
      // Only the first completion's text: it is the partial output reported if the stream fails.
      if (token && (idx?.prompt ?? 0) === 0 && (idx?.completion ?? 0) === 0) generation.tokens.push(token);
    });
  }

  /** LLM end: output, usage, response model and stop reason. */
  override handleLLMEnd(output: LLMResult, runId: string): void {
    this.analytics.guard.run('handleLLMEnd', () => this.close(runId, { result: output }));
  }

  /** LLM error: the generation is captured with the error and any text streamed so far. */
  override handleLLMError(error: unknown, runId: string): void {
    this.analytics.guard.run('handleLLMError', () => this.fail(runId, error));
  }

  /** Tool start: a `tool` span with the arguments and the model's tool call id. */
  override handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    runName?: string,
    toolCallId?: string,
  ): void {
    this.analytics.guard.run('handleToolStart', () => {
      const name = runName ?? classNameOf(tool) ?? 'tool';
      const run = this.open('tool', runId, parentRunId, tags, metadata, name);
      run.input = parseToolInput(input);
      run.spanType = 'tool';
      if (typeof toolCallId === 'string' && toolCallId) run.toolCallId = toolCallId;
    });
  }

  /** Tool end. */
  override handleToolEnd(output: unknown, runId: string): void {
    this.analytics.guard.run('handleToolEnd', () => {
      const run = this.runs.get(runId);
      // @langchain/core 1.0 passes no tool call id to handleToolStart;
      // the ToolMessage a tool returns for a model's tool call still carries it.
      if (run && run.toolCallId === undefined) run.toolCallId = toolCallIdOf(output);
      this.close(runId, { output: toolOutputValue(output) });
    });
  }

  /** Tool error. */
  override handleToolError(error: unknown, runId: string): void {
    this.analytics.guard.run('handleToolError', () => this.fail(runId, error));
  }

  /** Retriever start: a `retriever` span; embedding calls of its query link to it. */
  override handleRetrieverStart(
    retriever: Serialized,
    query: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    this.analytics.guard.run('handleRetrieverStart', () => {
      const run = this.open('retriever', runId, parentRunId, tags, metadata, name ?? classNameOf(retriever));
      run.input = query;
      run.spanType = 'retriever';
      if (typeof query === 'string') {
        run.query = query;
        retrieverRegistry().add({
          runId,
          query,
          traceId: run.traceId,
          spanId: run.spanId,
          identity: run.identity,
          claims: 0,
        });
      }
    });
  }

  /** Retriever end: the documents as `{ page_content, metadata }`. */
  override handleRetrieverEnd(documents: DocumentInterface[], runId: string): void {
    this.analytics.guard.run('handleRetrieverEnd', () => this.close(runId, { output: documents }));
  }

  /** Retriever error. */
  override handleRetrieverError(error: unknown, runId: string): void {
    this.analytics.guard.run('handleRetrieverError', () => this.fail(runId, error));
  }

  /** Legacy agents (`AgentExecutor`) report actions on their chain run: it becomes an `agent` span. */
  override handleAgentAction(_action: AgentAction, runId: string): void {
    this.analytics.guard.run('handleAgentAction', () => this.markAgent(runId));
  }

  /** Legacy agent finish; the chain's own end callback closes the run. */
  override handleAgentEnd(_action: AgentFinish, runId: string): void {
    this.analytics.guard.run('handleAgentEnd', () => this.markAgent(runId));
  }

  // ---- Run bookkeeping.

  private openModel(
    llm: Serialized,
    input: unknown,
    runId: string,
    parentRunId: string | undefined,
    extraParams: Record<string, unknown> | undefined,
    tags: string[] | undefined,
    metadata: Metadata,
    runName: string | undefined,
  ): void {
    const run = this.open('model', runId, parentRunId, tags, metadata, runName);
    const info = modelCallInfo(llm, extraParams, metadata);
    run.input = input;
    run.generation = {
      model: info.model,
      provider: info.provider,
      modelParameters: info.modelParameters,
      tools: info.tools,
      tokens: [],
      streamed: false,
    };
  }

  /**
   * Register a run: it attaches to the nearest emitted ancestor (hidden runs pass their parent
   * on); a run with no known parent nests under the current `analytics.trace()` / `span()`
   * context, or else starts its own trace (a bare model call: a generation in a fresh trace).
   */
  private open(
    role: Role,
    runId: string,
    parentRunId: string | undefined,
    tags: string[] | undefined,
    metadata: Metadata,
    name: string | undefined,
  ): RunState {
    const parent = this.runs.get(parentRunId);
    if (parentRunId && !parent) {
      this.logger.debug(
        `run ${runId}: parent run ${parentRunId} is not tracked here; starting from the root`,
      );
    }
    const hidden = Array.isArray(tags) && tags.includes(HIDDEN_TAG);
    const own = identityFromMetadata(metadata);
    const nested: RunKind = hidden ? 'hidden' : role === 'model' ? 'generation' : 'span';
    let kind: RunKind;
    let traceId: string;
    let spanId: string;
    let parentId: string | undefined;
    let identity: Identity;
    if (parent) {
      identity = mergeIdentity(parent.identity, own);
      traceId = parent.traceId;
      parentId = parent.spanId;
      kind = nested;
      spanId = hidden ? parent.spanId : newId();
    } else {
      const context = getCurrentContext();
      // The call's metadata, over the enclosing trace (one person per trace), over the
      // handler's defaults, over the `LLMAnalytics` instance's.
      const inherited = context ? mergeIdentity(this.defaults, context) : this.defaults;
      identity = this.analytics.identityOf(mergeIdentity(inherited, own), undefined);
      if (context) {
        traceId = context.traceId;
        parentId = context.spanId;
        kind = nested;
        spanId = hidden ? context.spanId : newId();
      } else {
        traceId = sanitizeId(traceIdFromMetadata(metadata)) ?? this.customTraceId ?? newId();
        kind = hidden ? 'hidden' : role === 'model' ? 'generation' : 'trace';
        spanId = kind === 'generation' ? newId() : traceId;
      }
    }
    const run: RunState = {
      runId,
      parentRunId: parent ? parentRunId : undefined,
      kind,
      traceId,
      spanId,
      parentId,
      name,
      identity,
      startTime: now(),
      metadata,
      children: new Set(),
    };
    this.runs.add(run);
    // After adding, so that the count limit counts this run; the newest run is never the oldest.
    this.sweep(false);
    return run;
  }

  private chainSpanType(run: RunState, runType: string | undefined): SpanType {
    const metadata = run.metadata;
    const parent = this.runs.get(run.parentRunId);
    // `createAgent` graphs: its integration tag (lost when nested: the outer graph's wins) or
    // its name (`lc_agent_name`, set when the agent is named), on the first run that has it.
    const agentName = metadata?.lc_agent_name;
    if (agentName !== undefined && agentName !== parent?.metadata?.lc_agent_name) return 'agent';
    if (
      metadata?.ls_integration === CREATE_AGENT_INTEGRATION &&
      parent?.metadata?.ls_integration !== CREATE_AGENT_INTEGRATION
    ) {
      return 'agent';
    }
    if (run.name === 'AgentExecutor') return 'agent';
    const node = metadata?.langgraph_node;
    if (typeof node === 'string' && node === run.name) {
      const sameNode = parent?.spanType === 'graph_node' && parent.name === node;
      if (!sameNode) return 'graph_node';
    }
    if (runType === 'prompt' || runType === 'parser') return 'step';
    return 'chain';
  }

  private markAgent(runId: string): void {
    const run = this.runs.get(runId);
    if (run?.kind === 'span') run.spanType = 'agent';
  }

  private fail(runId: string, error: unknown): void {
    if (isBubbleUp(error)) this.close(runId, { output: interruptsOf(error) });
    else this.close(runId, { error: error ?? new Error('unknown error') });
  }

  private close(runId: string, outcome: RunOutcome): void {
    const run = this.runs.get(runId);
    if (!run) {
      this.logger.debug(`run ${runId} ended but is not tracked (already evicted, or started elsewhere)`);
      return;
    }
    // Runs still open under an ending run will never end (a stream left early inside it):
    // capture them now, so children still arrive before their parent.
    this.endChildren(run, 'its parent run ended first');
    this.forget(run);
    this.emit(run, outcome);
  }

  private forget(run: RunState): void {
    this.runs.delete(run);
    if (run.query !== undefined) retrieverRegistry().remove(run.runId, run.query);
  }

  private endChildren(run: RunState, reason: string): void {
    for (const childId of [...run.children]) {
      const child = this.runs.get(childId);
      if (child) this.abort(child, reason);
    }
  }

  private abort(run: RunState, reason: string): void {
    this.endChildren(run, reason);
    this.forget(run);
    this.logger.debug(`run ${run.runId} (${run.name ?? run.kind}) captured as aborted: ${reason}`);
    this.emit(run, { error: new RunNotEndedError(`run did not end: ${reason}`) });
  }

  /** Capture runs past the age or count limit (every open run with `everything`) as aborted. */
  private sweep(everything: boolean, reason?: string): void {
    const expired = this.runs.expired(now(), everything);
    for (const run of expired) {
      if (this.runs.get(run.runId) !== run) continue;
      this.abort(run, reason ?? `evicted after ${this.runTimeoutMs} ms or beyond the run limit`);
    }
  }

  private emit(run: RunState, outcome: RunOutcome): void {
    // Records are written field by field with the identity spread last: an object literal that
    // spreads first and then adds keys takes V8's slow path (~1 µs to build, and dictionary-mode
    // reads all through core), which made each capture several times slower.
    const identity = run.identity;
    // Core sets `$ai_http_status` on generations; a failed chain, tool or retriever carries the
    // failure's status too (a run that never ended has none to report).
    const failedStatus =
      outcome.error === undefined || outcome.error instanceof RunNotEndedError
        ? undefined
        : (httpStatusOf(outcome.error) ?? 500);
    switch (run.kind) {
      case 'hidden':
        return;
      case 'trace':
        this.analytics.capture({
          kind: 'trace',
          traceId: run.traceId,
          name: this.traceName ?? run.name,
          startTime: run.startTime,
          error: outcome.error,
          httpStatus: failedStatus,
          input: toStateValue(run.input),
          output: outcome.output,
          source: LANGCHAIN_SOURCE,
          ...identity,
        });
        return;
      case 'span':
        this.analytics.capture({
          kind: 'span',
          traceId: run.traceId,
          name: run.name,
          startTime: run.startTime,
          error: outcome.error,
          httpStatus: failedStatus,
          source: LANGCHAIN_SOURCE,
          spanId: run.spanId,
          parentId: run.parentId,
          spanType: run.spanType ?? 'chain',
          input: toStateValue(run.input),
          output: outcome.output,
          toolCallId: run.toolCallId,
          ...identity,
        });
        return;
      case 'generation': {
        const generation = run.generation;
        const result = modelResultInfo(outcome.result);
        const output =
          result.output.length > 0
            ? result.output
            : generation && generation.tokens.length > 0
              ? [generation.tokens.join('')]
              : undefined;
        const firstTokenAt = generation?.firstTokenAt;
        this.analytics.capture({
          kind: 'generation',
          traceId: run.traceId,
          name: run.name,
          startTime: run.startTime,
          error: outcome.error,
          source: LANGCHAIN_SOURCE,
          spanId: run.spanId,
          parentId: run.parentId,
          model: result.model ?? generation?.model,
          provider: generation?.provider,
          input: run.input,
          output,
          usage: result.usage,
          modelParameters: generation?.modelParameters,
          tools: generation?.tools,
          stream: generation?.streamed === true,
          timeToFirstToken: firstTokenAt === undefined ? undefined : (firstTokenAt - run.startTime) / 1000,
          stopReason: result.stopReason,
          ...identity,
        });
        return;
      }
    }
  }

  private async settleCallbacks(): Promise<void> {
    try {
      await awaitAllCallbacks();
    } catch (error) {
      this.analytics.guard.report(error, 'awaitAllCallbacks');
    }
  }
}

interface RunOutcome {
  output?: unknown;
  error?: unknown;
  result?: LLMResult;
}
