import { describe, expect, it } from 'vitest';
import rule from '../../rules/focused-test.js';
import { runRule } from '../../src/testing/run-rule.js';
import type { Rule } from '../../src/rules/define-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity, f.message]);

describe('focused-test', () => {
  it('reports `fit` and `fdescribe` in a test file where they are the runner globals', () => {
    expect(run('src/cart.spec.ts', "fdescribe('cart', () => {\n  fit('adds', () => {\n    expect(1).toBe(1);\n  });\n});\n")).toEqual([
      [1, 'block', 'Focused test `fdescribe`: every other test will be skipped.'],
      [2, 'block', 'Focused test `fit`: every other test will be skipped.'],
    ]);
    expect(run('src/cart.test.ts', "import { fit } from '@jest/globals';\nfit('adds', () => {});\n")).toEqual([[2, 'block', 'Focused test `fit`: every other test will be skipped.']]);
  });

  it('ignores a local `fit` in a component and a declared `fit` in a test file', () => {
    const component = "const fit = (box: Box, img: Size) => scale(box, img, 'contain');\nexport function Cover({ box, img }: Props) {\n  const size = fit(box, img);\n  return <img width={size.w} />;\n}\n";
    expect(run('src/renderer/src/pages/catalogue/game-item-classics.tsx', component)).toEqual([]);
    expect(run('src/renderer/src/pages/cover.tsx', "fit('adds', () => {});\n")).toEqual([]);
    expect(run('src/layout.test.ts', "import { fit } from './layout';\nit('fits', () => {\n  expect(fit('wide', () => 1)).toBe(1);\n});\n")).toEqual([]);
  });

  it('still reports `.only` anywhere', () => {
    expect(run('src/cart.test.ts', "describe.only('cart', () => {});\n")).toEqual([[1, 'block', 'Focused test `describe.only`: every other test will be skipped.']]);
  });

  it('reports focus without arguments, behind `.each`, a bracket key, a template tag or `concurrent`, once per call', () => {
    const code = [
      'describe.only();',
      'fit();',
      "it.concurrent.only('reads in parallel', async () => {});",
      "test.only.each([[1, 2]])('adds %i', (a, b) => {});",
      "it.only.each`\n  a | b\n  ${1} | ${2}\n`('sums $a', () => {});",
      "describe['only']('cart', () => {});",
    ].join('\n');
    expect(run('src/sum.test.ts', code)).toEqual([
      [1, 'block', 'Focused test `describe.only`: every other test will be skipped.'],
      [2, 'block', 'Focused test `fit`: every other test will be skipped.'],
      [3, 'block', 'Focused test `it.concurrent.only`: every other test will be skipped.'],
      [4, 'block', "Focused test `test.only.each([[1, 2]])`: every other test will be skipped."],
      [5, 'block', 'Focused test `it.only.each`\n  a | b\n  ${1} | ${2}\n``: every other test will be skipped.'],
      [9, 'block', "Focused test `describe['only']`: every other test will be skipped."],
    ]);
  });

  it("reports Vitest's `{ only: true }` option, not `{ only: false }`", () => {
    const code = "test('parses a date', { only: true }, () => {\n  expect(parse('2024-01-02')).toEqual(new Date(2024, 0, 2));\n});\ntest('parses a time', { only: false, timeout: 50 }, () => {});\n";
    expect(run('src/date.test.ts', code)).toEqual([[1, 'block', 'Focused test `{ only: true }`: every other test will be skipped.']]);
  });

  it('follows runner imports under another name, both ways', () => {
    expect(run('src/cart.test.ts', "import { describe as group } from 'vitest';\ngroup.only('cart', () => {});\n")).toEqual([[2, 'block', 'Focused test `group.only`: every other test will be skipped.']]);
    expect(run('src/cart.test.ts', "const { fit: focus } = require('@jest/globals');\nfocus('adds', () => {});\n")).toEqual([[2, 'block', 'Focused test `focus`: every other test will be skipped.']]);
    expect(run('src/cart.test.ts', "import { describe as fdescribe } from '@jest/globals';\nfdescribe('cart', () => {});\n")).toEqual([]);
  });

  it('ignores `.only` read as a value and a computed key', () => {
    expect(run('src/cart.test.ts', "const pick = describe.only;\npick.apply(describe);\ndescribe[`${mode}`]('cart', () => {});\n")).toEqual([]);
  });
});
