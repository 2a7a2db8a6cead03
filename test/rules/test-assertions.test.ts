import { describe, expect, it } from 'vitest';
import assertionFree from '../../rules/assertion-free-test.js';
import tautological from '../../rules/tautological-assertion.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (rule: Rule<unknown>, file: string, code: string) => runRule(rule, { file, code }).map((f) => [f.line, f.message]);

describe('tautological-assertion', () => {
  it('takes identical calls on both sides for a determinism check', () => {
    const code = "it('hashes the same input to the same value', () => {\n  expect(fingerprint(42)).toBe(fingerprint(42));\n  expect(await render(page)).toEqual(await render(page));\n  assert.strictEqual(slug('A b'), slug('A b'));\n});\n";
    expect(run(tautological as Rule<unknown>, 'src/hash.test.ts', code)).toEqual([]);
  });

  it('leaves a runtime `assert(true)` of a fixture module alone, and reports it inside a test', () => {
    const fixture = "import assert from 'node:assert';\nimport { lookup } from 'geoip-db';\nassert(true);\nexport const country = lookup('1.1.1.1');\n";
    expect(run(tautological as Rule<unknown>, 'demo/fixtures/geo.js', fixture)).toEqual([]);
    expect(run(tautological as Rule<unknown>, 'src/geo.test.js', "test('looks up', () => {\n  assert.ok(true);\n});\n")).toEqual([[2, 'Assertion cannot fail: the subject is the literal `true`.']]);
  });

  it('leaves fixtures alone: a module under fixtures/ that tests load is not a test', () => {
    const fixture = "import assert from 'node:assert';\nassert(true);\nexport const lookup = () => 'ok';\n";
    expect(run(tautological as Rule<unknown>, 'packages/plugin/demo/fixtures/geo.js', fixture)).toEqual([]);
  });

  it('still reports identical values without a call', () => {
    const code = "it('x', () => {\n  const total = add(1, 2);\n  expect(total).toEqual(total);\n  expect(cart.items).toBe(cart.items);\n});\n";
    expect(run(tautological as Rule<unknown>, 'src/cart.test.ts', code)).toEqual([
      [3, 'Assertion cannot fail: both sides are `total`.'],
      [4, 'Assertion cannot fail: both sides are `cart.items`.'],
    ]);
  });
});

describe('a matcher that never runs', () => {
  it('is reported by tautological-assertion and does not count as an assertion', () => {
    const code = [
      "it('loads the user', async () => {",
      '  const user = await load(1);',
      '  expect(user).toBeDefined;',
      '  expect(user.name).not;',
      '  await expect(save(user));',
      '});',
    ].join('\n');
    expect(run(tautological as Rule<unknown>, 'src/user.test.ts', code)).toEqual([
      [3, 'Assertion cannot fail: the matcher `toBeDefined` is never called.'],
      [4, 'Assertion cannot fail: `expect(…)` has no matcher.'],
      [5, 'Assertion cannot fail: `expect(…)` has no matcher.'],
    ]);
    expect(run(assertionFree as Rule<unknown>, 'src/user.test.ts', code)).toEqual([[1, "Test 'loads the user' has no assertion."]]);
  });

  it("leaves chai's property assertions and an `expect` kept in a variable alone", () => {
    const code = "it('is valid', () => {\n  expect(isValid(form)).to.be.true;\n  const check = expect(total());\n  check.toBe(3);\n});\n";
    expect(run(tautological as Rule<unknown>, 'src/form.test.ts', code)).toEqual([]);
    expect(run(assertionFree as Rule<unknown>, 'src/form.test.ts', code.split('\n').slice(0, 2).join('\n') + '\n});\n')).toEqual([]);
  });
});

describe('assertion-free-test', () => {
  it('follows a test function passed by name', () => {
    const code = "it('renders the header', rendersHeader);\nit('renders the footer', rendersFooter);\nfunction rendersHeader() {\n  mount(Header);\n}\nconst rendersFooter = () => {\n  expect(mount(Footer).text()).toContain('2024');\n};\n";
    expect(run(assertionFree as Rule<unknown>, 'src/layout.test.ts', code)).toEqual([[1, "Test 'renders the header' has no assertion."]]);
  });

  it('follows a runner import under another name', () => {
    expect(run(assertionFree as Rule<unknown>, 'src/cart.test.ts', "import { test as scenario } from 'vitest';\nscenario('empty cart', () => {\n  new Cart();\n});\n")).toEqual([[2, "Test 'empty cart' has no assertion."]]);
  });

  it('counts an assertion method on a chain that starts with `new` or ends in `$`', () => {
    const code = "it('answers 200', () => new ApiClient(app).get('/health').expect(200));\nit('emits', () => expectObservable$(ticks).toBe('a|'));\n";
    expect(run(assertionFree as Rule<unknown>, 'src/api.test.ts', code)).toEqual([]);
  });


  it('does not take Playwright hooks, options, groups and steps for tests', () => {
    const spec = [
      "import { test, expect } from '@playwright/test';",
      "test.describe('checkout', () => {",
      "  test.use({ viewport: { width: 390, height: 844 } });",
      '  test.beforeEach(async ({ page }) => {',
      "    await page.goto('/cart');",
      '  });',
      '  test.afterAll(async () => {',
      '    await resetDatabase();',
      '  });',
      "  test('pays', async ({ page }) => {",
      "    await test.step('enter card', async () => {",
      "      await page.fill('#card', '4242');",
      '    });',
      "    await expect(page.getByText('Paid')).toBeVisible();",
      '  });',
      '});',
    ].join('\n');
    expect(run(assertionFree as Rule<unknown>, 'e2e/checkout.spec.ts', spec)).toEqual([]);
  });

  it('takes a title that says the test passes when nothing throws for the assertion, and nothing else', () => {
    const code = [
      "it('lays out a grid narrower than its borders without crashing', async () => {",
      '  const view = await mount(<Grid cols={3} width={1} />);',
      '  view.unmount();',
      '});',
      "it('lays out a narrow grid', async () => {",
      '  const view = await mount(<Grid cols={3} width={1} />);',
      '  view.unmount();',
      '});',
      '',
    ].join('\n');
    expect(run(assertionFree as Rule<unknown>, 'src/grid.test.tsx', code)).toEqual([[5, "Test 'lays out a narrow grid' has no assertion."]]);
  });

  it('counts a Playwright wait as an assertion: it fails the test when it times out', () => {
    const spec = "import { test } from '@playwright/test';\ntest('page loads with input ready', async ({ page }) => {\n  await new ChatPage(page).waitForInputToBeReady();\n});\n";
    expect(run(assertionFree as Rule<unknown>, 'tests/e2e/chat.test.ts', spec)).toEqual([]);
    expect(run(assertionFree as Rule<unknown>, 'src/chat.test.ts', spec.replace("import { test } from '@playwright/test';\n", ''))).toEqual([[1, 'Test \'page loads with input ready\' has no assertion.']]);
  });

  it('counts `@ts-expect-error` as the assertion of a type-level test', () => {
    const code = "it('rejects a null render result', () => {\n  // @ts-expect-error a renderer must return content\n  renderer(() => null);\n});\nit('renders', () => {\n  renderer(() => 'x');\n});\n";
    expect(run(assertionFree as Rule<unknown>, 'src/renderer.test.tsx', code)).toEqual([[5, "Test 'renders' has no assertion."]]);
  });

  it('counts a type assertion such as `Expect<Equal<A, B>>` in a type-level test', () => {
    const code = "it('infers the route schema', () => {\n  const app = new App().get('/a', (c) => c.json({ ok: true }));\n  type Actual = SchemaOf<typeof app>;\n  type verify = Expect<Equal<{ '/a': { ok: boolean } }, Actual>>;\n});\nit('builds', () => {\n  type T = Partial<Config>;\n  build({} as T);\n});\n";
    expect(run(assertionFree as Rule<unknown>, 'src/types.test.ts', code)).toEqual([[6, "Test 'builds' has no assertion."]]);
  });

  it('counts a call that throws on a mismatch, such as `schema.parse(result)`, but not `JSON.parse`', () => {
    const code = [
      "it('answers with a plan', async () => {",
      "  const out = await agent.run('plan a trip');",
      '  PlanSchema.parse(out);',
      '});',
      "it('checks the payload', () => {",
      '  validator.validate(payload());',
      '});',
      "it('reads the body', () => {",
      '  JSON.parse(body());',
      '});',
    ].join('\n');
    expect(run(assertionFree as Rule<unknown>, 'src/agent.test.ts', code)).toEqual([[8, "Test 'reads the body' has no assertion."]]);
  });

  it('counts a call of a page-object method or nested helper of the same file that asserts', () => {
    const code = [
      'class LoginPage {',
      '  constructor(private page: Page) {}',
      '  async open() {',
      "    await this.page.goto('/login');",
      '  }',
      '  async showsError(text: string) {',
      '    await expect(this.page.getByRole(\'alert\')).toHaveText(text);',
      '  }',
      '}',
      "describe('login', () => {",
      '  const seesWelcome = async (page: Page) => {',
      "    await expect(page.getByText('Welcome')).toBeVisible();",
      '  };',
      "  test('rejects a bad password', async ({ page }) => {",
      '    const login = new LoginPage(page);',
      '    await login.open();',
      "    await login.showsError('Wrong password');",
      '  });',
      "  test('lets ann in', async ({ page }) => {",
      '    await seesWelcome(page);',
      '  });',
      "  test('only opens', async ({ page }) => {",
      '    await new LoginPage(page).open();',
      '  });',
      '});',
    ].join('\n');
    expect(run(assertionFree as Rule<unknown>, 'e2e/login.spec.ts', code)).toEqual([[22, "Test 'only opens' has no assertion."]]);
  });
});
