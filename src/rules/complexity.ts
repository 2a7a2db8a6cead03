import type ts from 'typescript';
import { isFunctionNode } from './ast.js';

type TS = typeof ts;

export interface Complexity {
  cognitive: number;
  /** The part of `cognitive` that nesting adds: 0 for a flat run of conditions, however long. */
  nested: number;
  maxNesting: number;
}

/**
 * Cognitive complexity after SonarSource's definition (G. Ann Campbell, 2017): +1 per break in the
 * linear flow (if, else if, else, one per switch, loops, catch, ?:, each new sequence of like `&&`/`||`
 * operators, labelled jumps), plus the current nesting level for structures that nest. As the
 * definition says, `??` is shorthand and not counted, and parentheses do not start a new sequence; as
 * Sonar's JavaScript analyser does, a uniform `&&`/`||` guard in JSX (`{open && <Menu />}`) is
 * conditional rendering, not branching logic. Nested functions are measured on their own: counting
 * callbacks into their parent made every handler factory look complex.
 */
export function complexityOf(api: TS, fn: ts.Node): Complexity {
  const K = api.SyntaxKind;
  let cognitive = 0;
  let nested = 0;
  let maxNesting = 0;
  // An explicit stack of (node, nesting): only sums and a maximum come out, so the order is free,
  // and the depth of the tree (the change's choice) never becomes the depth of the call stack.
  const nodes: ts.Node[] = [];
  const levels: number[] = [];
  const push = (node: ts.Node | undefined, nesting: number): void => {
    if (!node) return;
    nodes.push(node);
    levels.push(nesting);
  };
  const pushChildren = (node: ts.Node, nesting: number): void => {
    api.forEachChild(node, (child) => {
      push(child, nesting);
    });
  };
  /** A structure that nests: +1, plus its nesting level. */
  const structure = (nesting: number): void => {
    cognitive += 1 + nesting;
    nested += nesting;
  };
  push((fn as { body?: ts.Node }).body, 0);
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const nesting = levels.pop()!;
    if (nesting > maxNesting) maxNesting = nesting;
    switch (node.kind) {
      case K.IfStatement: {
        const statement = node as ts.IfStatement;
        const parent = statement.parent;
        const isElseIf = parent.kind === K.IfStatement && (parent as ts.IfStatement).elseStatement === statement;
        if (isElseIf) cognitive += 1;
        else structure(nesting);
        push(statement.expression, nesting);
        push(statement.thenStatement, nesting + 1);
        const otherwise = statement.elseStatement;
        if (otherwise) {
          if (otherwise.kind === K.IfStatement) push(otherwise, nesting);
          else {
            cognitive += 1;
            push(otherwise, nesting + 1);
          }
        }
        continue;
      }
      case K.ConditionalExpression: {
        const conditional = node as ts.ConditionalExpression;
        structure(nesting);
        push(conditional.condition, nesting);
        push(conditional.whenTrue, nesting + 1);
        push(conditional.whenFalse, nesting + 1);
        continue;
      }
      case K.SwitchStatement:
        // One increment for the whole switch, however many cases: a dispatcher reads as one decision.
        structure(nesting);
        push((node as ts.SwitchStatement).expression, nesting);
        push((node as ts.SwitchStatement).caseBlock, nesting + 1);
        continue;
      case K.ForStatement:
      case K.ForInStatement:
      case K.ForOfStatement:
      case K.WhileStatement:
      case K.DoStatement: {
        structure(nesting);
        const body = (node as ts.IterationStatement).statement;
        api.forEachChild(node, (child) => {
          push(child, child === body ? nesting + 1 : nesting);
        });
        continue;
      }
      case K.CatchClause:
        structure(nesting);
        push((node as ts.CatchClause).variableDeclaration, nesting);
        push((node as ts.CatchClause).block, nesting + 1);
        continue;
      case K.BinaryExpression:
        if (isLogical(api, node) && !isLogical(api, outsideParentheses(api, node))) cognitive += sequences(api, node as ts.BinaryExpression);
        break;
      case K.BreakStatement:
      case K.ContinueStatement:
        if ((node as ts.BreakOrContinueStatement).label) cognitive += 1;
        break;
    }
    // Nested functions are measured on their own.
    if (node !== fn && isFunctionNode(api, node)) continue;
    pushChildren(node, nesting);
  }
  return { cognitive, nested, maxNesting };
}

/**
 * `&&` or `||`. `??` picks a default, which the definition leaves out as shorthand; so does `x || ''`,
 * the older spelling of the same default (Sonar's JavaScript analyser leaves it out too).
 */
function isLogical(api: TS, node: ts.Node): node is ts.BinaryExpression {
  if (!api.isBinaryExpression(node)) return false;
  const op = node.operatorToken.kind;
  if (op === api.SyntaxKind.AmpersandAmpersandToken) return true;
  return op === api.SyntaxKind.BarBarToken && !isFallbackValue(api, insideParentheses(api, node.right));
}

/** A literal that stands for "nothing there": `''`, `0`, `[]`, `{}`, `null`, `false`, `undefined`, `'none'`. */
function isFallbackValue(api: TS, node: ts.Expression): boolean {
  const K = api.SyntaxKind;
  switch (node.kind) {
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.NumericLiteral:
    case K.BigIntLiteral:
    case K.TrueKeyword:
    case K.FalseKeyword:
    case K.NullKeyword:
    case K.ArrayLiteralExpression:
    case K.ObjectLiteralExpression:
      return true;
    case K.PrefixUnaryExpression:
      return api.isNumericLiteral((node as ts.PrefixUnaryExpression).operand);
    case K.Identifier:
      return (node as ts.Identifier).text === 'undefined';
    default:
      return false;
  }
}

/** The first ancestor that is not a parenthesis around `node`. */
function outsideParentheses(api: TS, node: ts.Node): ts.Node {
  let parent = node.parent;
  while (api.isParenthesizedExpression(parent)) parent = parent.parent;
  return parent;
}

function insideParentheses(api: TS, node: ts.Expression): ts.Expression {
  let inner = node;
  while (api.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/**
 * Increments of one logical expression: +1 for each run of like operators, read left to right through
 * parentheses (`a && b && c` 1, `a && b || c` 2). A uniform guard whose value is rendered by JSX or
 * spread into an object (`...(id && { id })`) is 0: it includes a part or not, nothing branches.
 */
function sequences(api: TS, root: ts.BinaryExpression): number {
  // In-order walk with an explicit stack: a chain of thousands of `||` stays off the call stack.
  const ops: ts.SyntaxKind[] = [];
  const stack: ts.BinaryExpression[] = [];
  let next: ts.Expression | undefined = root;
  while (next !== undefined || stack.length > 0) {
    for (let at = next && insideParentheses(api, next); at !== undefined && isLogical(api, at); at = insideParentheses(api, at.left)) stack.push(at);
    const op = stack.pop()!;
    ops.push(op.operatorToken.kind);
    next = op.right;
    if (!isLogical(api, insideParentheses(api, next))) next = undefined;
  }
  const uniform = ops.every((op) => op === ops[0]);
  const holder = outsideParentheses(api, root);
  if (uniform && (api.isJsxExpression(holder) || api.isSpreadAssignment(holder) || api.isSpreadElement(holder) || api.isJsxSpreadAttribute(holder))) return 0;
  return ops.filter((op, i) => i === 0 || op !== ops[i - 1]).length;
}
