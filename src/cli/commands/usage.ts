import { UsageError } from '../../errors.js';
import { Ledger, stateDir, type SettleRecord } from '../../llm/state.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { USAGE_HELP } from '../help.js';
import type { CliIO } from '../io.js';

interface Group {
  key: string;
  requests: number;
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  costMicros: number;
}

const dollars = (micros: number): number => Math.round(micros) / 1_000_000;

function csvCell(value: unknown): string {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('usage', argv, { since: { type: 'string' }, by: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.stdout.write(USAGE_HELP);
    return 0;
  }
  const by = oneOf('by', values.by, ['model', 'task', 'day'] as const);
  const format = oneOf('format', values.format, ['table', 'json', 'csv'] as const) ?? 'table';
  let since: string | undefined;
  if (values.since !== undefined) {
    const date = new Date(values.since);
    if (!/^\d{4}-\d{2}-\d{2}/.test(values.since) || Number.isNaN(date.getTime())) throw new UsageError(`Invalid value "${values.since}" for --since: expected a date such as 2026-11-01.`);
    since = date.toISOString();
  }
  const dir = stateDir(io.env);
  const records = new Ledger(dir).read(since).filter((r): r is SettleRecord => r.kind === 'settle');
  const totalMicros = records.reduce((n, r) => n + r.costMicros, 0);
  const cacheHits = records.filter((r) => r.outcome === 'cache-hit').length;
  const requests = records.length - cacheHits;

  if (format === 'json' && !by) {
    io.stdout.write(`${JSON.stringify({ totalUsd: dollars(totalMicros), requests, cacheHits, records: records.map((r) => ({ ...r, costUsd: dollars(r.costMicros) })) }, null, 2)}\n`);
    return 0;
  }
  if (!by) {
    if (format === 'csv') {
      const cols = ['time', 'task', 'provider', 'model', 'promptTokens', 'cachedTokens', 'completionTokens', 'costUsd', 'providerCostUsd', 'latencyMs', 'outcome'] as const;
      io.stdout.write(`${cols.join(',')}\n`);
      for (const r of records) {
        const row = { ...r, costUsd: dollars(r.costMicros), providerCostUsd: r.providerCostMicros === undefined ? '' : dollars(r.providerCostMicros) };
        io.stdout.write(`${cols.map((c) => csvCell(row[c])).join(',')}\n`);
      }
      return 0;
    }
    for (const r of records) io.stdout.write(`${r.time.slice(0, 19).replace('T', ' ')}  ${r.task.padEnd(8)} ${r.model.padEnd(20)} ${String(r.promptTokens).padStart(7)} in ${String(r.completionTokens).padStart(6)} out  $${dollars(r.costMicros).toFixed(6)}  ${r.outcome}\n`);
    io.stdout.write(`\nTotal $${dollars(totalMicros).toFixed(6)} · ${requests} request${requests === 1 ? '' : 's'} · ${cacheHits} cache hit${cacheHits === 1 ? '' : 's'}${records.length === 0 ? ` (no usage recorded in ${dir})` : ''}\n`);
    return 0;
  }
  const groups = new Map<string, Group>();
  for (const r of records) {
    const key = by === 'day' ? r.time.slice(0, 10) : r[by];
    const g = groups.get(key) ?? { key, requests: 0, cacheHits: 0, promptTokens: 0, completionTokens: 0, costMicros: 0 };
    if (r.outcome === 'cache-hit') g.cacheHits++;
    else g.requests++;
    g.promptTokens += r.promptTokens;
    g.completionTokens += r.completionTokens;
    g.costMicros += r.costMicros;
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ totalUsd: dollars(totalMicros), requests, cacheHits, by, groups: rows.map(({ costMicros, ...g }) => ({ ...g, costUsd: dollars(costMicros) })) }, null, 2)}\n`);
  } else if (format === 'csv') {
    io.stdout.write(`${by},requests,cacheHits,promptTokens,completionTokens,costUsd\n`);
    for (const g of rows) io.stdout.write(`${[g.key, g.requests, g.cacheHits, g.promptTokens, g.completionTokens, dollars(g.costMicros)].map(csvCell).join(',')}\n`);
  } else {
    const width = Math.max(by.length, ...rows.map((g) => g.key.length));
    io.stdout.write(`${by.padEnd(width)}  requests  cache hits     tokens in    tokens out        cost\n`);
    for (const g of rows) io.stdout.write(`${g.key.padEnd(width)}  ${String(g.requests).padStart(8)}  ${String(g.cacheHits).padStart(10)}  ${String(g.promptTokens).padStart(12)}  ${String(g.completionTokens).padStart(12)}  $${dollars(g.costMicros).toFixed(6)}\n`);
    io.stdout.write(`${'total'.padEnd(width)}  ${String(requests).padStart(8)}  ${String(cacheHits).padStart(10)}  ${' '.repeat(12)}  ${' '.repeat(12)}  $${dollars(totalMicros).toFixed(6)}\n`);
  }
  return 0;
}
