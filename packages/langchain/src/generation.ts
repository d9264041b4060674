import { toJsonSchema } from '@langchain/core/utils/json_schema';
import type { Usage } from '@llm-analytics/core';
import { providerFromClassName } from './provider-of-class';

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** What a model run's start tells about the call. */
export interface ModelCallInfo {
  /** The requested model id. */
  model?: string;
  provider?: string;
  modelParameters?: Loose;
  tools?: unknown[];
}

/** The last element of a serialized LangChain object's id: its class name. */
export function classNameOf(serialized: unknown): string | undefined {
  if (!isRecord(serialized)) return undefined;
  const id = serialized.id;
  if (Array.isArray(id)) return text(id[id.length - 1]);
  return text(serialized.name);
}

// LangChain's `ls_*` metadata spelling of parameters that the invocation params may lack.
const LS_PARAMETERS: ReadonlyArray<readonly [string, string]> = [
  ['ls_temperature', 'temperature'],
  ['ls_max_tokens', 'max_tokens'],
  ['ls_stop', 'stop'],
];

// Keys of `extraParams.options` (the call options) that are parameters of the model call.
const OPTION_PARAMETERS = ['tool_choice', 'stop', 'response_format', 'parallel_tool_calls', 'seed'];

/**
 * Model, provider, parameters and tools of a chat-model or LLM run, from its start callback:
 * `ls_model_name` / `ls_provider` metadata, the invocation params, the call options, and the
 * class name as a last resort.
 */
export function modelCallInfo(
  serialized: unknown,
  extraParams: Loose | undefined,
  metadata: Loose | undefined,
): ModelCallInfo {
  const invocation = isRecord(extraParams?.invocation_params) ? extraParams.invocation_params : {};
  const options = isRecord(extraParams?.options) ? extraParams.options : {};
  const kwargs = isRecord(serialized) && isRecord(serialized.kwargs) ? serialized.kwargs : {};
  const className = classNameOf(serialized);
  const model =
    text(metadata?.ls_model_name) ??
    text(invocation.model) ??
    text(invocation.model_name) ??
    text(invocation.modelName) ??
    text(invocation.model_id) ??
    text(kwargs.model) ??
    text(kwargs.model_name) ??
    className;
  const provider =
    text(metadata?.ls_provider) ?? providerFromClassName(className) ?? text(invocation._type) ?? undefined;

  const parameters: Loose = { ...invocation };
  for (const key of OPTION_PARAMETERS) {
    if (options[key] !== undefined && parameters[key] === undefined) parameters[key] = options[key];
  }
  for (const [lsKey, key] of LS_PARAMETERS) {
    if (metadata?.[lsKey] !== undefined && parameters[key] === undefined) parameters[key] = metadata[lsKey];
  }
  const tools = toolDefinitions(invocation.tools ?? options.tools);
  const info: ModelCallInfo = { model, provider, modelParameters: parameters };
  if (tools.length > 0) info.tools = tools;
  return info;
}

function schemaOf(schema: unknown): unknown {
  if (!schema) return undefined;
  if (isRecord(schema) && (schema.type === 'object' || schema.properties) && !('_def' in schema))
    return schema;
  try {
    return toJsonSchema(schema as Parameters<typeof toJsonSchema>[0]);
  } catch {
    return undefined;
  }
}

/**
 * The tools offered to the model as `{ name, description, parameters }`, whatever shape the
 * integration put them in: OpenAI `{ type: 'function', function }`, Anthropic
 * `{ name, input_schema }`, Google `{ functionDeclarations }`, or LangChain tool instances.
 */
export function toolDefinitions(tools: unknown): Loose[] {
  if (!Array.isArray(tools)) return [];
  const out: Loose[] = [];
  for (const tool of tools) {
    if (!isRecord(tool)) continue;
    if (Array.isArray(tool.functionDeclarations)) {
      out.push(...toolDefinitions(tool.functionDeclarations));
      continue;
    }
    const fn = isRecord(tool.function) ? tool.function : undefined;
    const name = text(fn?.name) ?? text(tool.name);
    if (!name) continue;
    const definition: Loose = { name };
    const description = text(fn?.description) ?? text(tool.description);
    if (description) definition.description = description;
    const parameters =
      fn?.parameters ?? tool.input_schema ?? tool.parameters ?? schemaOf(tool.schema ?? tool.inputSchema);
    if (parameters !== undefined) definition.parameters = parameters;
    out.push(definition);
  }
  return out;
}

/** What a model run's end tells: the response model, usage and stop reason. */
export interface ModelResultInfo {
  /** The model the provider reports having used. */
  model?: string;
  usage?: Usage;
  stopReason?: string;
  /** What came back: the messages (chat models) or texts (LLMs) of the first prompt. */
  output: unknown[];
}

interface GenerationLike {
  text?: unknown;
  message?: unknown;
  generationInfo?: unknown;
}

function usageFromMetadata(usage: unknown): Usage | undefined {
  if (!isRecord(usage)) return undefined;
  const inputDetails = isRecord(usage.input_token_details) ? usage.input_token_details : {};
  const outputDetails = isRecord(usage.output_token_details) ? usage.output_token_details : {};
  const result: Usage = {
    inputTokens: tokenCount(usage.input_tokens),
    outputTokens: tokenCount(usage.output_tokens),
    cacheReadInputTokens: tokenCount(inputDetails.cache_read),
    cacheCreationInputTokens: tokenCount(inputDetails.cache_creation),
    reasoningTokens: tokenCount(outputDetails.reasoning),
    // LangChain normalizes every provider's input tokens (Anthropic's too) to include the
    // cache reads and writes; core converts to PostHog's per-provider convention.
    inputTokensIncludeCache: true,
  };
  return result.inputTokens === undefined && result.outputTokens === undefined ? undefined : result;
}

function usageFromLlmOutput(llmOutput: unknown): Usage | undefined {
  if (!isRecord(llmOutput)) return undefined;
  const usage = isRecord(llmOutput.tokenUsage)
    ? llmOutput.tokenUsage
    : isRecord(llmOutput.usage)
      ? llmOutput.usage
      : undefined;
  if (!usage) return undefined;
  const inputTokens = tokenCount(usage.promptTokens) ?? tokenCount(usage.input_tokens);
  const outputTokens = tokenCount(usage.completionTokens) ?? tokenCount(usage.output_tokens);
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return { inputTokens, outputTokens, inputTokensIncludeCache: true };
}

/** Response model, usage, stop reason and output of an `LLMResult`. */
export function modelResultInfo(result: unknown): ModelResultInfo {
  const info: ModelResultInfo = { output: [] };
  if (!isRecord(result)) return info;
  const generations = Array.isArray(result.generations) ? result.generations : [];
  const first = Array.isArray(generations[0]) ? (generations[0] as GenerationLike[]) : [];
  for (const generation of first) {
    if (!isRecord(generation)) continue;
    info.output.push(generation.message ?? generation.text);
  }
  const head = first[0];
  const message = isRecord(head?.message) ? head.message : undefined;
  const responseMetadata = isRecord(message?.response_metadata) ? message.response_metadata : {};
  const generationInfo = isRecord(head?.generationInfo) ? head.generationInfo : {};
  const llmOutput = isRecord(result.llmOutput) ? result.llmOutput : {};
  info.model =
    text(responseMetadata.model_name) ??
    text(responseMetadata.model) ??
    text(responseMetadata.model_id) ??
    text(llmOutput.model_name) ??
    text(llmOutput.model);
  info.usage = usageFromMetadata(message?.usage_metadata) ?? usageFromLlmOutput(result.llmOutput);
  info.stopReason =
    text(responseMetadata.finish_reason) ??
    text(responseMetadata.stop_reason) ??
    text(responseMetadata.stopReason) ??
    text(generationInfo.finish_reason);
  return info;
}
