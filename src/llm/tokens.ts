import { loadTokenCounter } from '../util/optional-modules.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Characters per token assumed for models without a local tokenizer: 3 where ~4 is typical, a ~33% margin. */
export const CHARS_PER_TOKEN_FALLBACK = 3;

function encodingFor(model: string): 'o200k_base' | 'cl100k_base' | undefined {
  const bare = model.slice(model.lastIndexOf('/') + 1);
  if (/^(?:gpt-4o|gpt-4\.1|gpt-5|o1|o3|o4|chatgpt-4o)/.test(bare)) return 'o200k_base';
  if (/^(?:gpt-4|gpt-3\.5)/.test(bare)) return 'cl100k_base';
  return undefined;
}

/**
 * Prompt tokens for a chat request: OpenAI's tokenizer (gpt-tokenizer, loaded only here) for
 * OpenAI models, plus 4 tokens of framing per message and 3 to prime the reply; for other models
 * a character estimate with the margin above (also when gpt-tokenizer is not installed).
 */
export function countPromptTokens(model: string, messages: readonly ChatMessage[]): { tokens: number; exact: boolean } {
  const encoding = encodingFor(model);
  const countTokens = encoding ? loadTokenCounter(encoding) : undefined;
  if (countTokens) {
    return { tokens: messages.reduce((n, m) => n + countTokens(m.content) + 4, 3), exact: true };
  }
  const chars = messages.reduce((n, m) => n + m.content.length + 16, 0);
  return { tokens: Math.ceil(chars / CHARS_PER_TOKEN_FALLBACK), exact: false };
}
