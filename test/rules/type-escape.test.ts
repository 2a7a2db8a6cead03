import { describe, expect, it } from 'vitest';
import rule from '../../rules/type-escape.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string) => runRule(rule as Rule<unknown>, { file: 'src/chunks.ts', code }).map((f) => [f.line, f.severity, f.message]);

describe('type-escape', () => {
  it('notes a double cast through unknown whose reason is a comment above it or on its line', () => {
    // A polyfill lookup: the compiler's lib setting predates the method the runtime has.
    const above = '// lib target is ES2022, which lacks Array.fromAsync (Node 22 ships it).\nconst fromAsync = (Array as unknown as { fromAsync: FromAsync }).fromAsync;\n';
    const note = 'a double cast through `unknown` turns off type checking for this value; the comment beside it gives the reason.';
    expect(run(above)).toEqual([[2, 'info', note]]);
    const beside = 'const groups = (Object as unknown as { groupBy: GroupBy }).groupBy; // ES2024 method, lib target is older\n';
    expect(run(beside)).toEqual([[1, 'info', note]]);
  });

  it('still warns on an unexplained double cast, on any, and when a lint directive is the only comment', () => {
    const code = '// eslint-disable-next-line @typescript-eslint/no-unsafe-member-access\nconst a = (x as unknown as A).b;\n// lib target lacks it\nconst c = (y as unknown as C).d;\n';
    expect(run(code)).toEqual([[2, 'warn', 'a double cast through `unknown` turns off type checking for this value (2 new type escapes in this file).']]);
    const any = '// the SDK has no types\nexport const load = (raw: any) => raw;\n';
    expect(run(any)).toEqual([[2, 'warn', '`any` turns off type checking for this value.']]);
  });
});
