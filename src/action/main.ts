import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { analyze, type AnalyzeTarget } from '../analyze.js';
import { exitCodeFor } from '../cli/commands/analyze-command.js';
import { git, gitMaybe } from '../git/run-git.js';
import { createLlmClient } from '../llm/client.js';
import { stripControl } from '../reporters/escape.js';
import { renderMarkdown } from '../reporters/markdown.js';
import { sarif } from '../reporters/sarif.js';
import { builtInRules } from '../rules/registry.js';
import { SEVERITY_RANK, type Finding, type Report } from '../types.js';
import { loadActionBaseline, loadActionConfig } from './action-config.js';
import { comment } from './comments.js';
import { GitHubApi, GitHubApiError, WORKFLOW_BOT } from './github-api.js';
import { DEFAULT_HTTP } from './github-http.js';

export { SUMMARY_MARKER } from './comments.js';
const ANNOTATIONS_PER_TYPE = 10;
/** A full commit id (SHA-1 or SHA-256): anything else in the event is refused before it reaches git. */
const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

interface Event {
  pull_request?: { number: number; base: { sha: string }; head: { sha: string } };
  before?: string;
  after?: string;
}

/** Makes sure `base...head` can be diffed in a shallow checkout (the actions/checkout default). */
async function ensureHistory(root: string, base: string, head: string): Promise<void> {
  for (const sha of [base, head]) if (!COMMIT_ID.test(sha)) throw new Error(`the event names ${JSON.stringify(sha.slice(0, 80))} where a full commit id belongs; refusing to pass it to git.`);
  const have = async (sha: string) => Boolean(await gitMaybe(root, ['rev-parse', '-q', '--verify', `${sha}^{commit}`]));
  const shallow = (await git(root, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
  if (!shallow && (await have(base)) && (await have(head))) return;
  // Deepen both ends; a merge base further back than that needs the whole history.
  await git(root, ['fetch', '--no-tags', '--quiet', '--depth=200', '--end-of-options', 'origin', base, head]);
  if (!(await gitMaybe(root, ['merge-base', '--end-of-options', base, head]))) await git(root, ['fetch', '--no-tags', '--quiet', '--unshallow', 'origin']);
}

function annotate(report: Report): Finding[] {
  const left: Finding[] = [];
  const used = { block: 0, warn: 0, info: 0 };
  for (const f of [...report.findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])) {
    if (used[f.severity] >= ANNOTATIONS_PER_TYPE) {
      left.push(f);
      continue;
    }
    used[f.severity]++;
    const props = { file: f.file, startLine: f.line, endLine: f.endLine, title: `diffwarden ${f.ruleId}`, ...(f.line === f.endLine ? { startColumn: f.column, endColumn: f.endColumn } : {}) };
    const text = stripControl(f.fix ? `${f.message} ${f.fix}` : f.message);
    if (f.severity === 'block') core.error(text, props);
    else if (f.severity === 'warn') core.warning(text, props);
    else core.notice(text, props);
  }
  return left;
}

function httpOptions() {
  const timeout = Number(process.env.DIFFWARDEN_GITHUB_TIMEOUT_MS);
  return Number.isInteger(timeout) && timeout > 0 ? { ...DEFAULT_HTTP, timeoutMs: timeout } : DEFAULT_HTTP;
}

function commentFailure(error: unknown): string {
  if (error instanceof GitHubApiError && error.rateLimited) return `diffwarden could not comment: ${error.message}. See the annotations and the job summary.`;
  // Fork pull requests get a read-only token: annotations and the step summary carry the result.
  if (error instanceof GitHubApiError && (error.status === 403 || error.status === 404)) return `diffwarden could not comment (HTTP ${error.status}: no write permission); see the annotations and the job summary.`;
  return `diffwarden could not comment: ${(error as Error).message}`;
}

export async function run(): Promise<void> {
  const root = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const eventName = process.env.GITHUB_EVENT_NAME ?? '';
  const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH ?? '', 'utf8')) as Event;
  const failOn = (core.getInput('fail-on') || 'block') as 'block' | 'warn' | 'never';
  if (!['block', 'warn', 'never'].includes(failOn)) throw new Error(`Input fail-on must be block, warn or never (got "${failOn}").`);
  const wantsReview = core.getBooleanInput('review');
  const wantsComment = core.getInput('comment') === '' ? true : core.getBooleanInput('comment');
  const wantsInline = core.getInput('inline-comments') === '' ? true : core.getBooleanInput('inline-comments');
  const sarifFile = core.getInput('sarif-file');
  const configPath = core.getInput('config') || undefined;
  const token = core.getInput('github-token');
  const commentAuthor = core.getInput('comment-author');

  let target: AnalyzeTarget;
  let configRev: string;
  const pr = event.pull_request;
  if (pr && eventName.startsWith('pull_request')) {
    await ensureHistory(root, pr.base.sha, pr.head.sha);
    target = { kind: 'range', range: `${pr.base.sha}...${pr.head.sha}` };
    configRev = pr.base.sha;
  } else if (event.after) {
    const before = event.before && !/^0+$/.test(event.before) ? event.before : undefined;
    await ensureHistory(root, before ?? event.after, event.after);
    target = { kind: 'range', range: before ? `${before}..${event.after}` : event.after };
    configRev = before ?? event.after;
  } else {
    throw new Error(`diffwarden runs on pull_request and push events (got "${eventName}").`);
  }

  const { config, source } = await loadActionConfig(root, configRev, configPath, builtInRules());
  if (source) core.info(`Configuration: ${source}`);
  const keyVar = (config.llm as { apiKeyEnv?: string }).apiKeyEnv ?? 'OPENAI_API_KEY';
  const review = wantsReview && Boolean(process.env[keyVar]);
  if (wantsReview && !review) core.notice(`LLM review skipped: ${keyVar} is not set (fork pull requests get no secrets).`);
  // One client for the review and the summary: one per-run budget (llm.budget.perRunUsd) and one deadline.
  const client = review ? createLlmClient({ config: config.llm }) : undefined;
  // Prompt templates come from the same commit as the configuration: a pull request cannot rewrite its reviewer's instructions.
  // `llm.review` in the configuration does not start a review here: the inputs decide, with these templates.
  const templates = { kind: 'commit', rev: configRev } as const;
  const baseline = loadActionBaseline(root, configRev, config);
  const result = await analyze({ cwd: root, target, baseline, config: { ...config, llm: { ...config.llm, review: false } }, review: client ? { client, templates } : false });
  const { report } = result;
  for (const n of report.llm?.notices ?? []) core.warning(n);
  // The pull-request summary (templates/summarize.md) for the sticky comment, through the same client.
  const summaryRun = client && pr ? (await analyze({ cwd: root, target, baseline, config, review: { task: 'summary', client, templates } })).report.llm : undefined;
  for (const n of summaryRun?.notices ?? []) core.warning(n);
  const overview = summaryRun?.text;

  core.setOutput('decision', report.decision);
  core.setOutput('risk-score', String(report.riskScore));
  core.setOutput('findings-count', String(report.findings.length));
  if (sarifFile) {
    const out = resolve(root, sarifFile);
    writeFileSync(out, sarif(report, { rules: builtInRules(), color: false }));
    core.setOutput('sarif-file', out);
  }

  const overflow = annotate(report);
  let summary = renderMarkdown(report, 200);
  if (overflow.length) summary += `\n${overflow.length} finding(s) beyond GitHub's annotation limit are listed in the table above.\n`;
  await core.summary.addRaw(summary).write();

  if (pr && token && (wantsComment || wantsInline)) {
    const api = new GitHubApi(process.env.GITHUB_API_URL ?? 'https://api.github.com', token, process.env.GITHUB_REPOSITORY ?? '', httpOptions());
    try {
      const me = commentAuthor ? { login: commentAuthor } : await api.identity(WORKFLOW_BOT);
      const notes = await comment(api, me, { pr: pr.number, headSha: pr.head.sha, report, addedLines: result.addedLines, inline: wantsInline, sticky: wantsComment, ...(overview ? { overview } : {}) });
      for (const n of notes) core.warning(n);
    } catch (error) {
      core.warning(commentFailure(error));
    }
  }

  if (report.errors.length) core.setFailed(`diffwarden: ${report.errors.length} rule failure(s); the result is incomplete.`);
  else if (exitCodeFor(report.decision, failOn) === 1) core.setFailed(`diffwarden: ${report.decision} (risk ${report.riskScore}/100, ${report.findings.length} findings).`);
}

run().catch((error: unknown) => core.setFailed(`diffwarden: ${error instanceof Error ? error.message : String(error)}`));
