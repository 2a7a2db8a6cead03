import type ts from 'typescript';
import { isFunctionNode } from './ast.js';

type TS = typeof ts;

export interface Complexity {
  cognitive: number;
  maxNesting: number;
}

/**
 * Cognitive complexity after SonarSource's definition (G. Ann Campbell, 2017): +1 per break in the
 * linear flow (if, else if, else, switch, loops, catch, ?:, sequences of mixed && || ??, labelled
 * jumps), plus the current nesting level for structures that nest. Nested functions are measured
 * on their own: counting callbacks into their parent made every handler factory look complex.
 */
export function complexityOf(api: TS, fn: ts.Node): Complexity {
  const K = api.SyntaxKind;
  let cognitive = 0;
  let maxNesting = 0;
  // An explicit stack of (node, nesting): only sums and a maximum come out, so the order is free,
  // and the depth of the tree (the change's choice) never becomes the depth of the call stack.
  const nodes: ts.Node[] = [];
  const levels: number[] = [];
  const push = (node: ts.Node, nesting: number): void => {
    nodes.push(node);
    levels.push(nesting);
  };
  const pushChildren = (node: ts.Node, nesting: number): void => {
    api.forEachChild(node, (child) => {
      push(child, nesting);
    });
  };
  const body = (fn as { body?: ts.Node }).body;
  if (body) push(body, 0);
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const nesting = levels.pop()!;
    if (nesting > maxNesting) maxNesting = nesting;
    switch (node.kind) {
      case K.IfStatement: {
        const statement = node as ts.IfStatement;
        const parent = statement.parent;
        const isElseIf = parent.kind === K.IfStatement && (parent as ts.IfStatement).elseStatement === statement;
        cognitive += isElseIf ? 1 : 1 + nesting;
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
      case K.ConditionalExpression:
      case K.SwitchStatement:
      case K.ForStatement:
      case K.ForInStatement:
      case K.ForOfStatement:
      case K.WhileStatement:
      case K.DoStatement:
      case K.CatchClause:
        cognitive += 1 + nesting;
        pushChildren(node, nesting + 1);
        continue;
      case K.BinaryExpression: {
        const op = (node as ts.BinaryExpression).operatorToken.kind;
        if (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken) {
          const parent = node.parent;
          const continues = parent.kind === K.BinaryExpression && (parent as ts.BinaryExpression).operatorToken.kind === op;
          if (!continues) cognitive += 1;
        }
        break;
      }
      case K.BreakStatement:
      case K.ContinueStatement:
        if ((node as ts.BreakOrContinueStatement).label) cognitive += 1;
        break;
    }
    // Nested functions are measured on their own.
    if (node !== fn && isFunctionNode(api, node)) continue;
    pushChildren(node, nesting);
  }
  return { cognitive, maxNesting };
}
