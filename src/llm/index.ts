/** diffwarden's shared LLM client: `import { createLlmClient } from 'diffwarden/llm'`. */
export { createLlmClient, parseJsonReply, type LlmClient, type LlmClientOptions, type CompleteRequest, type LlmResult, type Estimate, type ChatMessage } from './client.js';
export { parseLlmConfig, llmConfigSchema, type LlmConfig } from './config.js';
export { PRICES, PRICE_TABLE_DATE, priceOf, costMicros, type Price } from './prices.js';
export { redact } from './redact.js';
export { Ledger, stateDir, type LedgerRecord, type SettleRecord, type ReserveRecord } from './state.js';
export { countPromptTokens, CHARS_PER_TOKEN_FALLBACK } from './tokens.js';
