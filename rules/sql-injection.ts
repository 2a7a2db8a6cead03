import type ts from 'typescript';
import { defineRule } from '../src/rules/define-rule.js';

const DML = /^\s*(?:select|insert|update|delete|with|merge|replace|upsert)\b/i;
// The text right before a substitution puts it in a value position.
const VALUE_POSITION = /(?:=|<>|!=|<|>|\blike|\bin\s*\(|\bvalues\s*\(|,|\bset\s+\w+\s*=|\bwhere|\band|\bor|\blimit|\boffset|\bbetween)\s*['"%(]*$/i;

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
      ],
      passes: [
        { file: 'src/users.ts', code: "export const find = (id: string) => db.query('SELECT * FROM users WHERE id = $1', [id]);\nconst rows = await sql`SELECT * FROM users WHERE id = ${id}`;\n" },
        { file: 'src/report.ts', code: 'const q = `SELECT ${columns.join(", ")} FROM ${table}`;\nconst msg = `Select ${count} items where you like`;\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    const flag = (node: ts.Node, parts: { text: string; value: boolean }[]): void => {
      const head = parts.filter((p) => !p.value).map((p) => p.text).join(' ');
      if (!DML.test(parts[0]?.text ?? '') || !/\b(?:from|into|set|where|values)\b/i.test(head)) return;
      let before = '';
      for (const part of parts) {
        if (part.value && VALUE_POSITION.test(before)) return context.report({ node, message: 'SQL built by interpolating a value; bind it as a parameter instead.' });
        before += part.value ? ' x ' : part.text;
      }
    };
    return {
      TemplateExpression(node) {
        if (api.isTaggedTemplateExpression(node.parent)) return;
        const parts = [{ text: node.head.text, value: false }];
        for (const span of node.templateSpans) parts.push({ text: '', value: true }, { text: span.literal.text, value: false });
        flag(node, parts);
      },
      BinaryExpression(node) {
        if (node.operatorToken.kind !== api.SyntaxKind.PlusToken || (api.isBinaryExpression(node.parent) && node.parent.operatorToken.kind === api.SyntaxKind.PlusToken)) return;
        const parts: { text: string; value: boolean }[] = [];
        // Left to right with an explicit stack: the length of a concatenation is the change's choice.
        const stack: ts.Expression[] = [node];
        for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
          if (api.isBinaryExpression(n) && n.operatorToken.kind === api.SyntaxKind.PlusToken) stack.push(n.right, n.left);
          else if (api.isStringLiteral(n) || api.isNoSubstitutionTemplateLiteral(n)) parts.push({ text: n.text, value: false });
          else parts.push({ text: '', value: true });
        }
        if (parts.some((p) => p.value) && file.text) flag(node, parts);
      },
    };
  },
});
