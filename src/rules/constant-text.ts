import type ts from 'typescript';
import { walk } from './ast.js';

type TS = typeof ts;

// A module constant by convention (`EVENT_NAMES`): imported ones are taken at their word.
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
// Array and string methods that read their receiver without changing it.
const READS = new Set(['join', 'map', 'filter', 'slice', 'concat', 'trim', 'toUpperCase', 'toLowerCase', 'flat', 'length', 'some', 'every', 'includes', 'indexOf', 'forEach', 'at']);
const MUTATORS = new Set(['push', 'unshift']);
// Calls whose text comes from the receiver (and the arguments).
const DERIVED = new Set(['join', 'filter', 'slice', 'concat', 'trim', 'replace', 'replaceAll', 'toUpperCase', 'toLowerCase', 'flat', 'at']);
// `{ sql, params }` from a builder that binds its own values: `pred.sql` next to `...pred.params`.
const FRAGMENT_TEXT = new Set(['sql', 'text', 'clause']);
const FRAGMENT_VALUES = new Set(['params', 'values', 'args', 'bindings', 'parameters']);
const MAX_DEPTH = 8;

type Declaration = ts.VariableDeclaration | ts.ParameterDeclaration | ts.FunctionDeclaration | 'import' | undefined;

const unwrap = (api: TS, node: ts.Expression): ts.Expression => {
  let n = node;
  while (api.isParenthesizedExpression(n) || api.isAsExpression(n) || api.isNonNullExpression(n) || api.isSatisfiesExpression(n)) n = n.expression;
  return n;
};

/**
 * Whether an expression's text is fixed by the code of this file: literals, `?` placeholder lists,
 * `const` values (arrays only appended constants), imported UPPER_CASE constants, calls of local helpers
 * that return such text, and parameters of local helpers that every call passes such text. A value
 * read at run time (a request, a parameter of an exported function) is not.
 */
export function constantTracer(api: TS, sf: ts.SourceFile): (expr: ts.Expression) => boolean {
  let refs: Map<string, ts.Identifier[]> | undefined;
  const references = (name: string): ts.Identifier[] => {
    if (!refs) {
      const found = new Map<string, ts.Identifier[]>();
      walk(api, sf, (n) => {
        if (!api.isIdentifier(n)) return;
        const list = found.get(n.text);
        if (list) list.push(n);
        else found.set(n.text, [n]);
      });
      refs = found;
    }
    return refs.get(name) ?? [];
  };
  const memo = new Map<ts.Node, boolean>();
  const once = (node: ts.Node, compute: () => boolean): boolean => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    memo.set(node, false); // a cycle proves nothing
    const result = compute();
    memo.set(node, result);
    return result;
  };

  const declarationOf = (id: ts.Identifier): Declaration => {
    const name = id.text;
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      if (api.isFunctionLike(n)) {
        const param = n.parameters.find((p) => api.isIdentifier(p.name) && p.name.text === name);
        if (param) return param;
      }
      if (!api.isBlock(n) && !api.isSourceFile(n) && !api.isModuleBlock(n)) continue;
      for (const st of n.statements) {
        if (api.isFunctionDeclaration(st) && st.name?.text === name) return st;
        if (api.isVariableStatement(st)) {
          const decl = st.declarationList.declarations.find((d) => api.isIdentifier(d.name) && d.name.text === name);
          if (decl) return decl;
        }
        if (api.isImportDeclaration(st) && st.importClause && importsName(api, st.importClause, name)) return 'import';
      }
    }
    return undefined;
  };

  const exported = (node: ts.Node): boolean => {
    const statement = api.isVariableDeclaration(node) ? node.parent.parent : node;
    return api.canHaveModifiers(statement) && (api.getModifiers(statement) ?? []).some((m) => m.kind === api.SyntaxKind.ExportKeyword);
  };

  /** Every use of a local helper is a call (it is not exported or handed on): its call sites are all. */
  const callSites = (fn: ts.FunctionDeclaration | ts.VariableDeclaration): ts.CallExpression[] | undefined => {
    const name = fn.name;
    if (!name || !api.isIdentifier(name) || exported(fn)) return undefined;
    const calls: ts.CallExpression[] = [];
    for (const ref of references(name.text)) {
      if (ref === name) continue;
      if (!api.isCallExpression(ref.parent) || ref.parent.expression !== ref) return undefined;
      calls.push(ref.parent);
    }
    return calls;
  };

  const helperOf = (param: ts.ParameterDeclaration): ts.FunctionDeclaration | ts.VariableDeclaration | undefined => {
    const fn = param.parent;
    if (api.isFunctionDeclaration(fn)) return fn;
    if ((api.isArrowFunction(fn) || api.isFunctionExpression(fn)) && api.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn) return fn.parent;
    return undefined;
  };

  const returnsOf = (fn: ts.FunctionLikeDeclaration): ts.Expression[] | undefined => {
    if (!fn.body) return undefined;
    if (!api.isBlock(fn.body)) return [fn.body];
    const out: ts.Expression[] = [];
    let bare = false;
    walk(api, fn.body, (n) => {
      if (api.isReturnStatement(n)) n.expression ? out.push(n.expression) : (bare = true);
    }, false);
    return bare || out.length === 0 ? undefined : out;
  };

  const constant = (node: ts.Expression, depth: number, bound: ReadonlySet<string>): boolean => {
    if (depth > MAX_DEPTH) return false;
    const next = (n: ts.Expression): boolean => constant(n, depth + 1, bound);
    const expr = unwrap(api, node);
    const K = api.SyntaxKind;
    if (api.isStringLiteral(expr) || api.isNoSubstitutionTemplateLiteral(expr) || api.isNumericLiteral(expr)) return true;
    if (expr.kind === K.TrueKeyword || expr.kind === K.FalseKeyword || expr.kind === K.NullKeyword) return true;
    if (api.isTemplateExpression(expr)) return expr.templateSpans.every((s) => next(s.expression));
    if (api.isConditionalExpression(expr)) return next(expr.whenTrue) && next(expr.whenFalse);
    if (api.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      return (op === K.PlusToken || op === K.BarBarToken || op === K.QuestionQuestionToken) && next(expr.left) && next(expr.right);
    }
    if (api.isArrayLiteralExpression(expr)) return expr.elements.every((e) => next(api.isSpreadElement(e) ? e.expression : e));
    if (api.isIdentifier(expr)) return bound.has(expr.text) || identifier(expr, depth);
    if (api.isPropertyAccessExpression(expr)) return propertyRead(expr);
    if (api.isCallExpression(expr)) return call(expr, depth, bound);
    return false;
  };

  const propertyRead = (expr: ts.PropertyAccessExpression): boolean => {
    if (expr.name.text === 'length') return true;
    const owner = expr.expression;
    if (!FRAGMENT_TEXT.has(expr.name.text) || !api.isIdentifier(owner)) return false;
    // The pair comes from a builder this code called, not from a request body.
    const decl = declarationOf(owner);
    const init = decl && decl !== 'import' && api.isVariableDeclaration(decl) && decl.initializer ? unwrap(api, decl.initializer) : undefined;
    const built = init && api.isCallExpression(api.isAwaitExpression(init) ? unwrap(api, init.expression) : init);
    return !!built && references(owner.text).some((r) => api.isPropertyAccessExpression(r.parent) && r.parent.expression === r && FRAGMENT_VALUES.has(r.parent.name.text));
  };

  const call = (expr: ts.CallExpression, depth: number, bound: ReadonlySet<string>): boolean => {
    const callee = expr.expression;
    const next = (n: ts.Expression, names: ReadonlySet<string> = bound): boolean => constant(n, depth + 1, names);
    if (api.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (method === 'map') {
        // `ids.map(() => '?')`: the elements are not used; `NAMES.map((n) => `'${n}'`)`: they are constants.
        const fn = expr.arguments[0];
        if (!fn || !(api.isArrowFunction(fn) || api.isFunctionExpression(fn))) return false;
        const names = new Set(bound);
        if (next(callee.expression)) for (const p of fn.parameters) if (api.isIdentifier(p.name)) names.add(p.name.text);
        return (returnsOf(fn) ?? [undefined]).every((r) => r !== undefined && next(r, names));
      }
      // Text drawn from the receiver: `.filter(fn)` and `.slice(1)` keep constants constant.
      if (!DERIVED.has(method)) return false;
      return next(callee.expression) && expr.arguments.every((a) => api.isArrowFunction(a) || api.isFunctionExpression(a) || next(a));
    }
    if (!api.isIdentifier(callee)) return false;
    const decl = declarationOf(callee);
    const fn = decl && decl !== 'import' && !api.isParameter(decl) ? (api.isFunctionDeclaration(decl) ? decl : decl.initializer) : undefined;
    if (!fn || !(api.isFunctionDeclaration(fn) || api.isArrowFunction(fn) || api.isFunctionExpression(fn))) return false;
    return once(fn, () => (returnsOf(fn) ?? [undefined]).every((r) => r !== undefined && constant(r, depth + 1, new Set())));
  };

  const identifier = (id: ts.Identifier, depth: number): boolean => {
    const decl = declarationOf(id);
    if (decl === 'import') return CONSTANT_NAME.test(id.text);
    if (!decl || api.isFunctionDeclaration(decl)) return false;
    if (api.isParameter(decl)) return once(decl, () => parameter(decl, depth));
    const isConst = (api.getCombinedNodeFlags(decl) & api.NodeFlags.Const) !== 0;
    const init = decl.initializer;
    if (!isConst || !init) return false;
    return once(decl, () => constant(init, depth + 1, new Set()) && (!api.isArrayLiteralExpression(unwrap(api, init)) || onlyAppendedConstants(decl, depth)));
  };

  const parameter = (param: ts.ParameterDeclaration, depth: number): boolean => {
    const helper = helperOf(param);
    const sites = helper && callSites(helper);
    if (!sites || sites.length === 0) return false;
    const index = param.parent.parameters.indexOf(param);
    return sites.every((c) => {
      const arg = c.arguments[index];
      if (arg === undefined) return param.initializer !== undefined && constant(param.initializer, depth + 1, new Set());
      return !api.isSpreadElement(arg) && constant(arg, depth + 1, new Set());
    });
  };

  /** `const clauses = ['a = ?']; clauses.push('b = ?')`: every use reads the list or appends constants. */
  const onlyAppendedConstants = (decl: ts.VariableDeclaration, depth: number): boolean => {
    const name = decl.name as ts.Identifier;
    return references(name.text).every((ref) => {
      if (ref === name || declarationOf(ref) !== decl) return true;
      const use = ref.parent;
      if (!api.isPropertyAccessExpression(use) || use.expression !== ref) return false;
      if (READS.has(use.name.text)) return true;
      const appended = use.parent;
      return MUTATORS.has(use.name.text) && api.isCallExpression(appended) && appended.arguments.every((a) => constant(api.isSpreadElement(a) ? a.expression : a, depth + 1, new Set()));
    });
  };

  return (expr) => constant(expr, 0, new Set());
}

function importsName(api: TS, clause: ts.ImportClause, name: string): boolean {
  if (clause.name?.text === name) return true;
  const bindings = clause.namedBindings;
  if (!bindings) return false;
  if (api.isNamespaceImport(bindings)) return bindings.name.text === name;
  return bindings.elements.some((e) => e.name.text === name);
}
