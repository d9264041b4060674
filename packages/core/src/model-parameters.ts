import { type JsonValue, toJsonSafe } from './json-safe';

/**
 * Model parameters in PostHog's snake_case, whatever spelling the host used
 * (`maxOutputTokens`, `maxTokens`, `max_completion_tokens` → `max_tokens`).
 */

const RENAMES: Record<string, string> = {
  maxOutputTokens: 'max_tokens',
  maxTokens: 'max_tokens',
  max_completion_tokens: 'max_tokens',
  maxCompletionTokens: 'max_tokens',
  max_output_tokens: 'max_tokens',
  maxTokensToSample: 'max_tokens',
  max_tokens_to_sample: 'max_tokens',
  maxRetries: 'max_retries',
  topP: 'top_p',
  topK: 'top_k',
  frequencyPenalty: 'frequency_penalty',
  presencePenalty: 'presence_penalty',
  stopSequences: 'stop',
  stop_sequences: 'stop',
  toolChoice: 'tool_choice',
  responseFormat: 'response_format',
  reasoningEffort: 'reasoning_effort',
  parallelToolCalls: 'parallel_tool_calls',
  logitBias: 'logit_bias',
  topLogprobs: 'top_logprobs',
  n: 'n',
};

// Not parameters of the model call: identity, transport and the tools (sent as `$ai_tools`).
const SKIPPED = new Set([
  'model',
  'modelName',
  'model_name',
  'modelId',
  'tools',
  'functions',
  'messages',
  'prompt',
  'input',
  'apiKey',
  'api_key',
  'openAIApiKey',
  'anthropicApiKey',
  'headers',
  'abortSignal',
  'signal',
  'callbacks',
  'configuration',
  'providerOptions',
  'provider_options',
  '_type',
]);

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Normalize the parameters of a model call: snake_case keys, unset (`undefined` / `null`)
 * values dropped, secrets and non-parameters (model id, messages, tools, headers, API keys)
 * left out.
 */
export function normalizeModelParameters(parameters: unknown): Record<string, JsonValue> | undefined {
  if (typeof parameters !== 'object' || parameters === null) return undefined;
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (value === undefined || value === null || SKIPPED.has(key) || typeof value === 'function') continue;
    if (/api_?key|secret|password|authorization/i.test(key)) continue;
    const name = RENAMES[key] ?? snakeCase(key);
    if (name in out) continue;
    out[name] = toJsonSafe(value, { maxStringLength: 10_000 });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
