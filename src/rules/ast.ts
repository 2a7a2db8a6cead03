import type ts from 'typescript';

type TS = typeof ts;

/** Longer chains are no name any rule looks for; the cap keeps a 4,000-link chain linear. */
const MAX_LINKS = 32;

// Several rules ask for the same callee's name in a row (every rule with a CallExpression visitor):
// a one-entry memo keyed by the node answers all but the first.
let lastNode: ts.Node | undefined;
let lastName: string | undefined;

/** `a.b.c` for an identifier or property-access chain (calls and `this` included), else undefined. */
export function dottedName(api: TS, node: ts.Node): string | undefined {
  if (node !== lastNode) {
    lastName = buildDottedName(api, node);
    lastNode = node;
  }
  return lastName;
}

/** Iterative: the chain's length is the change's choice. */
function buildDottedName(api: TS, start: ts.Node): string | undefined {
  const suffixes: string[] = [];
  let node = start;
  for (;;) {
    if (suffixes.length > MAX_LINKS) return undefined;
    if (api.isPropertyAccessExpression(node)) suffixes.push(`.${node.name.text}`);
    else if (api.isCallExpression(node)) suffixes.push('()');
    else if (!api.isNonNullExpression(node) && !api.isParenthesizedExpression(node)) break;
    node = (node as ts.PropertyAccessExpression | ts.CallExpression | ts.NonNullExpression | ts.ParenthesizedExpression).expression;
  }
  const head = api.isIdentifier(node) ? node.text : node.kind === api.SyntaxKind.ThisKeyword ? 'this' : undefined;
  if (head === undefined) return undefined;
  let out = head;
  for (let i = suffixes.length - 1; i >= 0; i--) out += suffixes[i];
  return out;
}

/** The text of a string literal or a template without substitutions. */
export function staticString(api: TS, node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/** True for values built at run time from other values: template substitutions, concatenation, identifiers, calls. */
export function isDynamic(api: TS, start: ts.Expression): boolean {
  const stack: ts.Expression[] = [start];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node) || api.isNumericLiteral(node)) continue;
    if (api.isParenthesizedExpression(node)) stack.push(node.expression);
    else if (api.isBinaryExpression(node) && node.operatorToken.kind === api.SyntaxKind.PlusToken) stack.push(node.right, node.left);
    else return true;
  }
  return false;
}

export type FunctionNode = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration | ts.ConstructorDeclaration;

/** One kind switch (no chain of predicate calls): complexity asks this of every node of every function. */
export function isFunctionNode(api: TS, node: ts.Node): node is FunctionNode {
  const K = api.SyntaxKind;
  switch (node.kind) {
    case K.FunctionDeclaration:
    case K.FunctionExpression:
    case K.ArrowFunction:
    case K.MethodDeclaration:
    case K.GetAccessor:
    case K.SetAccessor:
    case K.Constructor:
      return true;
    default:
      return false;
  }
}

/** A function's name: its own, or the variable / property it is assigned to. */
export function functionName(api: TS, node: FunctionNode): string | undefined {
  if (api.isConstructorDeclaration(node)) return 'constructor';
  if (node.name && (api.isIdentifier(node.name) || api.isStringLiteral(node.name) || api.isPrivateIdentifier(node.name))) return node.name.text;
  const parent = node.parent;
  if (parent && api.isVariableDeclaration(parent) && api.isIdentifier(parent.name)) return parent.name.text;
  if (parent && api.isPropertyAssignment(parent) && (api.isIdentifier(parent.name) || api.isStringLiteral(parent.name))) return parent.name.text;
  if (parent && api.isPropertyDeclaration(parent) && api.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

export function hasModifier(api: TS, node: ts.Node, kind: ts.SyntaxKind): boolean {
  return api.canHaveModifiers(node) && (api.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** Exported at module level: `export function`, `export const x = () => …`, or a method of an exported class. */
export function isExported(api: TS, node: FunctionNode): boolean {
  if (hasModifier(api, node, api.SyntaxKind.ExportKeyword)) return true;
  const decl = node.parent;
  if (decl && api.isVariableDeclaration(decl)) {
    const statement = decl.parent?.parent;
    return statement !== undefined && api.isVariableStatement(statement) && hasModifier(api, statement, api.SyntaxKind.ExportKeyword);
  }
  if (api.isMethodDeclaration(node) && api.isClassDeclaration(node.parent)) return hasModifier(api, node.parent, api.SyntaxKind.ExportKeyword);
  return false;
}

/** The direct children of a node, in document order. */
export function childrenOf(api: TS, node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  api.forEachChild(node, (child) => {
    out.push(child);
  });
  return out;
}

/**
 * Calls every node under `node` (depth first, document order), stopping at nested functions when
 * `intoFunctions` is false. An explicit stack, never recursion: a change decides how deep its tree is.
 */
export function walk(api: TS, node: ts.Node, visit: (n: ts.Node) => void, intoFunctions = true): void {
  const stack = childrenOf(api, node).reverse();
  for (let child = stack.pop(); child !== undefined; child = stack.pop()) {
    visit(child);
    if (!intoFunctions && isFunctionNode(api, child)) continue;
    const children = childrenOf(api, child);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** The words of an identifier: `getUserById` -> ['get', 'user', 'by', 'id']. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** A ticket or issue reference in a comment: `#123`, `ABC-123`, a URL. */
export const TICKET = /(?:#\d+|\b[A-Z][A-Z0-9]+-\d+\b|https?:\/\/)/;
