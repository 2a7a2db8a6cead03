import type { RuleMeta } from '../rules/define-rule.js';
import type { Category, Confidence, Severity } from '../types.js';
import { sarifText } from './escape.js';
import type { Reporter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { block: 'error', warn: 'warning', info: 'note' };

/** Categories GitHub code scanning should show as security alerts (it reads `security-severity` only with the `security` tag). */
const SECURITY = new Set<Category>(['secret', 'insecure-api', 'ci-risk', 'dependency']);
/** GitHub's bands: 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low; a blocking rule is high, never critical (we cannot know the blast radius). */
const SECURITY_SEVERITY: Record<Severity, string> = { block: '8.0', warn: '5.5', info: '3.0' };
const PRECISION: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low' };

function ruleProperties(meta: RuleMeta<unknown>) {
  const security = SECURITY.has(meta.category);
  return {
    category: meta.category,
    confidence: meta.confidence,
    precision: PRECISION[meta.confidence],
    tags: security ? [meta.category, 'security'] : [meta.category],
    ...(security ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
  };
}

/** SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), as GitHub code scanning reads it. */
export const sarif: Reporter = (result, meta) => {
  const used = new Set(result.findings.map((f) => f.ruleId));
  const rules = meta.rules.filter((r) => used.has(r.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const extra = [...used].filter((id) => !index.has(id)).sort();
  const descriptors = [
    ...rules.map((r) => ({
      id: r.id,
      name: r.id,
      shortDescription: { text: r.meta.description },
      fullDescription: { text: r.meta.why },
      help: { text: `${r.meta.description}\n\nWhy: ${r.meta.why}\n\nFix: ${r.meta.fix}`, markdown: `${r.meta.description}\n\n**Why:** ${r.meta.why}\n\n**Fix:** ${r.meta.fix}` },
      defaultConfiguration: { level: LEVEL[r.meta.severity] },
      properties: ruleProperties(r.meta),
    })),
    ...extra.map((id) => ({ id, name: id, shortDescription: { text: id } })),
  ];
  extra.forEach((id, i) => index.set(id, rules.length + i));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'diffwarden',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: 'https://github.com/diffwarden/diffwarden',
            rules: descriptors,
          },
        },
        automationDetails: { id: `diffwarden/${result.mode}/` },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: sarifText(f.fix ? `${f.message} ${f.fix}` : f.message) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(sarifText(f.file)), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column + 1 : 1) },
              },
            },
          ],
          partialFingerprints: { 'diffwarden/v1': f.fingerprint },
          properties: { source: f.source, category: f.category, confidence: f.confidence },
        })),
        properties: { decision: result.decision, riskScore: result.riskScore },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
