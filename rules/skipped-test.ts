import type ts from 'typescript';
import { staticString } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { declaresLocally, isInnerCallOfChain, optionFlag, testCallback, testCallParts } from '../src/rules/test-calls.js';
import { collectTests } from '../src/rules/tests.js';

/**
 * How a test call is switched off: `it.skip(...)`, `xit(...)`, `test('x', { skip: true }, fn)`, or
 * Playwright's `test.skip()` inside a test. A conditional skip with its reason,
 * `test.skip(browserName === 'webkit', 'no WebGL')`, is a decision written down, not a disabled test.
 */
function skipOf(api: typeof ts, call: ts.CallExpression, parts: { base: string; modifiers: readonly string[] }): 'static' | 'option' | undefined {
  if (optionFlag(api, call, 'skip')) return 'option';
  const named = parts.modifiers.includes('skip') || (parts.base.startsWith('x') && parts.base.length > 1);
  if (!named) return undefined;
  if (testCallback(api, call)) return 'static';
  const [condition] = call.arguments;
  if (condition === undefined || condition.kind === api.SyntaxKind.TrueKeyword) return 'static';
  return undefined;
}

export default defineRule({
  id: 'skipped-test',
  meta: {
    category: 'test-integrity',
    severity: 'warn',
    confidence: 'high',
    description: '`it.skip`, `xit`, `describe.skip`, `{ skip: true }`, `pending()`: a disabled test; blocks when a test that was running is switched off.',
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
    let pendingIsLocal: boolean | undefined;
    // Jasmine's global `pending()` skips the test it runs in; a function of the file or an import is something else.
    const isPendingCall = (node: ts.CallExpression): boolean =>
      file.isTest && api.isIdentifier(node.expression) && node.expression.text === 'pending' && node.arguments.length <= 1 && !(pendingIsLocal ??= declaresLocally(api, file.sourceFile!, 'pending'));
    return {
      CallExpression(node) {
        if (isPendingCall(node)) return context.report({ node, message: '`pending()` marks the test as skipped.' });
        const parts = testCallParts(api, node);
        if (!parts || isInnerCallOfChain(api, node)) return;
        const how = skipOf(api, node, parts);
        if (!how) return;
        const title = staticString(api, node.arguments[0]) ?? '';
        const disabled = title !== '' && activeBefore().has(title);
        const shown = how === 'option' ? `${node.expression.getText(file.sourceFile)}(…, { skip: true })` : node.expression.getText(file.sourceFile);
        context.report({
          node: node.expression,
          message: disabled ? `Test "${title}" was running before this change and is now skipped.` : `Skipped ${parts.kind} \`${shown}\`${title ? ` "${title}"` : ''}.`,
          severity: disabled ? 'block' : 'warn',
        });
      },
    };
  },
});
