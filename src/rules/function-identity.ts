import type ts from 'typescript';
import { isFunctionNode, walk, type FunctionNode } from './ast.js';

type TS = typeof ts;

/**
 * A function's identity that survives edits elsewhere in the file: the chain of what encloses it
 * (declarations, classes, properties, and for callbacks the call they are passed to: callee, first
 * string argument, argument position), then an ordinal among functions with the same chain. Line
 * numbers are left out on purpose. `shared` counts the functions with the same chain.
 */
export interface FunctionIdentity {
  key: string;
  shared: number;
}

const MAX_SEGMENT = 80;

function nameText(api: TS, name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (api.isIdentifier(name) || api.isPrivateIdentifier(name) || api.isStringLiteral(name) || api.isNumericLiteral(name)) return name.text;
  return undefined;
}

function squeezed(api: TS, node: ts.Node, sf: ts.SourceFile): string {
  const text = node.getText(sf);
  return (text.length > MAX_SEGMENT * 2 ? text.slice(0, MAX_SEGMENT * 2) : text).replace(/\s+/g, '').slice(0, MAX_SEGMENT);
}

/** What a call passes its callbacks to: `describe("parse")`, `app.get("/users")`, `items.map`. */
function callSegment(api: TS, call: ts.CallExpression | ts.NewExpression, child: ts.Node, sf: ts.SourceFile): string {
  const args: readonly ts.Expression[] = call.arguments ?? [];
  const index = args.indexOf(child as ts.Expression);
  const first = args[0];
  const label = first && (api.isStringLiteral(first) || api.isNoSubstitutionTemplateLiteral(first)) ? `(${JSON.stringify(first.text.slice(0, MAX_SEGMENT))})` : '()';
  return `${squeezed(api, call.expression, sf)}${label}@${index}`;
}

/** The segment an ancestor adds to the chain, coming up from `child`; undefined when it names nothing. */
function segmentOf(api: TS, node: ts.Node, child: ts.Node, sf: ts.SourceFile): string | undefined {
  const K = api.SyntaxKind;
  switch (node.kind) {
    case K.FunctionDeclaration:
    case K.FunctionExpression:
    case K.MethodDeclaration:
    case K.ArrowFunction:
      return nameText(api, (node as FunctionNode).name);
    case K.GetAccessor:
      return `get ${nameText(api, (node as ts.GetAccessorDeclaration).name) ?? ''}`;
    case K.SetAccessor:
      return `set ${nameText(api, (node as ts.SetAccessorDeclaration).name) ?? ''}`;
    case K.Constructor:
      return 'constructor';
    case K.ClassDeclaration:
    case K.ClassExpression:
      return `class ${nameText(api, (node as ts.ClassLikeDeclaration).name) ?? ''}`;
    case K.ModuleDeclaration:
    case K.VariableDeclaration:
    case K.PropertyAssignment:
    case K.PropertyDeclaration:
    case K.JsxAttribute:
      return nameText(api, (node as ts.NamedDeclaration).name) ?? squeezed(api, (node as ts.NamedDeclaration).name!, sf);
    case K.ShorthandPropertyAssignment:
      return nameText(api, (node as ts.ShorthandPropertyAssignment).name);
    case K.ExportAssignment:
      return 'default';
    case K.BinaryExpression: {
      const binary = node as ts.BinaryExpression;
      return binary.operatorToken.kind === K.EqualsToken && binary.right === child ? squeezed(api, binary.left, sf) : undefined;
    }
    case K.CallExpression:
    case K.NewExpression: {
      const call = node as ts.CallExpression | ts.NewExpression;
      return call.arguments?.includes(child as ts.Expression) ? callSegment(api, call, child, sf) : undefined;
    }
    default:
      return undefined;
  }
}

function chainOf(api: TS, fn: FunctionNode, sf: ts.SourceFile): string {
  const segments: string[] = [];
  let child: ts.Node = fn;
  const own = segmentOf(api, fn, fn, sf);
  segments.push(own ?? `(${api.SyntaxKind[fn.kind]})`);
  for (let node = fn.parent; node && node !== sf; node = node.parent) {
    const segment = segmentOf(api, node, child, sf);
    if (segment !== undefined) segments.push(segment);
    child = node;
  }
  return segments.reverse().join(' > ');
}

/** Identities of the given functions (in document order) of one file. */
export function functionIdentities(api: TS, fns: readonly FunctionNode[], sf: ts.SourceFile): Map<FunctionNode, FunctionIdentity> {
  const chains = fns.map((fn) => chainOf(api, fn, sf));
  const totals = new Map<string, number>();
  for (const chain of chains) totals.set(chain, (totals.get(chain) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<FunctionNode, FunctionIdentity>();
  fns.forEach((fn, i) => {
    const chain = chains[i]!;
    const ordinal = seen.get(chain) ?? 0;
    seen.set(chain, ordinal + 1);
    out.set(fn, { key: `${chain}#${ordinal}`, shared: totals.get(chain)! });
  });
  return out;
}

/** Every function, method and callback of a file, in document order. */
export function allFunctions(api: TS, sf: ts.SourceFile): FunctionNode[] {
  const out: FunctionNode[] = [];
  // walk keeps an explicit stack: the file's nesting depth is the change's choice.
  walk(api, sf, (node) => {
    if (isFunctionNode(api, node)) out.push(node);
  });
  return out;
}

/** A short human name for a function without one: the call it is passed to. */
export function describeAnonymous(api: TS, fn: FunctionNode, sf: ts.SourceFile): string {
  const parent = fn.parent;
  if (parent && (api.isCallExpression(parent) || api.isNewExpression(parent))) return `(callback of ${squeezed(api, parent.expression, sf)})`;
  return '(anonymous function)';
}
