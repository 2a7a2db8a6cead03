import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../src/llm/client.js';
import { costMicros, priceOf } from '../../src/llm/prices.js';
import { Ledger, type SettleRecord } from '../../src/llm/state.js';
import { openAiServers, reply, type Reply } from '../helpers/openai-server.js';
import { tempDir } from '../helpers/repo.js';

const server = openAiServers();
const ask = [{ role: 'user' as const, content: 'Review this change.' }];
const price = priceOf('gpt-4o-mini')!;

function client(url: string, llm: Record<string, unknown> = {}, state = tempDir()) {
  const notices: string[] = [];
  const c = createLlmClient({ config: { baseURL: url, cache: false, maxOutputTokens: 100, ...llm }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: state, cacheDir: tempDir(), onNotice: (m) => notices.push(m) });
  return { c, state, notices };
}

const settles = (dir: string): SettleRecord[] => new Ledger(dir).read().filter((r): r is SettleRecord => r.kind === 'settle');
const completion = (usage: unknown): Reply => ({ kind: 'raw', body: { id: 'c', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }], usage } });
const monthFile = (state: string) => join(state, `usage-${new Date().toISOString().slice(0, 7)}.jsonl`);

let worst = 0;
beforeAll(() => {
  worst = costMicros(price, createLlmClient({ env: {}, stateDir: '/nonexistent-unused' }).estimate('review', ask).promptTokens, 0, 100);
});

describe('provider usage is never trusted blindly', () => {
  const hostile: [string, unknown][] = [
    ['negative counts', { prompt_tokens: -1_000_000, completion_tokens: -500 }],
    ['non-numeric counts', { prompt_tokens: 'many', completion_tokens: null }],
    ['fractional counts', { prompt_tokens: 10.5, completion_tokens: 5 }],
    ['1e12 tokens', { prompt_tokens: 1e12, completion_tokens: 1e12 }],
  ];
  for (const [name, usage] of hostile) {
    it(`charges ${name} as the reserved worst case, a non-negative integer`, async () => {
      const s = await server([completion(usage), reply('ok', { prompt_tokens: 8, completion_tokens: 10 })]);
      const { c, state, notices } = client(s.url, { budget: { monthlyUsd: 1 } });
      expect(await c.complete({ task: 'review', messages: ask })).toMatchObject({ ok: true, costUsd: worst / 1e6 });
      expect(settles(state).map((r) => [r.outcome, r.costMicros, r.promptTokens, r.completionTokens])).toEqual([['bad-usage', worst, 0, 0]]);
      expect(notices).toEqual([`gpt-4o-mini reported implausible token usage (token counts missing, negative, fractional or above 10,000,000); charged the reserved worst case ($${(worst / 1e6).toFixed(6)}).`]);
      // Budgets still hold and still allow the next call.
      expect(await c.complete({ task: 'review', messages: [{ role: 'user', content: 'again' }] })).toMatchObject({ ok: true, costUsd: (worst + 7) / 1e6 });
    });
  }

  it('never charges more than the reservation, nor cached tokens beyond the prompt, and drops implausible provider costs', async () => {
    const s = await server([
      reply('ok', { prompt_tokens: 8, completion_tokens: 5000 }),
      reply('ok', { prompt_tokens: 100, cached_tokens: 1000, completion_tokens: 10, cost: -5 }),
      reply('ok', { prompt_tokens: 8, completion_tokens: 10 }, { 'x-litellm-response-cost': 'NaN' }),
    ]);
    const { c, state } = client(s.url);
    await c.complete({ task: 'review', messages: ask });
    await c.complete({ task: 'review', messages: [{ role: 'user', content: 'two' }] });
    await c.complete({ task: 'review', messages: [{ role: 'user', content: 'three' }] });
    // 100 cached x 0.075 + 10 x 0.60 = 13.5 micro-USD: cached tokens are at most the prompt.
    expect(settles(state).map((r) => [r.outcome, r.costMicros, r.cachedTokens, r.completionTokens, r.providerCostMicros])).toEqual([
      ['usage-clamped', worst, 0, 100, undefined],
      ['ok', 14, 100, 10, undefined],
      ['ok', 7, 0, 10, undefined],
    ]);
  });
});

describe('the ledger file cannot be corrupted', () => {
  it('starts a new line after a torn last line, so the next records survive', async () => {
    const s = await server([reply('ok', { prompt_tokens: 8, completion_tokens: 10 })]);
    const state = tempDir();
    writeFileSync(monthFile(state), '{"kind":"settle","id":"torn","costMic');
    const { c } = client(s.url, {}, state);
    await c.complete({ task: 'review', messages: ask });
    const records = new Ledger(state).read();
    expect(records.map((r) => r.kind)).toEqual(['reserve', 'settle']);
    expect(records[0]!.id).toBe(records[1]!.id);
    expect(readFileSync(monthFile(state), 'utf8').split('\n')[0]).toBe('{"kind":"settle","id":"torn","costMic');
  });

  it('skips null, foreign and negative lines: they neither break the client nor lower the spend', async () => {
    const s = await server([reply('ok', { prompt_tokens: 8, completion_tokens: 10 })]);
    const state = tempDir();
    const now = new Date().toISOString();
    const settle = (id: string, costMicros: number) => JSON.stringify({ kind: 'settle', id, time: now, run: 'r', task: 'review', provider: 'openai', model: 'gpt-4o-mini', promptTokens: 1, cachedTokens: 0, completionTokens: 1, costMicros, latencyMs: 1, outcome: 'ok', priceTable: '2026-04-30' });
    writeFileSync(monthFile(state), ['null', '[]', '"text"', '{"kind":"settle","costMicros":"NaN"}', settle('spent', 1_000_000), settle('refund', -480_000_000), settle('fraction', 0.5), ''].join('\n'));
    const { c } = client(s.url, { budget: { dailyUsd: 1 } }, state);
    expect(await c.complete({ task: 'review', messages: ask })).toMatchObject({ ok: false, reason: 'budget' });
    expect(s.requests).toHaveLength(0);
    expect(new Ledger(state).read().map((r) => r.id)).toEqual(['spent']);
  });

  it('refuses to write an invalid record', () => {
    const ledger = new Ledger(tempDir());
    expect(() => ledger.append({ kind: 'reserve', id: 'x', time: new Date().toISOString(), run: 'r', task: 't', model: 'm', amountMicros: -1, expiresAt: new Date().toISOString() })).toThrow(/^refusing to record an invalid ledger entry/);
  });

  it('ignores a damaged cooldown file and damaged cache entries', async () => {
    const s = await server([reply('fresh', { prompt_tokens: 8, completion_tokens: 10 }), reply('again', { prompt_tokens: 8, completion_tokens: 10 })]);
    const state = tempDir();
    const cache = tempDir();
    writeFileSync(join(state, 'cooldowns.json'), 'null');
    const c = createLlmClient({ config: { baseURL: s.url, cache: true }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: state, cacheDir: cache });
    expect(await c.complete({ task: 'review', messages: ask })).toMatchObject({ ok: true, content: 'fresh' });
    const [entry] = readdirSync(cache);
    writeFileSync(join(cache, entry!), JSON.stringify({ model: 'gpt-4o-mini', content: 'fresh', promptTokens: -5, completionTokens: 1e15 }));
    const again = createLlmClient({ config: { baseURL: s.url, cache: true }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: state, cacheDir: cache });
    expect(await again.complete({ task: 'review', messages: ask })).toMatchObject({ ok: true, cached: false, content: 'again' });
  });
});
