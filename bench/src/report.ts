/** Medians over repeats, overheads and ratios, as Markdown. */
import type { ColumnName } from './columns';
import type { RunStats } from './sink';
import type { WorkerResult } from './worker';
import type { WorkloadName, WorkloadSpec } from './workloads';

export interface Row {
  spec: WorkloadSpec;
  repeat: number;
  result: WorkerResult;
  stats: RunStats;
}

/** A worker that crashed: its column has no number for that workload. */
export interface Failure {
  workload: WorkloadName;
  column: ColumnName;
  message: string;
}

export interface ReportInput {
  rows: Row[];
  failures: Failure[];
  machine: Record<string, string>;
  quick: boolean;
  repeats: number;
  columns: ColumnName[];
  workloads: WorkloadName[];
  seconds: number;
}

/** One column of one workload, aggregated over the repeats. */
export interface Cell {
  usPerCall: number;
  inCallUs: number;
  inCallOverheadUs?: number;
  overheadUs?: number;
  firstChunkUs?: number;
  addedFirstChunkUs?: number;
  eventsPerCall: number;
  heapGrowthBytes: number;
  maxEventBytes: number;
  bytesPerCall: number;
  rejectedEvents: number;
}

const LABEL: Record<ColumnName, string> = {
  baseline: 'baseline',
  'llm-analytics': '**llm-analytics**',
  'posthog-ai': '@posthog/ai',
  langfuse: 'Langfuse',
  floor: 'floor',
};

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function aggregate(rows: Row[]): Map<WorkloadName, Map<ColumnName, Cell>> {
  const out = new Map<WorkloadName, Map<ColumnName, Cell>>();
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.result.workload}\u0000${row.result.column}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, group] of groups) {
    const [workload, column] = key.split('\u0000') as [WorkloadName, ColumnName];
    const firstChunks = group
      .map((row) => row.result.firstChunkUs)
      .filter((v): v is number => v !== undefined);
    const cell: Cell = {
      usPerCall: median(group.map((row) => row.result.usPerCall)),
      inCallUs: median(group.map((row) => row.result.inCallUs)),
      firstChunkUs: firstChunks.length ? median(firstChunks) : undefined,
      eventsPerCall: median(group.map((row) => row.stats.events / row.result.totalCalls)),
      heapGrowthBytes: median(group.map((row) => row.result.heapGrowthBytes)),
      maxEventBytes: Math.max(...group.map((row) => row.stats.maxEventBytes)),
      bytesPerCall: median(group.map((row) => row.stats.bytes / row.result.totalCalls)),
      rejectedEvents: group.reduce((sum, row) => sum + row.stats.rejectedEvents, 0),
    };
    if (!out.has(workload)) out.set(workload, new Map());
    out.get(workload)!.set(column, cell);
  }
  for (const cells of out.values()) {
    const baseline = cells.get('baseline');
    if (!baseline) continue;
    for (const cell of cells.values()) {
      cell.overheadUs = cell.usPerCall - baseline.usPerCall;
      cell.inCallOverheadUs = cell.inCallUs - baseline.inCallUs;
      if (cell.firstChunkUs !== undefined && baseline.firstChunkUs !== undefined)
        cell.addedFirstChunkUs = cell.firstChunkUs - baseline.firstChunkUs;
    }
  }
  return out;
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const signed = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '–' : `${value >= 0 ? '+' : ''}${fmt(value)}`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b <= 0 ? '–' : `${(a / b).toFixed(2)}×`;
const bytes = (value: number) =>
  value >= 1_000_000
    ? `${(value / 1_000_000).toFixed(2)} MB`
    : value >= 1_000
      ? `${(value / 1_000).toFixed(1)} kB`
      : `${value.toFixed(0)} B`;
const heap = (value: number) => `${value >= 0 ? '+' : ''}${(value / 1024 / 1024).toFixed(2)} MiB`;

/** The verdicts on the targets, for the llm-analytics column. */
export function targets(
  cells: Map<WorkloadName, Map<ColumnName, Cell>>,
  specs: readonly WorkloadSpec[],
): string[] {
  const lines: string[] = [];
  for (const spec of specs) {
    const row = cells.get(spec.name);
    const ours = row?.get('llm-analytics');
    if (!row || !ours) continue;
    const posthog = row.get('posthog-ai');
    const floor = row.get('floor');
    if (posthog?.overheadUs !== undefined && ours.overheadUs !== undefined && !spec.memory && !spec.size) {
      const verdict =
        posthog.overheadUs <= 0
          ? "inconclusive: @posthog/ai's overhead is within the run's noise"
          : ours.overheadUs <= posthog.overheadUs / 2
            ? 'met'
            : '**missed**';
      lines.push(
        `| ${spec.name} | overhead ≤ ½ of @posthog/ai's | ${signed(ours.overheadUs)} µs vs ${signed(posthog.overheadUs)} µs (${ratio(ours.overheadUs, posthog.overheadUs)}) | ${verdict} |`,
      );
    }
    if (
      spec.host === 'langchain' &&
      floor?.overheadUs !== undefined &&
      ours.overheadUs !== undefined &&
      !spec.memory &&
      !spec.size
    ) {
      const ok = ours.overheadUs <= floor.overheadUs * 1.5;
      lines.push(
        `| ${spec.name} | ≤ 1.5× the floor | ${ratio(ours.overheadUs, floor.overheadUs)} | ${ok ? 'met' : '**missed**'} |`,
      );
    }
    if (spec.memory) {
      // The host itself may grow (caches, JIT); what is ours is the growth beyond the baseline's.
      const baseline = row.get('baseline')?.heapGrowthBytes ?? 0;
      const net = ours.heapGrowthBytes - baseline;
      const ok = net < 1024 * 1024;
      lines.push(
        `| ${spec.name} | heap growth < 1 MB | ${heap(ours.heapGrowthBytes)} (baseline ${heap(baseline)}; net ${heap(net)}) | ${ok ? 'met' : '**missed**'} |`,
      );
    }
    if (spec.name === 'size-10mb' && ours.inCallOverheadUs !== undefined) {
      // Four events per call (trace, prompt span, generation, parser span), each from the prompt.
      const perEvent = ours.eventsPerCall > 0 ? ours.inCallOverheadUs / ours.eventsPerCall : Number.NaN;
      const ok = ours.maxEventBytes < 1_000_000 && perEvent < 20_000;
      lines.push(
        `| ${spec.name} | events < 1 MB, each built in < 20 ms | largest ${bytes(ours.maxEventBytes)}; ${signed(
          ours.inCallOverheadUs / 1000,
        )} ms added in the call for ${fmt(ours.eventsPerCall)} events (${fmt(perEvent / 1000, 1)} ms each) | ${
          ok ? 'met' : '**missed**'
        } |`,
      );
    }
  }
  return lines;
}

export function renderReport(input: ReportInput): string {
  const cells = aggregate(input.rows);
  const specs = input.workloads
    .map((name) => input.rows.find((row) => row.spec.name === name)?.spec)
    .filter((spec): spec is WorkloadSpec => spec !== undefined);
  const lines: string[] = [];
  lines.push(`# llm-analytics overhead benchmark${input.quick ? ' (quick mode)' : ''}`, '');
  lines.push('| machine | |', '|---|---|');
  for (const [key, value] of Object.entries(input.machine)) lines.push(`| ${key} | ${value} |`);
  lines.push(
    `| Run | ${input.repeats} repeat${input.repeats === 1 ? '' : 's'} per column, medians; ${input.seconds.toFixed(0)} s in all |`,
    '',
  );
  lines.push(
    'µs per call: wall time of the timed calls plus the final drain of what they queued, per call, in its own process, warm.',
    'Overhead: minus the baseline of the same run.',
    "÷ @posthog/ai and ÷ floor: this column's overhead divided by theirs. Events per call: counted at the sink.",
    'Heap: heapUsed after the timed calls, a flush and a full GC, minus before them.',
    '',
  );
  lines.push(
    '| workload | column | µs per call | overhead µs | ÷ @posthog/ai | ÷ floor | events per call | heap growth | notes |',
    '|---|---|--:|--:|--:|--:|--:|--:|---|',
  );
  for (const spec of specs) {
    const row = cells.get(spec.name);
    if (!row) continue;
    const posthog = row.get('posthog-ai');
    const floor = row.get('floor');
    for (const column of input.columns) {
      const cell = row.get(column);
      const failed = input.failures.find(
        (failure) => failure.workload === spec.name && failure.column === column,
      );
      if (!cell) {
        const why = failed ? `**crashed**: ${failed.message}` : 'no integration for this host';
        lines.push(`| ${spec.name} | ${LABEL[column]} | ${failed ? '–' : 'n/a'} | | | | | | ${why} |`);
        continue;
      }
      const isBaseline = column === 'baseline';
      const notes: string[] = [];
      if (cell.addedFirstChunkUs !== undefined && column !== 'baseline')
        notes.push(`first chunk ${signed(cell.addedFirstChunkUs)} µs`);
      if (spec.size || cell.maxEventBytes > 0) notes.push(`largest event ${bytes(cell.maxEventBytes)}`);
      if (spec.size) {
        notes.push(`${bytes(cell.bytesPerCall)} sent per call`);
        if (!isBaseline) notes.push(`${signed(cell.inCallOverheadUs)} µs in the call itself`);
      }
      if (cell.rejectedEvents > 0) notes.push(`**${cell.rejectedEvents} events rejected (413)**`);
      if (failed) notes.push(`**crashed in some repeats**: ${failed.message}`);
      lines.push(
        `| ${spec.name} | ${LABEL[column]} | ${fmt(cell.usPerCall)} | ${isBaseline ? '' : signed(cell.overheadUs)} | ${
          isBaseline ? '' : ratio(cell.overheadUs, posthog?.overheadUs)
        } | ${isBaseline ? '' : ratio(cell.overheadUs, floor?.overheadUs)} | ${fmt(cell.eventsPerCall, 2)} | ${heap(
          cell.heapGrowthBytes,
        )} | ${notes.join('; ')} |`,
      );
    }
  }
  lines.push(
    '',
    '## Targets (llm-analytics column)',
    '',
    '| workload | target | measured | verdict |',
    '|---|---|---|---|',
  );
  lines.push(...targets(cells, specs), '');
  lines.push('## Workloads', '');
  for (const spec of specs) {
    const shape = input.quick ? spec.quick : spec.full;
    const size =
      shape.kind === 'sequential'
        ? `${shape.calls.toLocaleString('en-US')} calls after ${shape.warmup} warm-up`
        : `${shape.width} concurrent × ${shape.rounds} rounds after ${shape.warmupRounds} warm-up`;
    const repeats = Math.min(input.repeats, spec.maxRepeats ?? input.repeats);
    lines.push(`- \`${spec.name}\`: ${spec.title} (${size}; ${repeats} repeat${repeats === 1 ? '' : 's'}).`);
  }
  return `${lines.join('\n')}\n`;
}
