import { describe, expect, it } from 'vitest';
import rule from '../../rules/sql-injection.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity]);

describe('sql-injection: assembled by calls and compound assignment', () => {
  it('finds .concat(), util.format and += on a constant SQL start', () => {
    // A small reporting endpoint that pieces its query together from the request.
    const code = [
      "import util from 'node:util';",
      'export async function report(db: Db, req: Req) {',
      "  const byId = 'SELECT * FROM orders WHERE id = '.concat(req.params.id);",
      "  const byName = util.format(\"SELECT * FROM users WHERE name = '%s'\", req.query.name);",
      "  let recent = 'SELECT * FROM events WHERE day = ';",
      '  recent += req.query.day;',
      '  return db.query(byId + byName + recent);',
      '}',
    ].join('\n');
    expect(run('src/report.ts', code)).toEqual([
      [3, 'block'],
      [4, 'block'],
      [6, 'block'],
    ]);
  });

  it('stays quiet on constants, format strings without SQL values and log lines', () => {
    const code = [
      "const COLUMNS = 'id, name';",
      "const q = 'SELECT '.concat(COLUMNS, ' FROM users');",
      "const msg = util.format('%s rows', count);",
      'console.log(`INSERT INTO audit (who) VALUES (${user})`);',
      "logger.debug('DELETE FROM sessions WHERE id = ' + id);",
    ].join('\n');
    expect(run('src/misc.ts', code)).toEqual([]);
  });
});

describe('sql-injection: request data', () => {
  it('blocks request data in any position, a table name included', () => {
    const code = "export const rename = (req: Req) => db.query(`UPDATE ${req.query.table} SET name = '' WHERE id = 0`);\nexport const list = (table: string) => db.query(`SELECT * FROM ${table} WHERE id = 1`);\n";
    expect(run('src/admin.ts', code)).toEqual([[1, 'block']]);
  });
});
