/**
 * Test doubles built on @langchain/core only (so that the lowest-version project can run them):
 * a scripted chat model that reports usage and streams, and deterministic embeddings.
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { Embeddings } from '@langchain/core/embeddings';
import { BaseChatModel, type BaseChatModelCallOptions } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { convertToOpenAITool } from '@langchain/core/utils/function_calling';

export interface ScriptedReply {
  text?: string;
  toolCalls?: Array<{ id: string; name: string; args: Record<string, unknown> }>;
  usage?: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    input_token_details?: { cache_read?: number; cache_creation?: number };
    output_token_details?: { reasoning?: number };
  };
  /** The model the "provider" reports. */
  responseModel?: string;
  finishReason?: string;
  /** Streamed pieces (default: the text split into words). */
  chunks?: string[];
  /** Throw this error (after `failAfterChunks` chunks when streaming). */
  error?: Error;
  failAfterChunks?: number;
  /** Wait before answering, ms. */
  delayMs?: number;
}

type Script = (messages: BaseMessage[]) => ScriptedReply;

interface ScriptedCallOptions extends BaseChatModelCallOptions {
  tools?: unknown[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A chat model whose answers come from a function of the messages: usage, response model,
 * finish reason, tool calls, streamed chunks (with usage on the last chunk) and failures.
 */
export class ScriptedChatModel extends BaseChatModel<ScriptedCallOptions> {
  provider: string;
  modelName: string;
  temperature = 0.3;
  script: Script;

  constructor(script: Script, options: { provider?: string; modelName?: string } = {}) {
    super({});
    this.script = script;
    this.provider = options.provider ?? 'openai';
    this.modelName = options.modelName ?? 'gpt-4o-mini';
  }

  _llmType(): string {
    return 'scripted';
  }

  override getLsParams(options: this['ParsedCallOptions']) {
    return {
      ...super.getLsParams(options),
      ls_provider: this.provider,
      ls_model_name: this.modelName,
      ls_temperature: this.temperature,
    };
  }

  override invocationParams(options?: this['ParsedCallOptions']) {
    return { model: this.modelName, temperature: this.temperature, max_tokens: 256, tools: options?.tools };
  }

  override bindTools(tools: Parameters<typeof convertToOpenAITool>[0][]) {
    return this.withConfig({
      tools: tools.map((tool) => convertToOpenAITool(tool)),
    } as Partial<ScriptedCallOptions>);
  }

  private message(reply: ScriptedReply): AIMessage {
    return new AIMessage({
      content: reply.text ?? '',
      tool_calls: reply.toolCalls?.map((call) => ({ ...call, type: 'tool_call' as const })),
      usage_metadata: reply.usage,
      response_metadata: {
        model_name: reply.responseModel ?? this.modelName,
        finish_reason: reply.finishReason ?? (reply.toolCalls?.length ? 'tool_calls' : 'stop'),
      },
    });
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const reply = this.script(messages);
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.error) throw reply.error;
    const message = this.message(reply);
    return { generations: [{ text: reply.text ?? '', message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const reply = this.script(messages);
    const pieces = reply.chunks ?? (reply.text ?? '').split(/(?<= )/);
    let index = 0;
    for (const piece of pieces) {
      if (reply.error && index === (reply.failAfterChunks ?? 0)) throw reply.error;
      await sleep(reply.delayMs ?? 2);
      const chunk = new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, undefined, undefined, undefined, undefined, { chunk });
      index++;
    }
    if (reply.error) throw reply.error;
    yield new ChatGenerationChunk({
      text: '',
      message: new AIMessageChunk({
        content: '',
        usage_metadata: reply.usage,
        tool_call_chunks: reply.toolCalls?.map((call, i) => ({
          id: call.id,
          name: call.name,
          args: JSON.stringify(call.args),
          index: i,
          type: 'tool_call_chunk' as const,
        })),
        response_metadata: {
          model_name: reply.responseModel ?? this.modelName,
          finish_reason: reply.finishReason ?? 'stop',
        },
      }),
    });
  }
}

/** Deterministic embeddings: a tiny bag-of-letters vector, so similar texts are near. */
export class LetterEmbeddings extends Embeddings {
  model = 'letters-8';
  calls = 0;
  failOn?: string;

  constructor() {
    super({});
  }

  private vector(text: string): number[] {
    const out = new Array<number>(8).fill(0);
    for (const char of text.toLowerCase()) {
      const code = char.charCodeAt(0);
      if (code >= 97 && code <= 122) out[code % 8] = (out[code % 8] ?? 0) + 1;
    }
    const norm = Math.hypot(...out) || 1;
    return out.map((value) => value / norm);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    this.calls++;
    await sleep(1);
    return documents.map((text) => this.vector(text));
  }

  async embedQuery(document: string): Promise<number[]> {
    this.calls++;
    // A real provider's latency: lets concurrent requests interleave.
    await sleep(1 + (document.length % 5));
    if (this.failOn && document.includes(this.failOn)) {
      throw Object.assign(new Error('embedding quota exceeded'), { status: 429 });
    }
    return this.vector(document);
  }
}

export { sleep };
