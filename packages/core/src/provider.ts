/**
 * Provider names, normalized once so that success and error events, LangChain and the AI SDK,
 * all agree: `openai.chat` → `openai`, `amazon-bedrock` → `bedrock`, `google.generative-ai` → `google`.
 */

const ALIASES: Record<string, string> = {
  'amazon-bedrock': 'bedrock',
  amazon_bedrock: 'bedrock',
  bedrock_converse: 'bedrock',
  'bedrock-converse': 'bedrock',
  aws: 'bedrock',
  'google-genai': 'google',
  google_genai: 'google',
  'google-generative-ai': 'google',
  'google-vertex': 'vertex',
  google_vertexai: 'vertex',
  vertexai: 'vertex',
  'vertex-ai': 'vertex',
  azure_openai: 'azure',
  'azure-openai': 'azure',
  azureopenai: 'azure',
  mistralai: 'mistral',
  'x-ai': 'xai',
  togetherai: 'together',
  'together-ai': 'together',
  fireworksai: 'fireworks',
  'deepseek-ai': 'deepseek',
};

/**
 * Normalize a provider id as LangChain (`ls_provider`) or the AI SDK (`model.provider`)
 * reports it. Lower case, the part before the first `.`, known aliases folded.
 * Returns `undefined` for an empty value.
 */
export function normalizeProvider(provider: unknown): string | undefined {
  if (typeof provider !== 'string') return undefined;
  const trimmed = provider.trim().toLowerCase();
  if (!trimmed) return undefined;
  const head = trimmed.split('.')[0] ?? trimmed;
  return ALIASES[head] ?? ALIASES[trimmed] ?? head;
}

/** Whether PostHog treats this provider's input tokens as excluding cache reads and writes. */
export function providerReportsCacheExclusive(provider: string | undefined): boolean {
  return provider === 'anthropic';
}
