import { isDocumentLike, isLangChainMessage } from '@llm-analytics/core';

type Loose = Record<string, unknown>;

const MAX_DEPTH = 8;

function isPlainObject(value: object): value is Loose {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isSerializable(value: Loose): boolean {
  return typeof value.lc_serializable === 'boolean' && typeof value.lc_kwargs === 'object';
}

/**
 * Prepare a chain's inputs or outputs for `$ai_input_state` / `$ai_output_state`. Messages and
 * documents are left for core to convert; LangChain's own wrappers are unwrapped so that the
 * state never shows a raw `lc_kwargs` serialization: a chat prompt value becomes its messages, a
 * string prompt value its text, any other serializable object its constructor arguments.
 * Copies only what it changes.
 */
export function toStateValue(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (isLangChainMessage(value) || isDocumentLike(value)) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = toStateValue(item, depth + 1);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  const object = value as Loose;
  if (typeof object.toChatMessages === 'function') {
    if (Array.isArray(object.messages)) return object.messages;
    if (typeof object.value === 'string') return object.value;
  }
  if (isSerializable(object)) return toStateValue(object.lc_kwargs, depth + 1);
  if (!isPlainObject(object)) return value;
  let changed = false;
  const out: Loose = {};
  for (const [key, item] of Object.entries(object)) {
    const next = toStateValue(item, depth + 1);
    if (next !== item) changed = true;
    out[key] = next;
  }
  return changed ? out : value;
}

/**
 * A tool's result for `$ai_output_state`: a `ToolMessage` becomes its content (its id is
 * already the span's `$ai_tool_call_id`), anything else goes through {@link toStateValue}.
 */
export function toolOutputValue(output: unknown): unknown {
  if (isLangChainMessage(output) && typeof output.tool_call_id === 'string') {
    return toStateValue(output.content);
  }
  return toStateValue(output);
}

/** Parse a tool's input as LangChain passes it (a string, JSON for structured tools). */
export function parseToolInput(input: unknown): unknown {
  if (typeof input !== 'string') return toStateValue(input);
  const trimmed = input.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return input;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return input;
  }
}
