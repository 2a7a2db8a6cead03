import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from '../../src/rules/define-rule.js';
import { analyzeFile, createChangeView } from '../../src/pipeline/run-rules.js';
import { keepParsed, parsedAhead, takeParsed } from '../../src/pipeline/parsed-ahead.js';
import { parseSource } from '../../src/pipeline/parse.js';
import missingExport from '../../rules/missing-export.js';
import type { ChangedFile } from '../../src/pipeline/changed-files.js';
import { memoryProject } from '../../src/testing/run-rule.js';
import debuggerStatement from '../../rules/debugger-statement.js';
import invalidSuppression from '../../rules/invalid-suppression.js';
import syntaxError from '../../rules/syntax-error.js';

const rules = [debuggerStatement, invalidSuppression] as Rule<unknown>[];
const ids = new Set(rules.map((r) => r.id));

function file(text: string, added: number[] | 'all', path = 'src/a.ts'): ChangedFile {
  return { path, status: 'modified', kind: 'code', text, oldText: '', added: added === 'all' ? [] : added, removed: [], allAdded: added === 'all' };
}

function run(f: ChangedFile, list = rules) {
  return analyzeFile(f, list.map((rule) => ({ rule, options: {} })), memoryProject({}), ids);
}

describe('analyzeFile', () => {
  it('keeps findings that touch an added line, including multi-line nodes', () => {
    const multi = defineRule({
      ...debuggerStatement,
      id: 'whole-function',
      create: (ctx) => ({ FunctionDeclaration: (node) => ctx.report({ node, message: 'fn' }) }),
    }) as Rule<unknown>;
    const text = 'function f() {\n  debugger;\n  return 1;\n}\ndebugger;\n';
    const result = run(file(text, [3]), [debuggerStatement as Rule<unknown>, multi]);
    expect(result.findings.map((f) => [f.ruleId, f.line, f.endLine])).toEqual([['whole-function', 1, 4]]);
  });

  it('honours a suppression with a reason and reports one without', () => {
    const text = [
      '// diffwarden-ignore-next-line debugger-statement -- kept for the tutorial',
      'debugger;',
      '// diffwarden-ignore-next-line debugger-statement',
      'debugger;',
      '/* diffwarden-ignore-next-line debuger-statement -- typo */',
      'debugger;',
    ].join('\n');
    const result = run(file(text, 'all'));
    expect(result.suppressed).toBe(1);
    expect(result.findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      ['invalid-suppression', 3, 'Suppression of debugger-statement has no reason, so it is ignored; add `-- <why this is safe>`.'],
      ['debugger-statement', 4, 'Leftover `debugger` statement.'],
      ['invalid-suppression', 5, 'Suppression names unknown rule "debuger-statement" (did you mean "debugger-statement"?).'],
      ['debugger-statement', 6, 'Leftover `debugger` statement.'],
    ]);
  });

  it('honours file-level suppressions', () => {
    const text = '// diffwarden-ignore-file debugger-statement -- generated fixture\ndebugger;\ndebugger;\n';
    const result = run(file(text, 'all'));
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toBe(2);
  });

  it('gives fingerprints that survive line shifts and reindentation but separate repeated code', () => {
    const before = run(file('debugger;\nconst a = 1;\ndebugger;\n', 'all')).findings.map((f) => f.fingerprint);
    const after = run(file('// new header\n\nconst z = 0;\n    debugger;\nconst a = 1;\n  debugger;\n', 'all')).findings.map((f) => f.fingerprint);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(2);
    const otherFile = run(file('debugger;\n', 'all', 'src/b.ts')).findings[0]!.fingerprint;
    expect(before).not.toContain(otherFile);
  });

  it('turns a throwing rule into a reported failure without losing other rules', () => {
    const broken = defineRule({ ...debuggerStatement, id: 'broken', create: () => ({ DebuggerStatement: () => { throw new Error('boom'); } }) }) as Rule<unknown>;
    const result = run(file('debugger;\n', 'all'), [broken, debuggerStatement as Rule<unknown>]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['debugger-statement']);
    expect(result.failures.map((f) => [f.ruleId, f.file, f.message.split('\n')[0]])).toEqual([['broken', 'src/a.ts', 'Error: boom']]);
  });

  it('does not crash on files that do not parse', () => {
    const result = run(file('const x = ;\ndebugger;\n', 'all'), [...rules, syntaxError as Rule<unknown>]);
    expect(result.failures).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      ['syntax-error', 1, 'Syntax error: Expression expected.'],
      ['debugger-statement', 2, 'Leftover `debugger` statement.'],
    ]);
  });
});

describe('trees parsed ahead', () => {
  it('parses an imported module once: its own analysis takes the tree missing-export parsed', () => {
    const files = { 'src/a.ts': "import { b } from './b.js';\nexport const a = b;\n", 'src/b.ts': 'export const b = 1;\n' };
    const project = memoryProject(files);
    const active = [{ rule: missingExport as Rule<unknown>, options: {} }];
    const change = createChangeView([]);
    analyzeFile(file(files['src/a.ts'], 'all', 'src/a.ts'), active, project, ids, change);
    const tree = parsedAhead(change).get('src/b.ts');
    expect(tree?.text).toBe(files['src/b.ts']);
    let seen: unknown;
    const spy = defineRule({ ...debuggerStatement, id: 'spy', create: (ctx) => ({ onFile: () => void (seen = ctx.file.sourceFile) }) }) as Rule<unknown>;
    analyzeFile(file(files['src/b.ts'], 'all', 'src/b.ts'), [...active, { rule: spy, options: {} }], project, ids, change);
    expect(seen).toBe(tree);
    expect(parsedAhead(change).size).toBe(0);
  });

  it('keeps at most 64 trees and never reuses one parsed from other text', () => {
    const change = createChangeView([]);
    for (let i = 0; i < 70; i++) keepParsed(change, `m${i}.ts`, parseSource(`m${i}.ts`, `export const x${i} = ${i};`));
    expect(parsedAhead(change).size).toBe(64);
    expect(parsedAhead(change).has('m5.ts')).toBe(false);
    expect(parsedAhead(change).has('m6.ts')).toBe(true);
    expect(takeParsed(change, 'm6.ts', 'export const x6 = 7;')).toBeUndefined();
    expect(takeParsed(change, 'm7.ts', 'export const x7 = 7;')?.text).toBe('export const x7 = 7;');
    expect(parsedAhead(change).size).toBe(62);
  });
});

describe('rule contexts', () => {
  it('share the ts getter through their prototype (a getter per object gave each file a hidden class that kept its tree alive)', () => {
    const contexts: object[] = [];
    const spy = defineRule({ ...debuggerStatement, id: 'spy', create: (ctx) => (contexts.push(ctx), {}) }) as Rule<unknown>;
    for (const path of ['src/a.ts', 'src/b.ts']) run(file('const a = 1;\n', 'all', path), [spy]);
    expect(contexts).toHaveLength(2);
    expect(contexts.map((c) => Object.getOwnPropertyDescriptor(c, 'ts'))).toEqual([undefined, undefined]);
    expect(Object.getPrototypeOf(contexts[0])).toBe(Object.getPrototypeOf(contexts[1]));
    expect(typeof (contexts[0] as { ts: { createSourceFile: unknown } }).ts.createSourceFile).toBe('function');
  });
});
