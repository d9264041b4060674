import type { Identity } from '@llm-analytics/core';

/** A retriever run that is in progress, as embedding calls need to see it. */
export interface ActiveRetrieval {
  /** The retriever run's id. */
  runId: string;
  /** The exact query text the retriever was invoked with. */
  query: string;
  traceId: string;
  /** The retriever span's id: the embedding's parent. */
  spanId: string;
  identity: Identity;
  /** How many embedding calls already linked to it. */
  claims: number;
}

// Bounds the registry even if a handler never unregisters (it always does, on end, error and eviction).
const MAX_ACTIVE = 50_000;

/**
 * The retriever runs in progress, by query text. LangChain fires no callback for embeddings and
 * runs a retriever's body outside any async context that names the run, but a vector-store
 * retriever hands its query unchanged to `embedQuery`: an embedding call of that exact text,
 * made while the retriever runs, belongs to it. One registry per process (shared by the ESM and
 * CJS builds), so embeddings tracked with any client find runs of any handler.
 */
export class RetrieverRegistry {
  private readonly byQuery = new Map<string, ActiveRetrieval[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(retrieval: ActiveRetrieval): void {
    if (this.count >= MAX_ACTIVE) return;
    const list = this.byQuery.get(retrieval.query);
    if (list) list.push(retrieval);
    else this.byQuery.set(retrieval.query, [retrieval]);
    this.count++;
  }

  remove(runId: string, query: string): void {
    const list = this.byQuery.get(query);
    if (!list) return;
    const index = list.findIndex((retrieval) => retrieval.runId === runId);
    if (index < 0) return;
    list.splice(index, 1);
    this.count--;
    if (list.length === 0) this.byQuery.delete(query);
  }

  /**
   * The retriever run an embedding of `text` belongs to. Several runs with the same query
   * (concurrent identical requests): one in the current trace first, then the oldest that no
   * embedding claimed yet (retrievers embed their query right after they start, in start
   * order), then the newest.
   * @param text - the embedded text
   * @param traceId - the current trace (from the async context), when there is one
   */
  claim(text: string, traceId?: string): ActiveRetrieval | undefined {
    const list = this.byQuery.get(text);
    if (!list || list.length === 0) return undefined;
    const pool = traceId ? list.filter((retrieval) => retrieval.traceId === traceId) : [];
    const candidates = pool.length > 0 ? pool : list;
    const chosen =
      candidates.find((retrieval) => retrieval.claims === 0) ?? candidates[candidates.length - 1];
    if (chosen) chosen.claims++;
    return chosen;
  }
}

const REGISTRY_KEY = Symbol.for('@llm-analytics/langchain:retrievers');
type GlobalWithRegistry = typeof globalThis & { [REGISTRY_KEY]?: RetrieverRegistry };

/** The process-wide registry of retriever runs in progress. */
export function retrieverRegistry(): RetrieverRegistry {
  const holder = globalThis as GlobalWithRegistry;
  holder[REGISTRY_KEY] ??= new RetrieverRegistry();
  return holder[REGISTRY_KEY];
}
