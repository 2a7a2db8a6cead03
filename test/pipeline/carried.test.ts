import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { tempRepo } from '../helpers/repo.js';

type Found = { ruleId: string; file: string; line: number };
const found = (report: { findings: Found[] }, ...rules: string[]) =>
  report.findings.filter((f) => rules.length === 0 || rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}`);
const ESCAPES = ['type-escape', 'ts-directive', 'lint-disable', 'swallowed-error'];

describe('code the change only carried along is not new', () => {
  it('does not flag an `any` on a line where only a name changed, but flags an `any` the edit brought', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', {
      'src/config.ts': 'export function readSettings(raw: any) {\n  return raw.settings;\n}\n\nexport function size(list: string[]) {\n  return list.length;\n}\n',
    });
    repo.commit('rename', {
      'src/config.ts': 'export function loadSettings(raw: any) {\n  return raw.settings;\n}\n\nexport function size(list: string[]) {\n  return list.length;\n}\n',
    });
    const renamed = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${base}..HEAD` } });
    expect(found(renamed.report, 'type-escape')).toEqual([]);

    repo.commit('loosen', {
      'src/config.ts': 'export function loadSettings(raw: any) {\n  return raw.settings;\n}\n\nexport function size(list: any) {\n  return list.length;\n}\n',
    });
    const loosened = await analyze({ cwd: repo.dir, target: { kind: 'range', range: 'HEAD~1..HEAD' } });
    expect(found(loosened.report, 'type-escape')).toEqual(['type-escape src/config.ts:5']);
  });

  it('does not flag a call re-wrapped over several lines or a block re-indented under a new condition', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', {
      'src/send.ts': [
        'export async function send(client: Client, payload: Payload) {',
        '  const response = await client.post("/events", payload as any, { retries: 3, timeout: 1000 });',
        '  try {',
        '    // @ts-ignore',
        '    await client.flush(response.id);',
        '  } catch {}',
        '  return response;',
        '}',
        '',
      ].join('\n'),
    });
    repo.commit('reformat', {
      'src/send.ts': [
        'export async function send(client: Client, payload: Payload, flush = true) {',
        '  const response = await client.post(',
        '    "/events",',
        '    payload as any,',
        '    { retries: 3, timeout: 1000 },',
        '  );',
        '  if (flush) {',
        '    try {',
        '      // @ts-ignore',
        '      await client.flush(response.id);',
        '    } catch {}',
        '  }',
        '  return response;',
        '}',
        '',
      ].join('\n'),
    });
    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${base}..HEAD` } });
    expect(found(report, ...ESCAPES)).toEqual([]);
  });

  it('does not flag a function moved to another file (staged), but flags a second copy pasted next to it', async () => {
    const repo = tempRepo();
    const fn = [
      'export function parseHeader(value: string) {',
      '  try {',
      '    // eslint-disable-next-line no-eval',
      '    return eval(value) as unknown as Header;',
      '  } catch {}',
      '  // an unparsable header reads as undefined',
      '}',
      '',
    ].join('\n');
    repo.commit('base', { 'src/util.ts': `export const one = 1;\n\n${fn}`, 'src/header.ts': 'export type Header = { name: string };\n' });
    repo.stage({ 'src/util.ts': 'export const one = 1;\n', 'src/header.ts': `export type Header = { name: string };\n\n${fn}` });
    const moved = await analyze({ cwd: repo.dir, target: { kind: 'staged' } });
    expect(found(moved.report, ...ESCAPES)).toEqual([]);

    repo.stage({ 'src/header.ts': `export type Header = { name: string };\n\n${fn}\n${fn.replace('parseHeader', 'parseTrailer')}` });
    const copied = await analyze({ cwd: repo.dir, target: { kind: 'staged' } });
    expect(found(copied.report, ...ESCAPES)).toEqual(['lint-disable src/header.ts:13', 'type-escape src/header.ts:14', 'swallowed-error src/header.ts:15']);
  });

  it('still flags an `as any` written in place of a block of different code', async () => {
    const repo = tempRepo();
    const old = ['export function total(items: Item[]) {', ...Array.from({ length: 12 }, (_, i) => `  const part${i} = items.filter((item) => item.kind === ${i}).map((item) => item.price as any);`), '  return 0;', '}', ''];
    const base = repo.commit('base', { 'src/total.ts': old.join('\n') });
    repo.commit('rewrite', { 'src/total.ts': 'export function total(items: Item[]) {\n  return (items as any).sum;\n}\n' });
    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${base}..HEAD` } });
    expect(found(report, 'type-escape')).toEqual(['type-escape src/total.ts:2']);
  });

  it('keeps judging removals and whole files: a deleted test still counts, an audit sees every line', async () => {
    const repo = tempRepo();
    const kept = "import { it, expect } from 'vitest';\nimport { sum } from './sum';\n\nit('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n";
    const base = repo.commit('base', {
      'src/sum.test.ts': `${kept}\nit('adds negatives', () => {\n  expect(sum(-1, -2)).toBe(-3);\n});\n`,
      'src/sum.ts': 'export const sum = (a: number, b: number) => a + b;\nexport const raw = (x: any) => x;\n',
    });
    repo.commit('weaken', { 'src/sum.test.ts': kept });
    const range = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${base}..HEAD` } });
    expect(found(range.report, 'test-weakened')).toEqual(['test-weakened src/sum.test.ts:1']);

    const audit = await analyze({ cwd: repo.dir, target: { kind: 'audit', paths: ['src/sum.ts'] }, cache: false });
    expect(found(audit.report, 'type-escape')).toEqual(['type-escape src/sum.ts:2']);
  });
});
