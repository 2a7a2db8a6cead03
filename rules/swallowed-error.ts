import type ts from 'typescript';
import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const LOGGER = /^(?:console|logger|log|this\.logger|this\.log)\.(?:log|info|warn|error|debug|trace)$|^(?:console|logger)$/;

function isLogOnly(api: typeof ts, statement: ts.Statement): boolean {
  if (!api.isExpressionStatement(statement) || !api.isCallExpression(statement.expression)) return false;
  const name = dottedName(api, statement.expression.expression) ?? '';
  return LOGGER.test(name);
}

export default defineRule({
  id: 'swallowed-error',
  meta: {
    category: 'error-handling',
    severity: 'warn',
    confidence: 'medium',
    description: 'An error caught and dropped: an empty `catch`, a `catch` that only logs and carries on, or `.catch(() => {})`.',
    why: 'Swallowing errors is how assistants make a failing path "work": the failure still happens, but later, elsewhere, with no trace. AI-written changes mishandle exceptions about twice as often as human ones (CodeRabbit, 2025).',
    fix: 'Handle the error (recover, retry, return a failure the caller sees) or rethrow it; if ignoring is right, say why in a comment inside the catch.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/sync.ts', code: 'export async function sync() {\n  try {\n    await push();\n  } catch (e) {}\n}\n', lines: [4] },
        { file: 'src/sync.ts', code: "export async function sync() {\n  try {\n    await push();\n  } catch (error) {\n    console.error('push failed', error);\n  }\n}\n", lines: [4] },
        { file: 'src/sync.ts', code: 'push().catch(() => {});\n', lines: [1] },
      ],
      passes: [
        { file: 'src/sync.ts', code: "try {\n  await unlink(tmp);\n} catch {\n  // already gone: nothing to clean up\n}\n" },
        { file: 'src/sync.ts', code: "try {\n  await push();\n} catch (error) {\n  logger.error('push failed', error);\n  throw error;\n}\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    // Tests catch on purpose (and `.catch()` is also a schema method in validation libraries).
    if (file.isTest) return {};
    return {
      CatchClause(node) {
        const block = node.block;
        const inner = file.text.slice(block.getStart(file.sourceFile) + 1, block.end - 1);
        if (block.statements.length === 0) {
          if (/\/\/|\/\*/.test(inner)) return; // an explained empty catch is a decision
          return context.report({ start: node.getStart(file.sourceFile), end: block.getStart(file.sourceFile) + 1, message: 'Empty `catch` block swallows the error.' });
        }
        if (block.statements.every((s) => isLogOnly(api, s)) && !/\/\/|\/\*/.test(inner)) {
          context.report({ start: node.getStart(file.sourceFile), end: block.getStart(file.sourceFile) + 1, message: '`catch` only logs the error and carries on as if nothing failed.' });
        }
      },
      CallExpression(node) {
        if (!api.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'catch' || node.arguments.length !== 1) return;
        const handler = node.arguments[0]!;
        const empty =
          (api.isArrowFunction(handler) || api.isFunctionExpression(handler)) &&
          (api.isBlock(handler.body)
            ? handler.body.statements.length === 0 && !/\/\/|\/\*/.test(handler.body.getText(file.sourceFile))
            : handler.body.kind === api.SyntaxKind.NullKeyword || (api.isIdentifier(handler.body) && handler.body.text === 'undefined') || api.isVoidExpression(handler.body));
        const noop = api.isIdentifier(handler) && /^(?:noop|_?ignore|nothing)$/i.test(handler.text);
        if (empty || noop) context.report({ node: node.expression.name, message: `\`.catch(${handler.getText(file.sourceFile)})\` swallows the rejection.` });
      },
    };
  },
});
