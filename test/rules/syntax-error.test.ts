import { describe, expect, it } from 'vitest';
import rule from '../../rules/syntax-error.js';
import { runRule } from '../../src/testing/run-rule.js';
import type { Rule } from '../../src/rules/define-rule.js';

const run = (code: string, old?: string, file = 'src/a.ts') => runRule(rule as Rule<unknown>, { file, code, ...(old !== undefined ? { old } : {}) });

describe('syntax-error', () => {
  it('fires once per file on the first error in added lines, counting the others', () => {
    expect(run('const a = ;\nconst b = ;\n').map((f) => [f.line, f.message])).toEqual([[1, 'Syntax error: Expression expected (2 syntax errors in the file).']]);
  });

  it('does not fire on valid code, on errors only in unchanged lines, or on Flow files', () => {
    expect(run('export const a = <T,>(x: T) => x;\n', undefined, 'src/a.tsx')).toEqual([]);
    expect(run('const a = ;\nconst b = 2;\n', 'const a = ;\nconst b = 1;\n')).toEqual([]);
    expect(run('// @flow\nfunction f(x: ?number): %checks { return !!x; }\n', undefined, 'src/a.js')).toEqual([]);
  });
});
