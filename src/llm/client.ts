import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { z } from 'zod';
import { cacheDir } from '../util/cache-dir.js';
import { llmConfigSchema, parseLlmConfig, type LlmConfig } from './config.js';
import { Accounts } from './accounts.js';
import { callOnce, neverSent, type Reply } from './call.js';
import { classify, type Failure } from './failure.js';
import { costMicros, priceOf, usd, type Price } from './prices.js';
import { redact, scrub } from './redact.js';
import { ResponseCache } from './response-cache.js';
import { Cooldowns, LOCK_WAIT_MS, stateDir } from './state.js';
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
  | ({ ok: false; reason: 'no-key' | 'budget' | 'unpriced' | 'error' | 'malformed' | 'deadline'; message: string } & Spend);

export interface Estimate {
  model: string;
  promptTokens: number;
  exactTokens: boolean;
  maxOutputTokens: number;
  worstCaseUsd: number | undefined;
}

const MAX_ATTEMPTS = 4;
const COOLDOWN_MS = 60_000;
const MIN_OUTPUT_TOKENS = 64;
/** A reservation outlives its run's deadline by this much before another process settles it as abandoned. */
const RESERVATION_GRACE_MS = 2 * LOCK_WAIT_MS + 60_000;

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
  const cooldowns = new Cooldowns(dir);
  const cache = new ResponseCache(options.cacheDir ?? join(cacheDir(env), 'llm'));
  const runId = randomUUID();
  const notices = new Set<string>();
  const listeners = new Set<(message: string) => void>();
  const notice = (message: string): void => {
    const clean = scrub(message, [apiKey]);
    if (notices.has(clean)) return;
    notices.add(clean);
    options.onNotice?.(clean);
    for (const listen of listeners) listen(clean);
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
  const accounts = new Accounts({ dir, budget: config.budget, runId, provider, notice });
  const spent = { requests: 0, cacheHits: 0, redactions: 0 };
  // One deadline for the whole run (every call, retry, fallback and repair), started by the first call.
  let run: { signal: AbortSignal; at: number } | undefined;
  const deadline = () => (run ??= { signal: AbortSignal.timeout(config.deadlineMs), at: Date.now() + config.deadlineMs });
  let sdk: Promise<typeof import('openai')> | undefined;
  let api: import('openai').OpenAI | undefined;

  const totals = (): Spend => ({ costUsd: usd(accounts.spent.runMicros), requests: spent.requests, cacheHits: spent.cacheHits, redactions: spent.redactions });

  async function openai(): Promise<import('openai').OpenAI> {
    sdk ??= import('openai').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      throw new Error('the LLM client needs the `openai` package, which a plain install leaves out: run `npm install --save-dev openai` (and `gpt-tokenizer` for exact token counts) in this project.');
    });
    const { OpenAI } = await sdk;
    // Retries live in this client's loop only (maxRetries 0), as LiteLLM's router does.
    api ??= new OpenAI({ apiKey, ...(baseURL ? { baseURL } : {}), maxRetries: 0, timeout: config.timeoutMs });
    return api;
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

  type Attempt = { ok: true; content: string; model: string; promptTokens: number; completionTokens: number } | { ok: false; reason: 'budget' | 'unpriced' | 'error' | 'deadline'; message: string };

  const expired = (model: string): { ok: false; reason: 'deadline'; message: string } => ({ ok: false, reason: 'deadline', message: `${model}: no complete reply within the LLM deadline (llm.deadlineMs = ${config.deadlineMs} ms)` });

  /** The model's output cap under the remaining budget, or a refusal. */
  function capFor(model: string, price: Price | undefined, tokens: number, requested: number): number | Attempt {
    if (!price) return requested;
    const left = accounts.remaining(new Date());
    const worst = costMicros(price, tokens, 0, requested);
    if (worst <= left) return requested;
    const affordable = Math.floor((left - costMicros(price, tokens, 0, 0)) / Math.max(price.output, 1e-9));
    if (affordable < MIN_OUTPUT_TOKENS) return { ok: false, reason: 'budget', message: `the remaining budget ($${usd(Math.max(left, 0)).toFixed(6)}) cannot pay the worst case of ${model} ($${usd(worst).toFixed(6)})` };
    notice(`Budget: lowering the output cap for ${model} from ${requested} to ${affordable} tokens.`);
    return affordable;
  }

  /**
   * What a reply costs: its reported usage priced, but never more than the reservation (the worst case
   * the request allows), and the reservation itself when usage is missing or implausible.
   */
  function charge(model: string, price: Price | undefined, r: Reply, maxTokens: number, held: number): { cost: number; outcome: string; completionTokens: number } {
    if (!r.usage) {
      notice(r.usageProblem ? `${model} reported implausible token usage (${r.usageProblem}); charged the reserved worst case ($${usd(held).toFixed(6)}).` : `${model} did not report token usage; charged the reserved worst case ($${usd(held).toFixed(6)}).`);
      return { cost: held, outcome: r.usageProblem ? 'bad-usage' : 'no-usage', completionTokens: 0 };
    }
    const completionTokens = Math.min(r.usage.completionTokens, maxTokens);
    const computed = price ? costMicros(price, r.usage.promptTokens, r.usage.cachedTokens, r.usage.completionTokens) : 0;
    if (computed <= held && completionTokens === r.usage.completionTokens) return { cost: computed, outcome: 'ok', completionTokens };
    notice(`${model} reported more usage than the request allows; charged the reserved worst case ($${usd(held).toFixed(6)}).`);
    return { cost: Math.min(computed, held), outcome: 'usage-clamped', completionTokens };
  }

  /** One reserved request; a failure says whether to retry, and is settled: charged when the server may have billed. */
  async function tryOnce(task: string, model: string, price: Price | undefined, messages: ChatMessage[], tokens: number, maxTokens: number, stream: boolean): Promise<Attempt | Failure> {
    const api = await openai();
    const id = randomUUID();
    const held = price ? costMicros(price, tokens, 0, maxTokens) : 0;
    const { at } = deadline();
    const reservedAt = await accounts.reserve(id, task, model, held, at, at + RESERVATION_GRACE_MS);
    if (reservedAt === undefined) return expired(model);
    if (reservedAt === false) return { ok: false, reason: 'budget', message: 'the budget was used up by another run' };
    const t0 = Date.now();
    const signal = AbortSignal.any([deadline().signal, AbortSignal.timeout(config.timeoutMs)]);
    try {
      const r = await callOnce(api, model, messages, maxTokens, stream, signal);
      const { cost, outcome, completionTokens } = charge(model, price, r, maxTokens, held);
      const usage = r.usage ?? { promptTokens: 0, cachedTokens: 0 };
      await accounts.settle({ id, task, model, promptTokens: usage.promptTokens, cachedTokens: usage.cachedTokens, completionTokens, costMicros: cost, ...(r.providerCostMicros !== undefined ? { providerCostMicros: r.providerCostMicros } : {}), latencyMs: Date.now() - t0, outcome }, held, reservedAt);
      spent.requests++;
      return { ok: true, content: r.content, model, promptTokens: usage.promptTokens, completionTokens };
    } catch (error) {
      const failure: Failure = deadline().signal.aborted
        ? { retry: false, fatal: true, status: 'deadline', message: expired(model).message }
        : signal.aborted
          ? { retry: true, fatal: false, status: 'timeout', message: `no complete reply within llm.timeoutMs (${config.timeoutMs} ms)` }
          : classify(error, apiKey, config.apiKeyEnv);
      // Sent and not answered with an HTTP error: the server may have billed it, so the worst case is charged.
      const cost = failure.answered || neverSent(error) ? 0 : held;
      await accounts.settle({ id, task, model, promptTokens: 0, cachedTokens: 0, completionTokens: 0, costMicros: cost, latencyMs: Date.now() - t0, outcome: failure.status === 'deadline' ? 'deadline' : `error:${failure.status}` }, held, reservedAt);
      spent.requests++;
      return failure.status === 'deadline' ? expired(model) : failure;
    }
  }

  /** Tries the chain of models with budget checks, retries, backoff and cooldowns, all within the run's deadline. */
  async function attempt(task: string, messages: ChatMessage[], requested: number, stream: boolean): Promise<Attempt> {
    const { signal, at } = deadline();
    // Once per client: settle what crashed processes left, so the ledger says what they cost.
    await accounts.recover(at);
    let last: Attempt = { ok: false, reason: 'error', message: 'no model to try' };
    for (const model of chain(task)) {
      if (signal.aborted) return expired(model);
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
      const maxTokens = capFor(model, price, tokens, requested);
      if (typeof maxTokens !== 'number') {
        last = maxTokens;
        continue;
      }
      for (let n = 0; n < MAX_ATTEMPTS; n++) {
        const r = await tryOnce(task, model, price, messages, tokens, maxTokens, stream);
        if ('ok' in r) {
          if (r.ok || r.reason === 'deadline') return r;
          last = r;
          break;
        }
        last = { ok: false, reason: 'error', message: `${model}: ${r.message}` };
        if (r.fatal) return last;
        if (!r.retry) break;
        if (n === MAX_ATTEMPTS - 1) {
          await cooldowns.coolDown(model, Date.now() + COOLDOWN_MS);
          break;
        }
        const wait = r.retryAfterMs ?? Math.min(8000, 500 * 2 ** n) * (0.5 + Math.random() / 2);
        if (Date.now() + wait > at) {
          last = { ok: false, reason: 'error', message: `${model}: ${r.message} (the run deadline leaves no time to retry)` };
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
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
        await accounts.cacheHit(request.task, hit.model, hit.promptTokens, hit.completionTokens);
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
    /** Also sends notices to `listener` (a caller sharing this client), until the returned function is called. */
    listen(listener: (message: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    models: chain,
  };
}

export type LlmClient = ReturnType<typeof createLlmClient>;
