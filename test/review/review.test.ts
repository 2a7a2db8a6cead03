import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openAiServers, reply, startOpenAiServer } from '../helpers/openai-server.js';
import { j, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));
const KEY = j('sk-test-', 'reviewKeyNeverSent', '0123456789');
const server = openAiServers();

const BEFORE = ['export function price(items: { cents: number }[]): number {', '  let total = 0;', '  for (const item of items) total += item.cents;', '  return total;', '}', '', 'export const VERSION = 1;', ''].join('\n');
const AFTER = [
  'export function price(items: { cents: number }[], discount: number): number {',
  '  let total = 0;',
  '  for (const item of items) total += item.cents;',
  '  if (discount > 100) return 0;',
  '  return total - total * discount;',
  '}',
  '',
  'export const VERSION = 1;',
  '',
].join('\n');

function repoWithChange(llm: Record<string, unknown>, after = AFTER): TempRepo {
  const repo = tempRepo();
  repo.commit('init', { 'src/price.ts': BEFORE, 'diffwarden.config.json': JSON.stringify({ llm }) });
  repo.stage({ 'src/price.ts': after });
  return repo;
}

/** Runs the CLI without blocking this process, whose event loop serves the fake OpenAI server. */
function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function check(repo: TempRepo, args: string[], dirs = { state: tempDir(), cache: tempDir() }) {
  const r = await cli(repo.dir, ['check', '--review', '--format', 'json', ...args], { OPENAI_API_KEY: KEY, DIFFWARDEN_STATE_DIR: dirs.state, DIFFWARDEN_CACHE_DIR: dirs.cache });
  return { code: r.status, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr, dirs };
}

const findings = (items: unknown[]) => reply(JSON.stringify({ findings: items }), { prompt_tokens: 900, completion_tokens: 120 });

describe('LLM review end to end', () => {
  it('puts findings on changed lines, snaps near misses, drops hallucinations and caps severity at warn', async () => {
    const s = await server([
      findings([
        { file: 'src/price.ts', line: 5, severity: 'block', message: 'discount is a percentage but is used as a fraction', quote: 'return total - total * discount;' },
        { file: 'src/price.ts', line: 3, severity: 'warn', message: 'negative discounts are not rejected' },
        { file: 'src/price.ts', line: 8, severity: 'warn', message: 'VERSION should change', quote: 'export const VERSION = 1;' },
        { file: 'src/price.ts', line: 4, severity: 'warn', message: 'invented', quote: 'if (discount >= 50) applyCoupon();' },
        { file: 'src/other.ts', line: 1, severity: 'warn', message: 'not in the change' },
      ]),
    ]);
    const repo = repoWithChange({ baseURL: s.url });
    const { code, report, stderr } = await check(repo, []);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const llm = report.findings.filter((f: { source: string }) => f.source === 'llm');
    expect(llm.map((f: { line: number; severity: string; message: string }) => [f.line, f.severity, f.message])).toEqual([
      [4, 'warn', 'negative discounts are not rejected'],
      [5, 'warn', 'discount is a percentage but is used as a fraction'],
    ]);
    expect(report.decision).toBe('warn');
    expect(report.llm).toMatchObject({ requests: 1, cacheHits: 0, costUsd: 0.000207, reviewedFiles: ['src/price.ts'], skipped: [] });
    const prompt = s.requests[0]!.body.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain('+    5 |   return total - total * discount;');
    expect(prompt).toContain('     2 |   let total = 0;');
    expect(prompt).not.toContain('VERSION');
  });

  it('costs nothing when re-run on an unchanged diff', async () => {
    const s = await server([findings([])]);
    const repo = repoWithChange({ baseURL: s.url });
    const dirs = { state: tempDir(), cache: tempDir() };
    const first = await check(repo, [], dirs);
    const second = await check(repo, [], dirs);
    expect(first.report.llm).toMatchObject({ requests: 1, cacheHits: 0 });
    expect(second.report.llm).toMatchObject({ requests: 0, cacheHits: 1, costUsd: 0 });
    expect(s.requests).toHaveLength(1);
  });

  it('stops at the budget before any request and keeps the static verdict', async () => {
    const s = await server([findings([])]);
    const repo = repoWithChange({ baseURL: s.url, budget: { perRunUsd: 0.000001 } }, `${AFTER}debugger;\n`);
    const { code, report, stderr } = await check(repo, []);
    expect(s.requests).toHaveLength(0);
    expect(code).toBe(1);
    expect(report.decision).toBe('block');
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['debugger-statement']);
    expect(stderr).toMatch(/^diffwarden: LLM review skipped: the remaining budget \(\$0\.000001\) cannot pay the worst case of gpt-4o-mini/);
  });

  it('leaves the static result and exit code intact during an outage, within bounded time', async () => {
    const s = await server(() => ({ kind: 'error', status: 503, headers: { 'retry-after': '0' } }));
    const clean = repoWithChange({ baseURL: s.url, deadlineMs: 3000 });
    const started = Date.now();
    const passed = await check(clean, []);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(passed.code).toBe(0);
    expect(passed.report.decision).toBe('pass');
    expect(passed.stderr).toMatch(/LLM review skipped: gpt-4o-mini: HTTP 503/);

    const blocked = await check(repoWithChange({ baseURL: s.url, deadlineMs: 3000 }, `${AFTER}debugger;\n`), []);
    expect(blocked.code).toBe(1);
  });

  it('never sends a secret from the diff', async () => {
    const s = await server([findings([])]);
    const token = j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u');
    const repo = repoWithChange({ baseURL: s.url }, `${AFTER}export const token = '${token}';\n`);
    const { report } = await check(repo, []);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]!.raw).not.toContain(token);
    expect(s.requests[0]!.raw).not.toContain(KEY.slice(8));
    expect(report.llm.redactions).toBeGreaterThanOrEqual(1);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'hardcoded-secret')).toBeDefined();
  });

  it('--dry-run prints size, models and worst-case cost and sends nothing', async () => {
    const s = await server([findings([])]);
    const repo = repoWithChange({ baseURL: s.url, fallbackModels: ['gpt-4.1-mini'] });
    const { code, stderr } = await check(repo, ['--dry-run']);
    expect(code).toBe(0);
    expect(s.requests).toHaveLength(0);
    expect(stderr).toMatch(/^diffwarden: LLM review dry run: 1 request, ~\d+ prompt tokens, model gpt-4o-mini then gpt-4\.1-mini, worst case \$0\.000\d+\. Nothing was sent\.\n$/);
  });

  it('review --tests prints the model\'s suggestions', async () => {
    const s = await server([reply('- rejects a discount above 100\n- treats discount 0 as no discount')]);
    const repo = repoWithChange({ baseURL: s.url });
    const r = await cli(repo.dir, ['review', '--tests'], { OPENAI_API_KEY: KEY, DIFFWARDEN_STATE_DIR: tempDir(), DIFFWARDEN_CACHE_DIR: tempDir() });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('- rejects a discount above 100\n- treats discount 0 as no discount\n');
    expect(s.requests[0]!.body.messages[0]!.content).toMatch(/^Suggest the unit tests/);
  });
});
