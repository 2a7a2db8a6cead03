import type ts from 'typescript';

type TS = typeof ts;

/** How deep a literal is followed when deciding whether it is plain data; deeper counts as not plain. */
const MAX_DEPTH = 8;

/** A literal value with no logic: strings, numbers, booleans, null, and arrays/objects made only of them. */
function isPlain(api: TS, node: ts.Node, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  switch (node.kind) {
    case api.SyntaxKind.StringLiteral:
    case api.SyntaxKind.NumericLiteral:
    case api.SyntaxKind.NoSubstitutionTemplateLiteral:
    case api.SyntaxKind.TrueKeyword:
    case api.SyntaxKind.FalseKeyword:
    case api.SyntaxKind.NullKeyword:
      return true;
  }
  if (api.isPrefixUnaryExpression(node)) return node.operator === api.SyntaxKind.MinusToken && api.isNumericLiteral(node.operand);
  if (api.isArrayLiteralExpression(node)) return node.elements.every((e) => isPlain(api, e, depth + 1));
  if (api.isObjectLiteralExpression(node)) return node.properties.every((p) => api.isPropertyAssignment(p) && !api.isComputedPropertyName(p.name) && isPlain(api, p.initializer, depth + 1));
  if (api.isAsExpression(node) || api.isSatisfiesExpression(node)) return isPlain(api, node.expression, depth + 1);
  return false;
}

const hasModifier = (api: TS, node: ts.Node, kind: ts.SyntaxKind): boolean =>
  api.canHaveModifiers(node) && (api.getModifiers(node) ?? []).some((m) => m.kind === kind);

/**
 * Nodes whose repetition is no copied logic: overload and ambient declarations (TypeScript requires
 * them once per signature or module), import/export lists, lists of bare names (a destructured
 * parameter list and the shorthand object its caller passes), and tables of plain literal data.
 */
function isInert(api: TS, node: ts.Node): boolean {
  if (api.isImportDeclaration(node) || api.isExportDeclaration(node)) return true;
  if ((api.isFunctionDeclaration(node) || api.isMethodDeclaration(node) || api.isConstructorDeclaration(node)) && node.body === undefined) return true;
  if (hasModifier(api, node, api.SyntaxKind.DeclareKeyword)) return true;
  if (api.isObjectBindingPattern(node)) return node.elements.every((e) => e.initializer === undefined && api.isIdentifier(e.name));
  if (api.isObjectLiteralExpression(node) && node.properties.length > 0 && node.properties.every((p) => api.isShorthandPropertyAssignment(p) && p.objectAssignmentInitializer === undefined)) return true;
  if (api.isArrayLiteralExpression(node) || api.isObjectLiteralExpression(node)) return isPlain(api, node);
  // A row of a table whose other rows hold logic: `gpt4: { vision: true, tools: false },`.
  if (api.isPropertyAssignment(node)) return (api.isObjectLiteralExpression(node.initializer) || api.isArrayLiteralExpression(node.initializer)) && isPlain(api, node.initializer);
  return false;
}

/** What may follow an inert node on its last line and still leave the line inert. */
const CLOSING = /^[\s,;)\]}]*(?:\/\/.*)?$/;

/**
 * 1-based lines made only of inert nodes (see isInert): they take no part in duplicate windows.
 * A line counts when an inert node covers it from its first non-blank character to the end
 * (closing punctuation aside); a line that only opens such a node (`const CAPS = {`) does not.
 */
export function inertLines(api: TS, sf: ts.SourceFile): Set<number> {
  const out = new Set<number>();
  const starts = sf.getLineStarts();
  const text = sf.text;
  const lineOf = (offset: number) => sf.getLineAndCharacterOfPosition(offset).line;
  const stack: ts.Node[] = [sf];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== sf && isInert(api, node)) {
      const start = node.getStart(sf);
      const first = lineOf(start);
      const last = lineOf(node.end);
      const from = text.slice(starts[first]!, start).trim() === '' ? first : first + 1;
      const to = CLOSING.test(text.slice(node.end, starts[last + 1] ?? text.length)) ? last : last - 1;
      for (let line = from; line <= to; line++) out.add(line + 1);
      if (from === first && to === last) continue;
    }
    api.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return out;
}
