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

  describe('text the code fixes itself (calibration: SQLite stores)', () => {
    it('passes a clause list that starts and grows with constant clauses only', () => {
      const code = [
        'export class Log {',
        '  after(db: Db, seq: number, room?: string) {',
        "    const conds = ['seq > ?'];",
        '    const args: unknown[] = [seq];',
        "    if (room) { conds.push('room = ?'); args.push(room); }",
        '    return db.prepare(`SELECT body FROM log WHERE ${conds.join(" AND ")} ORDER BY seq`).all(...args);',
        '  }',
        '}',
        '',
      ].join('\n');
      expect(run(code)).toEqual([]);
    });

    it('still warns when a clause pushed onto the list splices a value', () => {
      const code = [
        'export function find(db: Db, room: string) {',
        "  const conds = ['deleted = 0'];",
        "  conds.push(`room = '${room}'`);",
        '  return db.prepare(`SELECT body FROM log WHERE ${conds.join(" AND ")}`).all();',
        '}',
        '',
      ].join('\n');
      expect(run(code)).toEqual([[4, 'warn']]);
    });

    it('still warns when the clause list is handed to another function, which may add anything', () => {
      const code = [
        'export function find(db: Db, q: Query) {',
        "  const conds = ['deleted = 0'];",
        '  addFilters(conds, q);',
        '  return db.prepare(`SELECT body FROM log WHERE ${conds.join(" AND ")}`).all();',
        '}',
        '',
      ].join('\n');
      expect(run(code)).toEqual([[4, 'warn']]);
    });

    it('passes a quoted list built once from an imported UPPER_CASE constant and a module template', () => {
      const code = [
        "import { FINAL_STATES } from './states.js';",
        "const FINAL_STATES_SQL = FINAL_STATES.map((s) => `'${s.replaceAll(\"'\", \"''\")}'`).join(', ');",
        'const OPEN_JOBS_SQL = `SELECT id FROM jobs WHERE state NOT IN (${FINAL_STATES_SQL})`;',
        'export const openJobs = (db: Db) => db.prepare(`SELECT * FROM jobs WHERE id IN (${OPEN_JOBS_SQL}) AND owner = ?`);',
        '',
      ].join('\n');
      expect(run(code)).toEqual([]);
    });

    it('passes table aliases of module helpers that every caller passes as literals', () => {
      const code = [
        'function visible(t: string): string {',
        "  return `${t}.hidden = 0 AND ${t}.kind = 'note'`;",
        '}',
        'function newest(outer: string, inner: string): string {',
        '  return `SELECT MAX(n.seq) FROM notes AS n WHERE n.owner = ${outer}.owner AND ${visible(inner)}`;',
        '}',
        "export const q = (db: Db) => db.prepare(`SELECT * FROM notes AS a WHERE a.seq = (${newest('a', 'n')}) AND ${visible('a')}`);",
        '',
      ].join('\n');
      expect(run(code)).toEqual([]);
    });

    it('warns when one caller of the helper passes a value it was given', () => {
      const code = [
        'function visible(t: string): string {',
        '  return `SELECT 1 FROM notes WHERE owner = ${t}.owner`;',
        '}',
        "export const a = () => visible('x');",
        'export const b = (name: string) => visible(name);',
        '',
      ].join('\n');
      expect(run(code)).toEqual([[2, 'warn']]);
    });

    it('resolves a placeholder list by scope when several methods declare the same name', () => {
      const code = [
        'export class Store {',
        '  byKinds(db: Db, kinds: string[]) {',
        "    const marks = kinds.map(() => '?').join(', ');",
        '    return db.prepare(`SELECT * FROM entries WHERE kind IN (${marks})`).all(...kinds);',
        '  }',
        '  byNames(db: Db, names: string[]) {',
        "    const marks = names.map(() => '?').join(', ');",
        '    return db.prepare(`SELECT * FROM entries WHERE name IN (${marks})`).all(...names);',
        '  }',
        '}',
        '',
      ].join('\n');
      expect(run(code)).toEqual([]);
    });

    it('passes the text of a builder that returns its own bound values ({ sql, params })', () => {
      const code = [
        'export function search(db: Db, text: string) {',
        '  const match = likeAny(["title", "body"], text);',
        '  return db.prepare(`SELECT * FROM docs WHERE ${match.sql} LIMIT 20`).all(...match.params);',
        '}',
        'export function raw(db: Db, req: Req) {',
        '  const q = req.body;',
        '  return db.prepare(`SELECT * FROM docs WHERE ${q.sql}`).all(...q.params);',
        '}',
        '',
      ].join('\n');
      expect(run(code)).toEqual([[7, 'warn']]);
    });
  });
});
