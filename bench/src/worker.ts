/**
 * One measurement in its own process: one workload under one column. Started by `run.ts` with
 * `--expose-gc`; reports a `WorkerResult` over IPC (or stdout when run by hand).
 */
import { COLUMNS, type ColumnName, createColumn } from './columns';
import { type Call, WORKLOADS, type WorkloadName } from './workloads';

export interface WorkerRequest {
  workload: WorkloadName;
  column: ColumnName;
  sinkUrl: string;
  runKey: string;
  quick: boolean;
}

export interface WorkerResult {
  workload: WorkloadName;
  column: ColumnName;
  /** Calls made in total (warm-up included): every one of them sends events. */
  totalCalls: number;
  /** Calls timed. */
  timedCalls: number;
  /** Wall time of the timed calls plus the final drain, per timed call, µs. */
  usPerCall: number;
  /** Wall time of the timed calls alone (no final drain), per call, µs: the delay the host sees. */
  inCallUs: number;
  /** Median time to first chunk, µs (streams). */
  firstChunkUs?: number;
  /** heapUsed after the timed calls, their flush and a full GC, minus heapUsed before them. */
  heapGrowthBytes: number;
  /** Time to hand everything to the sink at the end, ms (included in µs per call). */
  flushMs: number;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) for (let pass = 0; pass < 3; pass++) collect();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measure(request: WorkerRequest): Promise<WorkerResult> {
  const spec = WORKLOADS.find((workload) => workload.name === request.workload);
  if (!spec) throw new Error(`unknown workload ${request.workload}`);
  if (!COLUMNS.includes(request.column)) throw new Error(`unknown column ${request.column}`);
  const empty = { workload: request.workload, column: request.column };
  let instrumentation: { pace(): Promise<void> | undefined; flush(): Promise<void> };
  let call: Call;
  if (spec.host === 'langchain') {
    const langchain = await createColumn(request.column, 'langchain', request);
    call = await (await import('./workload-langchain')).prepareLangChain(request.workload, langchain);
    instrumentation = langchain;
  } else {
    const aiSdk = await createColumn(request.column, 'ai-sdk', request);
    call = await (await import('./workload-ai-sdk')).prepareAiSdk(request.workload, aiSdk);
    instrumentation = aiSdk;
  }
  const shape = request.quick ? spec.quick : spec.full;
  const firstChunks: number[] = [];
  let index = 0;
  let timedCalls = 0;
  let elapsed = 0;
  let heapBefore = 0;
  if (shape.kind === 'sequential') {
    for (let warm = 0; warm < shape.warmup; warm++) await call(index++);
    gc();
    heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    for (let timed = 0; timed < shape.calls; timed++) {
      const firstChunk = await call(index++);
      if (firstChunk !== undefined) firstChunks.push(firstChunk);
      const paced = instrumentation.pace();
      if (paced) await paced;
    }
    elapsed = performance.now() - started;
    timedCalls = shape.calls;
  } else {
    const round = () => Promise.all(Array.from({ length: shape.width }, () => call(index++)));
    for (let warm = 0; warm < shape.warmupRounds; warm++) await round();
    gc();
    heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    for (let timed = 0; timed < shape.rounds; timed++) {
      await round();
      const paced = instrumentation.pace();
      if (paced) await paced;
    }
    elapsed = performance.now() - started;
    timedCalls = shape.rounds * shape.width;
  }
  // The final drain counts: what a column leaves queued is work it still owes for these calls.
  const flushStarted = performance.now();
  await instrumentation.flush();
  const flushMs = performance.now() - flushStarted;
  const inCallUs = (elapsed * 1000) / timedCalls;
  elapsed += flushMs;
  gc();
  const heapGrowthBytes = process.memoryUsage().heapUsed - heapBefore;
  return {
    ...empty,
    totalCalls: index,
    timedCalls,
    usPerCall: (elapsed * 1000) / timedCalls,
    inCallUs,
    firstChunkUs: firstChunks.length ? median(firstChunks) * 1000 : undefined,
    heapGrowthBytes,
    flushMs,
  };
}

const request = JSON.parse(process.env.BENCH_REQUEST ?? process.argv[2] ?? '{}') as WorkerRequest;
measure(request).then(
  (result) => {
    if (process.send) process.send({ result }, () => process.exit(0));
    else {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    }
  },
  (error: unknown) => {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (process.send) process.send({ error: message }, () => process.exit(1));
    else {
      process.stderr.write(`${message}\n`);
      process.exit(1);
    }
  },
);
