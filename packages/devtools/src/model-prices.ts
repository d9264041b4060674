/**
 * A small bundled table of list prices, used only when an event carries neither its own cost
 * nor custom prices. Approximate by nature: providers change prices, tiers (long context,
 * batch, regional) are ignored, and PostHog itself matches against OpenRouter's live data.
 * Every estimate made from it is labelled approximate in the viewer and the terminal.
 */

/** USD per one million tokens for one model family. */
export interface ModelPriceEntry {
  /** USD per 1M non-cached input tokens. */
  input: number;
  /** USD per 1M output tokens (reasoning included). */
  output: number;
  /** USD per 1M input tokens read from the prompt cache. */
  cacheRead?: number;
  /** USD per 1M input tokens written to the prompt cache. */
  cacheWrite?: number;
}

/** The date the bundled prices were last checked against the providers' public price pages. */
export const MODEL_PRICES_DATE = '2025-11-01';

// Keys are matched as prefixes at a `-` / `@` / `:` boundary, longest first, so a dated or
// suffixed id (`gpt-4o-mini-2024-07-18`, `claude-sonnet-4-5@20250929`) finds its family.
const anthropic = (input: number, output: number): ModelPriceEntry => ({
  input,
  output,
  cacheRead: input * 0.1,
  cacheWrite: input * 1.25,
});

/** The bundled list prices by model id prefix (OpenAI, Anthropic, Google, Mistral). */
export const MODEL_PRICES: Readonly<Record<string, ModelPriceEntry>> = {
  // OpenAI
  'gpt-5': { input: 1.25, output: 10, cacheRead: 0.125 },
  'gpt-5-mini': { input: 0.25, output: 2, cacheRead: 0.025 },
  'gpt-5-nano': { input: 0.05, output: 0.4, cacheRead: 0.005 },
  'gpt-4.1': { input: 2, output: 8, cacheRead: 0.5 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6, cacheRead: 0.1 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4, cacheRead: 0.025 },
  'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25 },
  'gpt-4o-mini': { input: 0.15, output: 0.6, cacheRead: 0.075 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-4': { input: 30, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60, cacheRead: 7.5 },
  'o1-mini': { input: 1.1, output: 4.4, cacheRead: 0.55 },
  o3: { input: 2, output: 8, cacheRead: 0.5 },
  'o3-mini': { input: 1.1, output: 4.4, cacheRead: 0.55 },
  'o4-mini': { input: 1.1, output: 4.4, cacheRead: 0.275 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
  // Anthropic: cache reads at 0.1×, 5-minute cache writes at 1.25× the input price
  'claude-opus-4-5': anthropic(5, 25),
  'claude-opus-4-1': anthropic(15, 75),
  'claude-opus-4': anthropic(15, 75),
  'claude-sonnet-4-5': anthropic(3, 15),
  'claude-sonnet-4': anthropic(3, 15),
  'claude-haiku-4-5': anthropic(1, 5),
  'claude-3-7-sonnet': anthropic(3, 15),
  'claude-3-5-sonnet': anthropic(3, 15),
  'claude-3-5-haiku': anthropic(0.8, 4),
  'claude-3-opus': anthropic(15, 75),
  'claude-3-haiku': anthropic(0.25, 1.25),
  // Google (prompts up to 200k tokens)
  'gemini-2.5-pro': { input: 1.25, output: 10, cacheRead: 0.31 },
  'gemini-2.5-flash': { input: 0.3, output: 2.5, cacheRead: 0.075 },
  'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cacheRead: 0.025 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4, cacheRead: 0.025 },
  'gemini-2.0-flash-lite': { input: 0.075, output: 0.3 },
  'gemini-1.5-pro': { input: 1.25, output: 5 },
  'gemini-1.5-flash': { input: 0.075, output: 0.3 },
  'gemini-embedding-001': { input: 0.15, output: 0 },
  // Mistral
  'mistral-large': { input: 2, output: 6 },
  'mistral-medium': { input: 0.4, output: 2 },
  'mistral-small': { input: 0.1, output: 0.3 },
  codestral: { input: 0.3, output: 0.9 },
  'open-mistral-nemo': { input: 0.15, output: 0.15 },
  'ministral-8b': { input: 0.1, output: 0.1 },
  'ministral-3b': { input: 0.04, output: 0.04 },
  'mistral-embed': { input: 0.1, output: 0 },
};

const KEYS_LONGEST_FIRST = Object.keys(MODEL_PRICES).sort((a, b) => b.length - a.length);

/**
 * Reduce a model id as providers and gateways spell it to the bare name: lower case, without
 * a `provider/` or `models/` path (`openai/gpt-4o`) or a Bedrock vendor prefix
 * (`anthropic.claude-3-5-sonnet-20240620-v1:0`).
 */
function bareModelId(model: string): string {
  let id = model.trim().toLowerCase();
  const slash = id.lastIndexOf('/');
  if (slash >= 0) id = id.slice(slash + 1);
  const vendor = /^(?:[a-z]{2}\.)?(?:anthropic|openai|google|mistral|meta|amazon)\./.exec(id);
  if (vendor) id = id.slice(vendor[0].length);
  return id;
}

/** A bundled price for this model id, with the table key it matched, if any. */
export function lookupModelPrice(
  model: string | undefined,
): { key: string; price: ModelPriceEntry } | undefined {
  if (!model) return undefined;
  const id = bareModelId(model);
  for (const key of KEYS_LONGEST_FIRST) {
    if (id === key) return { key, price: MODEL_PRICES[key]! };
    if (id.startsWith(key)) {
      const next = id.charAt(key.length);
      if (next === '-' || next === '@' || next === ':' || next === '.') {
        // `gpt-4` must not claim `gpt-4.1`: a dot followed by a digit is a different version.
        if (next === '.' && /\d/.test(id.charAt(key.length + 1))) continue;
        return { key, price: MODEL_PRICES[key]! };
      }
    }
  }
  return undefined;
}
