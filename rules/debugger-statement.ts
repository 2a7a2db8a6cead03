import { defineRule } from '../src/rules/define-rule.js';

export default defineRule({
  id: 'debugger-statement',
  meta: {
    category: 'insecure-api',
    severity: 'block',
    confidence: 'high',
    description: 'A `debugger` statement left in the code.',
    why: 'A leftover `debugger` pauses every user who opens dev tools, and in Node it stops the process under an inspector. It is never intended to ship.',
    fix: 'Delete the statement; use a breakpoint in your editor instead.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/cart.ts', code: 'export function total(items: number[]) {\n  debugger;\n  return items.reduce((a, b) => a + b, 0);\n}' }],
      passes: [{ file: 'src/cart.ts', code: "// Set a breakpoint here rather than writing debugger;\nconst label = 'debugger';" }],
    },
  },
  defaultOptions: {},
  create(context) {
    return {
      DebuggerStatement(node) {
        context.report({ node, message: 'Leftover `debugger` statement.' });
      },
    };
  },
});
