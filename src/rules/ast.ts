import type ts from 'typescript';

type TS = typeof ts;

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

function buildDottedName(api: TS, node: ts.Node): string | undefined {
  if (api.isIdentifier(node)) return node.text;
  if (node.kind === api.SyntaxKind.ThisKeyword) return 'this';
  if (api.isPropertyAccessExpression(node)) {
    const left = buildDottedName(api, node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  if (api.isCallExpression(node)) {
    const left = buildDottedName(api, node.expression);
    return left === undefined ? undefined : `${left}()`;
  }
  if (api.isNonNullExpression(node) || api.isParenthesizedExpression(node)) return buildDottedName(api, node.expression);
  return undefined;
}

/** The text of a string literal or a template without substitutions. */
export function staticString(api: TS, node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/** True for values built at run time from other values: template substitutions, concatenation, identifiers, calls. */
export function isDynamic(api: TS, node: ts.Expression): boolean {
  if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node) || api.isNumericLiteral(node)) return false;
  if (api.isParenthesizedExpression(node)) return isDynamic(api, node.expression);
  if (api.isBinaryExpression(node) && node.operatorToken.kind === api.SyntaxKind.PlusToken) return isDynamic(api, node.left) || isDynamic(api, node.right);
  return true;
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

const TEST_FUNCTIONS = new Set(['it', 'test', 'specify', 'fit', 'xit', 'xtest', 'bench']);
const SUITE_FUNCTIONS = new Set(['describe', 'suite', 'context', 'fdescribe', 'xdescribe']);
const NOT_TESTS = new Set(['beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'use', 'step', 'extend', 'setTimeout', 'slow', 'info', 'expect', 'configure']);

/** The identifier a callee chain starts from: `it` for `it.skip.each(t)`; undefined for `this.x()` and the like. */
function chainRoot(api: TS, node: ts.Node): string | undefined {
  for (;;) {
    if (api.isIdentifier(node)) return node.text;
    if (api.isPropertyAccessExpression(node) || api.isCallExpression(node) || api.isNonNullExpression(node) || api.isParenthesizedExpression(node)) node = node.expression;
    else if (api.isTaggedTemplateExpression(node)) node = node.tag;
    else return undefined;
  }
}

export interface TestCallParts {
  base: string;
  modifiers: readonly string[];
  kind: 'test' | 'suite';
}

let lastCall: ts.CallExpression | undefined;
let lastParts: TestCallParts | undefined;

/** For `it(...)`, `test.only(...)`, `describe.skip.each(...)()`: the base name and its modifiers. */
export function testCallParts(api: TS, call: ts.CallExpression): TestCallParts | undefined {
  if (call !== lastCall) {
    // Most calls are not tests: the chain's first identifier settles that without building names.
    const root = chainRoot(api, call.expression);
    lastParts = root !== undefined && (TEST_FUNCTIONS.has(root) || SUITE_FUNCTIONS.has(root)) ? buildTestCallParts(api, call) : undefined;
    lastCall = call;
  }
  return lastParts;
}

function buildTestCallParts(api: TS, call: ts.CallExpression): TestCallParts | undefined {
  let callee: ts.Expression = call.expression;
  // `it.each(table)('title', fn)`: look through the inner call.
  if (api.isCallExpression(callee)) callee = callee.expression;
  if (api.isTaggedTemplateExpression(callee)) callee = callee.tag;
  const name = dottedName(api, callee);
  if (!name) return undefined;
  const [base, ...modifiers] = name.replace(/\(\)/g, '').split('.');
  if (base === undefined) return undefined;
  // Playwright hangs its suite and hooks off `test`: `test.describe(...)` groups, `test.beforeEach(...)` is no test.
  if (base === 'test' && modifiers[0] === 'describe') return { base, modifiers, kind: 'suite' };
  if (modifiers[0] !== undefined && NOT_TESTS.has(modifiers[0])) return undefined;
  if (TEST_FUNCTIONS.has(base)) return { base, modifiers, kind: 'test' };
  if (SUITE_FUNCTIONS.has(base)) return { base, modifiers, kind: 'suite' };
  return undefined;
}

/** The callback of a test call (`it('x', () => {…})`), if it is written inline. */
export function testCallback(api: TS, call: ts.CallExpression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  for (const arg of call.arguments) if (api.isArrowFunction(arg) || api.isFunctionExpression(arg)) return arg;
  return undefined;
}

/** Calls every node under `node` (depth first), stopping at nested functions when `intoFunctions` is false. */
export function walk(api: TS, node: ts.Node, visit: (n: ts.Node) => void, intoFunctions = true): void {
  api.forEachChild(node, function each(child): void {
    visit(child);
    if (!intoFunctions && isFunctionNode(api, child)) return;
    api.forEachChild(child, each);
  });
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
