import { describe, expect, it } from 'vitest';
import rule from '../../rules/test-weakened.js';
import type { ChangedFile } from '../../src/pipeline/changed-files.js';
import type { Rule, RuleExample } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const added = (path: string, text: string): ChangedFile => ({ path, status: 'added', kind: 'code', text, oldText: null, added: text.split('\n').map((_, i) => i + 1), removed: [], allAdded: false });
const run = (example: RuleExample, change: ChangedFile[] = [], deleted = false) =>
  runRule(rule as Rule<unknown>, example, { change, deleted }).map((f) => [f.line, f.severity, f.message]);

const test = (title: string, body: string) => `it('${title}', () => {\n${body}\n});\n`;
const header = "import { describe, expect, it } from 'vitest';\nimport { parse, parseLegacy } from './config.js';\n";

describe('test-weakened', () => {
  it('counts the fields an object matcher names, so four expects folded into one toMatchObject are not a weakening', () => {
    const before = test('reads the retry policy', '  const r = parse("retries=3");\n  expect(r.retries).toBe(3);\n  expect(r.delay).toBe(100);\n  expect(r.factor).toBe(2);\n  expect(r.jitter).toBe(false);');
    const folded = test('reads the retry policy', '  expect(parse("retries=3")).toMatchObject({ retries: 3, delay: 100, factor: 2, jitter: false });');
    expect(run({ file: 'src/config.test.ts', old: `${header}${before}`, code: `${header}${folded}` })).toEqual([]);
    // One field left of the four is still a weakening.
    const narrowed = test('reads the retry policy', '  expect(parse("retries=3")).toMatchObject({ retries: 3 });');
    expect(run({ file: 'src/config.test.ts', old: `${header}${before}`, code: `${header}${narrowed}` })).toEqual([
      [3, 'warn', 'Test "reads the retry policy" was weakened: assertions 4 → 1.'],
    ]);
  });

  it('counts the leaves of a nested object matcher: expects on a sub-object folded into one toMatchObject', () => {
    const before = test(
      'finishes the tool call',
      '  const done = finish(events);\n  expect(done.block.kind).toBe("call");\n  expect(done.block.tool).toBe("search");\n  expect(done.block.id).toBe("t1");\n  expect(done.block.input.q).toBe("rain");',
    );
    const folded = test('finishes the tool call', '  expect(finish(events)).toMatchObject({\n    block: { kind: "call", tool: "search", id: "t1", input: { q: "rain" } },\n  });');
    expect(run({ file: 'src/config.test.ts', old: `${header}${before}`, code: `${header}${folded}` })).toEqual([]);
    const emptied = test('finishes the tool call', '  expect(finish(events)).toMatchObject({ block: {} });');
    expect(run({ file: 'src/config.test.ts', old: `${header}${before}`, code: `${header}${emptied}` })).toEqual([
      [3, 'warn', 'Test "finishes the tool call" was weakened: assertions 4 → 1.'],
    ]);
  });

  it('compares repeated titles one by one, not every one with the last', () => {
    const first = test('custom path', '  const r = parse("a");\n  expect(r.ok).toBe(false);\n  expect(r.path).toEqual(["a"]);\n  expect(r.code).toBe(1);\n  expect(r.msg).toBe("x");');
    const second = test('custom path', '  expect(parse("b").ok).toBe(true);\n  expect(parse("b").path).toEqual([]);');
    const old = `${header}${first}${second}`;
    expect(run({ file: 'src/config.test.ts', old, code: `${old}${test('reads env', '  expect(parse("$A").ok).toBe(true);')}` })).toEqual([]);
  });

  it('does not count tests moved to another test file of the same change, nor a test file split up', () => {
    const keep = test('parses keys', '  expect(parse("a=1")).toEqual({ a: 1 });');
    const moved = test('rejects duplicate keys', '  expect(() => parse("a=1\\na=2")).toThrow();');
    const other = added('src/config/duplicates.test.ts', `import { parse } from '../config.js';\n${moved}`);
    const project = { 'src/config.ts': 'export function parse(s: string) {}\nexport function parseLegacy(s: string) {}\n' };
    expect(run({ file: 'src/config.test.ts', old: `${header}${keep}${moved}`, code: `${header}${keep}`, project }, [other])).toEqual([]);
    const whole = added('src/config/parse.test.ts', `import { parse } from '../config.js';\n${keep}${moved}`);
    expect(run({ file: 'src/config.test.ts', old: `${header}${keep}${moved}`, code: '', project }, [whole], true)).toEqual([]);
  });

  it('does not count tests removed together with the function they tested', () => {
    const keep = test('parses keys', '  expect(parse("a=1")).toEqual({ a: 1 });');
    const legacy = test('reads the legacy format', '  expect(parseLegacy("a: 1")).toEqual({ a: 1 });');
    const example = { file: 'src/config.test.ts', old: `${header}${keep}${legacy}`, code: `${header.replace(', parseLegacy', '')}${keep}` };
    expect(run({ ...example, project: { 'src/config.ts': 'export function parse(s: string) {}\n' } })).toEqual([]);
    // The function is still there: the test was dropped, not its code.
    expect(run({ ...example, project: { 'src/config.ts': 'export function parse(s: string) {}\nexport function parseLegacy(s: string) {}\n' } })).toEqual([
      [1, 'warn', '1 test removed: "reads the legacy format".'],
    ]);
  });

  it('makes tests removed in a change that takes code out a note, not a warning', () => {
    const keep = test('lists commands', '  expect(commands()).toContain("run");');
    const login = test('logs in', '  expect(login("token")).toBe(true);');
    const example = { file: 'src/cli.test.ts', old: `${keep}${login}`, code: keep };
    const feature: ChangedFile = { path: 'src/login.ts', status: 'deleted', kind: 'code', text: '', oldText: 'export const login = () => true;\n', added: [], removed: [1], allAdded: false };
    expect(run(example, [feature])).toEqual([[1, 'info', '1 test removed: "logs in" (the change also deletes 1 source file: they may have gone with the code they tested).']]);
    const trimmed: ChangedFile = { path: 'src/cli.ts', status: 'modified', kind: 'code', text: 'x\n', oldText: null, added: [1, 2], removed: Array.from({ length: 30 }, (_, i) => i + 1), allAdded: false };
    expect(run(example, [trimmed])).toEqual([[1, 'info', '1 test removed: "logs in" (the change also removes 30 source lines and adds 2: they may have gone with the code they tested).']]);
    const grown: ChangedFile = { ...trimmed, added: Array.from({ length: 40 }, (_, i) => i + 1) };
    expect(run(example, [grown])).toEqual([[1, 'warn', '1 test removed: "logs in".']]);
  });
});
