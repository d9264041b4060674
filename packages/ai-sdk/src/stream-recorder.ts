import { simplifyOutput } from './generation';
import type { FinishReasonShape, PartShape } from './types';

interface TextEntry {
  type: 'text' | 'reasoning';
  chunks: string[];
}

interface ToolEntry {
  type: 'tool-call';
  toolCallId?: string;
  toolName?: string;
  chunks: string[];
  input?: unknown;
}

type Entry = TextEntry | ToolEntry;

/**
 * Accumulates what a model stream said, in constant time per part: deltas are pushed to
 * arrays and joined once, when the output is read.
 */
export class StreamRecorder {
  /** Epoch ms of the first text, reasoning or tool-input delta (or tool call). */
  firstContentAt: number | undefined;
  usage: unknown;
  finishReason: FinishReasonShape | undefined;
  providerMetadata: unknown;
  responseModel: string | undefined;
  /** Tool calls completed so far, in order. */
  readonly toolCalls: Array<{ toolCallId?: string; toolName?: string }> = [];
  private readonly entries: Entry[] = [];
  private readonly open = new Map<string, Entry>();

  /** Take in one stream part; `now` is read only for the first content part. */
  observe(part: PartShape, now: () => number): void {
    switch (part.type) {
      case 'text-start':
      case 'reasoning-start':
        this.entry(part.type === 'text-start' ? 'text' : 'reasoning', part.id);
        break;
      case 'text-delta':
      case 'reasoning-delta': {
        const delta = typeof part.delta === 'string' ? part.delta : part.text;
        if (typeof delta !== 'string') break;
        this.firstContentAt ??= now();
        this.entry(part.type === 'text-delta' ? 'text' : 'reasoning', part.id).chunks.push(delta);
        break;
      }
      case 'text-end':
      case 'reasoning-end':
        this.open.delete(`${part.type === 'text-end' ? 'text' : 'reasoning'}:${part.id ?? ''}`);
        break;
      case 'tool-input-start':
        this.tool(part.id, part.toolName);
        break;
      case 'tool-input-delta':
        if (typeof part.delta !== 'string') break;
        this.firstContentAt ??= now();
        this.tool(part.id, part.toolName).chunks.push(part.delta);
        break;
      case 'tool-call': {
        this.firstContentAt ??= now();
        const entry = this.tool(part.toolCallId, part.toolName);
        entry.input = part.input;
        if (part.toolCallId) this.open.delete(`tool:${part.toolCallId}`);
        this.toolCalls.push({ toolCallId: part.toolCallId, toolName: part.toolName });
        break;
      }
      case 'response-metadata':
        if (typeof part.modelId === 'string' && part.modelId !== '') this.responseModel = part.modelId;
        break;
      case 'finish':
        this.usage = part.usage;
        this.finishReason = part.finishReason;
        this.providerMetadata = part.providerMetadata;
        break;
      default:
        break;
    }
  }

  /** The output so far: text, reasoning and tool calls (partial ones with the arguments received). */
  output(): unknown {
    const parts: PartShape[] = [];
    for (const entry of this.entries) {
      if (entry.type === 'tool-call') {
        parts.push({
          type: 'tool-call',
          toolCallId: entry.toolCallId,
          toolName: entry.toolName,
          input: entry.input ?? entry.chunks.join(''),
        });
      } else {
        const text = entry.chunks.join('');
        if (text !== '') parts.push({ type: entry.type, text });
      }
    }
    return simplifyOutput(parts);
  }

  private entry(type: 'text' | 'reasoning', id: string | undefined): TextEntry {
    const key = `${type}:${id ?? ''}`;
    const existing = this.open.get(key);
    if (existing && existing.type === type) return existing;
    const entry: TextEntry = { type, chunks: [] };
    this.open.set(key, entry);
    this.entries.push(entry);
    return entry;
  }

  private tool(id: string | undefined, toolName: string | undefined): ToolEntry {
    const key = `tool:${id ?? ''}`;
    const existing = this.open.get(key);
    if (existing && existing.type === 'tool-call') {
      existing.toolName ??= toolName;
      return existing;
    }
    const entry: ToolEntry = { type: 'tool-call', toolCallId: id, toolName, chunks: [] };
    this.open.set(key, entry);
    this.entries.push(entry);
    return entry;
  }
}
