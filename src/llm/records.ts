import { closeSync, openSync, readSync } from 'node:fs';

/** More tokens than any model's context window: a reply claiming more is not believed. */
export const MAX_TOKENS = 10_000_000;
/** $1,000 for one call: no call of a priced model comes near it. */
export const MAX_MICROS = 1_000_000_000;
/** Records are a few hundred bytes; a longer line is garbage and is skipped without being held. */
const MAX_LINE_BYTES = 64 * 1024;

export interface ReserveRecord {
  kind: 'reserve';
  id: string;
  time: string;
  run: string;
  task: string;
  model: string;
  amountMicros: number;
  expiresAt: string;
  /** The reserving process: when it is gone (kill -9), the reservation is settled at once. */
  pid?: number;
  host?: string;
}

export interface SettleRecord {
  kind: 'settle';
  id: string;
  time: string;
  run: string;
  task: string;
  provider: string;
  model: string;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  costMicros: number;
  /** Cost the provider reported (OpenRouter usage.cost, LiteLLM x-litellm-response-cost), in micro-USD. */
  providerCostMicros?: number;
  latencyMs: number;
  /** ok, cache-hit, no-usage / bad-usage / usage-clamped / deadline / recovered (charged the reservation), error:<status or kind>. */
  outcome: string;
  priceTable: string;
}

export type LedgerRecord = ReserveRecord | SettleRecord;

/** A count the ledger can hold: a non-negative integer up to `max`. */
export const isCount = (value: unknown, max: number): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const isTime = (value: unknown): value is string => typeof value === 'string' && ISO.test(value) && !Number.isNaN(Date.parse(value));
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 200;

/** The record when `value` is a well-formed one, else undefined: a hostile or damaged line counts for nothing. */
export function validRecord(value: unknown): LedgerRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const r = value as Record<string, unknown>;
  if (!isText(r.id) || !isTime(r.time) || typeof r.run !== 'string' || typeof r.task !== 'string' || typeof r.model !== 'string') return undefined;
  if (r.kind === 'reserve') {
    if (!isCount(r.amountMicros, MAX_MICROS) || !isTime(r.expiresAt)) return undefined;
    if (r.pid !== undefined && !isCount(r.pid, 2 ** 31)) return undefined;
    return value as ReserveRecord;
  }
  if (r.kind !== 'settle' || typeof r.outcome !== 'string' || typeof r.provider !== 'string' || typeof r.priceTable !== 'string') return undefined;
  if (!isCount(r.promptTokens, MAX_TOKENS) || !isCount(r.cachedTokens, r.promptTokens) || !isCount(r.completionTokens, MAX_TOKENS)) return undefined;
  if (!isCount(r.costMicros, MAX_MICROS) || !isCount(r.latencyMs, 2 ** 40)) return undefined;
  if (r.providerCostMicros !== undefined && !isCount(r.providerCostMicros, MAX_MICROS)) return undefined;
  return value as SettleRecord;
}

export function parseRecord(line: string): LedgerRecord | undefined {
  try {
    return validRecord(JSON.parse(line));
  } catch {
    return undefined; // a torn line (crash, full disk): skipped
  }
}

/**
 * Calls `each` for every complete line of `file` from byte `start`, with the offset just past it, in
 * bounded memory (64 KiB chunks). A last line without its newline is a write in progress or torn: not
 * read. Returns the offset after the last complete line.
 */
export function eachLine(file: string, start: number, each: (line: string, end: number) => void): number {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return start;
  }
  const chunk = Buffer.alloc(64 * 1024);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let position = start;
  let consumed = start;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) break;
      let from = 0;
      for (let nl = chunk.indexOf(10, 0); nl !== -1 && nl < n; nl = chunk.indexOf(10, from)) {
        if (!overlong && pendingBytes + nl - from <= MAX_LINE_BYTES) each(Buffer.concat([...pending, chunk.subarray(from, nl)]).toString('utf8'), position + nl + 1);
        pending = [];
        pendingBytes = 0;
        overlong = false;
        from = nl + 1;
        consumed = position + nl + 1;
      }
      if (from < n && !overlong) {
        pendingBytes += n - from;
        if (pendingBytes > MAX_LINE_BYTES) {
          overlong = true;
          pending = [];
        } else pending.push(Buffer.from(chunk.subarray(from, n)));
      }
      position += n;
    }
  } finally {
    closeSync(fd);
  }
  return consumed;
}
