import type { Finding, Report } from '../types.js';
import { markdownCode, markdownInline } from './escape.js';
import { bySeverity } from './order.js';
import type { Reporter } from './types.js';

const BADGE = { block: '🛑 **block**', warn: '⚠️ **warn**', pass: '✅ **pass**' } as const;

/** Escapes text for a Markdown table cell. */
export const cell = markdownInline;

/** A code span inside a table cell: GFM needs `|` escaped even there. */
export const codeCell = markdownCode;

function row(f: Finding): string {
  return `| ${f.severity} | ${codeCell(`${f.file}:${f.line}`)} | ${cell(f.message)} | ${codeCell(f.ruleId)} |`;
}

export function renderMarkdown(result: Report, maxRows = 50): string {
  const { summary } = result;
  const lines = [
    `### diffwarden: ${BADGE[result.decision]} · risk ${result.riskScore}/100`,
    '',
    `${summary.filesAnalyzed} files, +${summary.linesAdded} −${summary.linesRemoved} · ${summary.bySeverity.block} block, ${summary.bySeverity.warn} warn, ${summary.bySeverity.info} info · ${cell(result.target)}`,
    '',
  ];
  if (result.findings.length === 0) {
    lines.push('No findings.');
  } else {
    const sorted = [...result.findings].sort(bySeverity);
    lines.push('| Severity | Location | Finding | Rule |', '| --- | --- | --- | --- |');
    lines.push(...sorted.slice(0, maxRows).map(row));
    if (sorted.length > maxRows) lines.push('', `…and ${sorted.length - maxRows} more (see the JSON or SARIF report).`);
  }
  if (summary.suppressed > 0) lines.push('', `${summary.suppressed} finding(s) suppressed with a reason.`);
  if (summary.baselined > 0) lines.push('', `${summary.baselined} finding(s) already in the baseline, not shown.`);
  if (result.llm && !result.llm.dryRun) lines.push('', `LLM review: ${result.llm.reviewedFiles.length} file(s), ${result.llm.requests} request(s), ${result.llm.cacheHits} cached, cost $${result.llm.costUsd.toFixed(4)}.`);
  const skipped = summary.skipped.filter((s) => s.reason !== 'ignored');
  if (skipped.length > 0) {
    // A file diffwarden could not analyse must be visible where the verdict is read.
    const shown = skipped.slice(0, 20).map((s) => `${codeCell(s.file)} (${cell(s.reason)}${s.detail ? `: ${cell(s.detail)}` : ''})`);
    const more = skipped.length > 20 ? `, and ${skipped.length - 20} more` : '';
    lines.push('', `> **Not analysed (${skipped.length}):** ${shown.join(', ')}${more}.`);
  }
  for (const note of result.notes) lines.push('', `> ${cell(note)}`);
  return `${lines.join('\n')}\n`;
}

export const markdown: Reporter = (result) => renderMarkdown(result);
