import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubServer } from '../helpers/github-server.js';
import { reply, startOpenAiServer } from '../helpers/openai-server.js';
import { tempDir, tempRepo } from '../helpers/repo.js';
import { pullRequest, runAction } from '../helpers/run-action.js';
import { Ledger } from '../../src/llm/state.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = join(ROOT, 'dist-action/index.js');
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

describe('GitHub Action (bundled entry)', () => {
  it('comments once, on diff lines only, never repeats, and clears what a fix resolved', async () => {
    const gh = await startGitHubServer();
    servers.push(gh);
    const { repo, event } = pullRequest();
    const head = repo.commit('feature', {
      'src/cart.ts': 'export function total(prices: number[]) {\n  debugger;\n  return prices.reduce((a, b) => a + b, 0) as any;\n}\n',
    });

    const first = await runAction(repo, event(head), gh.url);
    expect(first.code).toBe(1);
    expect(first.outputs).toMatchObject({ decision: 'block', 'risk-score': '95', 'findings-count': '2' });
    expect(first.stdout).toContain('::error title=diffwarden debugger-statement,file=src/cart.ts,line=2,endLine=2,col=3,endColumn=12::Leftover `debugger` statement.');
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.body).toMatch(/^<!-- diffwarden:summary -->\n### diffwarden: 🛑 \*\*block\*\*/);
    expect(gh.reviewComments.map((c) => [c.path, c.line, c.commit_id])).toEqual([
      ['src/cart.ts', 2, head],
      ['src/cart.ts', 3, head],
    ]);
    expect(first.summary).toContain('| block | `src/cart.ts:2` | Leftover `debugger` statement. | `debugger-statement` |');
    const sarif = JSON.parse(readFileSync(join(repo.dir, 'diffwarden.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(2);
    expect(first.outputs['sarif-file']).toBe(join(repo.dir, 'diffwarden.sarif'));

    const second = await runAction(repo, event(head), gh.url);
    expect(second.code).toBe(1);
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.reviewComments).toHaveLength(2);
    expect(gh.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);

    const fixed = repo.commit('fix', { 'src/cart.ts': 'export function total(prices: number[]) {\n  return prices.reduce((a, b) => a + b, 0) as any;\n}\n' });
    const third = await runAction(repo, event(fixed), gh.url);
    expect(third.code).toBe(0);
    expect(third.outputs.decision).toBe('warn');
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.body).toContain('⚠️ **warn**');
    expect(gh.reviewComments.map((c) => c.line)).toEqual([3]);

    const clean = repo.commit('clean', { 'src/cart.ts': 'export function total(prices: number[]) {\n  return prices.reduce((a, b) => a + b, 0);\n}\n' });
    await runAction(repo, event(clean), gh.url);
    expect(gh.issueComments[0]!.body).toBe('<!-- diffwarden:summary -->\n### diffwarden: ✅ no findings left\n');
    expect(gh.reviewComments).toEqual([]);
  }, 60_000);

  it('lists files it could not analyse in the pull request comment, even without findings', async () => {
    const gh = await startGitHubServer();
    servers.push(gh);
    const { repo, event } = pullRequest();
    const head = repo.commit('feature', { 'assets/blob.bin': Buffer.from([0, 1, 2, 3, 0, 0, 0, 4, 5, 6, 0, 0]) });

    const r = await runAction(repo, event(head), gh.url);

    expect(r.code).toBe(0);
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.body).toContain('> **Not analysed (1):** `assets/blob.bin` (binary: binary by content; its printable text was still scanned for secrets).');
  }, 30_000);

  it('falls back to annotations and the step summary without write permission', async () => {
    const gh = await startGitHubServer({ readOnly: true });
    servers.push(gh);
    const { repo, event } = pullRequest();
    const head = repo.commit('feature', { 'src/cart.ts': 'export function total(prices: number[]) {\n  debugger;\n  return 0;\n}\n' });
    const r = await runAction(repo, event(head), gh.url);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::warning::diffwarden could not comment (HTTP 403: no write permission); see the annotations and the job summary.');
    expect(r.stdout).toContain('::error title=diffwarden debugger-statement,file=src/cart.ts,line=2');
    expect(r.summary).toContain('debugger-statement');
    expect(gh.issueComments).toEqual([]);
  }, 60_000);

  it('reads the configuration from the base commit, refuses JavaScript configs, and analyses pushes', async () => {
    const gh = await startGitHubServer();
    servers.push(gh);
    const { repo, event } = pullRequest();
    // The pull request tries to switch the rule off in its own config: the base config applies.
    const head = repo.commit('feature', { 'src/cart.ts': 'debugger;\n', 'diffwarden.config.json': '{ "rules": { "debugger-statement": "off" } }' });
    const r = await runAction(repo, event(head), gh.url);
    expect(r.outputs.decision).toBe('block');

    const js = await runAction(repo, event(head), gh.url, { config: 'diffwarden.config.mjs' });
    expect(js.code).toBe(1);
    expect(js.stdout).toContain('::error::diffwarden: Config file not found at');

    const push = await runAction(repo, { before: repo.git('rev-parse', 'HEAD~1').trim(), after: head }, gh.url, { comment: 'false' });
    expect(push.outputs).toMatchObject({ decision: 'block', 'findings-count': '1' });
    expect(gh.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
  }, 60_000);

  it('fetches the base of a pull request into a shallow checkout', async () => {
    const gh = await startGitHubServer();
    servers.push(gh);
    const { repo: origin, event } = pullRequest();
    const head = origin.commit('feature', { 'src/cart.ts': 'debugger;\n' });
    const clone = tempRepo({ init: false });
    clone.git('clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, '.');
    expect(clone.git('rev-list', '--count', 'HEAD').trim()).toBe('1');
    const r = await runAction(clone, event(head), gh.url, { comment: 'false', 'inline-comments': 'false' });
    expect(r.outputs).toMatchObject({ decision: 'block', 'findings-count': '1' });
  }, 60_000);

  it('with review: true and a key, reviews the change and puts the LLM summary and cost in the sticky comment', async () => {
    const gh = await startGitHubServer();
    servers.push(gh);
    const llm = await startOpenAiServer([
      reply(JSON.stringify({ findings: [{ file: 'src/cart.ts', line: 2, severity: 'warn', message: 'an empty cart returns -1', quote: 'if (prices.length === 0) return -1;' }] }), { prompt_tokens: 800, completion_tokens: 60 }),
      reply('- Returns -1 for an empty cart.', { prompt_tokens: 600, completion_tokens: 20 }),
    ]);
    servers.push(llm);
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/cart.ts': 'export function total(prices: number[]) {\n  return prices.reduce((a, b) => a + b, 0);\n}\n', 'diffwarden.config.json': JSON.stringify({ llm: { baseURL: llm.url } }) });
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit('feature', { 'src/cart.ts': 'export function total(prices: number[]) {\n  if (prices.length === 0) return -1;\n  return prices.reduce((a, b) => a + b, 0);\n}\n' });
    const event = { pull_request: { number: 7, base: { sha: base }, head: { sha: head } } };
    const r = await runAction(repo, event, gh.url, { review: 'true' }, { OPENAI_API_KEY: 'sk-local-test-key', DIFFWARDEN_STATE_DIR: tempDir(), DIFFWARDEN_CACHE_DIR: tempDir() });
    expect(r.outputs).toMatchObject({ decision: 'warn', 'findings-count': '1' });
    expect(llm.requests).toHaveLength(2);
    const body = gh.issueComments[0]!.body;
    expect(body).toContain('| warn | `src/cart.ts:2` | an empty cart returns -1 | `llm-review` |');
    expect(body).toContain('LLM review: 1 file(s), 1 request(s), 0 cached, cost $0.0002.');
    expect(body).toContain('**What this change does** (LLM summary):\n\n- Returns -1 for an empty cart.');
    expect(gh.reviewComments.map((c) => c.line)).toEqual([2]);
  }, 60_000);

  it('holds llm.budget.perRunUsd across the review and the summary: one client, one budget', async () => {
    const gh = await startGitHubServer();
    servers.push(gh);
    // The review reports no usage, so it is charged its full reservation: what is left cannot pay for the summary.
    const llm = await startOpenAiServer([{ kind: 'json', content: JSON.stringify({ findings: [] }) }, reply('- Returns -1 for an empty cart.', { prompt_tokens: 600, completion_tokens: 20 })]);
    servers.push(llm);
    const repo = tempRepo();
    const llmConfig = { baseURL: llm.url, maxOutputTokens: 1000, budget: { perRunUsd: 0.0007 } };
    const base = repo.commit('base', { 'src/cart.ts': 'export function total(prices: number[]) {\n  return prices.reduce((a, b) => a + b, 0);\n}\n', 'diffwarden.config.json': JSON.stringify({ llm: llmConfig }) });
    repo.git('checkout', '-q', '-b', 'feature');
    const head = repo.commit('feature', { 'src/cart.ts': 'export function total(prices: number[]) {\n  if (prices.length === 0) return -1;\n  return prices.reduce((a, b) => a + b, 0);\n}\n' });
    const state = tempDir();
    const r = await runAction(repo, { pull_request: { number: 7, base: { sha: base }, head: { sha: head } } }, gh.url, { review: 'true' }, { OPENAI_API_KEY: 'sk-local-test-key', DIFFWARDEN_STATE_DIR: state, DIFFWARDEN_CACHE_DIR: tempDir() });
    expect(llm.requests.map((q) => q.body.max_tokens)).toEqual([1000]);
    expect(r.stdout).toMatch(/::warning::LLM summary skipped: the remaining budget \(\$0\.0000\d\d\) cannot pay the worst case of gpt-4o-mini/);
    const spent = new Ledger(state).read().flatMap((x) => (x.kind === 'settle' ? [x.costMicros] : []));
    expect(spent).toHaveLength(1);
    expect(spent[0]).toBeLessThanOrEqual(700);
    expect(gh.issueComments[0]?.body ?? '').not.toContain('What this change does');
  }, 30_000);

  it('keeps the committed bundle in step with the sources', () => {
    const fresh = join(tempDir(), 'index.js');
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle-action.js'), fresh], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const same = readFileSync(fresh).equals(readFileSync(ENTRY));
    expect(same, 'dist-action/index.js is out of date: run `npm run bundle:action` and commit it').toBe(true);
  }, 60_000);
});
