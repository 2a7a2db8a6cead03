import type ts from 'typescript';

type TS = typeof ts;

/** Operators that compute nothing by themselves: a list separator. */
const isLogicOperator = (api: TS, kind: ts.SyntaxKind): boolean => kind !== api.SyntaxKind.CommaToken;

/** Unary operators that are logic (`-1` is data). */
const isLogicUnary = (api: TS, kind: ts.SyntaxKind): boolean =>
  kind === api.SyntaxKind.ExclamationToken || kind === api.SyntaxKind.PlusPlusToken || kind === api.SyntaxKind.MinusMinusToken || kind === api.SyntaxKind.TildeToken;

/** Statements that steer control: each one is logic on the line of its keyword. */
function isControl(api: TS, node: ts.Node): boolean {
  switch (node.kind) {
    case api.SyntaxKind.IfStatement:
    case api.SyntaxKind.ForStatement:
    case api.SyntaxKind.ForInStatement:
    case api.SyntaxKind.ForOfStatement:
    case api.SyntaxKind.WhileStatement:
    case api.SyntaxKind.DoStatement:
    case api.SyntaxKind.SwitchStatement:
    case api.SyntaxKind.CaseClause:
    case api.SyntaxKind.ReturnStatement:
    case api.SyntaxKind.ThrowStatement:
    case api.SyntaxKind.TryStatement:
    case api.SyntaxKind.CatchClause:
    case api.SyntaxKind.BreakStatement:
    case api.SyntaxKind.ContinueStatement:
    case api.SyntaxKind.AwaitExpression:
    case api.SyntaxKind.YieldExpression:
    case api.SyntaxKind.NewExpression:
    case api.SyntaxKind.DeleteExpression:
    case api.SyntaxKind.TypeOfExpression:
      return true;
  }
  return false;
}

/** Offsets of the operations a node performs itself (its children are visited on their own). */
function operations(api: TS, node: ts.Node, sf: ts.SourceFile): number[] {
  if (isControl(api, node)) return [node.getStart(sf)];
  // The opening parenthesis: each call of a chain split over lines counts on its own line.
  if (api.isCallExpression(node)) return [node.arguments.pos - 1];
  if (api.isTaggedTemplateExpression(node)) return [node.template.getStart(sf)];
  if (api.isBinaryExpression(node)) return isLogicOperator(api, node.operatorToken.kind) ? [node.operatorToken.getStart(sf)] : [];
  if (api.isConditionalExpression(node)) return [node.questionToken.getStart(sf), node.colonToken.getStart(sf)];
  if (api.isPrefixUnaryExpression(node) || api.isPostfixUnaryExpression(node)) return isLogicUnary(api, node.operator) ? [node.getStart(sf)] : [];
  return [];
}

/**
 * Declarations that do nothing when run: types (interfaces, aliases, annotations) say what data looks
 * like, decorators (`@IsOptional()`, `@ApiProperty({...})`) attach metadata to a field of a DTO.
 */
const isDeclarative = (api: TS, node: ts.Node): boolean =>
  api.isTypeNode(node) || api.isInterfaceDeclaration(node) || api.isTypeAliasDeclaration(node) || api.isTypeParameterDeclaration(node) || api.isDecorator(node);

const isMarkup = (api: TS, node: ts.Node): boolean => api.isJsxElement(node) || api.isJsxSelfClosingElement(node) || api.isJsxFragment(node);

const hasBlockBody = (api: TS, node: ts.Node): boolean => api.isFunctionLike(node) && 'body' in node && node.body !== undefined && api.isBlock(node.body as ts.Node);

/**
 * 1-based lines that carry logic: a call, `new`, an operator, a condition, a loop, a return, a throw,
 * `await`. Types, comments, string and template text, and data (literals, names, property reads)
 * carry none. JSX markup carries none either, its attribute expressions included (`onClick={() =>
 * open(id)}` is wiring, like the attribute next to it), except inside a handler with a body of
 * statements.
 */
export function logicLines(api: TS, sf: ts.SourceFile): Set<number> {
  const out = new Set<number>();
  const stack: { node: ts.Node; markup: boolean }[] = [{ node: sf, markup: false }];
  while (stack.length > 0) {
    const { node, markup: outer } = stack.pop()!;
    if (isDeclarative(api, node)) continue;
    const markup = outer || isMarkup(api, node);
    if (!markup) for (const at of operations(api, node, sf)) out.add(sf.getLineAndCharacterOfPosition(at).line + 1);
    // A function's body, not its parameters, decides: a handler with statements inside markup is logic.
    const body = hasBlockBody(api, node) ? (node as ts.FunctionLikeDeclaration).body : undefined;
    api.forEachChild(node, (child) => {
      stack.push({ node: child, markup: markup && child !== body });
    });
  }
  return out;
}

/** Lines of logic a copy needs, and the least share of its lines they must be. */
const MIN_LOGIC = 3;
const MIN_LOGIC_SHARE = 0.5;

/**
 * Whether a repeated block of these lines repeats logic worth a warning: at least MIN_LOGIC lines of
 * it and at least half its lines. A block of JSX markup, type members, a parameter list, the fields of
 * an output object or the rows of a table repeats a shape, not something that would be fixed twice.
 */
export function carriesLogic(lines: readonly number[], logic: ReadonlySet<number>): boolean {
  const count = lines.reduce((n, line) => n + (logic.has(line) ? 1 : 0), 0);
  return count >= MIN_LOGIC && count >= lines.length * MIN_LOGIC_SHARE;
}
