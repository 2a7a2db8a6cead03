import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmClient } from '../../src/llm/client.js';
import { Ledger, type LedgerRecord, type SettleRecord } from '../../src/llm/state.js';
import { costMicros, priceOf } from '../../src/llm/prices.js';
import { openAiServers, reply, startOpenAiServer, type Reply } from '../helpers/openai-server.js';
import { j, tempDir } from '../helpers/repo.js';

const KEY = j('sk-test-', 'k3yThatMustNeverLeak', '0123456789abcdef');
const server = openAiServers();

function client(url: string, llm: Record<string, unknown> = {}, dirs = { state: tempDir(), cache: tempDir() }) {
  const notices: string[] = [];
  const c = createLlmClient({
    config: { baseURL: url, cache: false, ...llm },
    env: { OPENAI_API_KEY: KEY },
    stateDir: dirs.state,
    cacheDir: dirs.cache,
    onNotice: (m) => notices.push(m),
  });
  return { c, notices, dirs };
}

const settles = (dir: string): SettleRecord[] => new Ledger(dir).read().filter((r): r is SettleRecord => r.kind === 'settle');
const ask = [{ role: 'user' as const, content: 'Review this change.' }];

describe('LLM client against a local OpenAI-compatible server', () => {
  it('computes the exact cost of known usage and records it in the ledger', async () => {
    const s = await server([reply('looks fine', { prompt_tokens: 1000, completion_tokens: 500 })]);
    const { c, dirs } = client(s.url);
    const r = await c.complete({ task: 'review', messages: ask });
    expect(r).toMatchObject({ ok: true, content: 'looks fine', model: 'gpt-4o-mini', costUsd: 0.00045, requests: 1 });
    expect(settles(dirs.state).map((x) => [x.outcome, x.costMicros, x.promptTokens, x.completionTokens, x.task])).toEqual([['ok', 450, 1000, 500, 'review']]);
    expect(s.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(s.requests[0]!.body.max_tokens).toBe(1024);
  });

  it('prices cached input tokens at the cached rate', async () => {
    const s = await server([reply('ok', { prompt_tokens: 1000, cached_tokens: 400, completion_tokens: 100 })]);
    const { c, dirs } = client(s.url);
    await c.complete({ task: 'review', messages: ask });
    // 600 x 0.15 + 400 x 0.075 + 100 x 0.60 = 90 + 30 + 60 micro-USD
    expect(settles(dirs.state)[0]!.costMicros).toBe(180);
  });

  it('stores the provider-reported cost beside its own', async () => {
    const s = await server([reply('ok', { prompt_tokens: 1000, completion_tokens: 500, cost: 0.00047 })]);
    const { c, dirs } = client(s.url);
    await c.complete({ task: 'review', messages: ask });
    expect(settles(dirs.state).map((x) => [x.costMicros, x.providerCostMicros])).toEqual([[450, 470]]);
  });

  it('retries a 429 after its Retry-After, then succeeds', async () => {
    const s = await server([{ kind: 'error', status: 429, headers: { 'retry-after': '0' }, body: { error: { message: 'slow down', type: 'rate_limit_error' } } }, reply('ok')]);
    const { c, dirs } = client(s.url);
    const r = await c.complete({ task: 'review', messages: ask });
    expect(r.ok).toBe(true);
    expect(s.requests).toHaveLength(2);
    expect(settles(dirs.state).map((x) => x.outcome)).toEqual(['error:429', 'ok']);
  });

  it('never retries insufficient_quota or a rejected key, and keeps the key out of messages', async () => {
    const quota = await server([{ kind: 'error', status: 429, body: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } } }]);
    const r1 = await client(quota.url, { fallbackModels: ['gpt-4.1-nano'] }).c.complete({ task: 'review', messages: ask });
    expect(r1).toMatchObject({ ok: false, reason: 'error' });
    expect(quota.requests).toHaveLength(1);

    const denied = await server([{ kind: 'error', status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}` } } }]);
    const { c, dirs } = client(denied.url);
    const r2 = await c.complete({ task: 'review', messages: ask });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.message).toBe('gpt-4o-mini: the API rejected the key (HTTP 401); check OPENAI_API_KEY');
    expect(denied.requests).toHaveLength(1);
    expect(JSON.stringify(new Ledger(dirs.state).read())).not.toContain(KEY);
  });

  it('falls back to the next model after repeated 5xx, and the failing model cools down for other processes', async () => {
    const s = await server((req: { body: { model: string } }) => (req.body.model === 'gpt-4o' ? { kind: 'error', status: 503, headers: { 'retry-after': '0' } } : reply(`answer from ${req.body.model}`)) as never);
    const dirs = { state: tempDir(), cache: tempDir() };
    const { c, notices } = client(s.url, { model: 'gpt-4o', fallbackModels: ['gpt-4o-mini'] }, dirs);
    const r = await c.complete({ task: 'review', messages: ask });
    expect(r).toMatchObject({ ok: true, model: 'gpt-4o-mini', content: 'answer from gpt-4o-mini' });
    expect(s.requests.map((q) => q.body.model)).toEqual(['gpt-4o', 'gpt-4o', 'gpt-4o', 'gpt-4o', 'gpt-4o-mini']);
    expect(notices).toEqual([]);

    const second = client(s.url, { model: 'gpt-4o', fallbackModels: ['gpt-4o-mini'] }, dirs);
    await second.c.complete({ task: 'review', messages: ask });
    expect(s.requests.slice(5).map((q) => q.body.model)).toEqual(['gpt-4o-mini']);
    expect(second.notices[0]).toMatch(/^Skipping gpt-4o: it failed repeatedly and cools down until /);
  });

  it('reports a refused connection within the run deadline', async () => {
    const closed = await startOpenAiServer([]);
    await closed.close();
    const started = Date.now();
    const r = await client(closed.url, { deadlineMs: 1500 }).c.complete({ task: 'review', messages: ask });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^gpt-4o-mini: Connection error/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('repairs a malformed JSON reply once, and validates with zod', async () => {
    const schema = z.object({ findings: z.array(z.object({ line: z.number(), message: z.string() })) });
    const s = await server([reply('Sure! Here are the findings: line 3 is bad'), reply('```json\n{"findings":[{"line":3,"message":"off by one"}]}\n```')]);
    const { c } = client(s.url);
    const r = await c.complete({ task: 'review', messages: ask, schema });
    expect(r).toMatchObject({ ok: true, data: { findings: [{ line: 3, message: 'off by one' }] }, requests: 2 });
    expect(s.requests[1]!.body.messages.at(-1)!.content).toMatch(/^That reply is not valid: not JSON/);

    const bad = await server([reply('nope'), reply('{"findings": "no"}')]);
    const r2 = await client(bad.url).c.complete({ task: 'review', messages: ask, schema });
    expect(r2).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('streams with include_usage, and charges the reservation when usage never arrives', async () => {
    const s = await server([
      { kind: 'stream', chunks: ['Hel', 'lo'], usage: { prompt_tokens: 200, completion_tokens: 20 } },
      { kind: 'stream', chunks: ['no ', 'usage'] },
    ]);
    const { c, dirs, notices } = client(s.url, { maxOutputTokens: 100 });
    const r1 = await c.complete({ task: 'review', messages: ask, stream: true });
    expect(r1).toMatchObject({ ok: true, content: 'Hello' });
    expect(s.requests[0]!.body.stream_options).toEqual({ include_usage: true });
    const r2 = await c.complete({ task: 'review', messages: ask, stream: true });
    expect(r2).toMatchObject({ ok: true, content: 'no usage' });
    const prompt = settles(dirs.state)[1]!;
    const worst = costMicros(priceOf('gpt-4o-mini')!, c.estimate('review', ask).promptTokens, 0, 100);
    expect(settles(dirs.state).map((x) => [x.outcome, x.costMicros])).toEqual([
      ['ok', 200 * 0.15 + 20 * 0.6],
      ['no-usage', worst],
    ]);
    expect(prompt.costMicros).toBeGreaterThan(0);
    expect(notices.at(-1)).toMatch(/did not report token usage; charged the reserved worst case/);
  });

  it('refuses a call the budget cannot pay before sending anything, and lowers the output cap when that suffices', async () => {
    const s = await server([reply('short', { prompt_tokens: 20, completion_tokens: 50 })]);
    const none = client(s.url, { budget: { perRunUsd: 0.000001 } });
    const refused = await none.c.complete({ task: 'review', messages: ask });
    expect(refused).toMatchObject({ ok: false, reason: 'budget' });
    expect(s.requests).toHaveLength(0);

    // 200 output tokens at $0.60/M = 120 micro-USD, plus the prompt: the 1024 default does not fit.
    const some = client(s.url, { budget: { perRunUsd: 0.00013 } });
    const r = await some.c.complete({ task: 'review', messages: ask });
    expect(r.ok).toBe(true);
    expect(s.requests[0]!.body.max_tokens).toBeLessThan(1024);
    expect(s.requests[0]!.body.max_tokens).toBeGreaterThanOrEqual(64);
    expect(some.notices[0]).toMatch(/^Budget: lowering the output cap for gpt-4o-mini from 1024 to \d+ tokens\.$/);
  });

  it('refuses an unpriced model when a budget is set, unless llm.prices gives its price', async () => {
    const s = await server([reply('ok', { prompt_tokens: 100, completion_tokens: 10 })]);
    const r = await client(s.url, { model: 'acme-llm-7b', budget: { dailyUsd: 1 } }).c.complete({ task: 'review', messages: ask });
    expect(r).toMatchObject({ ok: false, reason: 'unpriced' });
    if (!r.ok) expect(r.message).toBe('no price is known for model "acme-llm-7b" and a budget is set; add it under llm.prices (USD per 1M tokens: input, output)');
    expect(s.requests).toHaveLength(0);
    const priced = client(s.url, { model: 'acme-llm-7b', budget: { dailyUsd: 1 }, prices: { 'acme-llm-7b': { input: 1, output: 2 } } });
    const ok = await priced.c.complete({ task: 'review', messages: ask });
    expect(ok).toMatchObject({ ok: true, costUsd: 0.00012 });
  });

  it('warns once a daily budget is 80% used', async () => {
    // 8 x 0.15 + 500 x 0.60 = 301 micro-USD a call, within what each call reserves.
    const s = await server([reply('ok', { prompt_tokens: 8, completion_tokens: 500 }), reply('ok', { prompt_tokens: 8, completion_tokens: 500 })]);
    const { c, notices } = client(s.url, { budget: { dailyUsd: 0.0007 }, maxOutputTokens: 500 });
    await c.complete({ task: 'review', messages: ask });
    expect(notices).toEqual([]);
    await c.complete({ task: 'review', messages: [{ role: 'user', content: 'again' }] });
    expect(notices).toEqual(['LLM daily budget 86% used ($0.0006 of $0.0007).']);
  });

  it('charges the expired reservation of a crashed process at its amount and settles it, and counts live ones', async () => {
    const s = await server([reply('ok'), reply('ok')]);
    const dirs = { state: tempDir(), cache: tempDir() };
    const ledger = new Ledger(dirs.state);
    const now = Date.now();
    ledger.append({ kind: 'reserve', id: 'crashed', time: new Date(now - 60_000).toISOString(), run: 'x', task: 'review', model: 'gpt-4o-mini', amountMicros: 900_000, expiresAt: new Date(now - 1_000).toISOString() });
    // The crashed call may have been answered and billed: it leaves nothing of a $0.90 daily budget.
    const refused = await client(s.url, { budget: { dailyUsd: 0.9 } }, dirs).c.complete({ task: 'review', messages: ask });
    expect(refused).toMatchObject({ ok: false, reason: 'budget' });
    expect(s.requests).toHaveLength(0);
    expect(settles(dirs.state).map((x) => [x.id, x.outcome, x.costMicros])).toEqual([['crashed', 'recovered', 900_000]]);

    const daily = { budget: { dailyUsd: 1 } };
    expect((await client(s.url, daily, dirs).c.complete({ task: 'review', messages: ask })).ok).toBe(true);
    ledger.append({ kind: 'reserve', id: 'alive', time: new Date(now).toISOString(), run: 'y', task: 'review', model: 'gpt-4o-mini', amountMicros: 99_990, expiresAt: new Date(now + 600_000).toISOString() });
    const blocked = await client(s.url, daily, dirs).c.complete({ task: 'review', messages: ask });
    expect(blocked).toMatchObject({ ok: false, reason: 'budget' });
    expect(s.requests).toHaveLength(1);
  });

  it('answers a repeated request from the cache at no cost', async () => {
    const s = await server([reply('cached answer', { prompt_tokens: 1000, completion_tokens: 500 })]);
    const dirs = { state: tempDir(), cache: tempDir() };
    const first = await client(s.url, { cache: true }, dirs).c.complete({ task: 'review', messages: ask, templateVersion: 'review@1' });
    const again = await client(s.url, { cache: true }, dirs).c.complete({ task: 'review', messages: ask, templateVersion: 'review@1' });
    expect(first).toMatchObject({ ok: true, cached: false, costUsd: 0.00045 });
    expect(again).toMatchObject({ ok: true, cached: true, content: 'cached answer', costUsd: 0, cacheHits: 1 });
    expect(s.requests).toHaveLength(1);
    expect(settles(dirs.state).map((x) => [x.outcome, x.costMicros])).toEqual([
      ['ok', 450],
      ['cache-hit', 0],
    ]);
  });

  it('redacts secrets and the key from prompts before they leave, and counts them', async () => {
    const s = await server([reply('ok')]);
    const aws = j('AKIA', 'Q3EGRTXB7JN4WZ5K');
    const { c, dirs } = client(s.url, { cache: true });
    const r = await c.complete({ task: 'review', messages: [{ role: 'user', content: `const id = '${aws}';\n// key: ${KEY}\n` }] });
    expect(r).toMatchObject({ ok: true, redactions: 2 });
    expect(s.requests[0]!.raw).not.toContain(aws);
    expect(s.requests[0]!.raw).not.toContain(KEY);
    expect(s.requests[0]!.body.messages[0]!.content).toBe("const id = '[REDACTED AWS access key id]';\n// key: [REDACTED key]\n");
    const stored = readdirSync(dirs.cache).map((f) => readFileSync(join(dirs.cache, f), 'utf8')).join('');
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain(aws);
  });

  it('estimates tokens with a real tokenizer for OpenAI models and a margin for others', () => {
    const c = createLlmClient({ config: { model: 'gpt-4o-mini' }, env: {}, stateDir: tempDir() });
    expect(c.estimate('review', [{ role: 'user', content: 'hello world' }])).toEqual({ model: 'gpt-4o-mini', promptTokens: 9, exactTokens: true, maxOutputTokens: 1024, worstCaseUsd: 0.000616 });
    const other = createLlmClient({ config: { model: 'claude-haiku-4-5' }, env: {}, stateDir: tempDir() });
    expect(other.estimate('review', [{ role: 'user', content: 'x'.repeat(284) }])).toMatchObject({ promptTokens: 100, exactTokens: false });
  });

  it('keeps exact totals when 8 processes write the ledger at once, and a daily budget holds across them', async () => {
    // Usage consistent with the prompt actually sent, as a real provider reports it (more is clamped to the reservation).
    const s = await server(() => reply('ok', { prompt_tokens: 8, completion_tokens: 500 }));
    const honest = await server(() => reply('ok', { prompt_tokens: 8, completion_tokens: 500 }));
    const state = tempDir();
    const entry = fileURLToPath(new URL('../../dist/src/llm/index.js', import.meta.url));
    const script = (budget: string, url: string) =>
      `const { createLlmClient } = await import(${JSON.stringify(entry)});
       const c = createLlmClient({ config: { baseURL: ${JSON.stringify(url)}, cache: false, maxOutputTokens: 500 ${budget} }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: ${JSON.stringify(state)} });
       let ok = 0;
       for (let i = 0; i < 3; i++) if ((await c.complete({ task: 'review', messages: [{ role: 'user', content: 'hi ' + i }] })).ok) ok++;
       console.log(ok);`;
    const run = (budget: string, url = s.url) =>
      Promise.all(
        Array.from({ length: 8 }, () => new Promise<number>((resolve, reject) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script(budget, url)], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d));
          child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`child exited ${code}`))));
        })),
      );
    const oks = await run('');
    expect(oks).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
    const records: LedgerRecord[] = new Ledger(state).read();
    const settled = records.filter((r): r is SettleRecord => r.kind === 'settle');
    expect(settled).toHaveLength(24);
    expect(settled.reduce((n, r) => n + r.costMicros, 0)).toBe(24 * 301);
    expect(new Set(records.filter((r) => r.kind === 'reserve').map((r) => r.id))).toEqual(new Set(settled.map((r) => r.id)));

    // A daily budget of what is spent plus 6 worst cases lets 6 of the next 24 calls through, whichever process makes them.
    const estimate = createLlmClient({ config: { maxOutputTokens: 500 }, env: {}, stateDir: tempDir() }).estimate('review', [{ role: 'user', content: 'hi 0' }]);
    const worst = costMicros(priceOf('gpt-4o-mini')!, estimate.promptTokens, 0, 500);
    const budgetUsd = (24 * 301 + 6 * worst) / 1_000_000;
    const second = await run(`, budget: { dailyUsd: ${budgetUsd} }`, honest.url);
    const total = second.reduce((a, b) => a + b, 0);
    expect(total).toBe(6);
    expect(honest.requests.length).toBe(6);
    const spent = new Ledger(state).read().filter((r): r is SettleRecord => r.kind === 'settle').reduce((n, r) => n + r.costMicros, 0);
    expect(spent).toBeLessThanOrEqual(Math.round(budgetUsd * 1_000_000));
  }, 180_000);
});
