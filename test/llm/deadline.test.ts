import { beforeAll, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../src/llm/client.js';
import { costMicros, priceOf } from '../../src/llm/prices.js';
import { Ledger, type SettleRecord } from '../../src/llm/state.js';
import { openAiServers, startOpenAiServer, type Reply } from '../helpers/openai-server.js';
import { tempDir } from '../helpers/repo.js';

const server = openAiServers();
const ask = [{ role: 'user' as const, content: 'Review this change.' }];

function client(url: string, llm: Record<string, unknown>) {
  const state = tempDir();
  const c = createLlmClient({ config: { baseURL: url, cache: false, maxOutputTokens: 100, ...llm }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: state, cacheDir: tempDir() });
  return { c, state };
}

/** Every reservation of the run has its settle record, with the outcome and the amount charged. */
function settled(state: string): [string, string, number][] {
  const records = new Ledger(state).read();
  const settles = new Map(records.filter((r): r is SettleRecord => r.kind === 'settle').map((r) => [r.id, r]));
  return records.flatMap((r) => (r.kind === 'reserve' ? [[r.model, settles.get(r.id)?.outcome ?? 'unsettled', settles.get(r.id)?.costMicros ?? -1] as [string, string, number]] : []));
}

const worst = (model: string, c: ReturnType<typeof createLlmClient>) => costMicros(priceOf(model)!, c.estimate('review', ask).promptTokens, 0, 100);

describe('one deadline bounds every LLM run', () => {
  // Loading the SDK and the tokenizer counts against a run's deadline: load them before the first short run.
  beforeAll(async () => {
    await import('openai');
    createLlmClient({ env: {}, stateDir: '/nonexistent-unused' }).estimate('review', ask);
  });

  const cases: [string, Reply, boolean][] = [
    ['headers, then a stalled body', { kind: 'stall-body' }, false],
    ['a stream that stops midway', { kind: 'stall-stream', chunks: ['Hel', 'lo'] }, true],
    ['a server that never answers', { kind: 'silent' }, false],
  ];
  for (const [name, stall, stream] of cases) {
    it(`ends a run against ${name} at the deadline, charging the worst case the server may have billed`, async () => {
      const s = await server(() => stall);
      const { c, state } = client(s.url, { deadlineMs: 2000 });
      const started = Date.now();
      const r = await c.complete({ task: 'review', messages: ask, stream });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r).toMatchObject({ ok: false, reason: 'deadline', message: 'gpt-4o-mini: no complete reply within the LLM deadline (llm.deadlineMs = 2000 ms)' });
      expect(s.requests).toHaveLength(1);
      expect(settled(state)).toEqual([['gpt-4o-mini', 'deadline', worst('gpt-4o-mini', c)]]);
      // The run is over: later calls of the same client fail at once, without sending.
      expect(await c.complete({ task: 'summary', messages: ask })).toMatchObject({ ok: false, reason: 'deadline' });
      expect(s.requests).toHaveLength(1);
    }, 20_000);
  }

  it('covers retries and fallbacks: a silent server with two fallbacks ends at the deadline, every reservation settled', async () => {
    const s = await server(() => ({ kind: 'silent' }));
    const { c, state } = client(s.url, { deadlineMs: 1500, timeoutMs: 400, fallbackModels: ['gpt-4.1-nano', 'gpt-4.1-mini'] });
    const started = Date.now();
    const r = await c.complete({ task: 'review', messages: ask });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.ok).toBe(false);
    const rows = settled(state);
    expect(rows.length).toBe(s.requests.length);
    for (const [model, outcome, cost] of rows) {
      expect(['error:timeout', 'deadline']).toContain(outcome);
      expect(cost).toBe(worst(model, c));
    }
  }, 20_000);

  it('releases the reservation when nothing was sent (connection refused)', async () => {
    const closed = await startOpenAiServer([]);
    await closed.close();
    const { c, state } = client(closed.url, { deadlineMs: 1500 });
    const r = await c.complete({ task: 'review', messages: ask });
    expect(r.ok).toBe(false);
    const rows = settled(state);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([, outcome, cost]) => outcome === 'error:connection' && cost === 0)).toBe(true);
  }, 20_000);
});
