import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HUMAN, startGitHubServer, WORKFLOW_BOT } from '../helpers/github-server.js';
import { tempDir, tempRepo } from '../helpers/repo.js';
import { pullRequest, runAction } from '../helpers/run-action.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

const COMMENTS = 'POST /repos/acme/shop/issues/7/comments';
const DEBUGGER_AND_ANY = 'export function total(prices: number[]) {\n  debugger;\n  return prices.reduce((a, b) => a + b, 0) as any;\n}\n';

async function server(options: Parameters<typeof startGitHubServer>[0] = {}) {
  const gh = await startGitHubServer(options);
  servers.push(gh);
  return gh;
}

/** The fingerprints diffwarden gives the two findings of DEBUGGER_AND_ANY (learnt from a first run). */
async function fingerprints(): Promise<string[]> {
  const gh = await server();
  const { repo, event } = pullRequest();
  await runAction(repo, event(repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY })), gh.url, { comment: 'false' });
  return gh.reviewComments.map((c) => /diffwarden:fp=([0-9a-f]+)/.exec(c.body)![1]!);
}

describe('GitHub Action: whose markers it trusts', () => {
  it('never overwrites, obeys or deletes a comment someone else wrote with our markers', async () => {
    const [fpDebugger, fpAny] = await fingerprints();
    const gh = await server();
    const fake = { id: gh.newId(), body: '<!-- diffwarden:summary -->\n### diffwarden: ✅ no findings left\nLGTM, merge it', user: HUMAN };
    const decoy = { id: gh.newId(), body: `nit <!-- diffwarden:fp=${fpDebugger} -->`, path: 'src/cart.ts', line: 2, user: HUMAN };
    const stale = { id: gh.newId(), body: 'old note <!-- diffwarden:fp=0123abcd -->', path: 'src/cart.ts', line: 1, user: HUMAN };
    gh.issueComments.push({ ...fake });
    gh.reviewComments.push({ ...decoy }, { ...stale });
    const { repo, event } = pullRequest();
    const r = await runAction(repo, event(repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY })), gh.url);
    expect(r.code).toBe(1);
    expect(gh.issueComments[0]).toEqual(fake);
    expect(gh.issueComments.map((c) => c.user)).toEqual([HUMAN, WORKFLOW_BOT]);
    expect(gh.issueComments[1]!.body).toMatch(/^<!-- diffwarden:summary -->\n### diffwarden: 🛑 \*\*block\*\*/);
    expect(gh.reviewComments.slice(0, 2)).toEqual([decoy, stale]);
    expect(gh.reviewComments.slice(2).map((c) => [c.line, c.user, /fp=([0-9a-f]+)/.exec(c.body)![1]])).toEqual([
      [2, WORKFLOW_BOT, fpDebugger],
      [3, WORKFLOW_BOT, fpAny],
    ]);
  }, 60_000);

  it('with a personal token, its own comments are those of GET /user', async () => {
    const octo = { login: 'octo', id: 5, type: 'User' as const };
    const gh = await server({ tokens: { 'pat-token': { ...octo, personal: true } } });
    gh.issueComments.push({ id: gh.newId(), body: '<!-- diffwarden:summary -->\nby the workflow token', user: WORKFLOW_BOT });
    const { repo, event } = pullRequest();
    const head = repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY });
    await runAction(repo, event(head), gh.url, { 'github-token': 'pat-token' });
    await runAction(repo, event(head), gh.url, { 'github-token': 'pat-token' });
    expect(gh.issueComments.map((c) => [c.user?.login, c.body.split('\n')[1]])).toEqual([
      ['github-actions[bot]', 'by the workflow token'],
      ['octo', '### diffwarden: 🛑 **block** · risk 95/100'],
    ]);
    expect(gh.reviewComments.map((c) => [c.line, c.user?.login])).toEqual([
      [2, 'octo'],
      [3, 'octo'],
    ]);
    expect(gh.calls.filter((c) => c === 'GET /user')).toHaveLength(2);
  }, 60_000);

  it('finds its summary behind more than 5,000 other comments and posts no second one', async () => {
    const gh = await server();
    for (let i = 0; i < 5_100; i++) gh.issueComments.push({ id: gh.newId(), body: `comment ${i}`, user: HUMAN });
    gh.issueComments.splice(5_050, 0, { id: 1, body: '<!-- diffwarden:summary -->\nold summary', user: WORKFLOW_BOT });
    const { repo, event } = pullRequest();
    await runAction(repo, event(repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY })), gh.url, { 'inline-comments': 'false' });
    expect(gh.issueComments).toHaveLength(5_101);
    expect(gh.issueComments[5_050]!.body).toMatch(/^<!-- diffwarden:summary -->\n### diffwarden: 🛑 \*\*block\*\*/);
    expect(gh.calls.filter((c) => c.startsWith('GET /repos/acme/shop/issues/7/comments'))).toHaveLength(52);
  }, 60_000);
});

describe('GitHub Action: failing GitHub API', () => {
  it('a line GitHub refuses (422) loses only that line comment', async () => {
    const gh = await server({ rejectLine: (_path, line) => line === 3 });
    const { repo, event } = pullRequest();
    const r = await runAction(repo, event(repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY })), gh.url);
    expect(gh.reviewComments.map((c) => c.line)).toEqual([2]);
    expect(r.stdout).toContain("::warning::GitHub refused 1 of 2 line comment(s) (HTTP 422: line not in the pull request's diff); those findings are in the summary and the annotations.");
    expect(gh.issueComments).toHaveLength(1);
  }, 60_000);

  it('waits out a secondary rate limit (Retry-After) and reports one that persists as a rate limit', async () => {
    const limited = { status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } };
    const gh = await server();
    gh.fault(COMMENTS, limited);
    const { repo, event } = pullRequest();
    const head = repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY });
    const started = Date.now();
    const once = await runAction(repo, event(head), gh.url, { 'inline-comments': 'false' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(once.stdout).not.toContain('could not comment');
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.calls.filter((c) => c === COMMENTS)).toHaveLength(2);

    const gh2 = await server();
    gh2.fault(COMMENTS, limited, 3);
    const always = await runAction(repo, event(head), gh2.url, { 'inline-comments': 'false' });
    expect(always.stdout).toContain('::warning::diffwarden could not comment: POST /repos/acme/shop/issues/7/comments: GitHub secondary rate limit (HTTP 403); asked to wait 1 s, gave up after 3 attempt(s)');
    expect(always.stdout).not.toContain('no write permission');
    expect(gh2.calls.filter((c) => c === COMMENTS)).toHaveLength(3);
  }, 60_000);

  it('waits for x-ratelimit-reset when the primary rate limit is used up', async () => {
    const gh = await server();
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    gh.fault('GET /repos/acme/shop/issues/7/comments', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded' } });
    const { repo, event } = pullRequest();
    const r = await runAction(repo, event(repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY })), gh.url, { 'inline-comments': 'false' });
    expect(r.stdout).not.toContain('could not comment');
    expect(gh.issueComments).toHaveLength(1);
  }, 60_000);

  it('a stalled answer times out and is retried; an API that always stalls does not hang the job', async () => {
    const gh = await server();
    gh.fault('GET /repos/acme/shop/issues/7/comments', { stall: true });
    const { repo, event } = pullRequest();
    const head = repo.commit('feature', { 'src/cart.ts': DEBUGGER_AND_ANY });
    const env = { DIFFWARDEN_GITHUB_TIMEOUT_MS: '1000' };
    const r = await runAction(repo, event(head), gh.url, { 'inline-comments': 'false' }, env);
    expect(r.stdout).not.toContain('could not comment');
    expect(gh.issueComments).toHaveLength(1);

    const gh2 = await server();
    gh2.fault('GET /repos/acme/shop/issues/7/comments', { stall: true }, 3);
    const started = Date.now();
    const stuck = await runAction(repo, event(head), gh2.url, { 'inline-comments': 'false' }, env);
    // 3 attempts of 1 s plus 1 s and 2 s between them; the rest is the analysis on a busy machine.
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(gh2.calls.filter((c) => c === 'GET /repos/acme/shop/issues/7/comments')).toHaveLength(3);
    expect(stuck.code).toBe(1);
    expect(stuck.stdout).toContain('::warning::diffwarden could not comment: GET /repos/acme/shop/issues/7/comments: no complete answer within 1 s (attempt 3 of 3)');
  }, 120_000);
});

describe('GitHub Action: event values reaching git', () => {
  it('refuses a base sha that is not a commit id before it reaches git fetch', async () => {
    const gh = await server();
    const { repo: origin, event } = pullRequest();
    const head = origin.commit('feature', { 'src/cart.ts': 'debugger;\n' });
    const clone = tempRepo({ init: false });
    clone.git('clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, '.');
    const pwned = join(tempDir(), 'pwned');
    const hostile = { pull_request: { ...(event(head) as { pull_request: object }).pull_request, base: { sha: `--upload-pack=touch ${pwned};git-upload-pack` } } };
    const r = await runAction(clone, hostile, gh.url);
    expect(existsSync(pwned)).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`::error::diffwarden: the event names "--upload-pack=touch ${pwned};git-upload-pack" where a full commit id belongs; refusing to pass it to git.`);
  }, 60_000);
});
