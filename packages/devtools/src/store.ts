import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AI_PROP } from '@llm-analytics/core';
import Database from 'better-sqlite3';
import { COST_PROP } from './cost';
import { buildTraceTree, type EventRow, type TraceSummary, type TraceTree } from './trace-tree';

/** Where the dev server keeps its events unless told otherwise: `.llm-analytics/dev.db` under the cwd. */
export function defaultDatabasePath(cwd: string = process.cwd()): string {
  return resolve(cwd, '.llm-analytics', 'dev.db');
}

/** One event as received, ready to store. */
export interface IncomingEvent {
  /** The event exactly as it arrived (stored verbatim as JSON). */
  message: Record<string, unknown>;
  event: string;
  distinctId: string;
  /** The event's own timestamp, epoch ms (the receive time when it had none). */
  timestampMs: number;
}

/** One stored event, read back. */
export interface StoredEvent {
  /** Row id (arrival order). */
  id: number;
  uuid: string | null;
  event: string;
  distinctId: string;
  /** The event's timestamp, ISO 8601. */
  timestamp: string;
  /** When the dev server received it, ISO 8601. */
  receivedAt: string;
  /** The project API key the batch was sent with. */
  apiKey: string | null;
  /** Its properties, as sent. */
  properties: Record<string, unknown>;
  /** The whole event exactly as it arrived. */
  message: Record<string, unknown>;
}

/** Filters of {@link TraceStore.listTraces}. */
export interface TraceFilter {
  /** Text matched (case-insensitive substring) against names, person, session, trace id and model. */
  search?: string;
  /** Only traces with at least one error. */
  errorsOnly?: boolean;
  /** Only this session. */
  sessionId?: string;
  /** Only this person (`distinct_id`). */
  distinctId?: string;
  /** Only traces whose latest event is older than this row id (paging). */
  before?: number;
  /** @default 50 */
  limit?: number;
}

/** Why the store could not be opened. */
export type TraceStoreErrorCode = 'CORRUPT' | 'UNREADABLE' | 'NEWER_SCHEMA' | 'MISSING';

/** A database that cannot be used, with a message that says what to do about it. */
export class TraceStoreError extends Error {
  /** What went wrong. */
  readonly code: TraceStoreErrorCode;
  /** The database file. */
  readonly path: string;
  /**
   * @param code - what went wrong
   * @param path - the database file
   * @param message - what to tell the developer
   * @param cause - the underlying error
   */
  constructor(code: TraceStoreErrorCode, path: string, message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'TraceStoreError';
    this.code = code;
    this.path = path;
  }
}

/** Options of {@link openTraceStore}. */
export interface TraceStoreOptions {
  /** Open for reading only (the `traces` and `tail` commands); the file must exist. @default false */
  readonly?: boolean;
}

/** The schema this version writes; `PRAGMA user_version` records it in the file. */
export const SCHEMA_VERSION = 1;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      uuid TEXT,
      event TEXT NOT NULL,
      distinct_id TEXT NOT NULL,
      timestamp_ms INTEGER NOT NULL,
      received_ms INTEGER NOT NULL,
      api_key TEXT,
      trace_id TEXT,
      span_id TEXT,
      parent_id TEXT,
      session_id TEXT,
      span_name TEXT,
      span_type TEXT,
      model TEXT,
      provider TEXT,
      latency REAL,
      is_error INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      metrics TEXT NOT NULL DEFAULT '{}',
      raw TEXT NOT NULL
    );
    CREATE UNIQUE INDEX events_uuid ON events (uuid) WHERE uuid IS NOT NULL;
    CREATE INDEX events_trace ON events (trace_id, id);
    CREATE INDEX events_timestamp ON events (timestamp_ms);
    CREATE INDEX events_session ON events (session_id);
  `,
};

// The properties kept beside each row so lists, trees and costs never parse the raw JSON.
const METRIC_KEYS = [
  AI_PROP.inputTokens,
  AI_PROP.outputTokens,
  AI_PROP.cacheReadInputTokens,
  AI_PROP.cacheCreationInputTokens,
  AI_PROP.reasoningTokens,
  AI_PROP.cacheReportingExclusive,
  AI_PROP.timeToFirstToken,
  AI_PROP.inputTokenPrice,
  AI_PROP.outputTokenPrice,
  AI_PROP.cacheReadTokenPrice,
  AI_PROP.cacheWriteTokenPrice,
  COST_PROP.totalCost,
  COST_PROP.inputCost,
  COST_PROP.outputCost,
] as const;

const MAX_ERROR_CHARS = 500;
const MAX_COLUMN_CHARS = 1_000;

interface RawRow {
  id: number;
  uuid: string | null;
  event: string;
  distinct_id: string;
  timestamp_ms: number;
  received_ms: number;
  api_key: string | null;
  trace_id: string;
  span_id: string | null;
  parent_id: string | null;
  session_id: string | null;
  span_name: string | null;
  span_type: string | null;
  model: string | null;
  provider: string | null;
  latency: number | null;
  is_error: number;
  error: string | null;
  metrics: string;
  raw: string;
}

const ROW_COLUMNS =
  'id, uuid, event, distinct_id, timestamp_ms, trace_id, span_id, parent_id, session_id, span_name, span_type, model, provider, latency, is_error, error, metrics';

function text(value: unknown, max = MAX_COLUMN_CHARS): string | null {
  if (typeof value === 'string') return value.length > 0 ? value.slice(0, max) : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function toEventRow(row: RawRow): EventRow {
  let metrics: Record<string, unknown> = {};
  try {
    metrics = JSON.parse(row.metrics) as Record<string, unknown>;
  } catch {
    // A hand-edited row must not break the whole list.
  }
  return {
    id: row.id,
    uuid: row.uuid,
    event: row.event,
    distinctId: row.distinct_id,
    timestampMs: row.timestamp_ms,
    traceId: row.trace_id,
    spanId: row.span_id,
    parentId: row.parent_id,
    sessionId: row.session_id,
    name: row.span_name,
    spanType: row.span_type,
    model: row.model,
    provider: row.provider,
    latency: row.latency,
    isError: row.is_error === 1,
    error: row.error,
    metrics,
  };
}

function describeOpenError(path: string, error: unknown): TraceStoreError {
  const code = (error as { code?: string } | null)?.code ?? '';
  const reason = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(reason)) {
    return new TraceStoreError(
      'CORRUPT',
      path,
      `${path} is not a readable SQLite database (${reason}). Move it aside (or delete it to start afresh), or pass another path with --db.`,
      error,
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY') {
    return new TraceStoreError(
      'UNREADABLE',
      path,
      `Cannot open the database ${path} (${reason}). Check that the file and its folder exist and are readable and writable, or pass another path with --db.`,
      error,
    );
  }
  return new TraceStoreError('UNREADABLE', path, `Cannot open the database ${path}: ${reason}`, error);
}

/**
 * Open (and create or migrate) the event store: a SQLite file in WAL mode, so the dev server
 * can write while `llm-analytics traces` / `tail` read. Throws a {@link TraceStoreError} with
 * a clear message for a missing, unreadable, corrupt or newer-version file.
 *
 * @param path - the database file, or `:memory:`
 * @param options.readonly - open for reading only; the file must exist (default `false`)
 * @example
 * ```ts
 * const store = openTraceStore(defaultDatabasePath());
 * for (const trace of store.listTraces({ limit: 5 })) console.log(trace.name);
 * store.close();
 * ```
 */
export function openTraceStore(path: string, options: TraceStoreOptions = {}): TraceStore {
  const file = path === ':memory:' ? path : resolve(path);
  const readonly = options.readonly === true;
  let db: Database.Database;
  try {
    if (!readonly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (error) {
    const code = (error as { code?: string } | null)?.code;
    if (readonly && (code === 'SQLITE_CANTOPEN' || /does not exist/i.test(String(error)))) {
      throw new TraceStoreError(
        'MISSING',
        file,
        `No database at ${file} yet. Start \`llm-analytics dev\` (or \`pnpm demo\`) and send some events, or pass --db <path>.`,
        error,
      );
    }
    throw describeOpenError(file, error);
  }
  try {
    db.pragma('busy_timeout = 5000');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL is durable across process crashes in WAL mode; only a power cut may lose the last commit.
      db.pragma('synchronous = NORMAL');
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new TraceStoreError(
        'NEWER_SCHEMA',
        file,
        `${file} was written by a newer @llm-analytics/devtools (schema ${version}, this one reads ${SCHEMA_VERSION}). Upgrade the package, or pass another path with --db.`,
      );
    }
    if (version < SCHEMA_VERSION) {
      if (readonly) {
        if (version === 0 && !hasEventsTable(db)) {
          throw new TraceStoreError('MISSING', file, `${file} holds no llm-analytics events yet.`);
        }
      } else migrate(db, version);
    }
    // Reading the schema forces SQLite to look at the file: a corrupt one fails here, not later.
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if (error instanceof TraceStoreError) throw error;
    throw describeOpenError(file, error);
  }
  return new TraceStore(db, file);
}

function hasEventsTable(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !== undefined
  );
}

function migrate(db: Database.Database, from: number): void {
  db.transaction(() => {
    for (let version = from + 1; version <= SCHEMA_VERSION; version++) {
      const sql = MIGRATIONS[version];
      if (sql) db.exec(sql);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * The dev server's event store. Every event is kept verbatim (JSON) beside the columns lists
 * and trees need, indexed by trace id and time. Open one with {@link openTraceStore}.
 */
export class TraceStore {
  /** The database file (absolute), or `:memory:`. */
  readonly path: string;
  private readonly db: Database.Database;
  private readonly insertStatement: Database.Statement;
  private readonly insertMany: (
    events: readonly IncomingEvent[],
    apiKey: string | null,
    receivedMs: number,
  ) => number;

  /** @internal use {@link openTraceStore}. */
  constructor(db: Database.Database, path: string) {
    this.db = db;
    this.path = path;
    this.insertStatement = db.readonly
      ? db.prepare('SELECT 1')
      : db.prepare(
          `INSERT OR IGNORE INTO events (uuid, event, distinct_id, timestamp_ms, received_ms, api_key, trace_id,
             span_id, parent_id, session_id, span_name, span_type, model, provider, latency, is_error, error, metrics, raw)
           VALUES (@uuid, @event, @distinct_id, @timestamp_ms, @received_ms, @api_key, @trace_id, @span_id,
             @parent_id, @session_id, @span_name, @span_type, @model, @provider, @latency, @is_error, @error, @metrics, @raw)`,
        );
    this.insertMany = db.transaction(
      (events: readonly IncomingEvent[], apiKey: string | null, receivedMs: number) => {
        let inserted = 0;
        for (const incoming of events) {
          inserted += this.insertStatement.run(this.columnsOf(incoming, apiKey, receivedMs)).changes;
        }
        return inserted;
      },
    );
  }

  /**
   * Store a batch in one transaction: all of it or none of it. An event whose `uuid` is already
   * stored (a client retry) is skipped, as PostHog deduplicates by uuid.
   * @returns how many events were new
   */
  insert(events: readonly IncomingEvent[], apiKey?: string): number {
    return this.insertMany(events, apiKey ?? null, Date.now());
  }

  private columnsOf(incoming: IncomingEvent, apiKey: string | null, receivedMs: number) {
    const { message } = incoming;
    const properties = (isRecord(message.properties) ? message.properties : {}) as Record<string, unknown>;
    const uuid = text(message.uuid, 200);
    const isAi = incoming.event.startsWith('$ai_');
    // A generation sent without `$ai_trace_id` by another SDK still shows, as its own pseudo-trace.
    const traceId =
      text(properties[AI_PROP.traceId], 200) ??
      (isAi ? `event-${uuid ?? `${receivedMs}-${Math.random()}`}` : null);
    const metrics: Record<string, unknown> = {};
    for (const key of METRIC_KEYS) {
      const value = properties[key];
      if (typeof value === 'number' || typeof value === 'boolean') metrics[key] = value;
    }
    const errorValue = properties[AI_PROP.error];
    const isError = properties[AI_PROP.isError] === true || properties[AI_PROP.isError] === 'true';
    return {
      uuid,
      event: incoming.event,
      distinct_id: incoming.distinctId,
      timestamp_ms: incoming.timestampMs,
      received_ms: receivedMs,
      api_key: apiKey,
      trace_id: traceId,
      span_id: text(properties[AI_PROP.spanId], 200),
      parent_id: text(properties[AI_PROP.parentId], 200),
      session_id: text(properties[AI_PROP.sessionId], 200),
      span_name: text(properties[AI_PROP.spanName]),
      span_type: text(properties[AI_PROP.spanType], 50),
      model: text(properties[AI_PROP.model], 200),
      provider: text(properties[AI_PROP.provider], 100),
      latency: finite(properties[AI_PROP.latency]),
      is_error: isError ? 1 : 0,
      error:
        errorValue === undefined || errorValue === null
          ? null
          : (typeof errorValue === 'string' ? errorValue : JSON.stringify(errorValue)).slice(
              0,
              MAX_ERROR_CHARS,
            ),
      metrics: JSON.stringify(metrics),
      raw: JSON.stringify(message),
    };
  }

  /**
   * The most recent traces (by their latest event), newest first, with their summaries.
   * @param filter.search - substring of a name, person, session, trace id or model
   * @param filter.errorsOnly - only traces with an error
   * @param filter.limit - at most this many (default 50)
   */
  listTraces(filter: TraceFilter = {}): TraceSummary[] {
    const where: string[] = ['trace_id IS NOT NULL'];
    const params: Record<string, unknown> = {};
    const search = filter.search?.trim();
    if (search) {
      where.push(
        `trace_id IN (SELECT trace_id FROM events WHERE trace_id LIKE @search ESCAPE '\\' OR span_name LIKE @search ESCAPE '\\'
          OR distinct_id LIKE @search ESCAPE '\\' OR session_id LIKE @search ESCAPE '\\' OR model LIKE @search ESCAPE '\\')`,
      );
      params.search = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    if (filter.errorsOnly) where.push('trace_id IN (SELECT trace_id FROM events WHERE is_error = 1)');
    if (filter.sessionId) {
      where.push('trace_id IN (SELECT trace_id FROM events WHERE session_id = @session)');
      params.session = filter.sessionId;
    }
    if (filter.distinctId) {
      where.push('trace_id IN (SELECT trace_id FROM events WHERE distinct_id = @person)');
      params.person = filter.distinctId;
    }
    const having = filter.before !== undefined ? 'HAVING last_id < @before' : '';
    if (filter.before !== undefined) params.before = filter.before;
    params.limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 50)), 500);
    const ids = this.db
      .prepare(
        `SELECT trace_id, MAX(id) AS last_id FROM events WHERE ${where.join(' AND ')}
         GROUP BY trace_id ${having} ORDER BY last_id DESC LIMIT @limit`,
      )
      .all(params) as Array<{ trace_id: string }>;
    if (ids.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT ${ROW_COLUMNS} FROM events WHERE trace_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(JSON.stringify(ids.map((row) => row.trace_id))) as RawRow[];
    const byTrace = new Map<string, EventRow[]>();
    for (const row of rows) {
      const list = byTrace.get(row.trace_id) ?? [];
      list.push(toEventRow(row));
      byTrace.set(row.trace_id, list);
    }
    return ids.flatMap((row) => {
      const events = byTrace.get(row.trace_id);
      return events ? [buildTraceTree(events).summary] : [];
    });
  }

  /** One trace's summary and tree (no content: fetch an event for that), or `undefined`. */
  getTrace(traceId: string): TraceTree | undefined {
    const rows = this.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE trace_id = ? ORDER BY id`)
      .all(traceId) as RawRow[];
    return rows.length > 0 ? buildTraceTree(rows.map(toEventRow)) : undefined;
  }

  /** One event with everything it carried, by row id. */
  getEvent(id: number): StoredEvent | undefined {
    const row = this.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as RawRow | undefined;
    return row ? toStoredEvent(row) : undefined;
  }

  /** Every event of a trace, verbatim, in arrival order. */
  eventsOfTrace(traceId: string): StoredEvent[] {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE trace_id = ? ORDER BY id')
      .all(traceId) as RawRow[];
    return rows.map(toStoredEvent);
  }

  /** Every stored event, verbatim, in arrival order (optionally only those after a row id). */
  allEvents(afterId = 0): StoredEvent[] {
    const rows = this.db.prepare('SELECT * FROM events WHERE id > ? ORDER BY id').all(afterId) as RawRow[];
    return rows.map(toStoredEvent);
  }

  /** How many events are stored. */
  countEvents(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  }

  /** The row id of the latest event (0 when empty): a cheap change marker. */
  lastEventId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number }).id;
  }

  /**
   * Traces touched after a row id, each with the id of its latest event and when that arrived
   * (what `tail` polls).
   */
  tracesChangedSince(
    afterId: number,
  ): Array<{ traceId: string; lastEventId: number; lastReceivedMs: number }> {
    return (
      this.db
        .prepare(
          `SELECT trace_id, MAX(id) AS last_id, MAX(received_ms) AS last_ms FROM events
           WHERE id > ? AND trace_id IS NOT NULL GROUP BY trace_id ORDER BY last_id`,
        )
        .all(afterId) as Array<{ trace_id: string; last_id: number; last_ms: number }>
    ).map((row) => ({ traceId: row.trace_id, lastEventId: row.last_id, lastReceivedMs: row.last_ms }));
  }

  /** Close the database. */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toStoredEvent(row: RawRow): StoredEvent {
  let message: Record<string, unknown>;
  try {
    message = JSON.parse(row.raw) as Record<string, unknown>;
  } catch {
    message = { event: row.event, distinct_id: row.distinct_id, properties: {} };
  }
  return {
    id: row.id,
    uuid: row.uuid,
    event: row.event,
    distinctId: row.distinct_id,
    timestamp: new Date(row.timestamp_ms).toISOString(),
    receivedAt: new Date(row.received_ms).toISOString(),
    apiKey: row.api_key,
    properties: isRecord(message.properties) ? message.properties : {},
    message,
  };
}
