import { builtInRules } from '../../rules/registry.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { RULES_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { renderRulesMarkdown } from '../../rules/docs.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('rules', argv, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.stdout.write(RULES_HELP);
    return 0;
  }
  const format = oneOf('format', values.format, ['text', 'json', 'markdown'] as const) ?? 'text';
  const rules = [...builtInRules()].sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.id.localeCompare(b.id));
  if (format === 'json') {
    const list = rules.map((r) => ({
      id: r.id,
      severity: r.meta.severity,
      category: r.meta.category,
      confidence: r.meta.confidence,
      description: r.meta.description,
      why: r.meta.why,
      fix: r.meta.fix,
      scope: r.meta.scope ?? 'added',
    }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  } else if (format === 'markdown') {
    io.stdout.write(renderRulesMarkdown(rules));
  } else {
    const width = Math.max(...rules.map((r) => r.id.length));
    const catWidth = Math.max(...rules.map((r) => r.meta.category.length));
    for (const r of rules) io.stdout.write(`${r.id.padEnd(width)}  ${r.meta.severity.padEnd(5)}  ${r.meta.category.padEnd(catWidth)}  ${r.meta.description}\n`);
    io.stdout.write(`\n${rules.length} rules. Set levels in your config: "rules": { "<id>": "off" | "info" | "warn" | "block" }.\n`);
  }
  return 0;
}
