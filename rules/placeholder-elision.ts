import { defineRule } from '../src/rules/define-rule.js';
import { addedComments } from '../src/rules/comment-lines.js';
import type { FileFacts } from '../src/rules/context.js';

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
// "omitted for brevity" often describes code adapted from elsewhere rather than standing where code was.
const DESCRIPTIVE = /\bfor (?:brevity|clarity|simplicity)\b/i;

/**
 * Non-blank old lines the change removed at the spot where new line `line` stands: unchanged lines
 * pair up in order, so the run of added lines around `line` replaced whatever was removed between
 * the unchanged lines on either side of it.
 */
export function removedAt(file: FileFacts, line: number): number {
  if (file.allAdded || file.oldText === null || file.removedLines.length === 0) return 0;
  let first = line;
  while (first > 1 && file.isAddedLine(first - 1)) first--;
  const unchangedBefore = first - 1 - file.addedLines.filter((l) => l < first).length;
  const removed = new Set(file.removedLines);
  const old = file.oldLines();
  let seen = 0;
  let count = 0;
  for (let o = 1; o <= old.length; o++) {
    if (!removed.has(o)) {
      if (seen++ === unchangedBefore) break;
    } else if (seen === unchangedBefore && old[o - 1]!.trim() !== '') count++;
  }
  return count;
}

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
    description: 'A comment such as `// ... existing code ...` standing where the change removed code (block), or in new code (warn).',
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
        { file: 'src/server/handler.ts', code: '// Adapted from the upstream example, stripped down a bit for brevity.\nexport async function handle(req: Request) {\n  return new Response(await req.text());\n}\n' },
        { file: 'src/cart.ts', old: 'export const a = 1;\nexport const b = 2;\n', code: 'export const a = 1;\n// Options omitted for brevity: see docs/config.md.\nexport const b = 2;\n' },
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
          if (!PATTERNS.some((p) => p.test(body))) continue;
          // The same placeholder was already there: not introduced by this change.
          if (oldText.includes(comment.body.trim())) continue;
          const here = removedAt(file, comment.line);
          const quoted = `"${body.slice(0, 60)}"`;
          if (here > 0) {
            context.report({ start: comment.start, end: comment.end, message: `Placeholder comment ${quoted} stands where this change removed ${here} line${here === 1 ? '' : 's'} of code.` });
          } else if (!DESCRIPTIVE.test(body) && !BARE_ELLIPSIS.test(body)) {
            // Nothing was removed where it stands: it may still stand for code that was never written.
            context.report({ start: comment.start, end: comment.end, severity: 'warn', message: `Placeholder comment ${quoted} may stand for code that was left out (no code was removed where it stands).` });
          }
        }
      },
    };
  },
});
