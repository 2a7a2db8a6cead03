import { spawn, type ChildProcess } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLlmClient } from '../../src/llm/client.js';
import { Ledger, type ReserveRecord, type SettleRecord } from '../../src/llm/state.js';
import { openAiServers, reply } from '../helpers/openai-server.js';
import { tempDir } from '../helpers/repo.js';

// Real processes load the built client, as the 8-process test in client.test.ts does.
const DIST = fileURLToPath(new URL('../../dist/src/llm/', import.meta.url));
const server = openAiServers();
const ask = [{ role: 'user' as const, content: 'Review this change.' }];

function node(script: string, args: string[] = []): { child: ChildProcess; output: Promise<string>; line: Promise<string> } {
  const child = spawn(process.execPath, [...args, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let firstLine: (line: string) => void = () => undefined;
  const line = new Promise<string>((resolve) => (firstLine = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    out += d;
    if (out.includes('\n')) firstLine(out.slice(0, out.indexOf('\n')));
  });
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const output = new Promise<string>((resolve) => child.on('close', () => resolve(out)));
  return { child, output, line };
}

const clientScript = (url: string, state: string, config = '') => `
  const { createLlmClient } = await import(${JSON.stringify(join(DIST, 'index.js'))});
  const c = createLlmClient({ config: { baseURL: ${JSON.stringify(url)}, cache: false, maxOutputTokens: 100 ${config} }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: ${JSON.stringify(state)} });
  const r = await c.complete({ task: 'review', messages: [{ role: 'user', content: 'Review this change.' }] });
  console.log(JSON.stringify({ ok: r.ok, rss: process.resourceUsage().maxRSS }));`;

describe('the ledger survives crashes', () => {
  it('records a call whose process was killed (kill -9) mid-request: the next run settles it at its reserved amount', async () => {
    let arrived: () => void = () => undefined;
    const request = new Promise<void>((resolve) => (arrived = resolve));
    const s = await server((_req, index) => {
      if (index === 0) {
        arrived();
        return { kind: 'silent' };
      }
      return reply('ok', { prompt_tokens: 8, completion_tokens: 10 });
    });
    const state = tempDir();
    const { child, output } = node(clientScript(s.url, state));
    await request;
    child.kill('SIGKILL');
    await output;
    const [reserved] = new Ledger(state).read() as ReserveRecord[];
    expect(reserved).toMatchObject({ kind: 'reserve', pid: child.pid });

    const c = createLlmClient({ config: { baseURL: s.url, cache: false }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: state, cacheDir: tempDir() });
    expect(await c.complete({ task: 'review', messages: ask })).toMatchObject({ ok: true });
    const settles = new Ledger(state).read().filter((r): r is SettleRecord => r.kind === 'settle');
    expect(settles.map((r) => [r.id, r.outcome, r.costMicros])).toEqual([
      [reserved!.id, 'recovered', reserved!.amountMicros],
      [expect.any(String), 'ok', 7],
    ]);
    expect(new Ledger(state).committed(new Date()).day).toBe(reserved!.amountMicros + 7);
  }, 60_000);

  it('breaks the lock of a holder killed with kill -9 at once instead of giving up', async () => {
    const s = await server(() => reply('ok', { prompt_tokens: 8, completion_tokens: 10 }));
    const state = tempDir();
    const holder = node(`
      const { withLock } = await import(${JSON.stringify(join(DIST, 'state.js'))});
      await withLock(${JSON.stringify(state)}, () => { console.log('locked'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000); });`);
    expect(await holder.line).toBe('locked');
    holder.child.kill('SIGKILL');
    await holder.output;
    const c = createLlmClient({ config: { baseURL: s.url, cache: false }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: state, cacheDir: tempDir() });
    const started = Date.now();
    expect(await c.complete({ task: 'review', messages: ask })).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);

  it('waits for a lock it cannot prove dead until the stale-lock break (30 s), instead of giving up first', async () => {
    const s = await server(() => reply('ok', { prompt_tokens: 8, completion_tokens: 10 }));
    const state = tempDir();
    const lock = join(state, 'state.lock');
    // Held by a process on another machine sharing the directory, 5 s ago: broken once it is 30 s old.
    writeFileSync(lock, '4242 build-agent-7 0');
    const fiveSecondsAgo = new Date(Date.now() - 5_000);
    utimesSync(lock, fiveSecondsAgo, fiveSecondsAgo);
    const c = createLlmClient({ config: { baseURL: s.url, cache: false }, env: { OPENAI_API_KEY: 'sk-local-test' }, stateDir: state, cacheDir: tempDir() });
    const started = Date.now();
    expect(await c.complete({ task: 'review', messages: ask })).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeLessThan(45_000);
  }, 90_000);

  it('checks budgets against a 72 MB ledger in bounded memory', async () => {
    const s = await server(() => reply('ok', { prompt_tokens: 8, completion_tokens: 10 }));
    const state = tempDir();
    const now = new Date().toISOString();
    const lines: string[] = [];
    for (let i = 0; i < 300_000; i++) lines.push(JSON.stringify({ kind: 'settle', id: `old-${i}`, time: now, run: 'r', task: 'review', provider: 'openai', model: 'gpt-4o-mini', promptTokens: 1000, cachedTokens: 0, completionTokens: 100, costMicros: 1, latencyMs: 900, outcome: 'ok', priceTable: '2026-04-30' }));
    writeFileSync(join(state, `usage-${now.slice(0, 7)}.jsonl`), `${lines.join('\n')}\n`);
    lines.length = 0;
    // A 64 MB heap cannot hold the file as a string plus 300,000 parsed records.
    const run = node(clientScript(s.url, state, ', budget: { monthlyUsd: 1 }'), ['--max-old-space-size=64']);
    const out = await run.output;
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { ok: boolean; rss: number };
    expect(result.ok).toBe(true);
    expect(result.rss / 1024).toBeLessThan(300);
    expect(new Ledger(state).committed(new Date()).month).toBe(300_000 + 7);
  }, 120_000);
});
