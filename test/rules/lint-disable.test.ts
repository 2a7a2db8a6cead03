import { describe, expect, it } from 'vitest';
import rule from '../../rules/lint-disable.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string) => runRule(rule as Rule<unknown>, { file: 'src/sdk.ts', code }).map((f) => [f.line, f.severity, f.message]);

describe('lint-disable', () => {
  it('takes the comment line directly above a disable as its reason', () => {
    const code = '// The vendor SDK types this payload as any; parse() narrows it.\n// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const onEvent = (e: any) => parse(e);\n';
    expect(run(code)).toEqual([]);
  });

  it('still asks for a reason when the line above is code, blank or another directive', () => {
    const code = 'const a = 1;\n// eslint-disable-next-line no-console\nconsole.log(a);\n\n// @ts-expect-error untyped\n// eslint-disable-next-line no-console\nconsole.log(b);\n';
    const info = '`eslint-disable-next-line no-console` gives no reason (add `-- why`).';
    expect(run(code)).toEqual([
      [2, 'info', info],
      [6, 'info', info],
    ]);
  });
});
