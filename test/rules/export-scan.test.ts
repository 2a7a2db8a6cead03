import { describe, expect, it } from 'vitest';
import { scanExportInfo } from '../../src/rules/export-scan.js';
import { exportInfo, type ExportInfo } from '../../src/rules/modules.js';
import { parseUnlinked, typescript } from '../../src/pipeline/parse.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';
import rule from '../../rules/missing-export.js';

const api = typescript();

function scanned(code: string, path = 'src/mod.ts'): ExportInfo | undefined {
  return scanExportInfo(api, path, code);
}

function parsed(code: string, path = 'src/mod.ts'): ExportInfo {
  return exportInfo(api, parseUnlinked(path, code));
}

const sorted = (info: ExportInfo | undefined): unknown => info && { names: [...info.names].sort(), stars: info.stars, unknown: info.unknown };

describe('scanExportInfo reads exports from tokens the way exportInfo reads the parsed file', () => {
  const cases: [title: string, code: string, expected: ExportInfo][] = [
    ['export * and export * as', "export * from './a';\nexport type * from './types';\nexport * as ns from './b';\n", { names: ['ns'], stars: ['./a', './types'], unknown: false }],
    ['export =', 'declare const api: { a: 1 };\nexport = api;\n', { names: [], stars: [], unknown: true }],
    ['named re-exports and local lists', "export { a, b as c, default as d, type T } from './x';\nconst e = 1;\nexport { e, e as 'f g' };\nexport type { U } from './u';\nexport {};\n", { names: ['a', 'c', 'd', 'T', 'e', 'f g', 'U'], stars: [], unknown: false }],
    ['declare module with a string name', "export const a = 1;\ndeclare module 'vitest' {\n  export interface Matchers { x: 1 }\n}\n", { names: ['a'], stars: [], unknown: true }],
    ['exported declare module and namespaces', "export declare module 'x' {}\nexport namespace Inner.Deep { export const hidden = 1; }\nexport declare global {}\n", { names: ['Inner', 'global'], stars: [], unknown: false }],
    ['default exports, named or not', 'export default function format() {}\nexport default class {}\nexport default interface Shape { x: number }\n', { names: ['default', 'format', 'Shape'], stars: [], unknown: false }],
    ['default expressions', 'export default async (x: number) => x;\n', { names: ['default'], stars: [], unknown: false }],
    ['declarations of every kind', 'export declare const a: number;\nexport let b = 1;\nexport async function* c() {}\nexport abstract class D {}\nexport type E<T> = T;\nexport const enum F { X }\nexport enum G { Y }\nexport interface H {}\nexport import I = J.K;\nexport function type() {}\n', { names: ['a', 'b', 'c', 'D', 'E', 'F', 'G', 'H', 'I', 'type'], stars: [], unknown: false }],
    ['destructured exports', 'export const { a, b } = obj;\n', { names: [], stars: [], unknown: true }],
    ['generic annotations with commas', "export const m: Record<string, number> = {};\nexport const f = (a: Map<string, Set<number>>, b = 2) => a;\n", { names: ['m', 'f'], stars: [], unknown: false }],
    ['nested exports are not the module\'s', 'export class A {\n  export = 1;\n  method() { const o = { export: 1 }; return o.export; }\n}\n', { names: ['A'], stars: [], unknown: false }],
    ['templates and regular expressions with braces and quotes', "const t = `a ${'}'} ${`{${1}`} \"`;\nconst r = /[{'`]/g;\nconst d = total / 2 / count;\nexport const after = t + r + d;\n", { names: ['after'], stars: [], unknown: false }],
    ['CommonJS', "import x = require('x');\nmodule.exports = x;\n", { names: [], stars: [], unknown: true }],
    ['no module syntax at all', 'const a = 1;\nimport("./lazy");\nimport.meta.url;\n', { names: [], stars: [], unknown: true }],
    ['UMD declarations', 'export as namespace Lib;\nexport = Lib;\ndeclare namespace Lib { const v: 1 }\n', { names: [], stars: [], unknown: true }],
  ];
  for (const [title, code, expected] of cases) {
    it(title, () => {
      expect(sorted(scanned(code))).toEqual(sorted(expected));
      expect(sorted(parsed(code))).toEqual(sorted(expected));
    });
  }

  it('leaves to the parser what tokens alone cannot settle', () => {
    expect(scanned('export const a = 1, b = 2;\n')).toBeUndefined(); // a second declaration, or a comma of a type?
    expect(scanned('export const a = 1,\n  b;\n')).toBeUndefined();
    expect(scanned('if (x) /}/.test(y);\nexport const a = 1;\n')).toBeUndefined(); // regular expression after if (...)
    expect(scanned('const o = {} / 2;\nexport const a = 1;\n')).toBeUndefined(); // `}` then `/`
    expect(scanned("const s = 'unterminated\nexport const a = 1;\n")).toBeUndefined(); // the scanner reports an error
    expect(scanned('export @sealed class A {}\n')).toBeUndefined();
    expect(scanned('export const a = 1;\n', 'src/view.tsx')).toBeUndefined(); // JSX text needs the parser
    expect(scanned('export const a = 1;\n', 'src/mod.js')).toBeUndefined();
  });
});

describe('missing-export reads imported modules by tokens, with the parser where they leave doubt', () => {
  it('finds the same names either way', () => {
    const project = {
      'src/list.ts': 'export const first = 1, second = 2;\n',
      'src/barrel.ts': "export * from './list';\nexport { helper as assist } from './helper';\n",
      'src/helper.ts': 'export function helper() {}\n',
      'src/view.tsx': "export const View = () => <p>Don't {'}'}</p>;\n",
    };
    const code = "import { first, second, third, assist, helper } from './barrel';\nimport { View, Other } from './view';\n";
    const findings = runRule(rule as Rule<unknown>, { file: 'src/main.ts', code, project }).map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(findings).toEqual(['1:25 "third" is not exported by src/barrel.ts.', '1:40 "helper" is not exported by src/barrel.ts.', '2:16 "Other" is not exported by src/view.tsx.']);
  });
});
