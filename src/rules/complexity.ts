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
  const logical = (op: ts.SyntaxKind) => op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken;

  const visit = (node: ts.Node, nesting: number): void => {
    maxNesting = Math.max(maxNesting, nesting);
    if (api.isIfStatement(node)) {
      const isElseIf = api.isIfStatement(node.parent) && node.parent.elseStatement === node;
      cognitive += isElseIf ? 1 : 1 + nesting;
      visit(node.expression, nesting);
      visit(node.thenStatement, nesting + 1);
      if (node.elseStatement) {
        if (api.isIfStatement(node.elseStatement)) visit(node.elseStatement, nesting);
        else {
          cognitive += 1;
          visit(node.elseStatement, nesting + 1);
        }
      }
      return;
    }
    if (api.isConditionalExpression(node) || api.isSwitchStatement(node) || api.isForStatement(node) || api.isForInStatement(node) || api.isForOfStatement(node) || api.isWhileStatement(node) || api.isDoStatement(node) || api.isCatchClause(node)) {
      cognitive += 1 + nesting;
      api.forEachChild(node, (child) => visit(child, nesting + 1));
      return;
    }
    if (api.isBinaryExpression(node) && logical(node.operatorToken.kind)) {
      const parent = node.parent;
      const continues = api.isBinaryExpression(parent) && parent.operatorToken.kind === node.operatorToken.kind;
      if (!continues) cognitive += 1;
    }
    if ((api.isBreakStatement(node) || api.isContinueStatement(node)) && node.label) cognitive += 1;
    if (node !== fn && isFunctionNode(api, node)) return;
    api.forEachChild(node, (child) => visit(child, nesting));
  };
  const body = (fn as { body?: ts.Node }).body;
  if (body) visit(body, 0);
  return { cognitive, maxNesting };
}
