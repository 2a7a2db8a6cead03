/**
 * Prices in USD per 1M tokens, pinned so that a cost never depends on a network look-up.
 * Sources: the providers' price pages and LiteLLM's model_prices_and_context_window.json (snapshot
 * with entries to 2026-04), see shared/research/llm-cost-client.md. Override with `llm.prices`.
 */
export const PRICE_TABLE_DATE = '2026-04-30';

export interface Price {
  input: number;
  /** Cached (read) input tokens; defaults to `input` when the provider gives no discount. */
  cachedInput?: number;
  output: number;
}

export const PRICES: Record<string, Price> = {
  // OpenAI
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
  o3: { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  // Anthropic (cache reads; cache writes are not modelled)
  'claude-haiku-4-5': { input: 1, cachedInput: 0.1, output: 5 },
  'claude-sonnet-4-5': { input: 3, cachedInput: 0.3, output: 15 },
  'claude-sonnet-4': { input: 3, cachedInput: 0.3, output: 15 },
  'claude-opus-4-1': { input: 15, cachedInput: 1.5, output: 75 },
  'claude-3-5-haiku': { input: 0.8, cachedInput: 0.08, output: 4 },
  // Google
  'gemini-2.0-flash': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gemini-2.5-flash': { input: 0.3, cachedInput: 0.075, output: 2.5 },
  'gemini-2.5-flash-lite': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gemini-2.5-pro': { input: 1.25, cachedInput: 0.31, output: 10 },
};

/**
 * Finds a price: exact id, then without an OpenRouter-style `provider/` prefix, then without a
 * date suffix (`-2024-07-18`, `-20241022`), with `.` read as `-` (`claude-haiku-4.5`). No partial
 * matches: a wrong price is worse than none.
 */
export function priceOf(model: string, overrides: Record<string, Price> = {}): Price | undefined {
  const candidates = [model];
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  candidates.push(bare, bare.replace(/\./g, '-'));
  for (const c of [...candidates]) candidates.push(c.replace(/-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, ''));
  for (const c of candidates) {
    const price = overrides[c] ?? PRICES[c];
    if (price) return price;
  }
  return undefined;
}

/** Cost in integer micro-USD. `promptTokens` includes `cachedTokens` (OpenAI's convention). */
export function costMicros(price: Price, promptTokens: number, cachedTokens: number, completionTokens: number): number {
  const fresh = Math.max(0, promptTokens - cachedTokens);
  return Math.round(fresh * price.input + cachedTokens * (price.cachedInput ?? price.input) + completionTokens * price.output);
}

export const usd = (micros: number): number => micros / 1_000_000;
export const micros = (dollars: number): number => Math.round(dollars * 1_000_000);
