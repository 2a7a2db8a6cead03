import { describe, expect, it } from 'vitest';
import rule from '../../rules/sql-injection.js';
import { runRule } from '../../src/testing/run-rule.js';
import type { Rule } from '../../src/rules/define-rule.js';

const run = (code: string) => runRule(rule as Rule<unknown>, { file: 'src/store.ts', code }).map((f) => [f.line, f.severity]);

describe('sql-injection', () => {
  it('blocks a value read straight into the statement', () => {
    expect(run('export const find = (db: Db, id: string) => db.query(`SELECT * FROM users WHERE id = ${id}`);\n')).toEqual([[1, 'block']]);
  });

  it('passes a list of ? placeholders built from constants (SQLite IN lists)', () => {
    const code = [
      'export function byIds(db: Db, sessionId: string, ids: string[]) {',
      "  const placeholders = ids.map(() => '?').join(', ');",
      '  return db.prepare(`SELECT * FROM messages WHERE session_id = ? AND id IN (${placeholders})`).all(sessionId, ...ids);',
      '}',
      '',
    ].join('\n');
    expect(run(code)).toEqual([]);
  });

  it('only warns on composed SQL text, which it cannot prove constant', () => {
    const code = [
      'export function events(db: Db, clauses: string[], limit: number) {',
      '  return db.prepare(`SELECT seq, body FROM events WHERE ${clauses.join(" AND ")} ORDER BY seq LIMIT ?`).all(limit);',
      '}',
      'export const page = (db: Db, whereSql: string) => db.query(`SELECT * FROM t WHERE ${whereSql}`);',
      '',
    ].join('\n');
    expect(run(code)).toEqual([
      [2, 'warn'],
      [4, 'warn'],
    ]);
  });

  it('warns, not passes, when a placeholder-named value is not built from constants', () => {
    const code = "export function f(db: Db, name: string) {\n  const placeholders = name;\n  return db.query(`SELECT * FROM t WHERE a IN (${placeholders})`);\n}\n";
    expect(run(code)).toEqual([[3, 'warn']]);
  });

  it('warns, not blocks, on SQL names and composed constants: a table alias, a *Sql helper, an UPPER_CASE constant', () => {
    const code = [
      'export function orderSql(alias: string): string {',
      '  return `SELECT seq FROM entries AS m WHERE m.session_id = ${alias}.session_id AND ${predicateSql("m")}`;',
      '}',
      'export const query = (db: Db) => db.prepare(`WITH ${SOURCES_CTE} SELECT * FROM entries WHERE name IN (${EVENT_NAMES})`);',
      '',
    ].join('\n');
    expect(run(code)).toEqual([
      [2, 'warn'],
      [4, 'warn'],
    ]);
  });
});
