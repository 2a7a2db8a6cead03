import { describe, expect, it } from 'vitest';
import rule from '../../rules/complexity.js';
import { analyze } from '../../src/analyze.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';
import { tempRepo } from '../helpers/repo.js';

/**
 * Code of cognitive complexity n, most of it from nesting (a loop and a condition around the checks, each
 * check +3 at depth 2), so that the figure alone decides; n below 3 is n flat checks.
 */
const conditions = (n: number, indent = '    ') => {
  const check = (i: number, pad: string) => `${pad}if (req.query.k === '${i}') hits++;`;
  if (n < 3) return Array.from({ length: n }, (_, i) => check(i, indent)).join('\n');
  const deep = Math.floor((n - 3) / 3);
  return [
    `${indent}for (const key of req.keys) {`,
    `${indent}  if (key) {`,
    ...Array.from({ length: deep }, (_, i) => check(i, `${indent}    `)),
    `${indent}  }`,
    `${indent}}`,
    ...Array.from({ length: (n - 3) % 3 }, (_, i) => check(deep + i, indent)),
  ].join('\n');
};

// The simple callback comes last: keyed by name alone, every callback was compared with the last anonymous one.
const routes = (users: number, health: number) =>
  [
    "import { app } from './app';",
    '',
    "app.get('/users', (req, res) => {",
    '    let hits = 0;',
    conditions(users),
    '    res.send(hits);',
    '});',
    '',
    "app.get('/health', (req, res) => {",
    '    let hits = 0;',
    conditions(health),
    '    res.send(hits);',
    '});',
    '',
  ].join('\n');

async function complexity(repo: ReturnType<typeof tempRepo>, range: string) {
  const { report } = await analyze({ cwd: repo.dir, target: { kind: 'range', range } });
  return report.findings.filter((f) => f.ruleId === 'complexity').map((f) => `${f.severity} ${f.line}: ${f.message}`);
}

describe('complexity compares a function with its own earlier version', () => {
  it('does not blame an edit for a callback that was already over the limit', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/routes.ts': routes(20, 1) });
    repo.commit('edit', { 'src/routes.ts': routes(21, 1) });
    expect(await complexity(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('reports the callback this change takes over the limit, with its own earlier figure', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/routes.ts': routes(10, 2) });
    repo.commit('edit', { 'src/routes.ts': routes(18, 2) });
    expect(await complexity(repo, `${base}..HEAD`)).toEqual(["warn 3: `(callback of app.get)` has cognitive complexity 18 (limit 15; it was 10)."]);
  });

  it('matches a callback among same-looking siblings by its carried text, and claims no delta when that fails', async () => {
    const repo = tempRepo();
    const body = (n: number) => ['  items.forEach((item) => {', '    let hits = 0;', conditions(n).replaceAll('req.query.k', 'item.k'), '  });'].join('\n');
    const base = repo.commit('base', { 'src/each.ts': ['export function scan(items: Item[]) {', body(3), body(17), '}', ''].join('\n') });
    repo.commit('edit', { 'src/each.ts': ['export function scan(items: Item[]) {', body(1), body(3), body(18), '}', ''].join('\n') });
    // The 18 is the old 17 with one more condition (nearly the same text), already over the limit.
    expect(await complexity(repo, `${base}..HEAD`)).toEqual([]);
    // Rewritten as well: no earlier version to compare with, so no delta is claimed.
    repo.commit('rewrite', { 'src/each.ts': ['export function scan(items: Item[]) {', body(1), body(3), body(18).replaceAll('hits++', 'hits += item.w'), '}', ''].join('\n') });
    expect(await complexity(repo, `${base}..HEAD`)).toEqual([
      "info 13: `(callback of items.forEach)` has cognitive complexity 18 (limit 15; an edited function whose earlier version could not be matched, so this is not counted as the change's).",
    ]);
  });

  it('reports a named function edited deep inside its body, where the signature line is unchanged', async () => {
    const repo = tempRepo();
    const fn = (n: number) => ['export function score(req: Req) {', '    let hits = 0;', conditions(n), '    return hits;', '}', ''].join('\n');
    const base = repo.commit('base', { 'src/score.ts': fn(12) });
    repo.commit('edit', { 'src/score.ts': fn(18) });
    expect(await complexity(repo, `${base}..HEAD`)).toEqual(['warn 1: `score` has cognitive complexity 18 (limit 15; it was 12).']);
  });

  it('keeps a crossing by a point or two, or a small addition, as info', async () => {
    const repo = tempRepo();
    const fn = (n: number) => ['export function score(req: Req) {', '    let hits = 0;', conditions(n), '    return hits;', '}', ''].join('\n');
    const base = repo.commit('base', { 'src/score.ts': fn(15) });
    repo.commit('by one', { 'src/score.ts': fn(16) });
    expect(await complexity(repo, `${base}..HEAD`)).toEqual(['info 1: `score` has cognitive complexity 16 (limit 15; it was 15; over by 1 only).']);
    const start = repo.commit('back', { 'src/score.ts': fn(15) });
    repo.commit('plus four', { 'src/score.ts': fn(19) });
    expect(await complexity(repo, `${start}..HEAD`)).toEqual(['info 1: `score` has cognitive complexity 19 (limit 15; it was 15; this change adds 4).']);
  });

  it('finds the earlier version of a callback whose result the change only put in a variable', async () => {
    const repo = tempRepo();
    const callback = ['  (tool) => {', '    let hits = 0;', conditions(20).replaceAll('req.query.k', 'tool.k'), '    return hits;', '  }'].join('\n');
    const base = repo.commit('base', { 'src/tools.ts': ['export function format(tools: Tool[]) {', '  return tools.map(', callback, '  );', '}', ''].join('\n') });
    repo.commit('wrap', { 'src/tools.ts': ['export function format(tools: Tool[]) {', '  const formatted = tools.map(', callback, '  );', '  return formatted;', '}', ''].join('\n') });
    expect(await complexity(repo, `${base}..HEAD`)).toEqual([]);
  });
});

const runComplexity = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => `${f.severity} ${f.line}: ${f.message}`);

describe('complexity warns on tangled functions, not on long flat runs of checks', () => {
  // Independent if/else pairs, each +2 at depth 0: what a status or summary formatter looks like.
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => `  if (job.flag${i}) lines.push('on ${i}');\n  else lines.push('off ${i}');`).join('\n');

  it('notes a new formatter a few points over the limit whose figure comes from its length', () => {
    const code = [
      'export function summarize(job: Job): string[] {',
      '  const lines: string[] = [];',
      pairs(7),
      '  if (job.owner) lines.push(job.owner);',
      '  else {',
      "    lines.push('unowned');",
      "    if (job.team) lines.push('team ' + job.team);",
      '  }',
      '  return lines;',
      '}',
      '',
    ].join('\n');
    expect(runComplexity('src/summary.ts', code)).toEqual(['info 1: `summarize` has cognitive complexity 18 (limit 15; only 3 over, and nesting adds just 1 of it).']);
  });

  it('notes a long flat validator up to twice the limit, and warns past it', () => {
    const checks = (n: number) => Array.from({ length: n }, (_, i) => `  if (!form.field${i}) errors.push('field${i}');`).join('\n');
    const validator = (n: number) =>
      [
        'export function validate(form: Form): string[] {',
        '  const errors: string[] = [];',
        '  for (const [key, value] of Object.entries(form.extra)) {',
        "    if (typeof value !== 'string') errors.push(key);",
        '    if (key.startsWith("_")) errors.push(key);',
        '  }',
        checks(n),
        '  return errors;',
        '}',
        '',
      ].join('\n');
    expect(runComplexity('src/validate.ts', validator(19))).toEqual([
      'info 1: `validate` has cognitive complexity 24 (limit 15; nesting adds just 2 of it: a long but flat run of checks, each read on its own).',
    ]);
    expect(runComplexity('src/validate.ts', validator(27))).toEqual(['warn 1: `validate` has cognitive complexity 32 (limit 15).']);
  });

  it('warns on a new function a little over the limit when most of its figure is nesting', () => {
    const code = [
      'export function firstFree(grid: Cell[][], wanted: number) {',
      '  for (const row of grid) {', // +1
      '    for (const cell of row) {', // +2
      '      if (cell.free) {', // +3
      '        if (cell.size >= wanted) {', // +4
      '          if (cell.locked) continue;', // +5
      '          return cell;',
      '        }',
      '      }',
      '    }',
      '  }',
      '  if (wanted > 1) return firstFree(grid, wanted - 1);', // +1
      '  return undefined;',
      '}',
      '',
    ].join('\n');
    expect(runComplexity('src/grid.ts', code)).toEqual(['warn 1: `firstFree` has cognitive complexity 16 (limit 15).']);
  });
});
