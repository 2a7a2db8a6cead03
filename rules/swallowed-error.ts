import type ts from 'typescript';
import { dottedName, walk } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { awaitedElsewhere, fallbackUsed, inIgnoringHelper } from '../src/rules/handled-rejection.js';

// Comments addressed to tools, not to readers: they explain nothing.
const TOOL_DIRECTIVE = /^\s*(?:eslint-|@ts-|prettier-ignore|istanbul ignore|c8 ignore|biome-ignore|oxlint-|diffwarden-)/;
const LOGGER = /^(?:console|logger|log|this\.logger|this\.log|Logger)\.(log|info|warn|error|fatal|debug|trace)$|^(?:console|logger)$/;

/** The log call's level ('' for a bare `logger(…)`), or undefined when the statement is not a log call. */
function logLevel(api: typeof ts, statement: ts.Statement): string | undefined {
  if (!api.isExpressionStatement(statement) || !api.isCallExpression(statement.expression)) return undefined;
  const match = LOGGER.exec(dottedName(api, statement.expression.expression) ?? '');
  return match ? (match[1] ?? '') : undefined;
}

// Teardown whose failure leaves nothing to do: closing a handle, removing a temporary file, cancelling.
// `del`: the key-value stores' delete (level, keyv), which rejects when the key is already gone.
const TEARDOWN = /^(?:(?:close|unlink|rm|rmdir|remove|delete|destroy|dispose|cleanup|cleanUp|cancel|abort|kill|terminate|disconnect|release|unref|unsubscribe|play)\w*|del)$/;

/** `handle.close().catch(() => undefined)`, `fs.rm(tmp).catch(() => {})`: a teardown call whose rejection has no one to go to. */
function isTeardown(api: typeof ts, promise: ts.Expression): boolean {
  if (!api.isCallExpression(promise)) return false;
  const callee = promise.expression;
  const name = api.isPropertyAccessExpression(callee) ? callee.name.text : api.isIdentifier(callee) ? callee.text : '';
  return TEARDOWN.test(name);
}

/** The try or call expression's enclosing statement-level context, up to the function it is in. */
function ancestors(api: typeof ts, node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  for (let n = node.parent; n && !api.isSourceFile(n); n = n.parent) {
    out.push(n);
    if (api.isFunctionDeclaration(n) || api.isMethodDeclaration(n)) break;
  }
  return out;
}

/**
 * Cleanup inside a handler that rethrows, or inside `finally`: the original error still propagates, and
 * a failure of the cleanup (a rollback, a close) must not replace it.
 */
function cleanupOfPropagatingError(api: typeof ts, node: ts.Node): boolean {
  const up = ancestors(api, node);
  return up.some((n, i) => {
    if (api.isTryStatement(n) && n.finallyBlock !== undefined && up[i - 1] === n.finallyBlock) return true;
    return api.isCatchClause(n) && n.block.statements.some((st) => api.isThrowStatement(st));
  });
}

/** The loop's element name when the try is the body (or in the body) of a loop over a list; '' for other loops. */
function loopElement(api: typeof ts, tryStatement: ts.TryStatement): string | undefined {
  const body: ts.Node = api.isBlock(tryStatement.parent) ? tryStatement.parent : tryStatement;
  const owner = body.parent;
  const named = (d: ts.ParameterDeclaration | ts.VariableDeclaration | undefined): string => (d && api.isIdentifier(d.name) ? d.name.text : '');
  if (!owner) return undefined;
  if (api.isForOfStatement(owner) || api.isForInStatement(owner)) return api.isVariableDeclarationList(owner.initializer) ? named(owner.initializer.declarations[0]) : '';
  if (api.isForStatement(owner) || api.isWhileStatement(owner) || api.isDoStatement(owner)) return '';
  // `listeners.forEach((l) => { try { l() } catch … })`
  const isCallback = (api.isArrowFunction(owner) || api.isFunctionExpression(owner)) && api.isCallExpression(owner.parent);
  if (isCallback && /\.forEach$/.test(dottedName(api, owner.parent.expression) ?? '')) return named(owner.parameters[0]);
  return undefined;
}

/** True when the block calls the loop's element or a method of it: `l()`, `listener.handle(event)`. */
function callsElement(api: typeof ts, block: ts.Block, element: string): boolean {
  let found = false;
  walk(api, block, (n) => {
    if (found || !api.isCallExpression(n)) return;
    const name = dottedName(api, n.expression) ?? '';
    found = name === element || name.startsWith(`${element}.`);
  });
  return found;
}

/**
 * `try { return fast(); } catch (e) { log(e); } return slow();`: the try returns on success, so leaving the
 * catch runs the code after it, which is the fallback.
 */
function fallsBackAfter(api: typeof ts, tryStatement: ts.TryStatement): boolean {
  // The fallback may follow an enclosing `if` or block: `if (ctx) { try { return … } catch … } return plain;`.
  let next: ts.Statement | undefined;
  for (let node: ts.Node = tryStatement; !next && (api.isBlock(node.parent) || api.isIfStatement(node.parent)); node = node.parent) {
    const parent = node.parent;
    if (api.isBlock(parent)) next = parent.statements[parent.statements.indexOf(node as ts.Statement) + 1];
  }
  if (!next) return false;
  let returns = false;
  walk(api, tryStatement.tryBlock, (n) => (returns ||= api.isReturnStatement(n)), false);
  return returns;
}

/** `let value = fallback; try { value = compute(); } catch {}`: the catch keeps the fallback on purpose. */
function assignsWithFallback(api: typeof ts, block: ts.Block): boolean {
  const only = block.statements.length === 1 ? block.statements[0] : undefined;
  return only !== undefined && api.isExpressionStatement(only) && api.isBinaryExpression(only.expression) && only.expression.operatorToken.kind === api.SyntaxKind.EqualsToken;
}

export default defineRule({
  id: 'swallowed-error',
  meta: {
    category: 'error-handling',
    severity: 'warn',
    confidence: 'medium',
    description: 'An error dropped: an empty `catch`, or a `.catch(() => {})` whose result is unused; a `catch` that only logs below warn level is a note.',
    why: 'Swallowing errors is how assistants make a failing path "work": the failure still happens, but later, elsewhere, with no trace. AI-written changes mishandle exceptions about twice as often as human ones (CodeRabbit, 2025).',
    fix: 'Handle the error (recover, retry, return a failure the caller sees) or rethrow it; if ignoring is right, say why in a comment inside the catch.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/sync.ts', code: 'export async function sync() {\n  try {\n    await push();\n  } catch (e) {}\n}\n', lines: [4] },
        { file: 'src/sync.ts', code: "export async function sync() {\n  try {\n    await push();\n  } catch (error) {\n    console.debug('push failed', error);\n  }\n}\n", lines: [4] },
        { file: 'src/sync.ts', code: 'push().catch(() => {});\n', lines: [1] },
      ],
      passes: [
        { file: 'src/sync.ts', code: "try {\n  await unlink(tmp);\n} catch {\n  // already gone: nothing to clean up\n}\n" },
        { file: 'src/sync.ts', code: "try {\n  await push();\n} catch (error) {\n  logger.error('push failed', error);\n  throw error;\n}\n" },
        { file: 'src/db.ts', code: "try {\n  await tx.commit();\n} catch (error) {\n  await tx.rollback().catch(() => {});\n  throw error;\n}\n" },
        { file: 'src/events.ts', code: "for (const listener of listeners) {\n  try {\n    listener(event);\n  } catch (error) {\n    console.error('listener failed', error);\n  }\n}\n" },
        { file: 'src/beacon.ts', code: '// Best effort: the collector counts missing beacons itself.\nsendBeacon(payload).catch(() => {});\n' },
        { file: 'src/api.ts', code: 'export async function errorOf(res: Response) {\n  const body = await res.json().catch(() => null);\n  return body?.error ?? res.statusText;\n}\n' },
        { file: 'src/cards.ts', code: "export async function retire(id: string) {\n  try {\n    await release(id);\n  } catch (error) {\n    logger.error('release failed; the next sweep retries', error);\n  }\n}\n" },
        { file: 'src/stream.ts', code: 'export async function next(it: AsyncIterator<number>, timeout: Promise<never>) {\n  const chunk = it.next();\n  chunk.catch(() => undefined);\n  return await Promise.race([chunk, timeout]);\n}\n' },
        { file: 'src/promise.ts', code: 'export function markAsHandled(promise: Promise<unknown>) {\n  promise.catch(() => {});\n}\n' },
        { file: 'src/card.ts', code: 'export async function read(path: string) {\n  const handle = await open(path);\n  try {\n    return await parse(handle);\n  } finally {\n    await handle.close().catch(() => undefined);\n    await rm(`${path}.tmp`).catch(() => {});\n  }\n}\n' },
        { file: 'src/queue.ts', code: 'export async function requeue(key: string) {\n  await pending.del(key).catch(() => {});\n  await pending.put(key, Date.now());\n}\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    // Tests catch on purpose (and `.catch()` is also a schema method in validation libraries).
    if (file.isTest) return {};
    // Benchmarks, scripts and examples do not ship: a swallowed error there is worth a note, not a warning.
    const weight = file.isAuxiliary ? { severity: 'info' as const } : {};
    let commentLines: Set<number> | undefined;
    // A comment on the line above the statement, or after it on its last line, says why the error is ignored.
    const explainedBeside = (statement: ts.Node): boolean => {
      commentLines ??= new Set(file.comments().filter((c) => !TOOL_DIRECTIVE.test(c.body)).flatMap((c) => [c.endLine + 1, -c.line]));
      const first = file.lineOf(statement.getStart(file.sourceFile));
      return commentLines.has(first) || commentLines.has(-file.lineOf(statement.end));
    };
    const deliberate = (node: ts.Node, statement: ts.Node): boolean => cleanupOfPropagatingError(api, node) || explainedBeside(statement) || inIgnoringHelper(api, node);
    return {
      CatchClause(node) {
        const block = node.block;
        const tryStatement = node.parent;
        const inner = file.text.slice(block.getStart(file.sourceFile) + 1, block.end - 1);
        if (/\/\/|\/\*/.test(inner) || deliberate(tryStatement, tryStatement)) return; // an explained catch is a decision
        const at = { start: node.getStart(file.sourceFile), end: block.getStart(file.sourceFile) + 1 };
        const element = loopElement(api, tryStatement);
        if (fallsBackAfter(api, tryStatement)) return;
        if (block.statements.length === 0) {
          if (assignsWithFallback(api, tryStatement.tryBlock)) return;
          // One failing listener must not stop the others: `for (const l of listeners) try { l() } catch {}`.
          if (element && callsElement(api, tryStatement.tryBlock, element)) return;
          return context.report({ ...at, ...weight, message: 'Empty `catch` block swallows the error.' });
        }
        // Logging and moving on to the next item is how a loop isolates one failure from the rest.
        const levels = block.statements.map((s) => logLevel(api, s));
        if (element !== undefined || levels.some((l) => l === undefined)) return;
        // An error- or warn-level log is how most code bases handle a best-effort step: someone is told.
        if (levels.some((l) => l === 'error' || l === 'warn' || l === 'fatal')) return;
        context.report({ ...at, severity: 'info', message: '`catch` only logs the error below warn level and carries on as if nothing failed.' });
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
        if (!empty && !noop) return;
        let statement: ts.Node = node;
        while (statement.parent && !api.isBlock(statement.parent) && !api.isSourceFile(statement.parent)) statement = statement.parent;
        if (deliberate(node, statement) || fallbackUsed(api, node) || awaitedElsewhere(api, node) || isTeardown(api, node.expression.expression)) return;
        context.report({ node: node.expression.name, ...weight, message: `\`.catch(${handler.getText(file.sourceFile)})\` swallows the rejection.` });
      },
    };
  },
});
