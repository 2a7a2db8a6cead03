import type { Rule, RuleExample } from './define-rule.js';

function fence(example: RuleExample): string {
  const lang = example.file?.split('.').pop() ?? 'ts';
  const head = example.file ? `\`${example.file}\`\n\n` : '';
  return `${head}\`\`\`${lang}\n${example.code}\n\`\`\``;
}

/** docs/rules.md, generated from the rules' metadata (`npm run docs`; a test keeps it current). */
export function renderRulesMarkdown(rules: readonly Rule<unknown>[]): string {
  const sorted = [...rules].sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.id.localeCompare(b.id));
  const out = [
    '# diffwarden rules',
    '',
    '<!-- Generated from rules/*.ts by `npm run docs`; do not edit by hand. -->',
    '<!-- diffwarden-ignore-file hardcoded-secret -- the examples below show fake keys on purpose -->',
    '',
    `${sorted.length} rules. Change a level in the configuration (\`"rules": { "<id>": "off" | "info" | "warn" | "block" }\`) or silence one place with \`// diffwarden-ignore-next-line <id> -- <reason>\`.`,
    '',
    '| Rule | Severity | Category | Confidence | Description |',
    '| --- | --- | --- | --- | --- |',
    ...sorted.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.meta.severity} | ${r.meta.category} | ${r.meta.confidence} | ${r.meta.description.replace(/\|/g, '\\|')} |`),
    '',
  ];
  for (const r of sorted) {
    out.push(`## ${r.id}`, '', r.meta.description, '', `**Severity:** ${r.meta.severity} · **Category:** ${r.meta.category} · **Confidence:** ${r.meta.confidence}${r.meta.scope === 'change' ? ' · **Judges:** the whole change' : ''}`, '');
    out.push(`**Why.** ${r.meta.why}`, '', `**Fix.** ${r.meta.fix}`, '');
    if (r.meta.options && r.defaultOptions && typeof r.defaultOptions === 'object') {
      const defaults = Object.entries(r.defaultOptions as Record<string, unknown>).map(([k, v]) => `\`${k}\` (default \`${JSON.stringify(v)}\`)`);
      const [first, value] = Object.entries(r.defaultOptions as Record<string, unknown>)[0] ?? [];
      const sample = first === undefined ? '' : ` Set them with a level, e.g. \`"${r.id}": ["${r.meta.severity}", { "${first}": ${JSON.stringify(value)} }]\`.`;
      out.push(`**Options.** ${defaults.join(', ')}.${sample}`, '');
    }
    out.push('### Fires on', '', ...r.meta.examples.fires.flatMap((e) => [fence(e), '']));
    out.push('### Does not fire on', '', ...r.meta.examples.passes.flatMap((e) => [fence(e), '']));
  }
  return out.join('\n');
}
