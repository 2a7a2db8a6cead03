import { defineRule } from '../src/rules/define-rule.js';

export default defineRule({
  id: 'syntax-error',
  meta: {
    category: 'syntax',
    severity: 'warn',
    confidence: 'medium',
    description: 'Added lines that TypeScript cannot parse.',
    why: 'An edit that does not parse is usually a truncated or half-applied change (an assistant that elided code, a bad merge). The file is still analysed as far as the parser recovers.',
    fix: 'Fix the syntax; compare the file with its previous version for code that went missing.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/math.ts', code: 'export function add(a: number, b: number) {\n  return a +;\n}' }],
      passes: [{ file: 'src/math.ts', code: 'export function add(a: number, b: number) {\n  return a + b;\n}' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onEnd() {
        // Flow-typed JavaScript is valid for its authors but not for the TypeScript parser.
        if (/^\s*(?:\/\/|\/\*+)\s*@flow\b/m.test(file.text.slice(0, 2000))) return;
        const problems = file.parseProblems();
        if (problems.length === 0) return;
        const first = problems.find((p) => file.isAddedLine(p.line));
        if (!first) return;
        const more = problems.length > 1 ? ` (${problems.length} syntax errors in the file)` : '';
        context.report({ start: first.start, end: first.start + 1, message: `Syntax error: ${first.message.replace(/\.$/, '')}${more}.` });
      },
    };
  },
});
