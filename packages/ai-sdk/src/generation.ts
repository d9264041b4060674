import type { ToolDefinition } from '@llm-analytics/core';
import type { CallParams, FinishReasonShape, ModelInfo, PartShape } from './types';

// The settings of a call that are model parameters; the prompt, tools, headers, abort signal
// and provider options are not (core renames these to PostHog's snake_case).
const PARAMETER_KEYS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'stopSequences',
  'seed',
  'toolChoice',
  'responseFormat',
  'reasoning',
] as const;

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The parameters that were set on a call. */
export function modelParametersOf(params: CallParams | undefined): Record<string, unknown> | undefined {
  if (!params) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of PARAMETER_KEYS) if (params[key] !== undefined) out[key] = params[key];
  // ai 7 fills in `toolChoice: auto` even when no tool is offered: noise, not a setting.
  if (!Array.isArray(params.tools) || params.tools.length === 0) delete out.toolChoice;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The tools offered to the model: function tools with their JSON schema, provider tools by id. */
export function toolsOf(params: CallParams | undefined): ToolDefinition[] | undefined {
  const tools = params?.tools;
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const out: ToolDefinition[] = [];
  for (const tool of tools) {
    const raw = objectOf(tool);
    if (!raw || typeof raw.name !== 'string') continue;
    if (raw.type === 'function' || raw.type === undefined) {
      const definition: ToolDefinition = { name: raw.name };
      if (typeof raw.description === 'string') definition.description = raw.description;
      if (raw.inputSchema !== undefined) definition.parameters = raw.inputSchema;
      out.push(definition);
    } else {
      out.push({ name: raw.name, type: String(raw.type), id: raw.id });
    }
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The output of a generate call as content parts core understands: text, reasoning, tool
 * calls and files; sources, tool approvals and provider-specific parts are left out. A
 * text-only answer becomes a plain string.
 */
export function outputOf(content: unknown): unknown {
  if (!Array.isArray(content)) return undefined;
  const parts: PartShape[] = [];
  for (const item of content as PartShape[]) {
    switch (item?.type) {
      case 'text':
      case 'reasoning':
        if (typeof item.text === 'string') parts.push({ type: item.type, text: item.text });
        break;
      case 'tool-call':
        parts.push({
          type: 'tool-call',
          toolCallId: item.toolCallId,
          toolName: item.toolName,
          input: item.input,
        });
        break;
      case 'file':
        parts.push({ type: 'file', mediaType: item.mediaType, data: item.data });
        break;
      default:
        break;
    }
  }
  return simplifyOutput(parts);
}

/** Text-only output as one string (how PostHog shows a plain answer best); anything else as parts. */
export function simplifyOutput(parts: PartShape[]): unknown {
  if (parts.length === 0) return [];
  if (parts.every((part) => part.type === 'text')) return parts.map((part) => part.text ?? '').join('');
  return parts;
}

/** The finish reason in PostHog's spelling (`tool-calls` → `tool_calls`), from either shape. */
export function stopReasonOf(finishReason: FinishReasonShape | undefined): string | undefined {
  const value =
    typeof finishReason === 'string' ? finishReason : (finishReason?.unified ?? finishReason?.raw);
  return typeof value === 'string' && value !== '' ? value.replace(/-/g, '_') : undefined;
}

/** The response model id of a result, if the provider reported one. */
export function responseModelOf(result: unknown): string | undefined {
  const modelId = objectOf(objectOf(result)?.response)?.modelId;
  return typeof modelId === 'string' && modelId !== '' ? modelId : undefined;
}

function cleanUrl(value: unknown, originOnly: boolean): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol)) return undefined;
    if (originOnly) return url.origin;
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

/**
 * `$ai_base_url`, best effort: the `baseURL` a provider keeps in its model config (Anthropic,
 * Google, OpenAI-compatible providers), else the origin of the request URL a v4 result reports.
 * Credentials, query and fragment are never sent. Getters are read, nothing is called.
 */
export function baseUrlOf(model: ModelInfo | undefined, result: unknown): string | undefined {
  const raw = objectOf(model);
  const config = objectOf(raw?.config);
  return (
    cleanUrl(config?.baseURL, false) ??
    cleanUrl(config?.baseUrl, false) ??
    cleanUrl(raw?.baseURL, false) ??
    cleanUrl(objectOf(objectOf(result)?.request)?.url, true)
  );
}
