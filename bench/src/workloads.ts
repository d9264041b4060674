/**
 * The workloads: the same host code for every column; only the callbacks / model wrapper differ.
 * This module holds the specs only; each host's code loads in the workers that need it.
 */
import type { Host } from './columns';

export type WorkloadName =
  | 'lc-sequential'
  | 'lc-agent'
  | 'lc-concurrent'
  | 'ai-generate'
  | 'ai-stream'
  | 'memory-lc'
  | 'memory-ai'
  | 'size-1mb'
  | 'size-10mb';

/** How the worker drives a workload. */
export type Shape =
  | { kind: 'sequential'; calls: number; warmup: number }
  | { kind: 'concurrent'; width: number; rounds: number; warmupRounds: number };

export interface WorkloadSpec {
  name: WorkloadName;
  title: string;
  host: Host;
  full: Shape;
  quick: Shape;
  /** Report heap growth as this workload's headline (memory workloads). */
  memory?: boolean;
  /** Run at most this many repeats (a 50,000-call run is already its own long average). */
  maxRepeats?: number;
  /** Report event bytes (size workloads). */
  size?: boolean;
}

const seq = (calls: number, warmup: number): Shape => ({ kind: 'sequential', calls, warmup });

export const WORKLOADS: readonly WorkloadSpec[] = [
  {
    name: 'lc-sequential',
    title: 'LangChain prompt | model | parser, sequential',
    host: 'langchain',
    full: seq(5_000, 500),
    quick: seq(600, 200),
  },
  {
    name: 'lc-agent',
    title: 'LangChain agent tree: retriever + tracked embeddings, tool, two model calls',
    host: 'langchain',
    full: seq(2_000, 200),
    quick: seq(250, 80),
  },
  {
    name: 'lc-concurrent',
    title: 'LangChain simple chain, 200 concurrent × 10 rounds',
    host: 'langchain',
    full: { kind: 'concurrent', width: 200, rounds: 10, warmupRounds: 2 },
    quick: { kind: 'concurrent', width: 200, rounds: 3, warmupRounds: 1 },
  },
  {
    name: 'ai-generate',
    title: 'AI SDK generateText',
    host: 'ai-sdk',
    full: seq(5_000, 500),
    quick: seq(600, 200),
  },
  {
    name: 'ai-stream',
    title: 'AI SDK streamText, 200-chunk stream',
    host: 'ai-sdk',
    full: seq(1_000, 100),
    quick: seq(150, 50),
  },
  {
    name: 'memory-lc',
    title: 'Memory: LangChain simple chain, one shared handler',
    host: 'langchain',
    full: seq(50_000, 1_000),
    quick: seq(3_000, 500),
    memory: true,
    maxRepeats: 1,
  },
  {
    name: 'memory-ai',
    title: 'Memory: AI SDK generateText, one shared middleware',
    host: 'ai-sdk',
    full: seq(50_000, 1_000),
    quick: seq(3_000, 500),
    memory: true,
    maxRepeats: 1,
  },
  {
    name: 'size-1mb',
    title: 'Size: 1 MB prompt through the simple chain',
    host: 'langchain',
    full: seq(20, 3),
    quick: seq(5, 2),
    size: true,
  },
  {
    name: 'size-10mb',
    title: 'Size: 10 MB prompt through the simple chain',
    host: 'langchain',
    full: seq(10, 2),
    quick: seq(3, 1),
    size: true,
  },
];

/** One call of the workload; may report its time to first chunk, ms. */
export type Call = (index: number) => Promise<number | undefined>;
