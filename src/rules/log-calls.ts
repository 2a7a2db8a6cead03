import type ts from 'typescript';
import { dottedName } from './ast.js';

// `console.error`, `logger.warn`, `this.log.debug`, `core.warning` (GitHub Actions), `log.info`, `Sentry.captureException`.
const LEVEL = /^(?:log|info|warn|warning|error|debug|trace|fatal|verbose|notice|critical|captureException|captureMessage)$/;
const RECEIVER = /(?:^|\.)(?:console|logger|log|core|Logger|logging|Sentry|outputChannel|output)$/i;
// `logError(e)`, `reportError(e)`, `logWarning(...)`: helpers named for what they do.
const HELPER = /^(?:log|report)(?:Error|Warning|Warn|Exception|Failure|Debug|Info)?$/;

/** The level of a log call (`error` for `logger.error(…)`), or undefined when the call is no log call. */
export function logCallLevel(api: typeof ts, call: ts.CallExpression): string | undefined {
  const name = dottedName(api, call.expression);
  if (!name) return undefined;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return HELPER.test(name) ? 'error' : undefined;
  const level = name.slice(dot + 1);
  return LEVEL.test(level) && RECEIVER.test(name.slice(0, dot)) ? level : undefined;
}

/** True for a statement that is only a log call (`console.error(…);`, `void logger.warn(…)`, `await log(…)`). */
export function isLogStatement(api: typeof ts, statement: ts.Statement): boolean {
  if (!api.isExpressionStatement(statement)) return false;
  let expr: ts.Expression = statement.expression;
  while (api.isVoidExpression(expr) || api.isAwaitExpression(expr)) expr = expr.expression;
  return api.isCallExpression(expr) && logCallLevel(api, expr) !== undefined;
}
