import type { OpenAI } from 'openai';
import { micros } from './prices.js';
import { isCount, MAX_MICROS, MAX_TOKENS } from './records.js';
import type { ChatMessage } from './tokens.js';

export interface Usage {
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
}

export interface Reply {
  content: string;
  /** Usage as reported, when it is believable. */
  usage?: Usage;
  /** Why reported usage was not believed (it is then charged as the reserved worst case). */
  usageProblem?: string;
  providerCostMicros?: number;
}

/**
 * Provider usage, checked: counts are non-negative integers up to MAX_TOKENS, and cached tokens are
 * part of the prompt (never more). Anything else is not believed.
 */
export function readUsage(raw: unknown): { usage?: Usage; problem?: string } {
  if (raw === undefined || raw === null) return {};
  const u = raw as { prompt_tokens?: unknown; completion_tokens?: unknown; prompt_tokens_details?: { cached_tokens?: unknown } | null };
  const details = typeof u === 'object' && typeof u.prompt_tokens_details === 'object' ? u.prompt_tokens_details : undefined;
  const cached = details?.cached_tokens ?? 0;
  if (typeof u !== 'object' || !isCount(u.prompt_tokens, MAX_TOKENS) || !isCount(u.completion_tokens, MAX_TOKENS) || !isCount(cached, MAX_TOKENS)) {
    return { problem: `token counts missing, negative, fractional or above ${MAX_TOKENS.toLocaleString('en-US')}` };
  }
  return { usage: { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, cachedTokens: Math.min(cached, u.prompt_tokens) } };
}

/** A provider-reported cost in USD, kept for comparison only when it is a plausible amount. */
function providerCost(usage: unknown, header: string | null): number | undefined {
  const fromUsage = typeof usage === 'object' && usage !== null ? (usage as { cost?: unknown }).cost : undefined;
  const value = typeof fromUsage === 'number' ? fromUsage : header !== null && header.trim() !== '' ? Number(header) : undefined;
  if (value === undefined || !Number.isFinite(value) || value < 0) return undefined;
  const m = micros(value);
  return isCount(m, MAX_MICROS) ? m : undefined;
}

/** `work`, or the signal's reason once it aborts: nothing the server does can hold the caller past it. */
export function untilAborted<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work().then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'UND_ERR_CONNECT_TIMEOUT']);

/** True when the error proves the request never reached a server (so nothing can have been billed). */
export function neverSent(error: unknown): boolean {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 6; depth++, e = e.cause as typeof e) if (typeof e.code === 'string' && NOT_SENT.has(e.code)) return true;
  return false;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One request, JSON or streamed; `signal` bounds connect, headers, body and every stream read. */
export function callOnce(api: OpenAI, model: string, messages: ChatMessage[], maxTokens: number, stream: boolean, signal: AbortSignal): Promise<Reply> {
  const body = { model, messages, max_tokens: maxTokens };
  return untilAborted(signal, async () => {
    let content = '';
    let usage: unknown;
    let header: string | null;
    if (stream) {
      const { data, response } = await api.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal }).withResponse();
      header = response.headers.get('x-litellm-response-cost');
      for await (const chunk of data) {
        content += text(chunk.choices?.[0]?.delta?.content);
        if (chunk.usage) usage = chunk.usage;
      }
    } else {
      const { data, response } = await api.chat.completions.create({ ...body, stream: false }, { signal }).withResponse();
      header = response.headers.get('x-litellm-response-cost');
      content = text(data.choices?.[0]?.message?.content);
      usage = data.usage;
    }
    const checked = readUsage(usage);
    const cost = providerCost(usage, header);
    return { content, ...(checked.usage ? { usage: checked.usage } : {}), ...(checked.problem ? { usageProblem: checked.problem } : {}), ...(cost !== undefined ? { providerCostMicros: cost } : {}) };
  });
}
