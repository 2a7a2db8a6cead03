import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { constantString } from '../../src/rules/constant-strings.js';

/** constantString of the argument of the last `sink(...)` call in the code. */
function valueAtSink(code: string): string | undefined {
  const sf = ts.createSourceFile('src/a.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let arg: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'sink') arg = n.arguments[0];
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return constantString(ts, arg!);
}

describe('constantString', () => {
  it('follows local constants, templates and concatenations back to their literals', () => {
    expect(valueAtSink("const base = 'ls';\nconst cmd = `${base} -la`;\nsink(cmd + ' /tmp');\n")).toBe('ls -la /tmp');
    expect(valueAtSink("let row = '<tr>';\nif (odd) { row = '<tr class=odd>'; }\nsink(row);\n")).toBe('<tr>');
    // Every value is a constant; the text given is the first one it can hold (here before the assignment).
    expect(valueAtSink('let c;\nc = 123;\nsink(`${c}`);\n')).toBe('undefined');
  });

  it('gives up on parameters, reassignment from data, destructuring and names it cannot see', () => {
    expect(valueAtSink("function f(input: string) {\n  let copy = '<b>ok</b>';\n  copy = input;\n  sink(copy);\n}\n")).toBeUndefined();
    expect(valueAtSink("const { cmd } = opts;\nsink(cmd);\n")).toBeUndefined();
    expect(valueAtSink("import { CMD } from './cmd';\nsink(CMD);\n")).toBeUndefined();
    expect(valueAtSink('sink(globalName);\n')).toBeUndefined();
    expect(valueAtSink("let q = 'SELECT 1';\nfor (q of queries) run(q);\nsink(q);\n")).toBeUndefined();
  });

  it('resolves a name in its own scope, not a namesake elsewhere in the file', () => {
    const code = "function bad(input: string) {\n  const html = '<p>' + input;\n  use(html);\n}\nfunction good() {\n  const html = '<p>fixed</p>';\n  sink(html);\n}\n";
    expect(valueAtSink(code)).toBe('<p>fixed</p>');
    expect(valueAtSink("const x = 'outer';\nfunction f(x: string) {\n  sink(x);\n}\n")).toBeUndefined();
  });
});
