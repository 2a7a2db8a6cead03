import type ts from 'typescript';
import { staticString, walk } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { testCallback, testCallParts } from '../src/rules/test-calls.js';
import { isAssertionCall } from '../src/rules/tests.js';

/** The called name: `waitFor` for `page.locator('x').waitFor()`. */
function calleeName(api: typeof ts, callee: ts.Expression): string {
  if (api.isPropertyAccessExpression(callee)) return callee.name.text;
  return api.isIdentifier(callee) ? callee.text : '';
}

/** The name of the function that directly encloses `n`: `f` for `function f() {}`, `const f = () => {}`, `class P { f() {} }`. */
function enclosingFunctionName(api: typeof ts, n: ts.Node): string | undefined {
  let fn: ts.Node | undefined = n.parent;
  while (fn && !api.isFunctionLike(fn)) fn = fn.parent;
  if (!fn) return undefined;
  if ((api.isFunctionDeclaration(fn) || api.isMethodDeclaration(fn)) && fn.name && api.isIdentifier(fn.name)) return fn.name.text;
  const holder = fn.parent;
  if (holder && (api.isVariableDeclaration(holder) || api.isPropertyDeclaration(holder) || api.isPropertyAssignment(holder)) && api.isIdentifier(holder.name)) return holder.name.text;
  return undefined;
}

// Calls that throw when the value is wrong, by convention: `schema.parse(result)`, `validator.validate(x)`.
const THROWING_METHOD = /^(?:parse|parseAsync|validate|validateSync|assert\w*|verify\w*)$/;
// Parsers of text, not of shape: `JSON.parse(body)` only proves the body is JSON.
const TEXT_PARSERS = new Set(['JSON', 'Date', 'Number', 'URL', 'url', 'path', 'qs', 'querystring', 'YAML', 'yaml', 'TOML', 'toml']);

function throwsOnFailure(api: typeof ts, callee: ts.Expression): boolean {
  if (!api.isPropertyAccessExpression(callee) || !THROWING_METHOD.test(callee.name.text)) return false;
  return !(api.isIdentifier(callee.expression) && TEXT_PARSERS.has(callee.expression.text));
}

type TestBody = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

/** The test's function: inline, or named in the call and declared at the top of the file (`it('x', checksTotals)`). */
function testBody(api: typeof ts, sf: ts.SourceFile, call: ts.CallExpression): TestBody | undefined {
  const inline = testCallback(api, call);
  if (inline) return inline;
  const ref = call.arguments.find((a, i) => i > 0 && api.isIdentifier(a));
  if (!ref || !api.isIdentifier(ref)) return undefined;
  for (const st of sf.statements) {
    if (api.isFunctionDeclaration(st) && st.name?.text === ref.text && st.body) return st;
    if (!api.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (api.isIdentifier(d.name) && d.name.text === ref.text && d.initializer && (api.isArrowFunction(d.initializer) || api.isFunctionExpression(d.initializer))) return d.initializer;
    }
  }
  return undefined;
}

const NO_THROW_TITLE = /\b(?:without (?:crash|throw|error)|(?:does ?n[o']?t|do(?:es)? not|never|won'?t) (?:crash|throw)|no (?:crash|throw|exception))/i;
const TYPE_ASSERTION = /^(?:Expect|Assert|IsExact|IsTrue)[A-Z]?\w*$/;

export default defineRule({
  id: 'assertion-free-test',
  meta: {
    category: 'test-integrity',
    severity: 'warn',
    confidence: 'medium',
    description: 'A test whose body asserts nothing, so it passes whatever the code does.',
    why: 'A test without an assertion only proves that the code does not throw. Assistants asked for "tests" write them to raise coverage; they pass before and after a regression.',
    fix: 'Assert on the result (`expect(total([1, 2])).toBe(3)`), or delete the test.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/cart.test.ts', code: "it('adds items', () => {\n  const cart = new Cart();\n  cart.add({ id: 1 });\n});\n", lines: [1] }],
      passes: [
        { file: 'src/grid.test.ts', code: "it('lays out a grid narrower than its borders without crashing', () => {\n  layout({ cols: 3, width: 1 });\n});\n" },
        { file: 'src/cart.test.ts', code: "it('adds items', () => {\n  const cart = new Cart();\n  cart.add({ id: 1 });\n  expect(cart.size).toBe(1);\n});\n" },
        { file: 'src/api.test.ts', code: "function checkStatus(res: Response, code: number) {\n  expect(res.status).toBe(code);\n}\nit('answers', async () => {\n  checkStatus(await get('/'), 200);\n});\ntest('ava style', (t) => {\n  t.pass();\n});\n" },
        { file: 'e2e/login.spec.ts', code: "test.describe('login', () => {\n  test.use({ locale: 'en-GB' });\n  test.beforeEach(async ({ page }) => {\n    await page.goto('/login');\n  });\n  test('shows the form', async ({ page }) => {\n    await test.step('fill in', async () => {\n      await page.fill('#user', 'ann');\n    });\n    await expect(page.locator('form')).toBeVisible();\n  });\n});\n" },
        { file: 'src/render.test.tsx', code: "it('does not accept a null result', () => {\n  // @ts-expect-error a renderer must return content\n  renderer(() => null);\n});\n" },
        { file: 'src/client.test.ts', code: "it('infers the response type', () => {\n  const req = client.posts.$get;\n  type Actual = InferResponseType<typeof req>;\n  type verify = Expect<Equal<{ id: number }, Actual>>;\n});\n" },
        { file: 'src/tool.test.ts', code: "it('returns a valid plan', async () => {\n  const result = await tool.invoke({ goal: 'x' });\n  planSchema.parse(result);\n});\n" },
        { file: 'e2e/cart.spec.ts', code: "class CartPage {\n  async hasItems(n: number) {\n    await expect(this.rows).toHaveCount(n);\n  }\n}\ntest('adds an item', async ({ page }) => {\n  const cart = new CartPage(page);\n  await cart.add('pen');\n  await cart.hasItems(1);\n});\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    if (!file.isTest || !file.sourceFile) return {};
    // Helpers of this file that assert (module functions, functions inside a describe, page-object
    // methods) count as assertions when a test calls them, one level deep.
    let helpers: Set<string> | undefined;
    const assertingHelpers = (): Set<string> => {
      if (helpers) return helpers;
      const found = new Set<string>();
      walk(api, file.sourceFile!, (n) => {
        if (!api.isCallExpression(n) || !isAssertionCall(api, n)) return;
        const name = enclosingFunctionName(api, n);
        if (name) found.add(name);
      });
      return (helpers = found);
    };
    let usesPlaywright: boolean | undefined;
    const playwright = (): boolean =>
      (usesPlaywright ??= file.sourceFile!.statements.some((st) => api.isImportDeclaration(st) && api.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text === '@playwright/test'));
    return {
      CallExpression(node) {
        const parts = testCallParts(api, node);
        if (!parts || parts.kind !== 'test' || parts.modifiers.includes('todo') || parts.modifiers.includes('skip')) return;
        const callback = testBody(api, file.sourceFile!, node);
        if (!callback) return;
        // A callback that takes `done` or a test context (`t`) may assert through it.
        if (callback.parameters.length > 0 && !api.isObjectBindingPattern(callback.parameters[0]!.name)) return;
        // "renders at width 1 without crashing": the title says the test passes when nothing throws.
        if (NO_THROW_TITLE.test(staticString(api, node.arguments[0]) ?? '')) return;
        // A type-level test asserts through the compiler: `// @ts-expect-error` fails when the error goes away.
        if (callback.getText(file.sourceFile).includes('@ts-expect-error')) return;
        let asserts = false;
        walk(api, callback, (n) => {
          if (asserts) return;
          // `type verify = Expect<Equal<A, B>>`: the compiler checks it.
          if (api.isTypeReferenceNode(n)) asserts = api.isIdentifier(n.typeName) && TYPE_ASSERTION.test(n.typeName.text);
          if (!api.isCallExpression(n)) return;
          if (isAssertionCall(api, n) || throwsOnFailure(api, n.expression) || assertingHelpers().has(calleeName(api, n.expression))) asserts = true;
          // In Playwright a wait that times out fails the test: `await chatPage.waitForInputToBeReady()`.
          else if (playwright() && /^waitFor/.test(calleeName(api, n.expression))) asserts = true;
        });
        if (!asserts) context.report({ node: node.expression, message: `Test ${node.arguments[0]?.getText(file.sourceFile) ?? ''} has no assertion.` });
      },
    };
  },
});
