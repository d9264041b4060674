/**
 * `pnpm bench [--quick] [--source] [--workloads=a,b] [--columns=a,b] [--repeats=N] [--out=file.md] [--cpu-prof=dir]`
 *
 * Starts the sink in its own process, then for every workload runs each column in a fresh
 * process, the columns interleaved (their order rotated on every repeat), and reports medians
 * over the repeats as a Markdown table in `bench/results/`.
 */
import { type ChildProcess, execSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLUMNS, type ColumnName, UNSUPPORTED } from './columns';
import { type Failure, type Row, renderReport } from './report';
import type { RunStats } from './sink';
import type { WorkerRequest, WorkerResult } from './worker';
import { WORKLOADS, type WorkloadName } from './workloads';

const here = dirname(fileURLToPath(import.meta.url));
const benchRoot = join(here, '..');

interface Args {
  quick: boolean;
  workloads: WorkloadName[];
  columns: ColumnName[];
  repeats: number;
  out?: string;
  cpuProf?: string;
  /** Load the llm-analytics packages from `src/` (through tsx) rather than their built `dist/`. */
  source: boolean;
}

const PACKAGES = ['core', 'langchain', 'ai-sdk'];

/** Build the measured packages (about ten seconds), so the workers load what users install. */
function buildPackages(): void {
  const filters = PACKAGES.map((name) => `--filter @llm-analytics/${name}`).join(' ');
  process.stdout.write('building the llm-analytics packages (pass --source to measure src/ instead)…\n');
  execSync(`pnpm ${filters} build`, { cwd: join(benchRoot, '..'), stdio: ['ignore', 'ignore', 'inherit'] });
  for (const name of PACKAGES) {
    if (!existsSync(join(benchRoot, '..', 'packages', name, 'dist', 'index.js')))
      throw new Error(`packages/${name} did not build`);
  }
}

function parseArgs(argv: string[]): Args {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const quick = argv.includes('--quick');
  const list = <T extends string>(name: string, all: readonly T[]): T[] => {
    const picked = value(name)?.split(',').filter(Boolean) as T[] | undefined;
    if (!picked) return [...all];
    for (const item of picked) if (!all.includes(item)) throw new Error(`unknown ${name}: ${item}`);
    return picked;
  };
  return {
    quick,
    workloads: list(
      'workloads',
      WORKLOADS.map((workload) => workload.name),
    ),
    columns: list('columns', COLUMNS),
    repeats: Number(value('repeats') ?? (quick ? 1 : 3)),
    out: value('out'),
    cpuProf: value('cpu-prof'),
    source: argv.includes('--source'),
  };
}

/**
 * Node flags for the children: TypeScript through tsx; the llm-analytics packages from their
 * built `dist/` (what users run) or, with `--source` or no build, from `src/`. tsx compiles with
 * esbuild's `keepNames`, which adds a `__name()` call per closure created: a few per cent on our
 * side that published builds do not pay (the peers are always loaded from their builds).
 */
let NODE_FLAGS = ['--import', 'tsx'];

function startSink(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(join(here, 'sink.ts'), [], { execArgv: NODE_FLAGS, cwd: benchRoot, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ url: (message as { url: string }).url, child }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sink exited with ${code}`)));
  });
}

function runWorker(request: WorkerRequest, cpuProfDir?: string): Promise<WorkerResult> {
  const execArgv = [...NODE_FLAGS, '--expose-gc', '--max-old-space-size=2048'];
  if (cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`);
  const child = fork(join(here, 'worker.ts'), [], {
    execArgv,
    cwd: benchRoot,
    env: { ...process.env, BENCH_REQUEST: JSON.stringify(request) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.on('message', (message) => {
      const { result, error } = message as { result?: WorkerResult; error?: string };
      settled = true;
      if (result) resolve(result);
      else reject(new Error(`${request.workload} / ${request.column}: ${error}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`${request.workload} / ${request.column} exited with ${code}`));
    });
  });
}

async function sinkStats(url: string, runKey: string): Promise<RunStats> {
  // The exporters have finished by the time a worker reports, but give the sink's last
  // request handlers a moment to record.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const response = await fetch(`${url}/stats/${encodeURIComponent(runKey)}`);
  return (await response.json()) as RunStats;
}

function machine(): Record<string, string> {
  const cores = cpus();
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: benchRoot }).toString().trim();
  } catch {
    // Not a git checkout.
  }
  return {
    CPU: `${cores[0]?.model ?? 'unknown'} (${cores.length} cores)`,
    Memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    Node: process.version,
    OS: `${process.platform} ${release()}`,
    'Load average at start': loadavg()
      .map((load) => load.toFixed(2))
      .join(', '),
    Commit: commit,
    Date: new Date().toISOString(),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.source) NODE_FLAGS = [...NODE_FLAGS, '--conditions=@llm-analytics/source'];
  else buildPackages();
  const started = Date.now();
  const host = machine();
  host['llm-analytics loaded from'] = args.source
    ? 'src/ through tsx (`--source`, or no build found)'
    : 'built dist/ (`pnpm build`)';
  const sink = await startSink();
  const rows: Row[] = [];
  const failures: Failure[] = [];
  const resultsDir = join(benchRoot, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = args.out ?? join(resultsDir, args.quick ? 'quick.md' : 'latest.md');
  // The raw measurements beside the table, saved as they come (a crash keeps what was measured).
  const saveRaw = (raw: unknown) =>
    writeFileSync(out.replace(/\.md$/, '.json'), `${JSON.stringify(raw, null, 2)}\n`);
  let runNumber = 0;
  try {
    for (const workload of args.workloads) {
      const spec = WORKLOADS.find((candidate) => candidate.name === workload)!;
      const repeats = Math.min(args.repeats, spec.maxRepeats ?? args.repeats);
      for (let repeat = 0; repeat < repeats; repeat++) {
        // Interleave: rotate the column order on every repeat so drift hits every column alike.
        const order = args.columns.map((_, index) => args.columns[(index + repeat) % args.columns.length]!);
        for (const column of order) {
          if (UNSUPPORTED[spec.host].includes(column)) continue;
          const runKey = `phc_bench_${process.pid}_${++runNumber}_${workload}_${column}`;
          let result: WorkerResult;
          try {
            result = await runWorker(
              { workload, column, sinkUrl: sink.url, runKey, quick: args.quick },
              args.cpuProf,
            );
          } catch (error) {
            // A column that crashes on a workload is a result too: record it and go on.
            const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
            failures.push({ workload, column, message });
            process.stdout.write(`${workload.padEnd(14)} ${column.padEnd(14)} FAILED: ${message}\n`);
            continue;
          }
          const stats = await sinkStats(sink.url, runKey);
          rows.push({ spec, repeat, result, stats });
          saveRaw({ machine: host, args, rows, failures });
          process.stdout.write(
            `${workload.padEnd(14)} ${column.padEnd(14)} ${result.usPerCall.toFixed(0).padStart(8)} µs/call  ` +
              `${(stats.events / result.totalCalls).toFixed(2)} events/call  ` +
              `heap ${(result.heapGrowthBytes / 1024).toFixed(0)} KiB\n`,
          );
        }
      }
    }
  } finally {
    sink.child.kill();
  }
  const report = renderReport({
    rows,
    machine: host,
    quick: args.quick,
    repeats: args.repeats,
    columns: args.columns,
    workloads: args.workloads,
    failures,
    seconds: (Date.now() - started) / 1000,
  });
  writeFileSync(out, report);
  saveRaw({ machine: host, args, rows, failures });
  process.stdout.write(`\n${report}\nwritten to ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
