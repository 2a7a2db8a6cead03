import type { Finding, Report, Severity } from '../types.js';
import { terminal } from './escape.js';
import { groupByFile } from './order.js';
import type { Reporter } from './types.js';

/** Files whose format has no comments (JSON but tsconfig's, lockfiles): a finding there is accepted through the baseline. */
const noComments = (file: string): boolean => /\.(?:json|lock)$/.test(file) && !/(?:^|\/)[jt]sconfig[^/]*\.json$/.test(file);

type Paint = (code: string, text: string) => string;

const SEVERITY_COLOR: Record<Severity, string> = { block: '31', warn: '33', info: '36' };
const DECISION_MARK = { block: '✖', warn: '⚠', pass: '✔' } as const;
const DECISION_COLOR = { block: '31', warn: '33', pass: '32' } as const;

/** Each run of blanks holding a line break becomes one space (by hand: `\s*\n\s*` was quadratic on long blank runs). */
export function joinLines(text: string): string {
  if (!text.includes('\n')) return text;
  const parts = text.split('\n');
  const last = parts.length - 1;
  const kept: string[] = [];
  parts.forEach((part, i) => {
    const piece = i === 0 ? part.trimEnd() : i === last ? part.trimStart() : part.trim();
    if (piece !== '' || i === 0 || i === last) kept.push(piece);
  });
  return kept.join(' ');
}

/** Untrusted text on one line of the terminal. */
export function oneLine(text: string): string {
  return terminal(joinLines(text.replace(/\r/g, '')));
}

/** Untrusted text over several lines, each continuation indented under the first. */
function block(text: string, indent: string): string {
  return terminal(text.replace(/\r\n?/g, '\n')).split('\n').join(`\n${indent}`);
}

function frame(f: Finding, paint: Paint): string[] {
  if (f.snippet === undefined) return [];
  const gutter = String(f.line).length;
  const snippet = oneLine(f.snippet);
  const line = snippet.replace(/\t/g, '  ');
  const out = [`    ${paint('2', `${f.line} |`)} ${line}`];
  if (f.endLine === f.line && f.endColumn > f.column) {
    const lead = snippet.slice(0, f.column - 1).replace(/\t/g, '  ').length;
    const width = Math.max(1, Math.min(f.endColumn - f.column, line.length - lead));
    out.push(`    ${' '.repeat(gutter)} ${paint('2', '|')} ${' '.repeat(lead)}${paint(SEVERITY_COLOR[f.severity], '^'.repeat(width))}`);
  }
  return out;
}

export function renderText(result: Report, color: boolean): string {
  const paint: Paint = color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const lines: string[] = [];
  for (const [file, findings] of groupByFile(result.findings)) {
    lines.push(paint('4', oneLine(file)));
    for (const f of findings) {
      const where = `${f.line}:${f.column}`.padEnd(7);
      lines.push(`  ${where} ${paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(5))}  ${oneLine(f.message)}  ${paint('2', oneLine(f.ruleId))}`);
      lines.push(...frame(f, paint));
      if (f.fix && f.severity !== 'info') lines.push(`    ${paint('2', 'fix:')} ${block(f.fix, '         ')}`);
    }
    lines.push('');
  }

  const { summary } = result;
  const counts = `${summary.bySeverity.block} block, ${summary.bySeverity.warn} warn, ${summary.bySeverity.info} info`;
  const size = `${summary.filesAnalyzed} file${summary.filesAnalyzed === 1 ? '' : 's'}, +${summary.linesAdded} -${summary.linesRemoved}`;
  const decision = `${DECISION_MARK[result.decision]} ${result.decision}`;
  lines.push(`${paint(DECISION_COLOR[result.decision], decision)} · risk ${result.riskScore}/100 · ${counts} · ${size} · ${oneLine(result.target)} · ${summary.durationMs} ms`);

  if (result.decision !== 'pass') {
    const example = result.findings.find((f) => f.severity === result.decision) ?? result.findings[0];
    if (example && noComments(example.file)) {
      lines.push(paint('2', `  ${oneLine(example.file)} cannot hold a comment: to accept a finding there, add its fingerprint with a reason to the baseline, e.g. {"fingerprint":"${example.fingerprint}","rule":"${oneLine(example.ruleId)}","file":"${oneLine(example.file)}","reason":"..."} in .diffwarden-baseline.json.`));
    } else if (example) lines.push(paint('2', `  To accept a finding, put \`// diffwarden-ignore-next-line ${oneLine(example.ruleId)} -- <reason>\` on the line above it.`));
  }
  if (summary.suppressed > 0) lines.push(paint('2', `  ${summary.suppressed} finding${summary.suppressed === 1 ? '' : 's'} suppressed with a reason.`));
  if (summary.baselined > 0) lines.push(paint('2', `  ${summary.baselined} finding${summary.baselined === 1 ? '' : 's'} already in the baseline, not shown.`));
  const skippedNotIgnored = summary.skipped.filter((s) => s.reason !== 'ignored');
  if (skippedNotIgnored.length > 0) {
    const shown = skippedNotIgnored.slice(0, 5).map((s) => oneLine(`${s.file} (${s.reason}${s.detail ? `: ${s.detail}` : ''})`));
    const more = skippedNotIgnored.length > 5 ? `, and ${skippedNotIgnored.length - 5} more` : '';
    lines.push(paint('2', `  Skipped ${skippedNotIgnored.length}: ${shown.join(', ')}${more}.`));
  }
  if (result.llm && !result.llm.dryRun) {
    const l = result.llm;
    lines.push(paint('2', `  LLM review: ${l.reviewedFiles.length} file${l.reviewedFiles.length === 1 ? '' : 's'}, ${l.requests} request${l.requests === 1 ? '' : 's'}, ${l.cacheHits} cached, $${l.costUsd.toFixed(6)}${l.redactions ? `, ${l.redactions} secret${l.redactions === 1 ? '' : 's'} redacted before sending` : ''}.`));
  }
  for (const note of result.notes) lines.push(paint('2', `  ${oneLine(note)}`));
  return `${lines.join('\n')}\n`;
}

export const text: Reporter = (result, meta) => renderText(result, meta.color);
