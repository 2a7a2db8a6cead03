import type ts from 'typescript';
import { dottedName } from '../src/rules/ast.js';
import { constantString, declarationsOf } from '../src/rules/constant-strings.js';
import { constantTracer } from '../src/rules/constant-text.js';
import { defineRule } from '../src/rules/define-rule.js';

const DML = /^\s*(?:select|insert|update|delete|with|merge|replace|upsert)\b/i;
// The text right before a substitution puts it in a value position.
const VALUE_POSITION = /(?:=|<>|!=|<|>|\blike|\bin\s*\(|\bvalues\s*\(|,|\bset\s+\w+\s*=|\bwhere|\band|\bor|\blimit|\boffset|\bbetween)\s*['"%(]*$/i;
// Names that say the value is SQL text the code composed, not a value: `${clauses.join(' AND ')}`, `${whereSql}`.
const FRAGMENT_NAME = /(?:placeholder|clause|condition|predicate|fragment|sql|where|filter|column|field|order|sort|alias|table|schema|cte)s?$/i;
// A module constant by convention (`AUTHORIZED_SOURCES_CTE`): composed once, not read from a request.
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

// What an HTTP request carries: `req.query.table`, `request.body.name`, `ctx.request.query.sort`.
const REQUEST_DATA = /^(?:req|request|ctx\.request)\.(?:query|body|params|headers)(?:\.|$)/;

type Part = { text: string; value: boolean; expr?: ts.Expression };

/** A string only written to a log (`console.log(\`INSERT … ${x}\`)`): never run as SQL. */
function loggedOnly(api: typeof ts, node: ts.Node): boolean {
  let n = node;
  while (api.isParenthesizedExpression(n.parent)) n = n.parent;
  const call = n.parent;
  return api.isCallExpression(call) && call.arguments.includes(n as ts.Expression) && /^(?:console|logger|log|this\.logger|this\.log)\.\w+$/.test(dottedName(api, call.expression) ?? '');
}

/** The text a name starts from: the constant its (single) declaration gives it (`let q = 'SELECT …'; q += id`). */
function startText(api: typeof ts, node: ts.Expression): string | undefined {
  const direct = constantString(api, node);
  if (direct !== undefined || !api.isIdentifier(node)) return direct;
  const decls = declarationsOf(api, node)?.declarations;
  const init = decls?.length === 1 ? decls[0]!.initializer : undefined;
  return init ? constantString(api, init) : undefined;
}

/**
 * The parts of SQL assembled by a call or a compound assignment: `'SELECT … id ='.concat(id)`,
 * `util.format("… id = '%s'", id)`, `q += id`. Undefined for anything else.
 */
function assembled(api: typeof ts, node: ts.CallExpression | ts.BinaryExpression): Part[] | undefined {
  const piece = (e: ts.Expression): Part => {
    const text = constantString(api, e);
    return text === undefined ? { text: '', value: true, expr: e } : { text, value: false };
  };
  if (api.isBinaryExpression(node)) {
    const head = node.operatorToken.kind === api.SyntaxKind.PlusEqualsToken ? startText(api, node.left) : undefined;
    return head === undefined ? undefined : [{ text: head, value: false }, piece(node.right)];
  }
  const callee = node.expression;
  if (api.isPropertyAccessExpression(callee) && callee.name.text === 'concat') {
    const head = startText(api, callee.expression);
    return head === undefined ? undefined : [{ text: head, value: false }, ...node.arguments.map(piece)];
  }
  const [format, ...args] = node.arguments;
  const text = dottedName(api, callee) === 'util.format' && format ? constantString(api, format) : undefined;
  if (text === undefined) return undefined;
  const parts: Part[] = [];
  text.split(/%[sdifjoOc]/).forEach((chunk, i) => {
    if (i > 0) parts.push(args[i - 1] ? piece(args[i - 1]!) : { text: '', value: false });
    parts.push({ text: chunk, value: false });
  });
  return parts;
}

export default defineRule({
  id: 'sql-injection',
  meta: {
    category: 'insecure-api',
    severity: 'block',
    confidence: 'medium',
    description: 'An SQL statement built by interpolating or concatenating values, instead of binding parameters.',
    why: 'A value spliced into SQL text can end the string and append its own SQL (CWE-89). Assistants write `WHERE id = ${id}` readily; the fix is as short.',
    fix: 'Bind the value: `db.query("SELECT * FROM users WHERE id = $1", [id])`, or use a tagged template that parameterises (sql`…`).',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/users.ts', code: 'export const find = (id: string) => db.query(`SELECT * FROM users WHERE id = ${id}`);\n', lines: [1] },
        { file: 'src/users.ts', code: "const q = \"DELETE FROM sessions WHERE user = '\" + user + \"'\";\n", lines: [1] },
        { file: 'src/events.ts', code: 'export const list = (db: Db, clauses: string[]) =>\n  db.prepare(`SELECT seq FROM events WHERE ${clauses.join(" AND ")} LIMIT ?`);\n', lines: [2] },
      ],
      passes: [
        { file: 'src/users.ts', code: "export const find = (id: string) => db.query('SELECT * FROM users WHERE id = $1', [id]);\nconst rows = await sql`SELECT * FROM users WHERE id = ${id}`;\n" },
        { file: 'src/report.ts', code: 'const q = `SELECT ${columns.join(", ")} FROM ${table}`;\nconst msg = `Select ${count} items where you like`;\n' },
        {
          file: 'src/store/entries.ts',
          code: "export function byNames(db: Db, names: string[]) {\n  const placeholders = names.map(() => '?').join(', ');\n  return db.prepare(`SELECT * FROM entries WHERE kind = 'event' AND name IN (${placeholders})`).all(...names);\n}\n",
        },
        {
          file: 'src/store/log.ts',
          code: "export function after(db: Db, seq: number, room?: string) {\n  const where = ['seq > ?'];\n  if (room) where.push('room = ?');\n  return db.prepare(`SELECT body FROM log WHERE ${where.join(' AND ')}`).all(seq, ...(room ? [room] : []));\n}\n",
        },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    let constant: ((expr: ts.Expression) => boolean) | undefined;
    /** 'skip': text built from constants; 'fragment': SQL the code composed (heuristic, so warn); 'value'. */
    const kindOf = (expr: ts.Expression | undefined, after: string): 'skip' | 'fragment' | 'value' => {
      if (!expr) return 'value';
      // Placeholder lists, constant clause lists, aliases every caller passes as literals.
      if (file.sourceFile && (constant ??= constantTracer(api, file.sourceFile))(expr)) return 'skip';
      // `${alias}.session_id`: an SQL name (a table alias), not a value.
      if (/^\.[A-Za-z_]/.test(after)) return 'fragment';
      if (api.isCallExpression(expr) && api.isPropertyAccessExpression(expr.expression) && expr.expression.name.text === 'join') return 'fragment';
      const target = api.isCallExpression(expr) ? expr.expression : expr;
      const name = api.isIdentifier(target) ? target.text : api.isPropertyAccessExpression(target) ? target.name.text : '';
      return FRAGMENT_NAME.test(name) || CONSTANT_NAME.test(name) ? 'fragment' : 'value';
    };
    const flag = (node: ts.Node, parts: Part[]): void => {
      const head = parts.filter((p) => !p.value).map((p) => p.text).join(' ');
      if (!DML.test(parts[0]?.text ?? '') || !/\b(?:from|into|set|where|values)\b/i.test(head)) return;
      let before = '';
      let fragment: Part | undefined;
      for (const [i, part] of parts.entries()) {
        // Request data is injection in any position, a table or column name included.
        const requested = part.value && part.expr !== undefined && REQUEST_DATA.test(dottedName(api, part.expr) ?? '');
        if (part.value && (requested || VALUE_POSITION.test(before))) {
          const kind = requested ? 'value' : kindOf(part.expr, parts[i + 1]?.value === false ? parts[i + 1]!.text : '');
          if (kind === 'value') return context.report({ node, message: 'SQL built by interpolating a value; bind it as a parameter instead.' });
          if (kind === 'fragment') fragment ??= part;
        }
        before += part.value ? ' x ' : part.text;
      }
      if (fragment)
        context.report({
          node,
          severity: 'warn',
          message: 'SQL built by interpolating composed SQL text (a heuristic: make sure every piece is a constant and every value is bound as a parameter).',
        });
    };
    return {
      TemplateExpression(node) {
        if (api.isTaggedTemplateExpression(node.parent) || loggedOnly(api, node)) return;
        const parts: Part[] = [{ text: node.head.text, value: false }];
        for (const span of node.templateSpans) parts.push({ text: '', value: true, expr: span.expression }, { text: span.literal.text, value: false });
        flag(node, parts);
      },
      CallExpression(node) {
        const parts = assembled(api, node);
        if (parts?.some((p) => p.value)) flag(node, parts);
      },
      BinaryExpression(node) {
        const compound = assembled(api, node);
        if (compound?.some((p) => p.value)) return flag(node, compound);
        if (loggedOnly(api, node)) return;
        if (node.operatorToken.kind !== api.SyntaxKind.PlusToken || (api.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === api.SyntaxKind.PlusToken)) return;
        const parts: Part[] = [];
        // Left to right with an explicit stack: the length of a concatenation is the change's choice.
        const stack: ts.Expression[] = [node];
        for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
          if (api.isBinaryExpression(n) && n.operatorToken.kind === api.SyntaxKind.PlusToken) stack.push(n.right, n.left);
          else if (api.isStringLiteral(n) || api.isNoSubstitutionTemplateLiteral(n)) parts.push({ text: n.text, value: false });
          else parts.push({ text: '', value: true, expr: n });
        }
        if (parts.some((p) => p.value) && file.text) flag(node, parts);
      },
    };
  },
});
