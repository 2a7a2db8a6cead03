import { staticString, testCallParts } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { collectTests } from '../src/rules/tests.js';

export default defineRule({
  id: 'skipped-test',
  meta: {
    category: 'test-integrity',
    severity: 'warn',
    confidence: 'high',
    description: '`it.skip`, `xit`, `describe.skip`: a disabled test; blocks when a test that was running is switched off.',
    why: 'Skipping a failing test is the quickest way to a green build, and assistants take it. A test that was active before the change and is skipped after it hides a regression.',
    fix: 'Fix the code or the test; if the skip is deliberate, say why with a suppression reason or a ticket.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/cart.test.ts', code: "it.skip('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n", lines: [1] },
        { file: 'src/cart.test.ts', old: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n", code: "xit('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n", lines: [1] },
      ],
      passes: [{ file: 'src/cart.test.ts', code: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\nit.todo('removes');\n" }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    let wasActive: Set<string> | undefined;
    const activeBefore = (): Set<string> => {
      if (!wasActive) {
        const old = file.oldSourceFile();
        wasActive = new Set(old ? collectTests(api, old).filter((t) => !t.skipped).map((t) => t.title.split(' > ').pop()!) : []);
      }
      return wasActive;
    };
    return {
      CallExpression(node) {
        const parts = testCallParts(api, node);
        if (!parts || node.arguments.length < 2) return;
        const skipped = parts.modifiers.includes('skip') || (parts.base.startsWith('x') && parts.base.length > 1);
        if (!skipped) return;
        const title = staticString(api, node.arguments[0]) ?? '';
        const disabled = title !== '' && activeBefore().has(title);
        context.report({
          node: node.expression,
          message: disabled ? `Test "${title}" was running before this change and is now skipped.` : `Skipped ${parts.kind} \`${node.expression.getText(file.sourceFile)}\`${title ? ` "${title}"` : ''}.`,
          severity: disabled ? 'block' : 'warn',
        });
      },
    };
  },
});
