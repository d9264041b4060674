import type { TraceNode, TraceTree } from './trace-tree';

/** Options of {@link formatTraceTree}. */
export interface FormatTreeOptions {
  /**
   * Colour with ANSI escapes (for a terminal).
   * @default false
   */
  color?: boolean;
  /**
   * Show each node's error message under it.
   * @default true
   */
  errors?: boolean;
}

const KIND_LABEL: Record<TraceNode['kind'], string> = {
  trace: 'trace',
  span: 'span',
  generation: 'gen',
  embedding: 'emb',
  other: 'event',
};
const KIND_COLOR: Record<TraceNode['kind'], number> = {
  trace: 1,
  span: 36,
  generation: 35,
  embedding: 33,
  other: 90,
};

/** Seconds as `850 ms` / `1.24 s`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(2)} s`;
}

/** USD with enough digits to see a fraction of a cent; `≈` marks an approximate estimate. */
export function formatUsd(usd: number | undefined, approximate = false): string {
  if (usd === undefined || !Number.isFinite(usd)) return '–';
  let digits: string;
  if (usd === 0) digits = '0';
  else if (usd >= 1) digits = usd.toFixed(2);
  // Two significant digits and never an exponent: a hundredth of a cent must read as one.
  else digits = usd.toFixed(Math.min(8, 1 - Math.floor(Math.log10(usd))));
  return `${approximate ? '≈ ' : ''}$${digits}`;
}

// Control characters in event content must not drive the terminal (cursor moves, fake colours).
function clean(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing escape sequences is the point
      .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: and so is removing control characters
      .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
      .trim()
  );
}

function tokens(node: TraceNode): string | undefined {
  if (node.inputTokens === undefined && node.outputTokens === undefined) return undefined;
  if (node.kind === 'embedding' && node.outputTokens === undefined) return `${node.inputTokens} tok`;
  let text = `${node.inputTokens ?? 0} → ${node.outputTokens ?? 0} tok`;
  const extra: string[] = [];
  if (node.cacheReadTokens) extra.push(`${node.cacheReadTokens} cached`);
  if (node.cacheWriteTokens) extra.push(`${node.cacheWriteTokens} cache write`);
  if (node.reasoningTokens) extra.push(`${node.reasoningTokens} reasoning`);
  if (extra.length > 0) text += ` (${extra.join(', ')})`;
  return text;
}

/**
 * Print one trace as an indented tree for a terminal: a header line (name, person, session,
 * latency, tokens, cost, errors), then every span, generation and embedding with its timing,
 * tokens and cost. Event content is never printed, and control characters are stripped.
 *
 * @param tree - a trace from `store.getTrace(id)` or `GET /api/traces/:id`
 * @param options.color - ANSI colours (default `false`)
 * @param options.errors - show error messages (default `true`)
 * @example
 * ```ts
 * const tree = server.store.getTrace(traceId);
 * if (tree) console.log(formatTraceTree(tree, { color: process.stdout.isTTY }));
 * ```
 */
export function formatTraceTree(tree: TraceTree, options: FormatTreeOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const dim = (text: string) => paint(2, text);
  const showErrors = options.errors !== false;
  const s = tree.summary;
  const header = [
    paint(1, clean(s.name)),
    s.pseudo ? dim('(pseudo-trace)') : undefined,
    dim(`trace ${clean(s.traceId)}`),
    `person ${clean(s.distinctId)}`,
    s.sessionId ? `session ${clean(s.sessionId)}` : undefined,
  ].filter(Boolean);
  const totals = [
    formatDuration(s.latency),
    `${s.inputTokens + s.outputTokens} tokens (${s.inputTokens} in, ${s.outputTokens} out)`,
    s.costUsd !== undefined ? formatUsd(s.costUsd, s.costApproximate) : undefined,
    s.errors > 0 ? paint(31, `${s.errors} error${s.errors === 1 ? '' : 's'}`) : undefined,
  ].filter(Boolean);
  const lines = [header.join('  '), `  ${dim(totals.join(' · '))}`];
  const walk = (node: TraceNode, prefix: string, last: boolean, depth: number) => {
    const branch = depth === 0 ? '' : last ? '└─ ' : '├─ ';
    const label = paint(KIND_COLOR[node.kind], KIND_LABEL[node.kind].padEnd(5));
    const details = [
      formatDuration(node.latency ?? (node.endMs - node.startMs) / 1000),
      node.model && node.model !== node.name ? clean(node.model) : undefined,
      node.kind === 'span' && node.spanType ? node.spanType : undefined,
      tokens(node),
      node.timeToFirstToken !== undefined ? `ttft ${formatDuration(node.timeToFirstToken)}` : undefined,
      node.cost ? formatUsd(node.cost.totalUsd, node.cost.approximate) : undefined,
    ].filter(Boolean);
    if (depth > 0) {
      const name = node.isError ? paint(31, clean(node.name)) : clean(node.name);
      const marks = `${node.isError ? paint(31, ' ✗ error') : ''}${node.orphan ? dim(' (parent missing)') : ''}`;
      lines.push(`${prefix}${branch}${label} ${name}  ${dim(details.join(' · '))}${marks}`);
      if (node.isError && showErrors && node.error) {
        const childPrefix = prefix + (last ? '   ' : '│  ');
        lines.push(
          `${childPrefix}${node.children.length > 0 ? '│ ' : '  '}${paint(31, clean(node.error).slice(0, 160))}`,
        );
      }
    }
    const nextPrefix = depth === 0 ? '' : prefix + (last ? '   ' : '│  ');
    node.children.forEach((child, index) => {
      walk(child, nextPrefix, index === node.children.length - 1, depth + 1);
    });
  };
  if (tree.root.isError && showErrors && tree.root.error)
    lines.push(`  ${paint(31, clean(tree.root.error).slice(0, 160))}`);
  walk(tree.root, '', true, 0);
  return lines.join('\n');
}
