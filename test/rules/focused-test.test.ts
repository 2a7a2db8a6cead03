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
});
