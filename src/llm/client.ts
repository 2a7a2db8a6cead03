import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { z } from 'zod';
import { cacheDir } from '../util/cache-dir.js';
import { llmConfigSchema, parseLlmConfig, type LlmConfig } from './config.js';
import { costMicros, micros, priceOf, PRICE_TABLE_DATE, usd, type Price } from './prices.js';
import { redact, scrub } from './redact.js';
import { ResponseCache } from './response-cache.js';
import { Cooldowns, Ledger, stateDir, withLock, type SettleRecord } from './state.js';
import { countPromptTokens, type ChatMessage } from './tokens.js';

export type { ChatMessage } from './tokens.js';

export interface LlmClientOptions {
  /** The `llm` configuration section (validated here). */
  config?: unknown;
  env?: NodeJS.ProcessEnv;
  /** Ledger and cooldowns. @default DIFFWARDEN_STATE_DIR or the XDG state directory */
  stateDir?: string;
  /** Response cache. @default <cache dir>/llm */
  cacheDir?: string;
  /** Budget warnings, lowered output caps, skipped models: for the user, already free of keys. */
  onNotice?: (message: string) => void;
}

export interface CompleteRequest<T> {
  /** What the call is for (review, summary, triage): picks a route and labels the ledger. */
  task: string;
  messages: ChatMessage[];
  /** Validate a JSON reply; one budget-checked repair attempt follows an invalid one. */
  schema?: z.ZodType<T>;
  maxOutputTokens?: number;
  stream?: boolean;
  /** Version of the prompt template, part of the cache key. */
  templateVersion?: string;
}

interface Spend {
  costUsd: number;
  requests: number;
  cacheHits: number;
  redactions: number;
}

export type LlmResult<T> =
  | ({ ok: true; content: string; data: T | undefined; model: string; cached: boolean; promptTokens: number; completionTokens: number } & Spend)
  | ({ ok: false; reason: 'no-key' | 'budget' | 'unpriced' | 'error' | 'malformed'; message: string } & Spend);

export interface Estimate {
  model: string;
  promptTokens: number;
  exactTokens: boolean;
  maxOutputTokens: number;
  worstCaseUsd: number | undefined;
}

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);
const MAX_ATTEMPTS = 4;
const COOLDOWN_MS = 60_000;
const MIN_OUTPUT_TOKENS = 64;
const RESERVATION_TTL_MS = 10 * 60_000;

interface Failure {
  retry: boolean;
  /** Stop trying other models too (bad key, no quota). */
  fatal: boolean;
  status: string;
  message: string;
  retryAfterMs?: number;
}

function retryAfter(headers: Headers | Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const get = (name: string): string | null | undefined => (headers instanceof Headers ? headers.get(name) : headers[name]);
  const ms = get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const value = get('retry-after');
  if (!value) return undefined;
  if (Number.isFinite(Number(value))) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Parses JSON from a reply, tolerating a Markdown fence around it (a frequent model habit). */
export function parseJsonReply(content: string): unknown {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(content);
  return JSON.parse(fenced ? fenced[1]! : content);
}

/**
 * The one LLM client of diffwarden: cost known before a call and recorded after it, budgets that hold
 * across processes, retries in one loop, fallbacks with shared cooldowns, a response cache, and
 * prompts redacted before they leave the machine. It never throws for an LLM failure: results say
 * what happened, so callers keep their static result.
 */
export function createLlmClient(options: LlmClientOptions = {}) {
  const config: LlmConfig = options.config && typeof options.config === 'object' && 'model' in options.config && 'budget' in options.config ? llmConfigSchema.parse(options.config) : parseLlmConfig(options.config);
  const env = options.env ?? process.env;
  const apiKey = env[config.apiKeyEnv] ?? '';
  const baseURL = config.baseURL ?? env.OPENAI_BASE_URL;
  const dir = options.stateDir ?? stateDir(env);
  const ledger = new Ledger(dir);
  const cooldowns = new Cooldowns(dir);
  const cache = new ResponseCache(options.cacheDir ?? join(cacheDir(env), 'llm'));
  const runId = randomUUID();
  const notices = new Set<string>();
  const notice = (message: string): void => {
    const clean = scrub(message, [apiKey]);
    if (notices.has(clean)) return;
    notices.add(clean);
    options.onNotice?.(clean);
  };
  const provider = (() => {
    if (!baseURL) return 'openai';
    try {
      return new URL(baseURL).host;
    } catch {
      return 'custom';
    }
  })();
  const budgetSet = config.budget.perRunUsd !== undefined || config.budget.dailyUsd !== undefined || config.budget.monthlyUsd !== undefined;
  const spent = { runMicros: 0, heldMicros: 0, requests: 0, cacheHits: 0, redactions: 0 };
  const started = Date.now();
  let sdk: Promise<typeof import('openai')> | undefined;
  let api: import('openai').OpenAI | undefined;

  const totals = (): Spend => ({ costUsd: usd(spent.runMicros), requests: spent.requests, cacheHits: spent.cacheHits, redactions: spent.redactions });

  async function openai(): Promise<import('openai').OpenAI> {
    sdk ??= import('openai');
    const { OpenAI } = await sdk;
    // Retries live in this client's loop only (maxRetries 0), as LiteLLM's router does.
    api ??= new OpenAI({ apiKey, ...(baseURL ? { baseURL } : {}), maxRetries: 0, timeout: config.timeoutMs });
    return api;
  }

  /** Remaining money under every budget, in micro-USD (Infinity when none is set). */
  function remaining(now: Date): number {
    let left = Infinity;
    const b = config.budget;
    if (b.perRunUsd !== undefined) left = Math.min(left, micros(b.perRunUsd) - spent.runMicros - spent.heldMicros);
    if (b.dailyUsd === undefined && b.monthlyUsd === undefined) return left;
    const committed = ledger.committed(now);
    if (b.dailyUsd !== undefined) left = Math.min(left, micros(b.dailyUsd) - committed.day);
    if (b.monthlyUsd !== undefined) left = Math.min(left, micros(b.monthlyUsd) - committed.month);
    return left;
  }

  /** Atomically checks the budgets and records a reservation; false when it no longer fits (another process spent it). */
  async function reserve(id: string, task: string, model: string, amount: number): Promise<boolean> {
    return withLock(dir, () => {
      const now = new Date();
      if (amount > remaining(now)) return false;
      ledger.append({ kind: 'reserve', id, time: now.toISOString(), run: runId, task, model, amountMicros: amount, expiresAt: new Date(now.getTime() + RESERVATION_TTL_MS).toISOString() });
      spent.heldMicros += amount;
      return true;
    });
  }

  async function settle(record: Omit<SettleRecord, 'kind' | 'time' | 'run' | 'provider' | 'priceTable'>, held: number): Promise<void> {
    await withLock(dir, () => ledger.append({ kind: 'settle', time: new Date().toISOString(), run: runId, provider, priceTable: PRICE_TABLE_DATE, ...record }));
    spent.heldMicros -= held;
    spent.runMicros += record.costMicros;
    const b = config.budget;
    if (!b.dailyUsd && !b.monthlyUsd) return;
    const committed = ledger.committed(new Date());
    for (const [name, limit, micro] of [
      ['daily', b.dailyUsd, committed.day],
      ['monthly', b.monthlyUsd, committed.month],
    ] as const) {
      if (!limit) continue;
      const used = usd(micro) / limit;
      if (used >= b.alertAt) notice(`LLM ${name} budget ${Math.round(used * 100)}% used ($${usd(micro).toFixed(4)} of $${limit}).`);
    }
  }

  function classify(error: unknown): Failure {
    const e = error as { status?: number; code?: string; message?: string; headers?: Headers | Record<string, string>; name?: string; error?: { code?: string; type?: string } };
    const message = scrub(e?.message ?? String(error), [apiKey]);
    if (typeof e?.status === 'number') {
      const quota = e.code === 'insufficient_quota' || e.error?.code === 'insufficient_quota' || e.error?.type === 'insufficient_quota';
      if (quota) return { retry: false, fatal: true, status: 'insufficient_quota', message: `the account has no quota left (${message})` };
      if (e.status === 401 || e.status === 403) return { retry: false, fatal: true, status: String(e.status), message: `the API rejected the key (HTTP ${e.status}); check ${config.apiKeyEnv}` };
      const after = retryAfter(e.headers);
      return { retry: RETRYABLE.has(e.status), fatal: false, status: String(e.status), message: `HTTP ${e.status}: ${message}`, ...(after !== undefined ? { retryAfterMs: after } : {}) };
    }
    // Connection refused, reset, DNS, timeouts: worth retrying.
    return { retry: true, fatal: false, status: /timed? ?out/i.test(message) || e?.name?.includes('Timeout') ? 'timeout' : 'connection', message };
  }

  async function callOnce(model: string, messages: ChatMessage[], maxTokens: number, stream: boolean): Promise<{ content: string; promptTokens: number; cachedTokens: number; completionTokens: number; usageSeen: boolean; providerCost?: number }> {
    const client = await openai();
    const body = { model, messages, max_tokens: maxTokens, ...(stream ? { stream: true as const, stream_options: { include_usage: true } } : {}) };
    if (stream) {
      const { data, response } = await client.chat.completions.create({ ...body, stream: true }).withResponse();
      let content = '';
      let usage: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number }; cost?: number } | undefined;
      for await (const chunk of data) {
        content += chunk.choices[0]?.delta?.content ?? '';
        if (chunk.usage) usage = chunk.usage as typeof usage;
      }
      const header = Number(response.headers.get('x-litellm-response-cost'));
      const providerCost = typeof usage?.cost === 'number' ? usage.cost : Number.isFinite(header) && response.headers.has('x-litellm-response-cost') ? header : undefined;
      return {
        content,
        promptTokens: usage?.prompt_tokens ?? 0,
        cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
        completionTokens: usage?.completion_tokens ?? 0,
        usageSeen: usage !== undefined,
        ...(providerCost !== undefined ? { providerCost } : {}),
      };
    }
    const { data, response } = await client.chat.completions.create({ ...body, stream: false }).withResponse();
    const usage = data.usage as (typeof data.usage & { cost?: number }) | undefined;
    const header = Number(response.headers.get('x-litellm-response-cost'));
    const providerCost = typeof usage?.cost === 'number' ? usage.cost : Number.isFinite(header) && response.headers.has('x-litellm-response-cost') ? header : undefined;
    return {
      content: data.choices[0]?.message?.content ?? '',
      promptTokens: usage?.prompt_tokens ?? 0,
      cachedTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
      completionTokens: usage?.completion_tokens ?? 0,
      usageSeen: usage !== undefined,
      ...(providerCost !== undefined ? { providerCost } : {}),
    };
  }

  /** The model chain for a task: its route (or the default model), then the fallbacks. */
  function chain(task: string): string[] {
    return [...new Set([config.routes[task] ?? config.model, ...config.fallbackModels])];
  }

  function estimate(task: string, messages: ChatMessage[], maxOutputTokens?: number): Estimate {
    const model = chain(task)[0]!;
    const { tokens, exact } = countPromptTokens(model, messages);
    const out = maxOutputTokens ?? config.maxOutputTokens;
    const price = priceOf(model, config.prices);
    return { model, promptTokens: tokens, exactTokens: exact, maxOutputTokens: out, worstCaseUsd: price ? usd(costMicros(price, tokens, 0, out)) : undefined };
  }

  type Attempt = { ok: true; content: string; model: string; promptTokens: number; completionTokens: number } | { ok: false; reason: 'budget' | 'unpriced' | 'error'; message: string };

  /** Tries the chain of models with budget checks, retries, backoff and cooldowns. */
  async function attempt(task: string, messages: ChatMessage[], requested: number, stream: boolean): Promise<Attempt> {
    const deadline = started + config.deadlineMs;
    let last: Attempt = { ok: false, reason: 'error', message: 'no model to try' };
    for (const model of chain(task)) {
      const cooling = cooldowns.coolingUntil(model, Date.now());
      if (cooling) {
        notice(`Skipping ${model}: it failed repeatedly and cools down until ${new Date(cooling).toISOString()}.`);
        last = { ok: false, reason: 'error', message: `${model} is cooling down after repeated failures` };
        continue;
      }
      const price: Price | undefined = priceOf(model, config.prices);
      if (!price && budgetSet) {
        last = { ok: false, reason: 'unpriced', message: `no price is known for model "${model}" and a budget is set; add it under llm.prices (USD per 1M tokens: input, output)` };
        notice(`${last.message}.`);
        continue;
      }
      const { tokens } = countPromptTokens(model, messages);
      let maxTokens = requested;
      if (price) {
        const left = remaining(new Date());
        const worst = costMicros(price, tokens, 0, maxTokens);
        if (worst > left) {
          const affordable = Math.floor((left - costMicros(price, tokens, 0, 0)) / Math.max(price.output, 1e-9));
          if (affordable >= MIN_OUTPUT_TOKENS) {
            notice(`Budget: lowering the output cap for ${model} from ${maxTokens} to ${affordable} tokens.`);
            maxTokens = affordable;
          } else {
            last = { ok: false, reason: 'budget', message: `the remaining budget ($${usd(Math.max(left, 0)).toFixed(6)}) cannot pay the worst case of ${model} ($${usd(worst).toFixed(6)})` };
            continue;
          }
        }
      }
      for (let n = 0; n < MAX_ATTEMPTS; n++) {
        const id = randomUUID();
        const held = price ? costMicros(price, tokens, 0, maxTokens) : 0;
        if (!(await reserve(id, task, model, held))) {
          last = { ok: false, reason: 'budget', message: 'the budget was used up by another run' };
          break;
        }
        const t0 = Date.now();
        try {
          const r = await callOnce(model, messages, maxTokens, stream);
          // A stream that never reported usage is charged its reservation: never $0.
          const cost = !r.usageSeen ? held : price ? costMicros(price, r.promptTokens, r.cachedTokens, r.completionTokens) : 0;
          await settle(
            {
              id,
              task,
              model,
              promptTokens: r.promptTokens,
              cachedTokens: r.cachedTokens,
              completionTokens: r.completionTokens,
              costMicros: cost,
              ...(r.providerCost !== undefined ? { providerCostMicros: micros(r.providerCost) } : {}),
              latencyMs: Date.now() - t0,
              outcome: r.usageSeen ? 'ok' : 'no-usage',
            },
            held,
          );
          spent.requests++;
          if (!r.usageSeen) notice(`${model} did not report token usage; charged the reserved worst case ($${usd(held).toFixed(6)}).`);
          return { ok: true, content: r.content, model, promptTokens: r.promptTokens, completionTokens: r.completionTokens };
        } catch (error) {
          const failure = classify(error);
          await settle({ id, task, model, promptTokens: 0, cachedTokens: 0, completionTokens: 0, costMicros: 0, latencyMs: Date.now() - t0, outcome: `error:${failure.status}` }, held);
          spent.requests++;
          last = { ok: false, reason: 'error', message: `${model}: ${failure.message}` };
          if (failure.fatal) return last;
          if (!failure.retry) break;
          if (n === MAX_ATTEMPTS - 1) {
            await cooldowns.coolDown(model, Date.now() + COOLDOWN_MS);
            break;
          }
          const backoff = Math.min(8000, 500 * 2 ** n) * (0.5 + Math.random() / 2);
          const wait = failure.retryAfterMs ?? backoff;
          if (Date.now() + wait > deadline) {
            last = { ok: false, reason: 'error', message: `${model}: ${failure.message} (the run deadline leaves no time to retry)` };
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
      }
    }
    return last;
  }

  async function complete<T>(request: CompleteRequest<T>): Promise<LlmResult<T>> {
    let redactions = 0;
    const messages = request.messages.map((m) => {
      const r = redact(m.content, apiKey ? [apiKey] : []);
      redactions += r.count;
      return { role: m.role, content: r.text };
    });
    spent.redactions += redactions;
    if (request.schema) {
      const { z } = await import('zod');
      const schema = JSON.stringify(z.toJSONSchema(request.schema as z.ZodType));
      messages.unshift({ role: 'system', content: `Reply with JSON only (no prose, no Markdown) that matches this JSON Schema:\n${schema}` });
    }
    const maxTokens = request.maxOutputTokens ?? config.maxOutputTokens;
    const primary = chain(request.task)[0]!;
    const key = ResponseCache.key({ model: primary, messages, maxTokens, template: request.templateVersion ?? '', schema: request.schema ? messages[0]!.content : '' });

    const validate = (content: string): { data?: T; error?: string } => {
      if (!request.schema) return {};
      try {
        const parsed = request.schema.safeParse(parseJsonReply(content));
        return parsed.success ? { data: parsed.data } : { error: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).slice(0, 3).join('; ') };
      } catch (error) {
        return { error: `not JSON (${(error as Error).message})` };
      }
    };

    if (config.cache) {
      const hit = cache.get(key);
      if (hit && !validate(hit.content).error) {
        spent.cacheHits++;
        await withLock(dir, () =>
          ledger.append({ kind: 'settle', id: randomUUID(), time: new Date().toISOString(), run: runId, task: request.task, provider, model: hit.model, promptTokens: hit.promptTokens, cachedTokens: 0, completionTokens: hit.completionTokens, costMicros: 0, latencyMs: 0, outcome: 'cache-hit', priceTable: PRICE_TABLE_DATE }),
        );
        return { ok: true, content: hit.content, data: validate(hit.content).data, model: hit.model, cached: true, promptTokens: hit.promptTokens, completionTokens: hit.completionTokens, ...totals() };
      }
    }
    if (!apiKey) return { ok: false, reason: 'no-key', message: `no API key: set ${config.apiKeyEnv} (the variable is named by llm.apiKeyEnv)`, ...totals() };

    let result = await attempt(request.task, messages, maxTokens, request.stream === true);
    if (!result.ok) return { ...result, ...totals() };
    let checked = validate(result.content);
    if (checked.error) {
      // One repair attempt, budget-checked like any call.
      const repair: ChatMessage[] = [...messages, { role: 'assistant', content: result.content.slice(0, 4000) }, { role: 'user', content: `That reply is not valid: ${checked.error}. Reply again with only the corrected JSON.` }];
      const second = await attempt(request.task, repair, maxTokens, request.stream === true);
      if (!second.ok) return { ...second, ...totals() };
      result = second;
      checked = validate(result.content);
      if (checked.error) return { ok: false, reason: 'malformed', message: `${result.model} replied with invalid output twice: ${checked.error}`, ...totals() };
    }
    if (config.cache) cache.set(key, { model: result.model, content: result.content, promptTokens: result.promptTokens, completionTokens: result.completionTokens });
    return { ok: true, content: result.content, data: checked.data, model: result.model, cached: false, promptTokens: result.promptTokens, completionTokens: result.completionTokens, ...totals() };
  }

  return {
    config,
    complete,
    estimate,
    /** What this client has spent and done so far. */
    spent: totals,
    models: chain,
  };
}

export type LlmClient = ReturnType<typeof createLlmClient>;
