import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { didYouMean } from '../util/nearest.js';

const price = z.strictObject({ input: z.number().nonnegative(), cachedInput: z.number().nonnegative().optional(), output: z.number().nonnegative() });
const money = z.number().nonnegative();

export const llmConfigSchema = z.strictObject({
  baseURL: z.string().url().optional(),
  /** Name of the environment variable holding the key. @default 'OPENAI_API_KEY' */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('OPENAI_API_KEY'),
  model: z.string().min(1).default('gpt-4o-mini'),
  fallbackModels: z.array(z.string().min(1)).default([]),
  maxOutputTokens: z.number().int().positive().default(1024),
  /** One attempt: connect, headers and the whole body or stream. @default 30000 */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Everything one run (one client) may spend waiting: every attempt, body and stream read, retry and fallback. @default 120000 */
  deadlineMs: z.number().int().positive().default(120_000),
  /** Task name -> model, e.g. { "triage": "gpt-4.1-nano" }. */
  routes: z.record(z.string(), z.string().min(1)).default({}),
  /** Model -> USD per 1M tokens, for models the built-in table lacks or prices differently. */
  prices: z.record(z.string(), price).default({}),
  budget: z
    .strictObject({
      perRunUsd: money.optional(),
      dailyUsd: money.optional(),
      monthlyUsd: money.optional(),
      /** Warn when a daily or monthly budget is this much used. @default 0.8 */
      alertAt: z.number().min(0).max(1).default(0.8),
    })
    .default({ alertAt: 0.8 }),
  /** Reuse responses for identical requests. @default true */
  cache: z.boolean().default(true),
  /** LLM review after the static pass (`check --review`). @default false */
  review: z.boolean().default(false),
  /** Let LLM findings raise the decision to block. @default false */
  canBlock: z.boolean().default(false),
});

export type LlmConfig = z.infer<typeof llmConfigSchema>;

/** Validates the `llm` section; errors name the key and value like the rest of the configuration. */
export function parseLlmConfig(raw: unknown, file = 'configuration'): LlmConfig {
  const result = llmConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = ['llm', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = issue.path.length === 0 ? Object.keys(llmConfigSchema.shape) : issue.path[0] === 'budget' ? ['perRunUsd', 'dailyUsd', 'monthlyUsd', 'alertAt'] : [];
    const names = issue.keys.map((k) => `"${key}.${k}"${didYouMean(k, known)}`).join(', ');
    throw new ConfigError(`${file}: unknown key ${names}.${known.length ? ` Known keys: ${known.join(', ')}.` : ''}`, file, `${key}.${issue.keys[0]}`);
  }
  throw new ConfigError(`${file}: ${key}: ${issue.message}.`, file, key);
}
