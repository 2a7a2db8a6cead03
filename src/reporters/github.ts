import type { Severity } from '../types.js';
import { terminal, workflowData as escapeData, workflowProperty as escapeProperty } from './escape.js';
import { bySeverity } from './order.js';
import type { Reporter } from './types.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { block: 'error', warn: 'warning', info: 'notice' };

export { workflowData as escapeData, workflowProperty as escapeProperty } from './escape.js';

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
  lines.push(terminal(`diffwarden: ${result.decision} (risk ${result.riskScore}/100, ${result.findings.length} findings)`));
  return `${lines.join('\n')}\n`;
};
