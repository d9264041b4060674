/** Custom USD prices per token for one model. */
export interface ModelPrice {
  /** USD per input token. */
  input: number;
  /** USD per output token. */
  output: number;
  /** USD per cache-read input token. */
  cacheRead?: number;
  /** USD per cache-write input token. */
  cacheWrite?: number;
}

/** Custom prices by model id (matched exactly, then case-insensitively), or a lookup function. */
export type Pricing =
  | Readonly<Record<string, ModelPrice>>
  | ((model: string, provider: string | undefined) => ModelPrice | undefined);

/** The custom price for a model, if the user configured one. */
export function priceFor(
  pricing: Pricing | undefined,
  model: string | undefined,
  provider: string | undefined,
): ModelPrice | undefined {
  if (!pricing || !model) return undefined;
  if (typeof pricing === 'function') return pricing(model, provider);
  const exact = pricing[model];
  if (exact) return exact;
  const lower = model.toLowerCase();
  for (const key of Object.keys(pricing)) if (key.toLowerCase() === lower) return pricing[key];
  return undefined;
}
