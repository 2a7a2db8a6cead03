import type ts from 'typescript';
import { functionName, hasModifier, isExported, TICKET, words, type FunctionNode } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const NOT_IMPLEMENTED = /\b(?:not (?:yet )?implemented|unimplemented|implement (?:me|this)|todo)\b/i;
const NOOP_WORDS = new Set(['noop', 'nop', 'mock', 'fake', 'stub', 'dummy', 'placeholder', 'ignore', 'empty', 'default', 'identity']);
const TODO = /\b(?:TODO|FIXME|XXX)\b/;

export default defineRule({
  id: 'stub-function',
  meta: {
    category: 'stub',
    severity: 'warn',
    confidence: 'medium',
    description: 'A function that only throws "not implemented", returns a TODO placeholder, or is a new exported function with an empty body.',
    why: 'Assistants fill gaps with stubs that compile and pass review at a glance: `throw new Error("Not implemented")`, `// TODO: implement` over `return null`. Callers fail at run time, or worse, get a plausible empty value.',
    fix: 'Implement the function, or keep it out of the change; a deliberate stub needs a ticket reference in its TODO (`// TODO(ABC-123): …`).',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/payments.ts', code: "export function refund(id: string): Promise<void> {\n  throw new Error('Not implemented');\n}\n", lines: [1] },
        { file: 'src/users.ts', code: 'export async function fetchUser(id: string) {\n  // TODO: implement\n  return null;\n}\n', lines: [1] },
        { file: 'src/hooks.ts', code: 'export function onSave(doc: Doc): void {}\n', lines: [1] },
      ],
      passes: [
        { file: 'src/users.ts', code: 'export async function fetchUser(id: string) {\n  // TODO(PAY-412): cache per request\n  return null;\n}\n' },
        { file: 'src/noop.ts', code: 'export function noop(): void {}\nexport const onError = () => {};\n' },
        { file: 'src/base.ts', code: "export abstract class Store {\n  abstract get(id: string): string;\n  save(): void {\n    throw new Error('Store.save is not implemented by ' + this.constructor.name);\n  }\n}\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    if (file.isTest || file.path.endsWith('.d.ts')) return {};

    const check = (node: FunctionNode): void => {
      const body = node.body;
      if (!body || !api.isBlock(body)) return;
      const name = functionName(api, node) ?? '';
      if (words(name).some((w) => NOOP_WORDS.has(w)) || hasModifier(api, node, api.SyntaxKind.OverrideKeyword)) return;
      const at = node.name ?? node;
      const statements = body.statements;
      const inner = file.text.slice(body.getStart(file.sourceFile) + 1, body.end - 1);

      if (statements.length === 1 && api.isThrowStatement(statements[0]!)) {
        const thrown = statements[0].expression;
        const message = thrown && api.isNewExpression(thrown) ? thrown.arguments?.[0] : undefined;
        const text = message && (api.isStringLiteral(message) || api.isNoSubstitutionTemplateLiteral(message)) ? message.text : '';
        if (NOT_IMPLEMENTED.test(text) && !/\+|\$\{/.test(message?.getText(file.sourceFile) ?? '')) {
          context.report({ node: at, message: `\`${name || 'function'}\` only throws "${text}": a stub.` });
        }
        return;
      }
      const todo = TODO.exec(inner);
      if (todo && !TICKET.test(inner) && statements.length <= 1) {
        const only = statements[0];
        if (!only || (api.isReturnStatement(only) && isPlaceholderValue(api, only.expression))) {
          context.report({ node: at, message: `\`${name || 'function'}\` is a TODO placeholder${only ? ` returning \`${only.expression?.getText(file.sourceFile) ?? 'nothing'}\`` : ''}.` });
        }
        return;
      }
      if (statements.length === 0 && !/\S/.test(inner) && name && isExported(api, node) && (api.isFunctionDeclaration(node) || api.isMethodDeclaration(node))) {
        const start = file.lineOf(node.getStart(file.sourceFile));
        const end = file.lineOf(node.end);
        for (let line = start; line <= end; line++) if (!file.isAddedLine(line)) return; // only new functions
        context.report({ node: at, message: `New exported function \`${name}\` has an empty body.` });
      }
    };

    return {
      FunctionDeclaration: check,
      MethodDeclaration: (node) => {
        if (!hasModifier(api, node, api.SyntaxKind.AbstractKeyword)) check(node);
      },
      ArrowFunction: check,
      FunctionExpression: check,
    };
  },
});

function isPlaceholderValue(api: typeof ts, node: ts.Expression | undefined): boolean {
  if (!node) return true;
  if (node.kind === api.SyntaxKind.NullKeyword || node.kind === api.SyntaxKind.TrueKeyword || node.kind === api.SyntaxKind.FalseKeyword) return true;
  if (api.isIdentifier(node) && node.text === 'undefined') return true;
  if (api.isArrayLiteralExpression(node) || api.isObjectLiteralExpression(node)) return node.getChildCount() <= 2 || (api.isArrayLiteralExpression(node) ? node.elements.length === 0 : node.properties.length === 0);
  if (api.isStringLiteral(node) || api.isNumericLiteral(node)) return node.text === '' || node.text === '0';
  return false;
}

