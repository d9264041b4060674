/**
 * Provider names guessed from a LangChain integration's class name, used only when the run
 * carries no `ls_provider` (custom and community integrations, embeddings, which have none).
 */
const CLASS_PROVIDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/azure/i, 'azure'],
  [/openrouter/i, 'openrouter'],
  [/openai/i, 'openai'],
  [/anthropic/i, 'anthropic'],
  [/vertex/i, 'vertex'],
  [/google|gemini|genai/i, 'google'],
  [/bedrock/i, 'bedrock'],
  [/mistral/i, 'mistral'],
  [/groq/i, 'groq'],
  [/ollama/i, 'ollama'],
  [/cohere/i, 'cohere'],
  [/deepseek/i, 'deepseek'],
  [/xai/i, 'xai'],
  [/together/i, 'together'],
  [/fireworks/i, 'fireworks'],
  [/cerebras/i, 'cerebras'],
  [/voyage/i, 'voyage'],
  [/huggingface/i, 'huggingface'],
];

/**
 * The provider a LangChain class name points at (`ChatOpenAI` → `openai`), else `undefined`.
 * @param className - the integration's class name, e.g. `OpenAIEmbeddings`
 */
export function providerFromClassName(className: string | undefined): string | undefined {
  if (!className) return undefined;
  for (const [pattern, provider] of CLASS_PROVIDERS) if (pattern.test(className)) return provider;
  return undefined;
}
