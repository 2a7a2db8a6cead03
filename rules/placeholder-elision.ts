import { defineRule } from '../src/rules/define-rule.js';
import { addedComments } from '../src/rules/comment-lines.js';

// After gemini-cli's omissionPlaceholderDetector and aider's notes on lazy edits.
const PATTERNS = [
  /^(?:\.\.\.|…)\s*(?:\(\s*)?(?:existing|rest|remaining|previous|other|unchanged|same|original|more|additional|your)\b/i,
  /^(?:\.\.\.|…)?\s*(?:the )?(?:rest|remainder) of (?:the |your )?(?:code|implementation|file|function|component|class|method|logic|module|tests?|handlers?|routes?|properties|config(?:uration)?)\b/i,
  /^(?:\.\.\.|…)?\s*(?:the |your |all )?(?:existing|previous|original|unchanged|other) (?:code|implementation|logic|methods?|functions?|imports?|properties|fields|tests?|cases|styles?|content|routes?|handlers?|config(?:uration)?)\b.{0,30}(?:\.\.\.|…|\b(?:remains?|unchanged|goes here|as is|as before|omitted|stays?|same)\b)/i,
  /\b(?:omitted|elided|truncated|abbreviated|skipped|removed) for (?:brevity|clarity|simplicity)\b/i,
  /\bfor brevity\b/i,
  /\b(?:code|implementation|everything else|logic) (?:remains?|stays?|is) (?:the same|unchanged|as (?:before|is))\b/i,
  /\bkeep (?:the )?(?:existing|rest|original)\b.*\b(?:code|implementation|as is|unchanged)\b/i,
  /^(?:\.\.\.|…)\s*$/,
];
const BARE_ELLIPSIS = /^(?:\.\.\.|…)\s*$/;

function normalise(body: string): string {
  // By hand at the end: an unanchored `[\s)}\]]+$` retried at every blank of a long run (quadratic).
  let end = body.length;
  while (end > 0 && /[\s)}\]]/.test(body.charAt(end - 1))) end--;
  return body.slice(0, end).replace(/^[\s({[]+/, '').trim();
}

export default defineRule({
  id: 'placeholder-elision',
  meta: {
    category: 'ai-artifact',
    severity: 'block',
    confidence: 'high',
    description: 'A comment such as `// ... existing code ...` standing in for code an assistant left out.',
    why: 'Assistants that edit by rewriting a file often print a placeholder instead of code they did not repeat. Applied as is, the placeholder silently deletes that code; the diff shows removed lines and a comment where they were.',
    fix: 'Restore the code the placeholder replaced (compare with the previous version of the file) and delete the comment.',
    files: 'text',
    examples: {
      fires: [
        { file: 'src/cart.ts', old: 'export function total(items: number[]) {\n  const sum = items.reduce((a, b) => a + b, 0);\n  return sum;\n}\n', code: 'export function total(items: number[]) {\n  // ... existing code ...\n  return sum;\n}\n', lines: [2] },
        { file: 'src/api.ts', code: 'export class Api {\n  get() {}\n  // rest of the implementation remains the same\n}\n', lines: [3] },
        { file: 'deploy.yml', code: 'steps:\n  # ... previous steps unchanged ...\n  - run: npm test\n', lines: [2] },
      ],
      passes: [
        { file: 'src/cart.ts', code: '// Keep the sum in cents: floats lose pennies.\nexport const total = (items: number[]) => items.reduce((a, b) => a + b, 0);\n' },
        { file: 'docs/guide.md', code: '```ts\n// ... existing code ...\n```\n' },
        { file: 'src/log.ts', code: "const msg = '... rest of the implementation remains the same';\n" },
        { file: 'src/config.ts', code: '// Validates the section; errors read like the rest of the configuration.\nexport const ok = true;\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onEnd() {
        if (file.kind === 'markdown' || file.kind === 'json') return;
        const oldText = file.oldText ?? '';
        for (const comment of addedComments(file)) {
          const body = normalise(comment.body);
          // Placeholders are short; a long comment that mentions "existing code" is prose.
          if (!body || body.length > 100) continue;
          const match = PATTERNS.find((p) => p.test(body));
          if (!match) continue;
          // A lone "..." is only a placeholder when the change also removed code.
          if (BARE_ELLIPSIS.test(body) && file.removedLines.length === 0) continue;
          // The same placeholder was already there: not introduced by this change.
          if (oldText.includes(comment.body.trim())) continue;
          const removed = file.removedLines.length;
          const detail = removed > 0 ? ` This change also removed ${removed} line${removed === 1 ? '' : 's'} from the file.` : '';
          context.report({ start: comment.start, end: comment.end, message: `Placeholder comment "${body.slice(0, 60)}" stands in for code that was left out.${detail}` });
        }
      },
    };
  },
});
