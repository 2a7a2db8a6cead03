import { testCallParts } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

export default defineRule({
  id: 'focused-test',
  meta: {
    category: 'test-integrity',
    severity: 'block',
    confidence: 'high',
    description: '`it.only`, `describe.only`, `fit` or `fdescribe`: a focused test that makes the runner skip every other test.',
    why: 'A focused test left in a commit silently turns the whole suite into one test; CI stays green while nothing else runs.',
    fix: 'Remove `.only` (or the `f` prefix).',
    files: 'code',
    examples: {
      fires: [{ file: 'src/cart.test.ts', code: "describe('cart', () => {\n  it.only('adds', () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n", lines: [2] }],
      passes: [{ file: 'src/cart.test.ts', code: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\nconst only = [1].filter(Boolean);\n" }],
    },
  },
  defaultOptions: {},
  create(context) {
    const api = context.ts;
    return {
      CallExpression(node) {
        const parts = testCallParts(api, node);
        if (!parts) return;
        const focused = parts.modifiers.includes('only') || parts.base === 'fit' || parts.base === 'fdescribe';
        if (focused && node.arguments.length > 0) context.report({ node: node.expression, message: `Focused test \`${node.expression.getText(context.file.sourceFile)}\`: every other test will be skipped.` });
      },
    };
  },
});
