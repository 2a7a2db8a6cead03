import { defineRule } from '../src/rules/define-rule.js';
import type { Severity } from '../src/types.js';
import { addedComments } from '../src/rules/comment-lines.js';

// Block only what nobody writes on purpose; phrases that also occur in template and hand-written comments warn.
const PHRASES: [RegExp, string, Severity][] = [
  [/^here(?:'s| is| are) (?:the|an?|your) (?:updated|complete|full|revised|modified|corrected|fixed|final|refactored|new|improved|rewritten) (?:code|version|implementation|file|component|function|snippet)\b/i, 'chat reply', 'block'],
  [/^here(?:'s| is| are) (?:the|an?|your) (?:updated|complete|full|revised|modified|corrected|fixed|final|refactored|new|improved|rewritten)\b/i, 'chat reply', 'warn'],
  [/^(?:sure|certainly|of course|absolutely)[!,.]/i, 'chat reply', 'warn'],
  [/\bas an ai(?: language model)?\b/i, 'model self-reference', 'block'],
  [/\b(?:i hope this helps|let me know if you (?:need|have|want|would like|'d like) (?:any )?(?:further|more|other|additional)? ?(?:changes|help|modifications|adjustments|questions|clarification))\b/i, 'chat reply', 'block'],
  [/\b(?:hope this helps|let me know if|feel free to (?:ask|reach out)|happy coding)\b/i, 'chat reply', 'warn'],
  [/^i(?:'ve| have) (?:updated|modified|added|fixed|refactored|rewritten|changed|made|implemented|removed)\b/i, 'chat reply', 'warn'],
  [/\b(?:i apologi[sz]e|my apologies|you(?:'re| are) (?:absolutely )?right)\b/i, 'chat reply', 'warn'],
  [/\bthis (?:updated|revised|modified|corrected) (?:code|version|implementation) (?:should|will|now)\b/i, 'chat reply', 'warn'],
  [/^in this (?:updated |revised )?(?:version|code|implementation),? (?:i|we)\b/i, 'chat reply', 'warn'],
  [/\b(?:knowledge cutoff|i cannot browse|i don't have access to)\b/i, 'model self-reference', 'block'],
];
const CITATION = /:contentReference\[oaicite:\d+\]\{index=\d+\}|\boaicite:\d+|【\d+(?::\d+)?†[^】\n]{0,40}】|\bturn\d+(?:search|news|view|file|fetch)\d+\b|\[cite_start\]|\[cite:\s*\d+(?:,\s*\d+)*\]/g;
const FENCE = /^[ \t]*```[\w+#.-]*[ \t]*$/gm;

export default defineRule({
  id: 'chat-artifact',
  meta: {
    category: 'ai-artifact',
    severity: 'block',
    confidence: 'high',
    description: 'Chat text, Markdown code fences or citation tokens pasted from an assistant into a source file.',
    why: 'Copying an answer from a chat window brings the chat with it: "Here\'s the updated code:", a ```ts fence that breaks the build, or a :contentReference[oaicite:1] token. They show the change was pasted without being read.',
    fix: 'Delete the pasted chat text, fence or citation; re-read the change as code.',
    files: 'text',
    examples: {
      fires: [
        { file: 'src/user.tsx', code: "// Here's the updated code with the fix:\nexport const User = () => null;\n", lines: [1] },
        { file: 'src/math.ts', code: '```typescript\nexport const add = (a: number, b: number) => a + b;\n```\n', lines: [1, 3] },
        { file: 'src/config.json', code: '{ "retries": 3 } :contentReference[oaicite:2]{index=2}\n', lines: [1] },
      ],
      passes: [
        { file: 'src/prompts.ts', code: "export const SYSTEM = 'Here is the updated code. Let me know if you need anything else.';\nexport const fence = `\n\\`\\`\\`ts\n${'code'}\n\\`\\`\\`\n`;\n" },
        { file: 'README.md', code: "Here's the updated code:\n\n```ts\nconst a = 1;\n```\n" },
        { file: 'src/a.ts', code: '// Certain inputs are rejected: the API returns 400 for them.\nexport const a = 1;\n' },
        { file: 'src/middleware.ts', code: "export const config = {\n  // Skip Next.js internals and static files. Feel free to modify this pattern to include more paths.\n  matcher: ['/((?!_next/static|favicon.ico).*)'],\n};\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onEnd() {
        if (file.kind === 'markdown' || /(?:^|\/)(?:__)?fixtures?(?:__)?\//.test(file.path)) return;
        for (const comment of addedComments(file)) {
          const body = comment.body.trim();
          const hit = PHRASES.find(([p]) => p.test(body));
          if (hit) context.report({ start: comment.start, end: comment.end, severity: hit[2], message: `Pasted ${hit[1]} in a comment: "${body.slice(0, 60)}".` });
        }
        const text = file.text;
        CITATION.lastIndex = 0;
        for (let m = CITATION.exec(text); m; m = CITATION.exec(text)) {
          // Code that processes chat output keeps such tokens in strings; only pasted ones count.
          if (file.kind === 'code' && file.inLiteral(m.index)) continue;
          context.report({ start: m.index, end: m.index + m[0].length, message: `Citation token "${m[0].slice(0, 40)}" pasted from a chat answer.` });
        }
        // In a template literal a fence is content (prompt builders). A fence that opens a token was
        // pasted; TypeScript then reads the pasted code as a template, so the next fence closes it.
        let pastedOpen = false;
        FENCE.lastIndex = 0;
        for (let m = FENCE.exec(text); m; m = FENCE.exec(text)) {
          const tick = m.index + m[0].indexOf('`');
          const insideLiteral = file.kind === 'code' && file.inLiteral(tick) && file.inLiteral(tick - 1);
          if (insideLiteral && !pastedOpen) continue;
          pastedOpen = !insideLiteral;
          if (file.isAddedLine(file.lineOf(tick))) context.report({ start: tick, end: m.index + m[0].length, message: 'Markdown code fence in a source file.' });
        }
      },
    };
  },
});
