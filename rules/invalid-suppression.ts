import { defineRule } from '../src/rules/define-rule.js';
import { didYouMean } from '../src/util/nearest.js';

export default defineRule({
  id: 'invalid-suppression',
  meta: {
    category: 'suppression',
    severity: 'warn',
    confidence: 'high',
    description: 'A `diffwarden-ignore` comment without a reason or with an unknown rule id; it silences nothing.',
    why: 'A suppression is a decision someone must be able to review. Without a reason it cannot be reviewed, so diffwarden does not honour it; a misspelt rule id silences nothing and hides that fact.',
    fix: 'Write `// diffwarden-ignore-next-line <rule-id> -- <why this is safe>` with an id from `diffwarden rules`.',
    files: 'text',
    examples: {
      fires: [{ file: 'src/a.ts', code: '// diffwarden-ignore-next-line debugger-statement\ndebugger;' }],
      passes: [{ file: 'src/a.ts', code: '// diffwarden-ignore-next-line debugger-statement -- kept for the debugging tutorial in docs/\ndebugger;' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onEnd() {
        for (const s of file.suppressions()) {
          const at = { start: s.start, end: s.end };
          if (s.ruleIds.length === 0) {
            context.report({ ...at, message: 'Suppression names no rule; write the rule id after `diffwarden-ignore-…`.' });
            continue;
          }
          const unknown = s.ruleIds.filter((id) => !context.ruleIds.has(id));
          for (const id of unknown) {
            context.report({ ...at, message: `Suppression names unknown rule "${id}"${didYouMean(id, context.ruleIds)}.` });
          }
          if (s.reason === '') {
            context.report({ ...at, message: `Suppression of ${s.ruleIds.join(', ')} has no reason, so it is ignored; add \`-- <why this is safe>\`.` });
          }
        }
      },
    };
  },
});
