import { markdownText } from '../reporters/escape.js';
import { renderMarkdown } from '../reporters/markdown.js';
import type { Finding, Report } from '../types.js';
import { GitHubApiError, writtenBy, type CommentAuthor, type GitHubApi, type LineComment } from './github-api.js';

export const SUMMARY_MARKER = '<!-- diffwarden:summary -->';
/** Our marker ends the body we write; a marker quoted earlier in the text (a finding message) is not it. */
const FINGERPRINT = /<!-- diffwarden:fp=([0-9a-f]+) -->\s*$/;

export interface CommentPlan {
  pr: number;
  headSha: string;
  report: Report;
  addedLines: Record<string, number[]>;
  inline: boolean;
  sticky: boolean;
  overview?: string;
}

function inlineBody(f: Finding): string {
  return `**diffwarden** \`${f.ruleId}\` (${f.severity}): ${markdownText(f.message)}${f.fix ? `\n\n${markdownText(f.fix)}` : ''}\n\nTo accept it: \`// diffwarden-ignore-next-line ${f.ruleId} -- <reason>\`\n\n<!-- diffwarden:fp=${f.fingerprint} -->`;
}

async function upsertSummary(api: GitHubApi, me: CommentAuthor, plan: CommentPlan): Promise<void> {
  // Only our own comment is ours to overwrite: anyone can paste the marker into theirs.
  const existing = (await api.issueComments(plan.pr)).find((c) => writtenBy(c, me) && c.body?.includes(SUMMARY_MARKER));
  // Files diffwarden could not analyse keep the comment: "no findings" would hide them.
  const clean = plan.report.findings.length === 0 && plan.report.summary.skipped.every((s) => s.reason === 'ignored');
  const about = plan.overview ? `\n**What this change does** (LLM summary):\n\n${markdownText(plan.overview)}\n` : '';
  const body = `${SUMMARY_MARKER}\n${clean ? '### diffwarden: ✅ no findings left\n' : renderMarkdown(plan.report)}${about}`;
  if (existing) await api.updateIssueComment(existing.id, body);
  else if (!clean) await api.createIssueComment(plan.pr, body);
}

/**
 * Posts the line comments as one review; when GitHub refuses it (422: a line it does not consider
 * part of the diff), posts them one by one so that only the refused ones are lost.
 * Returns how many were refused.
 */
async function postLineComments(api: GitHubApi, plan: CommentPlan, comments: LineComment[]): Promise<number> {
  if (comments.length === 0) return 0;
  try {
    await api.createReview(plan.pr, plan.headSha, comments);
    return 0;
  } catch (error) {
    if (!(error instanceof GitHubApiError) || error.status !== 422) throw error;
  }
  let refused = 0;
  for (const c of comments) {
    try {
      await api.createReviewComment(plan.pr, plan.headSha, c);
    } catch (error) {
      if (!(error instanceof GitHubApiError) || error.status !== 422) throw error;
      refused++;
    }
  }
  return refused;
}

/** Updates the sticky summary and the line comments; returns notes for the log. */
export async function comment(api: GitHubApi, me: CommentAuthor, plan: CommentPlan): Promise<string[]> {
  const notes: string[] = [];
  if (plan.sticky) await upsertSummary(api, me, plan);
  if (!plan.inline) return notes;
  const wanted = plan.report.findings.filter((f) => f.severity !== 'info' && (plan.addedLines[f.file] ?? []).includes(f.line));
  const wantedFps = new Set(wanted.map((f) => f.fingerprint));
  const ours = (await api.reviewComments(plan.pr))
    .filter((c) => writtenBy(c, me))
    .map((c) => ({ id: c.id, fp: FINGERPRINT.exec(c.body ?? '')?.[1] }))
    .filter((c): c is { id: number; fp: string } => c.fp !== undefined);
  const posted = new Set(ours.map((c) => c.fp));
  const fresh = wanted.filter((f) => !posted.has(f.fingerprint));
  const refused = await postLineComments(
    api,
    plan,
    fresh.map((f) => ({ path: f.file, line: f.line, side: 'RIGHT' as const, body: inlineBody(f) })),
  );
  if (refused) notes.push(`GitHub refused ${refused} of ${fresh.length} line comment(s) (HTTP 422: line not in the pull request's diff); those findings are in the summary and the annotations.`);
  for (const c of ours) if (!wantedFps.has(c.fp)) await api.deleteReviewComment(c.id);
  return notes;
}
