import { describe, expect, it } from 'vitest';
import rule from '../../rules/skipped-test.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity, f.message]);

describe('skipped-test', () => {
  it('reports a bracket key, `xdescribe.each` once, and a template-tagged `xit.each`', () => {
    const code = [
      "describe['skip']('checkout', () => {});",
      "xdescribe.each([['eur'], ['usd']])('pays in %s', (currency) => {});",
      "xit.each`\n  n\n  ${1}\n`('counts $n', () => {});",
      "describe[`${variant}`]('checkout', () => {});",
    ].join('\n');
    expect(run('src/pay.test.ts', code)).toEqual([
      [1, 'warn', "Skipped suite `describe['skip']` \"checkout\"."],
      [2, 'warn', "Skipped suite `xdescribe.each([['eur'], ['usd']])` \"pays in %s\"."],
      [3, 'warn', 'Skipped test `xit.each`\n  n\n  ${1}\n`` "counts $n".'],
    ]);
  });

  it("reports Vitest's `{ skip: true }` option on tests and suites, not `{ skip: false }`", () => {
    const code = "describe('refunds', { skip: true }, () => {});\ntest('refunds twice', { skip: true }, () => {});\ntest('refunds once', { skip: false }, () => {});\n";
    expect(run('src/refund.test.ts', code)).toEqual([
      [1, 'warn', 'Skipped suite `describe(…, { skip: true })` "refunds".'],
      [2, 'warn', 'Skipped test `test(…, { skip: true })` "refunds twice".'],
    ]);
  });

  it("reports Jasmine's global `pending()`, not a `pending` of the file or an import", () => {
    expect(run('src/queue.test.ts', "it('drains the queue', () => {\n  pending('flaky on CI');\n});\n")).toEqual([[2, 'warn', '`pending()` marks the test as skipped.']]);
    expect(run('src/queue.test.ts', "import { pending } from './queue';\nit('lists waiting jobs', () => {\n  expect(pending()).toEqual([]);\n});\n")).toEqual([]);
    expect(run('src/queue.test.ts', "const { pending } = jobs();\nit('lists waiting jobs', () => {\n  expect(pending()).toEqual([]);\n});\n")).toEqual([]);
    expect(run('src/queue.ts', 'export const waiting = pending();\n')).toEqual([]);
  });

  it("reports Playwright's unconditional `test.skip()` in a test, not a conditional skip with its reason", () => {
    const code = [
      "import { test, expect } from '@playwright/test';",
      "test('uploads a file', async ({ page, browserName }) => {",
      "  test.skip(browserName === 'webkit', 'file chooser is not supported there');",
      "  await page.goto('/upload');",
      '});',
      "test('downloads a file', async ({ page }) => {",
      '  test.skip();',
      '});',
    ].join('\n');
    expect(run('e2e/files.spec.ts', code)).toEqual([[7, 'warn', 'Skipped test `test.skip`.']]);
  });
});
