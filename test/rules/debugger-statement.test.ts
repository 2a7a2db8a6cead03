import { describe, expect, it } from 'vitest';
import rule from '../../rules/debugger-statement.js';
import { runRule } from '../../src/testing/run-rule.js';
import type { Rule } from '../../src/rules/define-rule.js';

const run = (code: string, old?: string) => runRule(rule as Rule<unknown>, { file: 'src/a.ts', code, ...(old !== undefined ? { old } : {}) });

describe('debugger-statement', () => {
  it('fires on an added debugger statement, in functions and at top level', () => {
    expect(run('debugger;\nfunction f() {\n  if (x) debugger;\n}\n').map((f) => [f.line, f.column, f.endColumn])).toEqual([
      [1, 1, 10],
      [3, 10, 19],
    ]);
  });

  it('does not fire on the word in strings, comments or identifiers, nor on an unchanged debugger', () => {
    expect(run("const s = 'debugger';\n// debugger;\nconst debuggerEnabled = true;\n")).toEqual([]);
    expect(run('debugger;\nconst b = 2;\n', 'debugger;\nconst b = 1;\n')).toEqual([]);
  });
});
