import type ts from 'typescript';
import { walk } from './ast.js';
import type { FileFacts } from './context.js';
import type { Comment } from './define-rule.js';

type TS = typeof ts;

/** A new `any` or double cast: `node` is what to point at, `at` the keyword that makes the escape. */
export interface Escape {
  node: ts.Node;
  at: ts.Node;
  what: string;
}

// Comments addressed to tools explain nothing to a reader.
const TOOL_DIRECTIVE = /^\s*(?:eslint-|@ts-|prettier-ignore|istanbul ignore|c8 ignore|biome-ignore|oxlint-|deno-lint-|diffwarden-)/;
const NO_EXPLICIT_ANY = /no-explicit-any|noExplicitAny/;
// `eslint-disable rule` / `oxlint-disable rule` (not the -line forms) and `deno-lint-ignore-file rule` cover what follows.
const FILE_WIDE = /^\s*(?:(?:eslint|oxlint)-disable(?!-)|deno-lint-ignore-file\b|biome-ignore-all\b)/;
const GENERATED = /\b(?:auto-?generated|generated (?:by|with|from|using)|@generated|do not (?:edit|modify))\b/i;
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);
// Component types take their props contravariantly: `ComponentType<unknown>` accepts no real component.
const COMPONENT_TYPES = new Set(['ComponentType', 'FC', 'FunctionComponent', 'Component', 'PureComponent', 'ComponentClass', 'LazyExoticComponent', 'ElementType', 'JSXElementConstructor']);

/** Where the first statement starts: comments before it are the file's header. */
const codeStart = (sf: ts.SourceFile): number => sf.statements[0]?.getStart(sf) ?? sf.end;

/** True when `// @ts-nocheck` heads the file: type checking is off already, so no escape turns anything off. */
export function uncheckedFile(file: FileFacts): boolean {
  const sf = file.sourceFile;
  return sf !== undefined && file.comments().some((c) => c.end <= codeStart(sf) && /^\s*@ts-nocheck\b/.test(c.body));
}

/**
 * Why a new escape is not worth a warning, or undefined. Each reason names a place where the type is
 * unknown or `any` is the only spelling, or a decision the author already made visible.
 */
export function excuses(api: TS, file: FileFacts): (escape: Escape) => string | undefined {
  const sf = file.sourceFile!;
  const comments = file.comments();
  const line = (node: ts.Node): number => file.lineOf(node.getStart(sf));
  const header = comments.some((c) => c.end <= codeStart(sf) && GENERATED.test(c.body));
  const reasons = new Set(comments.filter((c) => !TOOL_DIRECTIVE.test(c.body) && /[A-Za-z]{2}/.test(c.body)).flatMap((c) => [c.line, c.endLine + 1]));
  const lintAllowed = lintAllowedLines(comments);
  let shims: Map<string, number> | undefined;
  return (escape) => {
    if (header) return 'the file says it is generated';
    const { node, at } = escape;
    if (escape.what.startsWith('a double cast')) {
      const named = api.isAsExpression(node) && api.isTypeReferenceNode(node.type) && api.isIdentifier(node.type.typeName) ? node.type.typeName.text : undefined;
      const target = named === undefined ? undefined : (shims ??= castShims(api, sf, line)).get(named);
      if ([node, at].some((n) => reasons.has(line(n))) || (target !== undefined && reasons.has(target))) return 'the comment beside it gives the reason';
      return undefined;
    }
    if (lintAllowed(line(at))) return 'the lint suppression beside it shows the choice was deliberate';
    const parent = at.parent;
    if (parent && api.isVariableDeclaration(parent) && parent.type === at && api.isCatchClause(parent.parent)) {
      return 'what a `catch` receives is untyped at any rate; `unknown` would make reading it checked';
    }
    if (restatesParsedJson(api, at)) return '`JSON.parse` and `.json()` return `any` already; a schema or a type guard would type the value';
    if (api.isAsExpression(node)) {
      const inner = node.expression;
      const outer = skipParentheses(api, node);
      if (api.isIdentifier(inner) && GLOBAL_OBJECTS.has(inner.text) && isInjectedHook(api, outer.parent)) {
        return 'it reaches a `__hook__` that the page or host sets on the global object; a `declare global` would type it';
      }
      const call = outer.parent;
      if (call && api.isCallExpression(call) && call.arguments.includes(outer as ts.Expression) && isIncludes(api, call)) {
        return 'it widens the argument of `includes` on a narrower array, a known gap in the library types';
      }
    }
    if (parent && api.isTypeReferenceNode(parent) && parent.typeArguments?.includes(at as ts.TypeNode) && COMPONENT_TYPES.has(rightmost(api, parent.typeName))) {
      return '`any` props in a component type are the only way to accept every component; props are checked where it is used';
    }
    return undefined;
  };
}

/** Lines an `any` may sit on under a `no-explicit-any` suppression: the directive's own line, the next, or all after a file-wide one. */
function lintAllowedLines(comments: readonly Comment[]): (line: number) => boolean {
  const lines = new Set<number>();
  let fromLine = Number.POSITIVE_INFINITY;
  for (const c of comments) {
    if (!NO_EXPLICIT_ANY.test(c.body)) continue;
    if (FILE_WIDE.test(c.body)) fromLine = Math.min(fromLine, c.line);
    lines.add(c.line);
    lines.add(c.endLine + 1);
  }
  return (line) => lines.has(line) || line > fromLine;
}

/**
 * First line of each interface and type alias of the file that is used only as the target of double
 * casts, by name: a type declared for the cast, whose comment (`toWellFormed is ES2024, the lib target
 * is older`) explains the cast. A type used elsewhere too is documentation, not a reason.
 */
function castShims(api: TS, sf: ts.SourceFile, line: (node: ts.Node) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const statement of sf.statements) {
    if (api.isInterfaceDeclaration(statement) || api.isTypeAliasDeclaration(statement)) out.set(statement.name.text, line(statement));
  }
  if (out.size === 0) return out;
  walk(api, sf, (node) => {
    if (!api.isTypeReferenceNode(node) || !api.isIdentifier(node.typeName) || !out.has(node.typeName.text)) return;
    const cast = node.parent;
    const double = api.isAsExpression(cast) && cast.type === node && api.isAsExpression(cast.expression) && cast.expression.type.kind === api.SyntaxKind.UnknownKeyword;
    if (!double) out.delete(node.typeName.text);
  });
  return out;
}

/** `JSON.parse(text) as any`, `const body: any = await res.json()`: the `any` only says what the value already is. */
function restatesParsedJson(api: TS, at: ts.Node): boolean {
  const parent = at.parent;
  const value = api.isAsExpression(parent) ? parent.expression : parent && api.isVariableDeclaration(parent) && parent.type === at ? parent.initializer : undefined;
  let call = value && api.isAwaitExpression(value) ? value.expression : value;
  while (call && api.isParenthesizedExpression(call)) call = call.expression;
  if (!call || !api.isCallExpression(call) || !api.isPropertyAccessExpression(call.expression)) return false;
  const { expression: object, name } = call.expression;
  return (name.text === 'parse' && api.isIdentifier(object) && object.text === 'JSON') || (name.text === 'json' && call.arguments.length === 0);
}

function skipParentheses(api: TS, node: ts.Node): ts.Node {
  let outer = node;
  while (outer.parent && api.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  return outer;
}

/** `(window as any).__APP_READY__`: double underscores on both ends mark a value injected from outside the bundle. */
function isInjectedHook(api: TS, access: ts.Node | undefined): boolean {
  if (!access || !api.isPropertyAccessExpression(access)) return false;
  const name = access.name.text;
  return name.length > 4 && name.startsWith('__') && name.endsWith('__');
}

function isIncludes(api: TS, call: ts.CallExpression): boolean {
  const callee = call.expression;
  return api.isPropertyAccessExpression(callee) && (callee.name.text === 'includes' || callee.name.text === 'indexOf');
}

function rightmost(api: TS, name: ts.EntityName): string {
  return api.isIdentifier(name) ? name.text : name.right.text;
}
