import type ts from 'typescript';
import { staticString, walk } from './ast.js';

type TS = typeof ts;

/** Longer chains are no test call; the cap keeps a 4,000-link chain linear. */
const MAX_LINKS = 32;
const TEST_FUNCTIONS = new Set(['it', 'test', 'specify', 'fit', 'xit', 'xtest', 'bench']);
const SUITE_FUNCTIONS = new Set(['describe', 'suite', 'context', 'fdescribe', 'xdescribe']);
const NOT_TESTS = new Set(['beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'use', 'step', 'extend', 'setTimeout', 'slow', 'info', 'expect', 'configure', 'scoped']);
/** Modules whose exports are the runner's own `describe`/`it`/`test`. */
export const RUNNERS = /^(?:@jest\/globals|vitest|jasmine|mocha|bun:test|@playwright\/test|node:test)$/;

/**
 * The names of a callee chain, root first: `['it', 'concurrent', 'only', 'each']` for
 * `it.concurrent.only.each\`table\``, `['describe', 'skip']` for `describe["skip"]`. Calls and tags in
 * the chain are looked through (`it.each(t)`); undefined for a computed key or a root that is no name.
 */
function chainNames(api: TS, start: ts.Expression): string[] | undefined {
  const names: string[] = [];
  let node: ts.Node = start;
  for (let links = 0; links <= MAX_LINKS; links++) {
    if (api.isIdentifier(node)) return [node.text, ...names.reverse()];
    if (api.isPropertyAccessExpression(node)) names.push(node.name.text);
    else if (api.isElementAccessExpression(node)) {
      const key = staticString(api, node.argumentExpression);
      if (key === undefined) return undefined;
      names.push(key);
    } else if (!api.isCallExpression(node) && !api.isTaggedTemplateExpression(node) && !api.isNonNullExpression(node) && !api.isParenthesizedExpression(node)) return undefined;
    node = api.isTaggedTemplateExpression(node) ? node.tag : (node as ts.PropertyAccessExpression).expression;
  }
  return undefined;
}

const aliasCache = new WeakMap<ts.SourceFile, Map<string, string>>();
const fileOfNode = new WeakMap<ts.Node, ts.SourceFile>();

/** `node.getSourceFile()` with the path remembered: asked at every call, the plain walk is quadratic in the nesting. */
function sourceFileOf(api: TS, start: ts.Node): ts.SourceFile | undefined {
  const path: ts.Node[] = [];
  let node: ts.Node = start;
  let sf = fileOfNode.get(node);
  while (!sf) {
    if (api.isSourceFile(node)) sf = node;
    else if (!node.parent) return undefined;
    else {
      path.push(node);
      node = node.parent;
      sf = fileOfNode.get(node);
    }
  }
  for (const n of path) fileOfNode.set(n, sf);
  return sf;
}

/**
 * Runner functions the file imports under another name: `import { test as checkThat } from 'vitest'`
 * maps `checkThat` to `test`, `const { it: spec } = require('@jest/globals')` maps `spec` to `it`.
 */
export function runnerAliases(api: TS, sf: ts.SourceFile): Map<string, string> {
  let aliases = aliasCache.get(sf);
  if (aliases) return aliases;
  aliases = new Map();
  for (const st of sf.statements) {
    if (api.isImportDeclaration(st) && api.isStringLiteral(st.moduleSpecifier) && RUNNERS.test(st.moduleSpecifier.text)) {
      const named = st.importClause?.namedBindings;
      if (named && api.isNamedImports(named)) for (const el of named.elements) if (el.propertyName) aliases.set(el.name.text, el.propertyName.text);
    }
    if (!api.isVariableStatement(st)) continue;
    for (const decl of st.declarationList.declarations) {
      const init = decl.initializer;
      const required = init && api.isCallExpression(init) && api.isIdentifier(init.expression) && init.expression.text === 'require' ? staticString(api, init.arguments[0]) : undefined;
      if (required === undefined || !RUNNERS.test(required) || !api.isObjectBindingPattern(decl.name)) continue;
      for (const el of decl.name.elements) {
        if (el.propertyName && api.isIdentifier(el.propertyName) && api.isIdentifier(el.name)) aliases.set(el.name.text, el.propertyName.text);
      }
    }
  }
  aliasCache.set(sf, aliases);
  return aliases;
}

export interface TestCallParts {
  base: string;
  modifiers: readonly string[];
  kind: 'test' | 'suite';
}

let lastCall: ts.CallExpression | undefined;
let lastParts: TestCallParts | undefined;

/** For `it(...)`, `test.only(...)`, `describe.skip.each(...)()`, `it["skip"](...)`: the base name and its modifiers. */
export function testCallParts(api: TS, call: ts.CallExpression): TestCallParts | undefined {
  if (call !== lastCall) {
    lastParts = buildTestCallParts(api, call);
    lastCall = call;
  }
  return lastParts;
}

function buildTestCallParts(api: TS, call: ts.CallExpression): TestCallParts | undefined {
  const names = chainNames(api, call.expression);
  if (!names) return undefined;
  const [root, ...modifiers] = names;
  const sf = sourceFileOf(api, call);
  const base = (sf && runnerAliases(api, sf).get(root!)) ?? root!;
  if (!TEST_FUNCTIONS.has(base) && !SUITE_FUNCTIONS.has(base)) return undefined;
  // Playwright hangs its suite and hooks off `test`: `test.describe(...)` groups, `test.beforeEach(...)` is no test.
  if (base === 'test' && modifiers[0] === 'describe') return { base, modifiers, kind: 'suite' };
  if (modifiers[0] !== undefined && NOT_TESTS.has(modifiers[0])) return undefined;
  return { base, modifiers, kind: TEST_FUNCTIONS.has(base) ? 'test' : 'suite' };
}

/** The callback of a test call (`it('x', () => {…})`), if it is written inline. */
export function testCallback(api: TS, call: ts.CallExpression): ts.ArrowFunction | ts.FunctionExpression | undefined {
  for (const arg of call.arguments) if (api.isArrowFunction(arg) || api.isFunctionExpression(arg)) return arg;
  return undefined;
}

/** Whether a test call's options object sets `flag` to true: Vitest's `test('x', { only: true }, fn)`. */
export function optionFlag(api: TS, call: ts.CallExpression, flag: 'only' | 'skip'): ts.Node | undefined {
  for (const arg of call.arguments) {
    if (!api.isObjectLiteralExpression(arg)) continue;
    for (const p of arg.properties) {
      if (api.isPropertyAssignment(p) && p.name.getText() === flag && p.initializer.kind === api.SyntaxKind.TrueKeyword) return p;
    }
  }
  return undefined;
}

/** `describe.only.each(t)` inside `describe.only.each(t)('x', fn)`: the outer call is the test; report once. */
export function isInnerCallOfChain(api: TS, call: ts.CallExpression): boolean {
  const parent = call.parent;
  return (api.isCallExpression(parent) && parent.expression === call) || api.isTaggedTemplateExpression(parent);
}

/**
 * Whether `name` is declared in the file (variable, destructured binding, function, parameter, class, or an
 * import from a module other than a test runner): then `fit(...)` or `pending()` is that, not the runner's.
 */
export function declaresLocally(api: TS, file: ts.SourceFile, name: string): boolean {
  if (!file.text.includes(name)) return false;
  let found = false;
  walk(api, file, (node) => {
    if (found) return;
    const named = (node as { name?: ts.Node }).name;
    if (named && api.isIdentifier(named) && named.text === name && isDeclaration(api, node)) found = true;
  });
  return found;
}

function isDeclaration(api: TS, node: ts.Node): boolean {
  if (api.isVariableDeclaration(node) || api.isFunctionDeclaration(node) || api.isParameter(node) || api.isClassDeclaration(node)) return true;
  if (api.isBindingElement(node)) {
    const decl = api.findAncestor(node, api.isVariableDeclaration);
    const init = decl?.initializer;
    const required = init && api.isCallExpression(init) && api.isIdentifier(init.expression) && init.expression.text === 'require' ? staticString(api, init.arguments[0]) : undefined;
    return required === undefined || !RUNNERS.test(required);
  }
  if (!api.isImportSpecifier(node) && !api.isImportClause(node) && !api.isNamespaceImport(node)) return false;
  const decl = api.findAncestor(node, api.isImportDeclaration);
  return !decl || !api.isStringLiteral(decl.moduleSpecifier) || !RUNNERS.test(decl.moduleSpecifier.text);
}
