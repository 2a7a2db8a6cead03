import type ts from 'typescript';
import { dottedName, functionName, isFunctionNode, walk, type FunctionNode } from './ast.js';

type TS = typeof ts;

// A helper named for what it does with the error: `markPromiseAsHandled`, `ignoreRejection`, `bestEffort`, `backstopPromise`.
const INTENT_NAME = /handled|ignore|silence|best_?effort|swallow|suppress|backstop/i;
const COMBINATOR = /^Promise\.(?:race|all|allSettled|any)$/;

function enclosingFunction(api: TS, node: ts.Node): FunctionNode | undefined {
  for (let n = node.parent; n && !api.isSourceFile(n); n = n.parent) if (isFunctionNode(api, n)) return n;
  return undefined;
}

/** True when the nearest enclosing function's name says dropping the error is its job. */
export function inIgnoringHelper(api: TS, node: ts.Node): boolean {
  const fn = enclosingFunction(api, node);
  const name = fn ? functionName(api, fn) : undefined;
  return name !== undefined && INTENT_NAME.test(name);
}

/**
 * `const body = await res.json().catch(() => null)`: the fallback value flows on (assigned, returned, passed),
 * so nothing is dropped here. A bare statement, `void`, a chained call or an arrow's concise body drops it.
 */
export function fallbackUsed(api: TS, call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  const see = (p: ts.Node): boolean => api.isAwaitExpression(p) || api.isParenthesizedExpression(p) || api.isAsExpression(p) || api.isNonNullExpression(p) || api.isSatisfiesExpression(p);
  while (n.parent && see(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  return !(api.isExpressionStatement(p) || api.isVoidExpression(p) || api.isPropertyAccessExpression(p) || api.isArrowFunction(p));
}

/** A reference whose value is awaited, returned, chained with `.then` or passed to `Promise.race`/`all`. */
function consumed(api: TS, ref: ts.Node): boolean {
  let n = ref;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (api.isAwaitExpression(p) || api.isReturnStatement(p) || api.isYieldExpression(p)) return true;
    if (api.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) return COMBINATOR.test(dottedName(api, p.expression) ?? '');
    if (api.isPropertyAccessExpression(p) && p.expression === n) return p.name.text === 'then' || p.name.text === 'finally';
    if (!api.isParenthesizedExpression(p) && !api.isArrayLiteralExpression(p)) return false;
  }
  return false;
}

/**
 * `next.catch(() => undefined); … await Promise.race([next, timeout])`: the `.catch` only marks the promise
 * handled while it waits; the same function still sees its rejection where it awaits or races it.
 */
export function awaitedElsewhere(api: TS, call: ts.CallExpression): boolean {
  const receiver = (call.expression as ts.PropertyAccessExpression).expression;
  const name = dottedName(api, receiver);
  const body = enclosingFunction(api, call)?.body;
  if (!name || name.includes('(') || !body) return false;
  let found = false;
  walk(api, body, (n) => {
    if (found || n === receiver || !(api.isIdentifier(n) || api.isPropertyAccessExpression(n))) return;
    if (api.isPropertyAccessExpression(n.parent) && n.parent.name === n) return;
    found = dottedName(api, n) === name && consumed(api, n);
  });
  return found;
}
