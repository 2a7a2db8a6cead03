import type ts from 'typescript';
import { dottedName, walk } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { testCallParts } from '../src/rules/test-calls.js';
import { unfinishedExpect } from '../src/rules/tests.js';

const EQUALITY = new Set(['toBe', 'toEqual', 'toStrictEqual', 'toMatchObject', 'equal', 'equals', 'eql', 'deepEqual', 'strictEqual', 'deepStrictEqual', 'is', 'same']);
const FIXTURE = /(?:^|\/)(?:__fixtures__|fixtures)\//;
const TEST_NAME = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TRUTHY = new Set(['toBeTruthy', 'toBeDefined', 'ok', 'true', 'assert']);

/** Both sides run code (`expect(f(42)).toBe(f(42))`): that checks determinism, it is no tautology. */
function runsCode(api: typeof ts, node: ts.Node): boolean {
  const calls = (n: ts.Node): boolean => api.isCallExpression(n) || api.isNewExpression(n) || api.isAwaitExpression(n) || api.isTaggedTemplateExpression(n);
  if (calls(node)) return true;
  // walk keeps an explicit stack: the expression's depth is the change's choice.
  let found = false;
  walk(api, node, (n) => {
    found ||= calls(n);
  });
  return found;
}

function isLiteral(api: typeof ts, node: ts.Node): boolean {
  return (
    api.isStringLiteral(node) ||
    api.isNumericLiteral(node) ||
    api.isNoSubstitutionTemplateLiteral(node) ||
    node.kind === api.SyntaxKind.TrueKeyword ||
    node.kind === api.SyntaxKind.FalseKeyword ||
    node.kind === api.SyntaxKind.NullKeyword
  );
}

export default defineRule({
  id: 'tautological-assertion',
  meta: {
    category: 'test-integrity',
    severity: 'warn',
    confidence: 'high',
    description: 'An assertion that cannot fail: `expect(true).toBe(true)`, `expect(x).toEqual(x)`, `assert.ok(1)`, or a matcher never called (`expect(x).toBeDefined;`).',
    why: 'An assertion whose two sides are the same, or whose subject is a literal, checks nothing. It is how a test is made to pass without testing.',
    fix: 'Assert on the value the code under test produced.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/cart.test.ts', code: "it('adds', () => {\n  const total = add(1, 2);\n  expect(true).toBe(true);\n  expect(total).toEqual(total);\n});\n", lines: [3, 4] },
        { file: 'src/cart.test.ts', code: "it('adds', () => {\n  expect(add(1, 2)).toBeDefined;\n});\n", lines: [2] },
      ],
      passes: [
        { file: 'src/cart.test.ts', code: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n  expect(isValid('x')).toBe(true);\n});\n" },
        { file: 'src/hash.test.ts', code: "it('is deterministic', () => {\n  expect(hash(42)).toBe(hash(42));\n  assert.deepEqual(new Id('a'), new Id('a'));\n});\n" },
        { file: 'demo/fixtures/geo.js', code: "import assert from 'node:assert';\nassert(true);\nexport const lookup = () => 'ok';\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    // A fixture is input the tests load (a module that imports `assert` to be bundled), not a test.
    if (!file.isTest || (FIXTURE.test(file.path) && !TEST_NAME.test(file.path))) return {};
    const report = (node: ts.Node, why: string): void => context.report({ node, message: `Assertion cannot fail: ${why}.` });
    return {
      CallExpression(node) {
        const sf = file.sourceFile!;
        const unfinished = unfinishedExpect(api, node);
        if (unfinished) {
          // Only a statement of its own: `const e = expect(x)` may get its matcher later.
          const holder = api.isAwaitExpression(unfinished.chain.parent) ? unfinished.chain.parent.parent : unfinished.chain.parent;
          if (!api.isExpressionStatement(holder)) return;
          return report(unfinished.chain, unfinished.matcher ? `the matcher \`${unfinished.matcher}\` is never called` : '`expect(…)` has no matcher');
        }
        // expect(a).matcher(b)
        if (api.isPropertyAccessExpression(node.expression) && api.isCallExpression(node.expression.expression)) {
          const inner = node.expression.expression;
          const matcher = node.expression.name.text;
          if (dottedName(api, inner.expression) !== 'expect' || inner.arguments.length !== 1) return;
          const subject = inner.arguments[0]!;
          const expected = node.arguments[0];
          if (EQUALITY.has(matcher) && expected && subject.getText(sf) === expected.getText(sf) && !runsCode(api, subject)) return report(node, `both sides are \`${subject.getText(sf)}\``);
          if (isLiteral(api, subject) && (TRUTHY.has(matcher) || (EQUALITY.has(matcher) && expected && isLiteral(api, expected)))) return report(node, `the subject is the literal \`${subject.getText(sf)}\``);
          return;
        }
        // assert(true), assert.ok(1), assert.equal(a, a)
        const name = dottedName(api, node.expression);
        if (!name || !/^assert(?:\.|$)/.test(name)) return;
        // `assert(true)` outside any test is a runtime invariant of a fixture or helper module, not a test's check.
        if (!api.findAncestor(node.parent, (n) => api.isCallExpression(n) && testCallParts(api, n) !== undefined)) return;
        const method = name.split('.').pop()!;
        const [a, b] = node.arguments;
        if (a && b && EQUALITY.has(method) && a.getText(sf) === b.getText(sf) && !runsCode(api, a)) return report(node, `both sides are \`${a.getText(sf)}\``);
        if (a && TRUTHY.has(method) && isLiteral(api, a)) report(node, `the subject is the literal \`${a.getText(sf)}\``);
      },
    };
  },
});
