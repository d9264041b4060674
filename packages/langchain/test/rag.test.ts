/**
 * RAG: a real retriever over a real in-memory vector store with tracked embeddings. Indexing
 * embeddings are standalone; each query embedding links to its own retriever span, also under
 * concurrency.
 */
import { MemoryVectorStore } from '@langchain/classic/vectorstores/memory';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { RunnableLambda, RunnableMap, RunnablePassthrough } from '@langchain/core/runnables';
import { LLMAnalytics } from '@llm-analytics/core';
import {
  type CaptureServer,
  eventsOfTrace,
  renderTree,
  treeProblems,
  useCaptureEndpoint,
} from '@llm-analytics/test-utils';
import type { PostHog } from 'posthog-node';
import { beforeEach, describe, expect, it } from 'vitest';
import { LLMAnalyticsCallbackHandler, trackEmbeddings } from '../src/index';
import { LetterEmbeddings, ScriptedChatModel } from './helpers';

const endpoint = useCaptureEndpoint();
let server: CaptureServer;
let client: PostHog;
beforeEach(() => {
  server = endpoint.server;
  client = endpoint.client({ flushAt: 100, flushInterval: 0 });
});

const DOCUMENTS = [
  new Document({ pageContent: 'PostHog captures product analytics events.', metadata: { source: 'a.md' } }),
  new Document({ pageContent: 'LangChain composes runnables into chains.', metadata: { source: 'b.md' } }),
  new Document({ pageContent: 'Vectors live in a memory vector store.', metadata: { source: 'c.md' } }),
];

async function buildRag(handler: LLMAnalyticsCallbackHandler, embeddings = new LetterEmbeddings()) {
  const tracked = trackEmbeddings(embeddings, { handler });
  const store = await MemoryVectorStore.fromDocuments(DOCUMENTS, tracked);
  const retriever = store.asRetriever({ k: 2 });
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'Answer from the context:\n{context}'],
    ['human', '{question}'],
  ]);
  const model = new ScriptedChatModel((messages) => ({
    text: `answer: ${String(messages.at(-1)?.content)}`,
    usage: { input_tokens: 50, output_tokens: 5, total_tokens: 55 },
  }));
  const formatDocs = RunnableLambda.from((docs: Document[]) =>
    docs.map((doc) => doc.pageContent).join('\n'),
  ).withConfig({ runName: 'formatDocs' });
  const chain = RunnableMap.from({
    context: retriever.pipe(formatDocs),
    question: new RunnablePassthrough(),
  })
    .pipe(prompt)
    .pipe(model)
    .pipe(new StringOutputParser())
    .withConfig({ runName: 'rag' });
  return { chain, tracked, store };
}

describe('trackEmbeddings', () => {
  it('returns the same object: instanceof, methods and vectors unchanged', async () => {
    const embeddings = new LetterEmbeddings();
    const plain = await new LetterEmbeddings().embedQuery('hello');
    const tracked = trackEmbeddings(embeddings, { client });
    expect(tracked).toBe(embeddings);
    expect(tracked).toBeInstanceOf(Embeddings);
    expect(tracked).toBeInstanceOf(LetterEmbeddings);
    expect(await tracked.embedQuery('hello')).toEqual(plain);
    expect(trackEmbeddings(tracked, { client })).toBe(tracked);
  });

  it('captures indexing as standalone embeddings and the query embedding under its retriever span', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const { chain } = await buildRag(handler);
    await handler.flush();
    const [indexing] = await server.waitForEvents(1);
    expect(indexing!.event).toBe('$ai_embedding');
    expect(indexing!.properties).toMatchObject({
      $ai_model: 'letters-8',
      $ai_input: DOCUMENTS.map((doc) => doc.pageContent),
      $ai_embedding_count: 3,
      $ai_embedding_dimensions: 8,
      $ai_tokens_source: 'estimated',
      $ai_http_status: 200,
      $ai_lib: '@llm-analytics/langchain',
    });
    expect(indexing!.properties.$ai_input_tokens).toBeGreaterThan(10);
    // Never the vectors: no property holds numbers in an array.
    const arrays = Object.values(indexing!.properties).filter(Array.isArray);
    expect(arrays.flat(2).some((value) => typeof value === 'number')).toBe(false);
    server.clear();

    const answer = await chain.invoke('What captures analytics events?', {
      callbacks: [handler],
      metadata: { distinct_id: 'reader-1' },
    });
    expect(answer).toBe('answer: What captures analytics events?');
    await handler.flush();
    const events = await server.waitForEvents(8);
    expect(treeProblems(events)).toEqual([]);
    expect(renderTree(events)).toBe(
      [
        '$ai_trace rag',
        '  $ai_span RunnableMap',
        '    $ai_span RunnablePassthrough',
        '    $ai_span RunnableSequence',
        '      $ai_span VectorStoreRetriever',
        '        $ai_embedding letters-8',
        '      $ai_span formatDocs',
        '  $ai_span ChatPromptTemplate',
        '  $ai_generation gpt-4o-mini',
        '  $ai_span StrOutputParser',
      ].join('\n'),
    );
    const retriever = events.find((event) => event.properties.$ai_span_type === 'retriever')!;
    expect(retriever.properties.$ai_input_state).toBe('What captures analytics events?');
    expect(retriever.properties.$ai_output_state).toEqual([
      { page_content: 'PostHog captures product analytics events.', metadata: { source: 'a.md' } },
      expect.objectContaining({ page_content: expect.any(String) }),
    ]);
    const embedding = events.find((event) => event.event === '$ai_embedding')!;
    expect(embedding.distinct_id).toBe('reader-1');
    expect(embedding.properties).toMatchObject({
      $ai_parent_id: retriever.properties.$ai_span_id,
      $ai_input: 'What captures analytics events?',
      $ai_embedding_count: 1,
      $ai_embedding_dimensions: 8,
    });
  });

  it('links 50 concurrent RAG requests: each query embedding to its own retriever span and trace', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const { chain } = await buildRag(handler);
    await handler.flush();
    await server.waitForEvents(1);
    server.clear();
    const questions = Array.from({ length: 50 }, (_, i) => `question number ${i} about vectors`);
    await Promise.all(
      questions.map((question, i) =>
        chain.invoke(question, { callbacks: [handler], metadata: { distinct_id: `user-${i}` } }),
      ),
    );
    await handler.flush();
    const events = await server.waitForEvents(50 * 10, { timeoutMs: 15_000 });
    const traces = events.filter((event) => event.event === '$ai_trace');
    expect(traces).toHaveLength(50);
    for (const trace of traces) {
      const own = eventsOfTrace(events, trace.properties.$ai_trace_id);
      expect(treeProblems(own)).toEqual([]);
      const retriever = own.find((event) => event.properties.$ai_span_type === 'retriever')!;
      const embedding = own.find((event) => event.event === '$ai_embedding')!;
      expect(embedding.properties.$ai_parent_id).toBe(retriever.properties.$ai_span_id);
      expect(embedding.properties.$ai_input).toBe(retriever.properties.$ai_input_state);
      expect(embedding.properties.$ai_input).toBe(trace.properties.$ai_input_state.input);
      expect(embedding.distinct_id).toBe(trace.distinct_id);
    }
  });

  it('keeps identical concurrent queries in separate traces, one embedding per retriever', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const { chain } = await buildRag(handler);
    await handler.flush();
    await server.waitForEvents(1);
    server.clear();
    await Promise.all(
      Array.from({ length: 10 }, () => chain.invoke('same question', { callbacks: [handler] })),
    );
    await handler.flush();
    const events = await server.waitForEvents(100);
    const retrievers = events.filter((event) => event.properties.$ai_span_type === 'retriever');
    const embeddings = events.filter((event) => event.event === '$ai_embedding');
    expect(new Set(embeddings.map((event) => event.properties.$ai_parent_id))).toEqual(
      new Set(retrievers.map((event) => event.properties.$ai_span_id)),
    );
    for (const trace of events.filter((event) => event.event === '$ai_trace')) {
      expect(treeProblems(eventsOfTrace(events, trace.properties.$ai_trace_id))).toEqual([]);
    }
  });

  it('marks a failing query embedding and its retriever span; the host gets the identical error', async () => {
    const handler = new LLMAnalyticsCallbackHandler({ client });
    const embeddings = new LetterEmbeddings();
    const { chain } = await buildRag(handler, embeddings);
    await handler.flush();
    await server.waitForEvents(1);
    server.clear();
    embeddings.failOn = 'boom';
    const outcome = await chain
      .invoke('boom question', { callbacks: [handler] })
      .catch((error: unknown) => error);
    expect((outcome as Error).message).toBe('embedding quota exceeded');
    await handler.flush();
    const events = await server.waitForEvents(5);
    expect(treeProblems(events)).toEqual([]);
    const retriever = events.find((event) => event.properties.$ai_span_type === 'retriever')!;
    const embedding = events.find((event) => event.event === '$ai_embedding')!;
    expect(retriever.properties).toMatchObject({ $ai_is_error: true, $ai_http_status: 429 });
    expect(embedding.properties).toMatchObject({
      $ai_parent_id: retriever.properties.$ai_span_id,
      $ai_is_error: true,
      $ai_http_status: 429,
      $ai_input: 'boom question',
    });
    expect(embedding.properties.$ai_embedding_count).toBeUndefined();
    expect(handler.openRuns).toBe(0);
  });

  it('links an embedding made inside analytics.span() there, and marks a failing call with its status', async () => {
    const analytics = new LLMAnalytics({ client });
    const embeddings = new LetterEmbeddings();
    embeddings.failOn = 'boom';
    const tracked = trackEmbeddings(embeddings, {
      analytics,
      provider: 'openai',
      model: 'text-embedding-3-small',
    });
    await analytics.trace({ name: 'manual' }, async () => {
      await tracked.embedQuery('fine');
      const failure = await tracked.embedQuery('boom').catch((error: unknown) => error);
      expect((failure as Error).message).toBe('embedding quota exceeded');
    });
    await analytics.flush();
    const events = await server.waitForEvents(3);
    expect(treeProblems(events)).toEqual([]);
    const failed = events.find((event) => event.properties.$ai_is_error === true)!;
    expect(failed.properties).toMatchObject({
      $ai_provider: 'openai',
      $ai_model: 'text-embedding-3-small',
      $ai_http_status: 429,
      $ai_error: 'Error: embedding quota exceeded',
    });
  });

  it("applies the handler's defaults to standalone embeddings", async () => {
    const handler = new LLMAnalyticsCallbackHandler({
      client,
      distinctId: 'indexer',
      properties: { job: 'nightly' },
    });
    const tracked = trackEmbeddings(new LetterEmbeddings(), { handler });
    await tracked.embedDocuments(['x']);
    await handler.flush();
    const [event] = await server.waitForEvents(1);
    expect(event!.distinct_id).toBe('indexer');
    expect(event!.properties.job).toBe('nightly');
  });

  it('keeps texts out in privacy mode and bounds the texts it keeps', async () => {
    const tracked = trackEmbeddings(new LetterEmbeddings(), { client, maxInputTexts: 2 });
    await tracked.embedDocuments(['a', 'b', 'c', 'd']);
    const hidden = trackEmbeddings(new LetterEmbeddings(), { client, privacyMode: true });
    await hidden.embedDocuments(['secret']);
    await client.flush();
    const [bounded, private_] = await server.waitForEvents(2);
    expect(bounded!.properties.$ai_input).toEqual(['a', 'b', '… [2 more texts]']);
    expect(bounded!.properties.$ai_embedding_count).toBe(4);
    expect(private_!.properties.$ai_input).toBeNull();
    expect(private_!.properties.$ai_input_tokens).toBe(2);
  });
});
