import { z } from 'zod';
import { createLlmClient, type LlmClient } from '../llm/client.js';
import type { ChangedFile } from '../pipeline/changed-files.js';
import { fingerprint, normaliseCode } from '../pipeline/fingerprint.js';
import { SEVERITY_RANK, type Finding, type LlmSummary, type Severity } from '../types.js';
import { reviewUnit, type ReviewUnit } from './hunks.js';
import { maskedLines } from './mask.js';
import { fill, loadTemplate, type TemplateName, type TemplateSource } from './templates.js';

export interface ReviewOptions {
  /** What to ask: findings (default), a PR summary, or test ideas. */
  task?: 'review' | 'summary' | 'tests';
  /** Print what would be sent and what it could cost; send nothing. */
  dryRun?: boolean;
  env?: NodeJS.ProcessEnv;
  stateDir?: string;
  cacheDir?: string;
  /** Prompt tokens per request. @default 6000 */
  maxPromptTokens?: number;
  /** Requests per run; files beyond them are listed as not reviewed. @default 4 */
  maxRequests?: number;
  /** A client to share with other tasks of the same run (one per-run budget, one deadline); else a new one. */
  client?: LlmClient;
  /** Where the repository's own prompt templates are read. @default the working tree */
  templates?: TemplateSource;
}

export const reviewSchema = z.object({
  findings: z.array(
    z.object({
      file: z.string(),
      line: z.number().int(),
      severity: z.enum(['info', 'warn', 'block']),
      message: z.string().min(1),
      quote: z.string().optional(),
      fix: z.string().optional(),
    }),
  ),
});

const TEMPLATE: Record<NonNullable<ReviewOptions['task']>, TemplateName> = { review: 'review', summary: 'summarize', tests: 'suggest-tests' };
const MAX_SNAP = 5;
/** Findings taken from one reply, and characters of a message or fix: a reply is the server's choice. */
const MAX_REPLY_FINDINGS = 50;
const MAX_TEXT = 1000;

function riskOf(file: ChangedFile, findings: readonly Finding[]): number {
  return findings.filter((f) => f.file === file.path).reduce((n, f) => n + 10 * (SEVERITY_RANK[f.severity] + 1), 0) + Math.min(file.added.length, 200) / 10;
}

/** Moves a line outside the change onto the nearest added line of the file, or gives up (undefined). */
function snap(unit: ReviewUnit, line: number): number | undefined {
  if (unit.added.includes(line)) return line;
  let best: number | undefined;
  for (const a of unit.added) if (Math.abs(a - line) <= MAX_SNAP && (best === undefined || Math.abs(a - line) < Math.abs(best - line))) best = a;
  return best;
}

export interface ReviewOutcome {
  findings: Finding[];
  summary: LlmSummary;
}

/** Runs the LLM over the risky parts of a change; never throws for an LLM problem. */
export async function runReview(root: string, files: readonly ChangedFile[], staticFindings: readonly Finding[], llmConfig: unknown, options: ReviewOptions = {}): Promise<ReviewOutcome> {
  const notices: string[] = [];
  const client =
    options.client ??
    createLlmClient({
      config: llmConfig,
      ...(options.env ? { env: options.env } : {}),
      ...(options.stateDir ? { stateDir: options.stateDir } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    });
  const stop = client.listen((m) => notices.push(m));
  try {
    return await reviewWith(client, root, files, staticFindings, llmConfig, options, notices);
  } finally {
    stop();
  }
}

async function reviewWith(client: LlmClient, root: string, files: readonly ChangedFile[], staticFindings: readonly Finding[], llmConfig: unknown, options: ReviewOptions, notices: string[]): Promise<ReviewOutcome> {
  const task = options.task ?? 'review';
  const before = client.spent();
  const template = await loadTemplate(root, TEMPLATE[task], options.templates);
  const maxTokens = options.maxPromptTokens ?? 6000;
  const maxRequests = options.maxRequests ?? 4;

  const eligible = files.filter((f) => f.status !== 'deleted' && f.added.length > 0 && f.kind !== 'markdown');
  const ordered = [...eligible].sort((a, b) => riskOf(b, staticFindings) - riskOf(a, staticFindings) || a.path.localeCompare(b.path));
  // Secrets are masked in whole files first, so context lines and key blocks shown in part are covered.
  let masked = 0;
  const units = ordered.map((file) => {
    const { lines, count } = maskedLines(file, staticFindings);
    masked += count;
    return reviewUnit(file, lines);
  });

  // Pack files into requests by prompt size, riskiest first.
  const chunks: ReviewUnit[][] = [];
  const skipped: string[] = [];
  let current: ReviewUnit[] = [];
  let size = 0;
  const tokensOf = (text: string) => client.estimate(task, [{ role: 'user', content: text }]).promptTokens;
  const base = tokensOf(template.text);
  for (const unit of units) {
    const t = tokensOf(unit.text);
    if (base + t > maxTokens) {
      skipped.push(`${unit.file} (too large for one request: ~${t} tokens)`);
      continue;
    }
    if (size + t + base > maxTokens && current.length > 0) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(unit);
    size += t;
  }
  if (current.length) chunks.push(current);
  for (const dropped of chunks.splice(maxRequests)) for (const u of dropped) skipped.push(`${u.file} (over ${maxRequests} requests)`);

  const hints = (unitFiles: Set<string>): string => {
    const relevant = staticFindings.filter((f) => unitFiles.has(f.file)).slice(0, 30);
    return relevant.length ? relevant.map((f) => `- ${f.file}:${f.line} (${f.ruleId}) ${f.message}`).join('\n') : '(none)';
  };
  const prompts = chunks.map((chunk) => fill(template, { hunks: chunk.map((u) => u.text).join('\n\n'), hints: hints(new Set(chunk.map((u) => u.file))), fileCount: String(chunk.length) }));

  const summary: LlmSummary = { requests: 0, cacheHits: 0, costUsd: 0, skipped, reviewedFiles: [], redactions: masked, notices };
  if (options.dryRun) {
    const estimates = prompts.map((p) => client.estimate(task, [{ role: 'user', content: p }]));
    summary.dryRun = {
      requests: prompts.length,
      promptTokens: estimates.reduce((n, e) => n + e.promptTokens, 0),
      models: client.models(task),
      worstCaseUsd: estimates.some((e) => e.worstCaseUsd === undefined) ? null : Math.round(estimates.reduce((n, e) => n + (e.worstCaseUsd ?? 0), 0) * 1e6) / 1e6,
    };
    summary.reviewedFiles = chunks.flat().map((u) => u.file);
    return { findings: [], summary };
  }

  const findings: Finding[] = [];
  const texts: string[] = [];
  const seen = new Map<string, number>();
  const canBlock = (llmConfig as { canBlock?: boolean } | undefined)?.canBlock === true;
  for (const [i, chunk] of chunks.entries()) {
    const messages = [{ role: 'user' as const, content: prompts[i]! }];
    const result = task === 'review' ? await client.complete({ task, messages, schema: reviewSchema, templateVersion: template.version }) : await client.complete({ task, messages, templateVersion: template.version });
    // This task's share of a client that may have served others before.
    Object.assign(summary, { requests: result.requests - before.requests, cacheHits: result.cacheHits - before.cacheHits, costUsd: Math.round((result.costUsd - before.costUsd) * 1e6) / 1e6, redactions: masked + result.redactions - before.redactions });
    if (!result.ok) {
      notices.push(`LLM ${task} skipped: ${result.message}.`);
      for (const u of chunk) skipped.push(`${u.file} (${result.reason})`);
      // A failure is not retried chunk after chunk: the rest would fail the same way.
      for (const rest of chunks.slice(i + 1)) for (const u of rest) skipped.push(`${u.file} (${result.reason})`);
      break;
    }
    summary.reviewedFiles.push(...chunk.map((u) => u.file));
    if (task !== 'review') {
      texts.push(result.content.trim());
      continue;
    }
    const byFile = new Map(chunk.map((u) => [u.file, u]));
    const shown = new Map<string, string>();
    const replied = (result.data as z.infer<typeof reviewSchema>).findings;
    if (replied.length > MAX_REPLY_FINDINGS) notices.push(`An LLM reply listed ${replied.length} findings; only the first ${MAX_REPLY_FINDINGS} were considered.`);
    for (const f of replied.slice(0, MAX_REPLY_FINDINGS)) {
      const unit = byFile.get(f.file);
      const line = unit ? snap(unit, f.line) : undefined;
      if (!unit || line === undefined) continue; // outside the change: dropped
      // A finding that quotes code absent from what was shown is a hallucination.
      if (!shown.has(unit.file)) shown.set(unit.file, normaliseCode(unit.text));
      if (f.quote && !shown.get(unit.file)!.includes(normaliseCode(f.quote))) continue;
      if (staticFindings.some((s) => s.file === f.file && s.line === line)) continue; // already reported statically
      const severity: Severity = f.severity === 'block' && !canBlock ? 'warn' : f.severity;
      const code = normaliseCode(f.quote ?? f.message);
      const key = `${f.file}\0${code}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      const lineText = unit.text.split('\n').find((l) => l.slice(1, 6).trim() === String(line))?.slice(9);
      findings.push({
        ruleId: 'llm-review',
        severity,
        category: 'review',
        file: f.file,
        line,
        column: 1,
        endLine: line,
        endColumn: (lineText?.length ?? 0) + 1,
        message: f.message.slice(0, MAX_TEXT),
        source: 'llm',
        confidence: 'medium',
        ...(f.fix ? { fix: f.fix.slice(0, MAX_TEXT) } : {}),
        ...(lineText !== undefined ? { snippet: lineText } : {}),
        fingerprint: fingerprint('llm-review', f.file, code, occurrence),
      });
    }
  }
  if (texts.length) summary.text = texts.join('\n\n');
  return { findings, summary };
}
