import { defineRule } from '../src/rules/define-rule.js';
import { declaresLocally, isInnerCallOfChain, optionFlag, testCallParts } from '../src/rules/test-calls.js';

// Jasmine/Jest globals only mean a focused test where nothing else in the file is called that
// (`const fit = …` for image fitting) and the file is a test; imports from runners still count.
const PREFIXED = new Set(['fit', 'fdescribe']);

export default defineRule({
  id: 'focused-test',
  meta: {
    category: 'test-integrity',
    severity: 'block',
    confidence: 'high',
    description: '`it.only`, `describe.only`, `fit`, `fdescribe` or `test(name, { only: true }, fn)`: a focused test that makes the runner skip every other test.',
    why: 'A focused test left in a commit silently turns the whole suite into one test; CI stays green while nothing else runs.',
    fix: 'Remove `.only` (or the `f` prefix, or the `only` option).',
    files: 'code',
    examples: {
      fires: [{ file: 'src/cart.test.ts', code: "describe('cart', () => {\n  it.only('adds', () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n", lines: [2] }],
      passes: [
        { file: 'src/cart.test.ts', code: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\nconst only = [1].filter(Boolean);\n" },
        { file: 'src/pages/cover.tsx', code: "const fit = (w: number, h: number) => Math.min(w, h);\nexport const size = fit(640, 480);\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const api = context.ts;
    const { file } = context;
    const shadowed = new Map<string, boolean>();
    const prefixedFocus = (base: string): boolean => {
      if (!file.isTest) return false;
      if (!shadowed.has(base)) shadowed.set(base, file.sourceFile !== undefined && declaresLocally(api, file.sourceFile, base));
      return !shadowed.get(base);
    };
    return {
      CallExpression(node) {
        const parts = testCallParts(api, node);
        if (!parts || isInnerCallOfChain(api, node)) return;
        // Vitest's options object: `test('x', { only: true }, fn)`.
        const option = optionFlag(api, node, 'only');
        const focused = option !== undefined || parts.modifiers.includes('only') || (PREFIXED.has(parts.base) && prefixedFocus(parts.base));
        if (!focused) return;
        const shown = option ? `{ ${option.getText(file.sourceFile)} }` : node.expression.getText(file.sourceFile);
        context.report({ node: option ?? node.expression, message: `Focused test \`${shown}\`: every other test will be skipped.` });
      },
    };
  },
});
