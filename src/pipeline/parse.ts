import type ts from 'typescript';
import { loadTypescript } from './load-typescript.js';
import { lastAtOrBefore } from '../util/sorted.js';
import type { Comment } from '../rules/define-rule.js';
import type { ParseProblem } from '../rules/context.js';

type TS = typeof ts;
let cached: TS | undefined;

/**
 * Loads the TypeScript compiler API on first use, as CommonJS (not `import`: the ESM loader scans the
 * 9 MB file for named exports, measured ~0.55 s against ~0.17 s) and with a V8 code cache.
 */
export function typescript(): TS {
  cached ??= loadTypescript();
  return cached;
}

const SCRIPT_KIND: Record<string, keyof typeof ts.ScriptKind> = {
  ts: 'TS',
  mts: 'TS',
  cts: 'TS',
  tsx: 'TSX',
  js: 'JS',
  mjs: 'JS',
  cjs: 'JS',
  jsx: 'JSX',
};

export const CODE_EXTENSIONS = Object.keys(SCRIPT_KIND);

/**
 * Parses without parent pointers and without JSDoc (no rule reads JSDoc nodes): together about a
 * quarter of TypeScript's parse time. `linkTree` sets the parents in the walk the rules need anyway.
 */
export function parseUnlinked(path: string, text: string): ts.SourceFile {
  const api = typescript();
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const kind = api.ScriptKind[SCRIPT_KIND[ext] ?? 'TS'];
  return api.createSourceFile(path, text, { languageVersion: api.ScriptTarget.Latest, jsDocParsingMode: api.JSDocParsingMode.ParseNone }, false, kind);
}

/** A parsed file with parent pointers set. */
export function parseSource(path: string, text: string): ts.SourceFile {
  const sf = parseUnlinked(path, text);
  linkTree(sf);
  return sf;
}

/** Sets every node's parent; returns the nodes in document order (pre-order), the file first. */
export function linkTree(sf: ts.SourceFile): ts.Node[] {
  const api = typescript();
  const nodes: ts.Node[] = [];
  // An explicit stack: the depth of the tree is the change's choice (a 4,000-term sum, deep nesting).
  const stack: ts.Node[] = [sf];
  const children: ts.Node[] = [];
  let parent: ts.Node = sf;
  const collect = (child: ts.Node): void => {
    (child as { parent: ts.Node }).parent = parent;
    children.push(child);
  };
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    nodes.push(node);
    parent = node;
    children.length = 0;
    api.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return nodes;
}

function isLiteralKind(api: TS, kind: ts.SyntaxKind): boolean {
  const K = api.SyntaxKind;
  return (
    kind === K.StringLiteral ||
    kind === K.NoSubstitutionTemplateLiteral ||
    kind === K.TemplateHead ||
    kind === K.TemplateMiddle ||
    kind === K.TemplateTail ||
    kind === K.RegularExpressionLiteral ||
    kind === K.JsxText
  );
}

/**
 * The deepest node whose range (leading trivia included) holds `offset`, from the document-order
 * list of `linkTree`: the last node starting at or before `offset`, or the nearest of its ancestors
 * still open there (a node that holds `offset` but is not an ancestor would have ended before it).
 */
function innermost(sf: ts.SourceFile, nodes: readonly ts.Node[], offset: number): ts.Node {
  let node: ts.Node = nodes[lastAtOrBefore(nodes, offset, (n) => n.pos)] ?? sf;
  while (node !== sf && offset >= node.end) node = node.parent;
  return node;
}

/** The literal token (string, template part, regex, JSX text) around `offset`, if any. */
function literalAt(api: TS, sf: ts.SourceFile, nodes: readonly ts.Node[], offset: number): ts.Node | undefined {
  const node = innermost(sf, nodes, offset);
  if (!isLiteralKind(api, node.kind)) return undefined;
  // JSX text has no leading trivia: `<p>// hi</p>` is text, not a comment.
  const start = node.kind === api.SyntaxKind.JsxText ? node.pos : node.getStart(sf);
  return offset >= start ? node : undefined;
}

/** True when `offset` is inside a string, template, regular expression or JSX text. Without `nodes` the tree is walked on every call. */
export function inLiteral(sf: ts.SourceFile, offset: number, nodes: readonly ts.Node[] = linkTree(sf)): boolean {
  return literalAt(typescript(), sf, nodes, offset) !== undefined;
}

/**
 * Every comment of a parsed file. A comment can only start at `//` or `/*` outside a literal, so
 * only those spots are looked up in the tree (`nodes`, the document-order list of `linkTree`), and
 * the rest of the file is never rescanned: `"// not a comment"` and `/\/\//` stay literals.
 */
export function findComments(sf: ts.SourceFile, nodes: readonly ts.Node[] = linkTree(sf)): Comment[] {
  const api = typescript();
  const text = sf.text;
  const comments: Comment[] = [];
  let i = text.indexOf('/');
  while (i >= 0 && i < text.length - 1) {
    const next = text.charCodeAt(i + 1);
    if (next !== 47 /* / */ && next !== 42 /* * */) {
      i = text.indexOf('/', i + 1);
      continue;
    }
    const literal = literalAt(api, sf, nodes, i);
    if (literal) {
      i = text.indexOf('/', Math.max(literal.end, i + 1));
      continue;
    }
    const end = next === 47 ? lineEnd(text, i + 2) : blockEnd(text, i + 2);
    comments.push(makeComment(sf, text, i, end, next === 47 ? 'line' : 'block'));
    i = text.indexOf('/', end);
  }
  return comments;
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return i;
  }
  return text.length;
}

function blockEnd(text: string, from: number): number {
  const close = text.indexOf('*/', from);
  return close < 0 ? text.length : close + 2;
}

function makeComment(sf: ts.SourceFile, text: string, start: number, end: number, kind: 'line' | 'block'): Comment {
  const raw = text.slice(start, end);
  const body =
    kind === 'line'
      ? raw.slice(2).trim()
      : raw
          .slice(2, -2)
          .split('\n')
          .map((l) => l.replace(/^\s*\*?\s?/, '').trimEnd())
          .join('\n')
          .trim();
  return {
    start,
    end,
    text: raw,
    body,
    kind,
    line: sf.getLineAndCharacterOfPosition(start).line + 1,
    endLine: sf.getLineAndCharacterOfPosition(end).line + 1,
  };
}

/** Syntax errors TypeScript recovered from while parsing. */
export function parseProblems(sf: ts.SourceFile): ParseProblem[] {
  const api = typescript();
  const diagnostics = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  return diagnostics.map((d) => ({
    start: d.start,
    line: sf.getLineAndCharacterOfPosition(d.start).line + 1,
    message: api.flattenDiagnosticMessageText(d.messageText, ' '),
  }));
}
