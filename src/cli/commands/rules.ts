import { UsageError } from '../../errors.js';
import type { Rule } from '../../rules/define-rule.js';
import { renderRulesMarkdown } from '../../rules/docs.js';
import { builtInRules } from '../../rules/registry.js';
import { didYouMean } from '../../util/nearest.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { RULES_HELP } from '../help.js';
import type { CliIO } from '../io.js';

function asJson(r: Rule<unknown>) {
  return {
    id: r.id,
    severity: r.meta.severity,
    category: r.meta.category,
    confidence: r.meta.confidence,
    description: r.meta.description,
    why: r.meta.why,
    fix: r.meta.fix,
    scope: r.meta.scope ?? 'added',
    ...(r.meta.options ? { defaultOptions: r.defaultOptions } : {}),
  };
}

/** One rule in full, for `diffwarden rules <id>`: what it finds, why, how to fix, options, one example each way. */
function details(r: Rule<unknown>): string {
  const lines = [`${r.id}  (${r.meta.severity}, ${r.meta.category}, confidence ${r.meta.confidence})`, '', r.meta.description, '', `Why: ${r.meta.why}`, '', `Fix: ${r.meta.fix}`, ''];
  if (r.meta.options) lines.push(`Options (defaults): ${JSON.stringify(r.defaultOptions)}; set as "${r.id}": ["${r.meta.severity}", { ... }]`, '');
  const fires = r.meta.examples.fires[0];
  const passes = r.meta.examples.passes[0];
  if (fires) lines.push('Fires on:', ...fires.code.split('\n').map((l) => `  ${l}`), '');
  if (passes) lines.push('Does not fire on:', ...passes.code.split('\n').map((l) => `  ${l}`), '');
  lines.push(`Silence one place: // diffwarden-ignore-next-line ${r.id} -- <reason>`);
  return `${lines.join('\n')}\n`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('rules', argv, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    io.stdout.write(RULES_HELP);
    return 0;
  }
  const format = oneOf('format', values.format, ['text', 'json', 'markdown'] as const) ?? 'text';
  const all = builtInRules();
  const ids = new Set(all.map((r) => r.id));
  for (const id of positionals) {
    if (!ids.has(id)) throw new UsageError(`Unknown rule id "${id}"${didYouMean(id, ids)}. Run \`diffwarden rules\` to list them.`);
  }
  const picked = positionals.length > 0 ? all.filter((r) => positionals.includes(r.id)) : all;
  const rules = [...picked].sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.id.localeCompare(b.id));
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(rules.map(asJson), null, 2)}\n`);
  } else if (format === 'markdown') {
    io.stdout.write(renderRulesMarkdown(rules));
  } else if (positionals.length > 0) {
    io.stdout.write(rules.map(details).join('\n'));
  } else {
    const width = Math.max(...rules.map((r) => r.id.length));
    const catWidth = Math.max(...rules.map((r) => r.meta.category.length));
    for (const r of rules) io.stdout.write(`${r.id.padEnd(width)}  ${r.meta.severity.padEnd(5)}  ${r.meta.category.padEnd(catWidth)}  ${r.meta.description}\n`);
    io.stdout.write(`\n${rules.length} rules. Set levels in your config: "rules": { "<id>": "off" | "info" | "warn" | "block" }. \`diffwarden rules <id>\` explains one.\n`);
  }
  return 0;
}
