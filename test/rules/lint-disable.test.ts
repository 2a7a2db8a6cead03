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

  it('treats a disable closed by a matching enable as a block, and a reasoned file-wide disable of a named rule as a note', () => {
    // A React component that reads a ref inside a memo on purpose, fenced by a disable/enable pair.
    const fenced = 'export function List({ rows }: Props) {\n  /* oxlint-disable react/exhaustive-deps -- rows is stable for the lifetime of the list */\n  const sorted = useMemo(() => sort(rows), []);\n  /* oxlint-enable react/exhaustive-deps */\n  /* eslint-disable no-console */\n  console.log(sorted.length);\n  /* eslint-enable */\n  return sorted;\n}\n';
    expect(run(fenced)).toEqual([[5, 'info', '`eslint-disable no-console` gives no reason (add `-- why`).']]);
    const fileWide = '/* eslint-disable no-console -- this module is the CLI printer */\nexport const print = (s: string) => console.log(s);\n';
    expect(run(fileWide)).toEqual([[1, 'info', '`eslint-disable no-console` turns rules off for the rest of the file (a reason is given).']]);
  });

  it('still warns on an unclosed named disable without reason, and on an enable for another rule', () => {
    const code = '/* oxlint-disable no-console */\nconsole.log(1);\n/* oxlint-enable no-debugger */\n/* eslint-disable */\nrun();\n/* eslint-enable */\n';
    expect(run(code)).toEqual([
      [1, 'warn', '`oxlint-disable no-console` turns rules off for the rest of the file.'],
      [4, 'warn', '`eslint-disable` without rule names turns off every lint rule until the matching enable.'],
    ]);
  });
});
