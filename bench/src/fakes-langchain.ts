/**
 * Fast, deterministic LangChain doubles built on @langchain/core's own base classes: the bench
 * measures instrumentation, so the "model" itself must cost next to nothing.
 */
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/** A chat model that answers at once with usage and a response model, like a real provider. */
export class InstantChatModel extends BaseChatModel {
  model = 'gpt-4o-mini';
  temperature = 0.2;

  constructor() {
    super({});
  }

  _llmType(): string {
    return 'instant';
  }

  override invocationParams() {
    return { model: this.model, temperature: this.temperature };
  }

  override getLsParams(options: this['ParsedCallOptions']) {
    return { ...super.getLsParams(options), ls_provider: 'openai', ls_model_name: this.model };
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const last = messages.at(-1);
    const text = `answer to ${typeof last?.content === 'string' ? last.content.slice(0, 40) : 'input'}`;
    const message = new AIMessage({
      content: text,
      usage_metadata: { input_tokens: 42, output_tokens: 7, total_tokens: 49 },
      response_metadata: { model_name: 'gpt-4o-mini-2024-07-18', finish_reason: 'stop' },
    });
    return { generations: [{ text, message }], llmOutput: {} };
  }
}

/** Deterministic 8-dimensional embeddings from letter counts. */
export class InstantEmbeddings extends Embeddings {
  model = 'text-embedding-3-small';

  constructor() {
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map(vectorOf);
  }

  async embedQuery(text: string): Promise<number[]> {
    return vectorOf(text);
  }
}

export function vectorOf(text: string): number[] {
  const vector = new Array<number>(8).fill(0);
  for (let index = 0; index < text.length; index++) vector[text.charCodeAt(index) % 8]! += 1;
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

export const DOCUMENTS = [
  'PostHog captures product analytics events.',
  'LangChain composes runnables into chains.',
  'Vectors live in a memory vector store.',
  'The AI SDK streams text from language models.',
  'Traces group spans and generations.',
].map((text, index) => new Document({ pageContent: text, metadata: { source: `doc-${index}.md` } }));
