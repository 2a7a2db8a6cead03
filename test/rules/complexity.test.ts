import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { tempRepo } from '../helpers/repo.js';

/** `n` flat conditions: cognitive complexity n (each `if` adds 1 at nesting 0). */
const conditions = (n: number, indent = '    ') => Array.from({ length: n }, (_, i) => `${indent}if (req.query.k === '${i}') hits++;`).join('\n');

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
      "info 12: `(callback of items.forEach)` has cognitive complexity 18 (limit 15; an edited function whose earlier version could not be matched, so this is not counted as the change's).",
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
    const start = repo.commit('back', { 'src/score.ts': fn(14) });
    repo.commit('plus four', { 'src/score.ts': fn(18) });
    expect(await complexity(repo, `${start}..HEAD`)).toEqual(['info 1: `score` has cognitive complexity 18 (limit 15; it was 14; this change adds 4).']);
  });

  it('finds the earlier version of a callback whose result the change only put in a variable', async () => {
    const repo = tempRepo();
    const callback = ['  (tool) => {', '    let hits = 0;', conditions(20).replaceAll('req.query.k', 'tool.k'), '    return hits;', '  }'].join('\n');
    const base = repo.commit('base', { 'src/tools.ts': ['export function format(tools: Tool[]) {', '  return tools.map(', callback, '  );', '}', ''].join('\n') });
    repo.commit('wrap', { 'src/tools.ts': ['export function format(tools: Tool[]) {', '  const formatted = tools.map(', callback, '  );', '  return formatted;', '}', ''].join('\n') });
    expect(await complexity(repo, `${base}..HEAD`)).toEqual([]);
  });
});
