import type { Severity } from '../types.js';
import { bySeverity } from './order.js';
import type { Reporter } from './types.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { block: 'error', warn: 'warning', info: 'notice' };

// Workflow command escaping, as in @actions/core's command.ts.
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow annotations (`::error file=…,line=…::message`), most severe first. */
export const github: Reporter = (result) => {
  const lines = [...result.findings].sort(bySeverity).map((f) => {
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      ...(f.endLine === f.line ? [`col=${f.column}`, `endColumn=${f.endColumn}`] : []),
      `title=${escapeProperty(`diffwarden ${f.ruleId}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.fix ? `${f.message} ${f.fix}` : f.message)}`;
  });
  lines.push(`diffwarden: ${result.decision} (risk ${result.riskScore}/100, ${result.findings.length} findings)`);
  return `${lines.join('\n')}\n`;
};
