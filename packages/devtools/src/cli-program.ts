import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORT, DevServerError, startDevServer } from './dev-server';
import { formatTraceTree } from './format-tree';
import { defaultDatabasePath, openTraceStore, TraceStoreError } from './store';
import { VERSION } from './version';

/** Where the CLI reads and writes: the process by default, buffers in tests. */
export interface CliIo {
  /** Write to standard output. */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /** Resolve relative paths (and the default database) against this directory. */
  cwd: string;
  /** Colour trace trees. */
  color: boolean;
  /** Stops `dev` and `tail` (they otherwise run until Ctrl+C). */
  signal?: AbortSignal;
}

/** The `--help` text. */
export const CLI_HELP = `llm-analytics ${VERSION}: a local PostHog for LLM analytics events

Usage
  llm-analytics dev     [--port ${DEFAULT_PORT}] [--host 127.0.0.1] [--db <file>]
      Serve the capture API and the trace viewer. Point posthog-node at the printed URL:
      new PostHog('phc_dev', { host: 'http://127.0.0.1:${DEFAULT_PORT}' })
  llm-analytics traces  [--db <file>] [--limit 10] [--trace <id>] [--json]
      Print the most recent trace trees (oldest first, newest at the bottom).
  llm-analytics tail    [--db <file>] [--interval 500]
      Follow the store and print each new trace as it completes. Ctrl+C stops.

Options
  --port, -p   port to listen on; 0 picks a free one (default ${DEFAULT_PORT})
  --host       interface to listen on (default 127.0.0.1; keep it local: traces hold prompts)
  --db         SQLite file (default .llm-analytics/dev.db under the current directory)
  --limit, -n  how many traces to print (default 10)
  --trace      print only this trace id
  --json       print traces as JSON
  --no-color   plain output
  --help, -h   this help
  --version    the version
`;

class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`);
  return port;
}

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new UsageError(`--${name} must be a positive whole number, not "${value}".`);
  return parsed;
}

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * Run the `llm-analytics` command line with these arguments; resolves to the exit code.
 * Errors the user can fix (a taken port, an unreadable database, a bad option) are printed as
 * one clear sentence on stderr, with exit code 1 (2 for usage errors).
 *
 * @param argv - the arguments after the program name
 * @param io - where to print, the working directory, colours, and a stop signal
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), color: true });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(
      `llm-analytics: ${error instanceof Error ? error.message : String(error)}\nRun llm-analytics --help for usage.\n`,
    );
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (values.help || command === undefined || command === 'help') {
    io.stdout(CLI_HELP);
    return 0;
  }
  const color = io.color && values['no-color'] !== true;
  const databasePath = values.db ? resolvePath(io.cwd, values.db) : defaultDatabasePath(io.cwd);
  try {
    switch (command) {
      case 'dev':
        return await dev(io, {
          port: parsePort(values.port),
          host: values.host ?? '127.0.0.1',
          databasePath,
        });
      case 'traces':
        return traces(io, databasePath, {
          limit: positive(values.limit, 'limit', 10),
          traceId: values.trace,
          json: values.json === true,
          color,
        });
      case 'tail':
        return await tail(io, databasePath, { interval: positive(values.interval, 'interval', 500), color });
      default:
        throw new UsageError(`Unknown command "${command}". Commands: dev, traces, tail.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`llm-analytics: ${error.message}\nRun llm-analytics --help for usage.\n`);
      return 2;
    }
    if (error instanceof DevServerError || error instanceof TraceStoreError) {
      io.stderr(`llm-analytics: ${error.message}\n`);
      return 1;
    }
    io.stderr(
      `llm-analytics: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      db: { type: 'string' },
      limit: { type: 'string', short: 'n' },
      trace: { type: 'string' },
      interval: { type: 'string' },
      json: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
    },
  });
}

function resolvePath(cwd: string, path: string): string {
  return path === ':memory:' ? path : resolve(cwd, path);
}

async function dev(
  io: CliIo,
  options: { port: number; host: string; databasePath: string },
): Promise<number> {
  const server = await startDevServer(options);
  io.stdout(
    [
      `llm-analytics dev server ${VERSION}`,
      `  Viewer     ${server.url}`,
      `  Capture    new PostHog('phc_dev', { host: '${server.url}' })`,
      `  Database   ${server.store.path}`,
      '  Ctrl+C stops it.',
      '',
    ].join('\n'),
  );
  await waitForAbort(io.signal);
  await server.close();
  return 0;
}

function traces(
  io: CliIo,
  databasePath: string,
  options: { limit: number; traceId: string | undefined; json: boolean; color: boolean },
): number {
  const store = openTraceStore(databasePath, { readonly: true });
  try {
    const ids = options.traceId
      ? [options.traceId]
      : store
          .listTraces({ limit: options.limit })
          .map((summary) => summary.traceId)
          .reverse();
    const trees = ids.flatMap((id) => {
      const tree = store.getTrace(id);
      return tree ? [tree] : [];
    });
    if (options.json) {
      io.stdout(`${JSON.stringify(trees, null, 2)}\n`);
      return trees.length > 0 || !options.traceId ? 0 : 1;
    }
    if (trees.length === 0) {
      if (options.traceId) {
        io.stderr(`llm-analytics: no trace ${options.traceId} in ${store.path}.\n`);
        return 1;
      }
      io.stdout(`No traces in ${store.path} yet.\n`);
      return 0;
    }
    io.stdout(`${trees.map((tree) => formatTraceTree(tree, { color: options.color })).join('\n\n')}\n`);
    return 0;
  } finally {
    store.close();
  }
}

// A trace is printed once its `$ai_trace` has arrived and nothing new came for a moment;
// a pseudo-trace (no root ever comes) once it has been quiet for longer.
const SETTLE_MS = 300;
const PSEUDO_SETTLE_MS = 2_000;

async function tail(
  io: CliIo,
  databasePath: string,
  options: { interval: number; color: boolean },
): Promise<number> {
  const store = openTraceStore(databasePath, { readonly: true });
  try {
    io.stdout(`Following ${store.path} (Ctrl+C stops)…\n`);
    let cursor = store.lastEventId();
    const pending = new Map<string, number>();
    const printed = new Map<string, number>();
    const tick = () => {
      for (const change of store.tracesChangedSince(cursor)) {
        pending.set(change.traceId, Date.now());
        cursor = Math.max(cursor, change.lastEventId);
      }
      for (const [traceId, changedAt] of pending) {
        const tree = store.getTrace(traceId);
        if (!tree) {
          pending.delete(traceId);
          continue;
        }
        const quiet = Date.now() - changedAt;
        if (quiet < (tree.summary.pseudo ? PSEUDO_SETTLE_MS : SETTLE_MS)) continue;
        pending.delete(traceId);
        const update = printed.has(traceId) ? ' (updated)' : '';
        printed.set(traceId, tree.summary.lastEventId);
        if (printed.size > 10_000) printed.delete(printed.keys().next().value as string);
        io.stdout(`${formatTraceTree(tree, { color: options.color })}${update}\n\n`);
      }
    };
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        try {
          tick();
        } catch (error) {
          io.stderr(`llm-analytics: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }, options.interval);
      waitForAbort(io.signal).then(() => {
        clearInterval(timer);
        resolve();
      });
    });
    return 0;
  } finally {
    store.close();
  }
}
