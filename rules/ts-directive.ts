import { TICKET } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const DIRECTIVE = /^@ts-(ignore|nocheck|expect-error)\b[\s:-]*(.*)$/s;

export default defineRule({
  id: 'ts-directive',
  meta: {
    category: 'type-escape',
    severity: 'warn',
    confidence: 'high',
    description: 'New `@ts-ignore`, `@ts-nocheck` (blocks), or `@ts-expect-error` without an explanation.',
    why: 'These comments switch the type checker off for a line or a whole file. Agents add them to make a build pass; `@ts-nocheck` hides every present and future error in the file.',
    fix: 'Fix the type error. When an exception is truly needed, use `// @ts-expect-error <why>`: it fails once the error is gone.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/a.ts', code: '// @ts-ignore\nconst n: number = "1";\n', lines: [1] },
        { file: 'src/b.ts', code: '// @ts-nocheck\nexport const x = 1;\n', lines: [1] },
      ],
      passes: [{ file: 'src/a.ts', code: '// @ts-expect-error the SDK types omit `retries`, fixed in v5 (sdk#412)\nclient.configure({ retries: 3 });\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    return {
      onComment(comment) {
        const match = DIRECTIVE.exec(comment.body);
        if (!match) return;
        const [, kind, reason = ''] = match;
        const at = { start: comment.start, end: comment.end };
        if (kind === 'nocheck') context.report({ ...at, severity: 'block', message: '`@ts-nocheck` turns off type checking for the whole file.' });
        // `@ts-ignore upstream bug <link>`: a tracked exception someone already reasoned about; a note remains
        // because `@ts-expect-error` would say when the error is gone.
        else if (kind === 'ignore' && TICKET.test(reason))
          context.report({ ...at, severity: 'info', message: '`@ts-ignore` cites a tracked issue; `@ts-expect-error` would also fail once the error is gone.' });
        else if (kind === 'ignore') context.report({ ...at, message: '`@ts-ignore` hides the type error on the next line.' });
        // Type tests assert compile errors with @ts-expect-error; that is what it is for.
        else if (!context.file.isTest && reason.trim().split(/\s+/).filter(Boolean).length < 2) context.report({ ...at, message: '`@ts-expect-error` without an explanation.' });
      },
    };
  },
});
