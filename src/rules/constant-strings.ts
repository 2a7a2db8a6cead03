import type ts from 'typescript';
import { isFunctionNode, walk } from './ast.js';

type TS = typeof ts;

/** How many names a value may pass through (`const a = b; const b = c; …`) before we stop following it. */
const MAX_DEPTH = 8;

/**
 * The text of an expression when it can only ever hold constants (the first of them when there are
 * several): a literal, a template or
 * concatenation of constants, or a local name every one of whose values in its scope is such a
 * constant (`const SQL = 'SELECT 1'`; `let c; c = 123;`). Undefined when any part may vary: parameters,
 * imports, globals, names reassigned from other values, destructuring. Sinks fed only constants carry no
 * data, so rules use this to stay quiet on them.
 */
export function constantString(api: TS, node: ts.Expression, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const next = (n: ts.Expression): string | undefined => constantString(api, n, depth + 1);
  if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node) || api.isNumericLiteral(node)) return node.text;
  if (node.kind === api.SyntaxKind.TrueKeyword || node.kind === api.SyntaxKind.FalseKeyword || node.kind === api.SyntaxKind.NullKeyword) return node.getText();
  if (api.isParenthesizedExpression(node) || api.isAsExpression(node) || api.isNonNullExpression(node) || api.isSatisfiesExpression(node) || api.isTypeAssertionExpression(node)) return next(node.expression);
  if (api.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const part = next(span.expression);
      if (part === undefined) return undefined;
      out += part + span.literal.text;
    }
    return out;
  }
  if (api.isBinaryExpression(node) && node.operatorToken.kind === api.SyntaxKind.PlusToken) {
    // Iterative over the left spine: a concatenation's length is the change's choice.
    const parts: ts.Expression[] = [];
    let left: ts.Expression = node;
    while (api.isBinaryExpression(left) && left.operatorToken.kind === api.SyntaxKind.PlusToken) {
      parts.push(left.right);
      left = left.left;
    }
    let out = next(left);
    for (let i = parts.length - 1; i >= 0 && out !== undefined; i--) {
      const part = next(parts[i]!);
      out = part === undefined ? undefined : out + part;
    }
    return out;
  }
  if (api.isConditionalExpression(node)) {
    const a = next(node.whenTrue);
    return a !== undefined && next(node.whenFalse) !== undefined ? a : undefined;
  }
  if (api.isIdentifier(node)) {
    if (node.text === 'undefined') return 'undefined';
    const values = valuesOf(api, node);
    if (!values || values.length === 0) return undefined;
    let first: string | undefined;
    for (const v of values) {
      const text = v === 'undefined' ? 'undefined' : next(v);
      if (text === undefined) return undefined;
      first ??= text;
    }
    return first;
  }
  return undefined;
}

/** Every value a local name can hold: its initialisers and, for `let`/`var`, each assignment in its scope. */
export function valuesOf(api: TS, id: ts.Identifier): (ts.Expression | 'undefined')[] | undefined {
  const found = declarationsOf(api, id);
  if (!found) return undefined;
  const values: (ts.Expression | 'undefined')[] = [];
  let reassignable = false;
  for (const decl of found.declarations) {
    values.push(decl.initializer ?? 'undefined');
    if ((api.getCombinedNodeFlags(decl) & (api.NodeFlags.Const | api.NodeFlags.Using)) === 0) reassignable = true;
  }
  if (!reassignable) return values;
  let unknown = false;
  walk(api, found.scope, (n) => {
    if (api.isBinaryExpression(n) && api.isIdentifier(n.left) && n.left.text === id.text) {
      const op = n.operatorToken.kind;
      if (op === api.SyntaxKind.EqualsToken || op === api.SyntaxKind.PlusEqualsToken || op === api.SyntaxKind.BarBarEqualsToken || op === api.SyntaxKind.QuestionQuestionEqualsToken) values.push(n.right);
      else if (op >= api.SyntaxKind.FirstCompoundAssignment && op <= api.SyntaxKind.LastCompoundAssignment) unknown = true;
    }
    // `for (x of list)`, `[x] = pair`, `({ x } = obj)`: assigned from data we do not follow.
    if ((api.isForOfStatement(n) || api.isForInStatement(n)) && api.isIdentifier(n.initializer) && n.initializer.text === id.text) unknown = true;
    if ((api.isArrayLiteralExpression(n) || api.isObjectLiteralExpression(n)) && api.isBinaryExpression(n.parent) && n.parent.left === n && n.getText().includes(id.text)) unknown = true;
  });
  return unknown ? undefined : values;
}

interface Declared {
  scope: ts.Node;
  declarations: ts.VariableDeclaration[];
}

/** The `var`/`let`/`const` declarations the name refers to, found scope by scope outwards; undefined for anything else. */
export function declarationsOf(api: TS, id: ts.Identifier): Declared | undefined {
  const name = id.text;
  for (let scope: ts.Node | undefined = id.parent; scope; scope = scope.parent) {
    if (isFunctionNode(api, scope) || api.isFunctionExpression(scope) || api.isArrowFunction(scope)) {
      if (scope.parameters.some((p) => binds(api, p.name, name))) return undefined;
      if ((api.isFunctionExpression(scope) || api.isFunctionDeclaration(scope)) && scope.name?.text === name) return undefined;
    }
    if (api.isCatchClause(scope) && scope.variableDeclaration && binds(api, scope.variableDeclaration.name, name)) return undefined;
    if ((api.isForStatement(scope) || api.isForOfStatement(scope) || api.isForInStatement(scope)) && scope.initializer && api.isVariableDeclarationList(scope.initializer)) {
      if (scope.initializer.declarations.some((d) => binds(api, d.name, name))) return undefined;
    }
    const statements = api.isBlock(scope) || api.isSourceFile(scope) || api.isModuleBlock(scope) || api.isCaseClause(scope) || api.isDefaultClause(scope) ? scope.statements : undefined;
    if (!statements) continue;
    const declarations: ts.VariableDeclaration[] = [];
    for (const s of statements) {
      if (api.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          if (api.isIdentifier(d.name) && d.name.text === name) declarations.push(d);
          else if (binds(api, d.name, name)) return undefined;
        }
      } else if (declaresOther(api, s, name)) return undefined;
    }
    if (declarations.length > 0) return { scope, declarations };
  }
  return undefined;
}

/** A function, class, enum or import of that name: not a string we can follow. */
function declaresOther(api: TS, s: ts.Statement, name: string): boolean {
  if ((api.isFunctionDeclaration(s) || api.isClassDeclaration(s) || api.isEnumDeclaration(s)) && s.name?.text === name) return true;
  if (!api.isImportDeclaration(s) || !s.importClause) return false;
  const clause = s.importClause;
  if (clause.name?.text === name) return true;
  const b = clause.namedBindings;
  if (b && api.isNamespaceImport(b)) return b.name.text === name;
  return b !== undefined && api.isNamedImports(b) && b.elements.some((e) => e.name.text === name);
}

/** Iterative: how deep a destructuring pattern nests is the change's choice. */
function binds(api: TS, binding: ts.BindingName, name: string): boolean {
  const stack: ts.BindingName[] = [binding];
  for (let b = stack.pop(); b !== undefined; b = stack.pop()) {
    if (api.isIdentifier(b)) {
      if (b.text === name) return true;
    } else for (const e of b.elements) if (!api.isOmittedExpression(e)) stack.push(e.name);
  }
  return false;
}
