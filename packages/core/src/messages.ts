import { binaryValuePlaceholder } from './binary';
import { type JsonValue, safeStringify, toJsonSafe } from './json-safe';

/** A content part of a message in PostHog's format. */
export type MessagePart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'image'; image: string }
  | { type: 'file'; file: string; media_type?: string; filename?: string }
  | { type: 'audio'; audio: string; media_type?: string }
  | { type: 'function'; id?: string; function: { name: string; arguments: string } }
  | { type: string; [key: string]: JsonValue | undefined };

/** A message in PostHog's format: `{ role, content }`, tool results with `tool_call_id`. */
export interface Message {
  role: string;
  content: string | MessagePart[] | null;
  tool_call_id?: string;
  name?: string;
}

type Loose = Record<string, unknown>;

const ROLE_ALIASES: Record<string, string> = {
  human: 'user',
  user: 'user',
  ai: 'assistant',
  assistant: 'assistant',
  model: 'assistant',
  system: 'system',
  developer: 'system',
  tool: 'tool',
  function: 'tool',
};

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Whether a value is a LangChain message instance (structurally: no import of LangChain). */
export function isLangChainMessage(value: unknown): value is Loose {
  if (!isObject(value) || !('content' in value)) return false;
  return typeof value._getType === 'function' || typeof value.getType === 'function';
}

/** Whether a value is a LangChain `Document` (structurally). */
export function isDocumentLike(
  value: unknown,
): value is { pageContent: unknown; metadata?: unknown; id?: unknown } {
  return isObject(value) && typeof value.pageContent === 'string' && !('role' in value);
}

function roleOf(message: Loose, fallback: string): string {
  let raw = str(message.role);
  if (!raw && isLangChainMessage(message)) {
    try {
      const getType = (message.getType ?? message._getType) as () => unknown;
      raw = str(getType.call(message));
    } catch {
      raw = undefined;
    }
  }
  raw ??= str(message.type);
  // LangChain's ChatMessage carries its own role beside type "generic".
  if (raw === 'generic' || raw === 'chat') raw = str(message.role) ?? fallback;
  return raw ? (ROLE_ALIASES[raw.toLowerCase()] ?? raw) : fallback;
}

function stringifyArguments(args: unknown): string {
  if (typeof args === 'string') return args;
  return safeStringify(toJsonSafe(args ?? {}));
}

function functionPart(id: unknown, name: unknown, args: unknown): MessagePart {
  const part: MessagePart = {
    type: 'function',
    function: { name: str(name) ?? 'unknown', arguments: stringifyArguments(args) },
  };
  const toolCallId = str(id);
  if (toolCallId) (part as { id?: string }).id = toolCallId;
  return part;
}

/** Convert an OpenAI-style or LangChain-style tool call into a `function` part. */
function toolCallToPart(call: unknown): MessagePart | undefined {
  if (!isObject(call)) return undefined;
  const fn = isObject(call.function) ? call.function : undefined;
  if (fn) return functionPart(call.id, fn.name, fn.arguments);
  if ('name' in call)
    return functionPart(call.id ?? call.toolCallId, call.name, call.args ?? call.input ?? call.arguments);
  return undefined;
}

function mediaTypeOf(part: Loose): string | undefined {
  const source = isObject(part.source) ? part.source : undefined;
  return (
    str(part.mediaType) ??
    str(part.mimeType) ??
    str(part.mime_type) ??
    str(part.media_type) ??
    str(source?.media_type) ??
    str(source?.mediaType)
  );
}

/** The URL or placeholder for an image, file or audio payload. */
function payloadReference(payload: unknown, mediaType: string | undefined): string {
  if (payload instanceof URL) return payload.href;
  const placeholder = binaryValuePlaceholder(payload, mediaType, true);
  if (placeholder) return placeholder;
  if (typeof payload === 'string') return payload;
  if (isObject(payload)) {
    // ai 7 file data: { type: 'url', url } | { type: 'data', data }
    if (payload.url !== undefined) return payloadReference(payload.url, mediaType);
    if (payload.data !== undefined) return payloadReference(payload.data, mediaType);
  }
  return `[${mediaType ?? 'binary'} omitted]`;
}

function firstDefined(...values: unknown[]): unknown {
  return values.find((value) => value !== undefined && value !== null);
}

/**
 * Normalize one content part. Returns the part and, for tool results found inside a message's
 * content, the tool message they become instead.
 */
function normalizePart(part: unknown): { part?: MessagePart; toolResult?: Message } {
  if (typeof part === 'string') return { part: { type: 'text', text: part } };
  if (!isObject(part)) return { part: { type: 'text', text: String(toJsonSafe(part)) } };
  const type = str(part.type) ?? '';
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return { part: { type: 'text', text: str(part.text) ?? safeStringify(toJsonSafe(part.text)) } };
    case 'reasoning':
    case 'thinking':
      return {
        part: { type: 'reasoning', text: str(part.text) ?? str(part.reasoning) ?? str(part.thinking) ?? '' },
      };
    case 'redacted_thinking':
    case 'redacted-reasoning':
      return { part: { type: 'reasoning', text: '[redacted reasoning]' } };
    case 'image':
    case 'image_url':
    case 'input_image': {
      const mediaType = mediaTypeOf(part);
      const imageUrl = isObject(part.image_url) ? part.image_url.url : part.image_url;
      const source = isObject(part.source) ? part.source : undefined;
      const payload = firstDefined(
        part.image,
        imageUrl,
        part.url,
        part.data,
        part.base64,
        source?.data,
        source?.url,
      );
      return { part: { type: 'image', image: payloadReference(payload, mediaType ?? 'image') } };
    }
    case 'file':
    case 'input_file':
    case 'document': {
      const mediaType = mediaTypeOf(part);
      const file = isObject(part.file) ? part.file : undefined;
      const source = isObject(part.source) ? part.source : undefined;
      const payload = firstDefined(
        part.data,
        part.url,
        part.base64,
        file?.file_data,
        file?.url,
        part.file_data,
        source?.data,
        source?.url,
        part.file,
      );
      const out: MessagePart = { type: 'file', file: payloadReference(payload, mediaType) };
      if (mediaType) (out as { media_type?: string }).media_type = mediaType;
      const filename = str(part.filename) ?? str(file?.filename);
      if (filename) (out as { filename?: string }).filename = filename;
      return { part: out };
    }
    case 'audio':
    case 'input_audio': {
      const audio = isObject(part.input_audio) ? part.input_audio : part;
      const mediaType = mediaTypeOf(audio) ?? (str(audio.format) ? `audio/${String(audio.format)}` : 'audio');
      return {
        part: {
          type: 'audio',
          audio: payloadReference(firstDefined(audio.data, audio.url, audio.base64), mediaType),
        },
      };
    }
    case 'tool-call':
    case 'tool_call':
      return {
        part: functionPart(part.toolCallId ?? part.id, part.toolName ?? part.name, part.input ?? part.args),
      };
    case 'tool_use':
      return { part: functionPart(part.id, part.name, part.input) };
    case 'function':
      return { part: toolCallToPart(part) };
    case 'tool-result':
    case 'tool_result': {
      const id = str(part.toolCallId) ?? str(part.tool_use_id) ?? str(part.tool_call_id);
      const output = firstDefined(part.output, part.result, part.content);
      return { toolResult: toolMessage(id, unwrapToolOutput(output), str(part.toolName)) };
    }
    default: {
      const safe = toJsonSafe(part);
      return { part: (isObject(safe) ? safe : { type: 'unknown', value: safe }) as MessagePart };
    }
  }
}

/** AI SDK v2+ tool results wrap their value: `{ type: 'text' | 'json' | 'error-text' | …, value }`. */
function unwrapToolOutput(output: unknown): unknown {
  if (isObject(output) && typeof output.type === 'string' && 'value' in output) {
    if (output.type === 'content' && Array.isArray(output.value)) return output.value;
    return output.value;
  }
  return output;
}

function toolMessage(toolCallId: string | undefined, output: unknown, name?: string): Message {
  const message: Message = { role: 'tool', content: contentOf(output) };
  if (toolCallId) message.tool_call_id = toolCallId;
  if (name) message.name = name;
  return message;
}

function contentOf(output: unknown): Message['content'] {
  if (output === undefined || output === null) return null;
  if (typeof output === 'string') return output;
  if (Array.isArray(output) && output.every((item) => isObject(item) && typeof item.type === 'string')) {
    const parts: MessagePart[] = [];
    for (const item of output) {
      const { part } = normalizePart(item);
      if (part) parts.push(part);
    }
    return parts;
  }
  return safeStringify(toJsonSafe(output));
}

/**
 * Host values can throw when read (a revoked Proxy, a getter that throws): the event keeps one
 * message saying so rather than being lost.
 */
function readSafely(read: () => Message[], input: unknown, role: string): Message[] {
  try {
    return read();
  } catch {
    // Keep whatever can be read: toJsonSafe marks each unreadable field and never throws.
    const raw = toJsonSafe(input);
    return [{ role, content: typeof raw === 'string' ? raw : safeStringify(raw) }];
  }
}

const PART_TYPES = new Set([
  'text',
  'reasoning',
  'thinking',
  'redacted_thinking',
  'image',
  'image_url',
  'file',
  'audio',
  'tool-call',
  'tool_call',
  'tool_use',
  'function',
  'tool-result',
  'tool_result',
  'source',
]);

/** Whether a value is a content part (`{ type: 'text', text }`, …) rather than a message. */
function isContentPart(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.type === 'string' &&
    PART_TYPES.has(value.type) &&
    !('role' in value) &&
    !('content' in value && value.type !== 'tool_result')
  );
}

/**
 * Normalize one message-like value into one or more PostHog messages (tool results inside
 * a message's content become their own `tool` messages, in order).
 */
export function normalizeMessage(value: unknown, fallbackRole = 'user'): Message[] {
  if (typeof value === 'string') return [{ role: fallbackRole, content: value }];
  if (!isObject(value))
    return [{ role: fallbackRole, content: value == null ? null : String(toJsonSafe(value)) }];
  if (isDocumentLike(value)) return [{ role: fallbackRole, content: value.pageContent as string }];
  const role = roleOf(value, fallbackRole);
  const toolCallId = str(value.tool_call_id) ?? str(value.toolCallId);
  const out: Message[] = [];
  const parts: MessagePart[] = [];
  const raw = value.content;
  let text: string | null = null;
  if (typeof raw === 'string') text = raw;
  else if (Array.isArray(raw)) {
    for (const item of raw) {
      const { part, toolResult } = normalizePart(item);
      if (toolResult) out.push(toolResult);
      else if (part) parts.push(part);
    }
  } else if (raw !== undefined && raw !== null) text = safeStringify(toJsonSafe(raw));

  const additional = isObject(value.additional_kwargs) ? value.additional_kwargs : undefined;
  const reasoning = str(additional?.reasoning_content) ?? str(value.reasoning);
  if (reasoning) parts.unshift({ type: 'reasoning', text: reasoning });
  const toolCalls = Array.isArray(value.tool_calls)
    ? value.tool_calls
    : Array.isArray(additional?.tool_calls)
      ? additional.tool_calls
      : [];
  const seen = new Set<string>();
  for (const part of parts) if (part.type === 'function' && typeof part.id === 'string') seen.add(part.id);
  for (const call of toolCalls) {
    const part = toolCallToPart(call);
    const id = part && (part as { id?: string }).id;
    if (part && !(id && seen.has(id))) {
      if (id) seen.add(id);
      parts.push(part);
    }
  }

  if (role === 'tool' && (text !== null || parts.length > 0 || out.length === 0)) {
    const message = toolMessage(toolCallId, text ?? (parts.length ? parts : null), str(value.name));
    return [...out, message];
  }
  if (parts.length > 0) {
    if (text) parts.unshift({ type: 'text', text });
    out.unshift({ role, content: parts });
  } else if (text !== null || out.length === 0) {
    out.unshift({ role, content: text });
  }
  const name = str(value.name);
  if (name && out[0] && out[0].role === role && role !== 'tool') out[0].name = name;
  return out;
}

/**
 * Normalize the input of an LLM call into PostHog's message format. Accepts a string, an array
 * of strings, OpenAI-style messages, AI SDK prompt messages, LangChain message instances
 * (or nested arrays of them, as LangChain's batch callbacks pass them), and Anthropic-style
 * content blocks. System messages are moved first, keeping their order.
 */
export function normalizeMessages(input: unknown, fallbackRole = 'user'): Message[] {
  return readSafely(() => normalizeMessagesUnsafe(input, fallbackRole), input, fallbackRole);
}

function normalizeMessagesUnsafe(input: unknown, fallbackRole: string): Message[] {
  if (input === undefined || input === null) return [];
  const list = Array.isArray(input) ? input.flat(2) : [input];
  const messages: Message[] = [];
  for (const item of list) messages.push(...normalizeMessage(item, fallbackRole));
  const system = messages.filter((message) => message.role === 'system');
  if (system.length === 0 || system.length === messages.length) return messages;
  return [...system, ...messages.filter((message) => message.role !== 'system')];
}

/** Normalize the output of an LLM call into PostHog's output choices (assistant by default). */
export function normalizeOutput(output: unknown): Message[] {
  return readSafely(() => normalizeOutputUnsafe(output), output, 'assistant');
}

function normalizeOutputUnsafe(output: unknown): Message[] {
  if (output === undefined || output === null) return [];
  if (Array.isArray(output) && output.length > 0 && output.every(isContentPart)) {
    return normalizeMessage({ role: 'assistant', content: output }, 'assistant');
  }
  const list = Array.isArray(output) ? output.flat(2) : [output];
  const messages: Message[] = [];
  for (const item of list) messages.push(...normalizeMessage(item, 'assistant'));
  return messages;
}
