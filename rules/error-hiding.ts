import type ts from 'typescript';
import { functionName, isFunctionNode, walk, type FunctionNode } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { allFunctions, functionIdentities } from '../src/rules/function-identity.js';
import { isLogStatement } from '../src/rules/log-calls.js';

type TS = typeof ts;
type Empty = 'undefined' | 'null' | '[]' | '{}' | 'false';

// A return that still tells the caller something failed: an error value, a failed result, an error status.
const REPORTS_FAILURE = /err|fail|reject|exception|invalid|abort|\bok:\s*false|success:\s*false|\b[45]\d\d\b/i;
// Names that promise a fallback instead of an error: `tryParse`, `safeLoad`, `maybeUser`, `readOrNull`.
const TOLERANT_NAME = /^(?:try|safe|maybe|optional|attempt)[A-Z_]|Or(?:Null|Undefined|Default|Empty|Fallback)$|^(?:try|safe)$/;

// A doc comment that promises the fallback: "Fails open", "returns undefined on error", "best effort".
const DOCUMENTED_FALLBACK = /fail(?:s|ing)?[ -]open|fall(?:s|ing)?[ -]?back|best[ -]effort|returns? (?:`?(?:undefined|null|false)`?|an? empty|empty|nothing)\b|on (?:error|failure)|never throws|does not throw/i;

/** The comments above a function (above its `const` for an arrow function or function expression). */
function leadingComments(api: TS, fn: FunctionNode, sf: ts.SourceFile): string {
  let node: ts.Node = fn;
  if ((api.isArrowFunction(fn) || api.isFunctionExpression(fn)) && api.isVariableDeclaration(fn.parent) && fn.parent.parent?.parent) node = fn.parent.parent.parent;
  return sf.text.slice(node.getFullStart(), node.getStart(sf));
}

/** A return that reads as a yes/no answer: `true`, `!x`, `a === b`, `Boolean(x)`, `list.includes(x)`. */
function booleanLike(api: TS, expr: ts.Expression | undefined): boolean {
  if (!expr) return false;
  if (expr.kind === api.SyntaxKind.TrueKeyword || expr.kind === api.SyntaxKind.FalseKeyword) return true;
  if (api.isPrefixUnaryExpression(expr) && expr.operator === api.SyntaxKind.ExclamationToken) return true;
  if (api.isBinaryExpression(expr)) return /^(?:[=!]==?|[<>]=?|&&|\|\|)$/.test(expr.operatorToken.getText());
  if (api.isCallExpression(expr)) return /(?:^Boolean|\.(?:includes|some|every|has|test|startsWith|endsWith))$/.test(expr.expression.getText());
  return false;
}

function emptyValue(api: TS, expr: ts.Expression | undefined): Empty | undefined {
  if (!expr) return 'undefined';
  while (api.isParenthesizedExpression(expr) || api.isAsExpression(expr)) expr = expr.expression;
  if (api.isIdentifier(expr) && expr.text === 'undefined') return 'undefined';
  if (api.isVoidExpression(expr)) return 'undefined';
  if (expr.kind === api.SyntaxKind.NullKeyword) return 'null';
  if (expr.kind === api.SyntaxKind.FalseKeyword) return 'false';
  if (api.isArrayLiteralExpression(expr) && expr.elements.length === 0) return '[]';
  if (api.isObjectLiteralExpression(expr) && expr.properties.length === 0) return '{}';
  return undefined;
}

/** The function's own statements of one kind, not those of functions nested in it. */
function own<T extends ts.Node>(api: TS, fn: FunctionNode, is: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  if (fn.body) walk(api, fn.body, (n) => is(n) && out.push(n), false);
  return out;
}

function enclosingFunction(api: TS, node: ts.Node): FunctionNode | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(api, n)) return n;
  return undefined;
}

/** A block that logs and then returns instead of failing: `console.error(e); return new Command({ goto: END });`. */
function logThenReturn(api: TS, block: ts.Block): ts.ReturnStatement | undefined {
  const last = block.statements[block.statements.length - 1];
  if (!last || !api.isReturnStatement(last) || !block.statements.some((s) => isLogStatement(api, s))) return undefined;
  if (block.statements.some((s) => api.isThrowStatement(s))) return undefined;
  return last;
}

/** Whether a declared return type lets the value through (`Promise<Config | undefined>` for `undefined`). */
function typeAdmits(type: string, value: Empty): boolean {
  if (/\b(?:any|unknown)\b/.test(type)) return true;
  if (value === 'null') return /\bnull\b/.test(type);
  if (value === 'undefined') return /\b(?:undefined|void)\b/.test(type);
  if (value === 'false') return /\b(?:boolean|false)\b/.test(type);
  return true; // `[]` and `{}` fit any declared array or object type
}

export default defineRule({
  id: 'error-hiding',
  meta: {
    category: 'error-handling',
    severity: 'warn',
    confidence: 'medium',
    description: 'An error turned into silent success: a `throw` replaced by logging and a return, or a new `catch` that logs and returns an empty value.',
    why: 'Assistants make a failing path "work" by logging the error and returning something harmless: a default, an empty list, a redirect. The caller cannot tell failure from an empty result, so the user sees missing data (a configuration silently dropped, a workflow that ends early) and nobody sees the error. AI-written changes mishandle exceptions about twice as often as human ones (CodeRabbit, 2025).',
    fix: 'Keep the `throw` (or rethrow after logging), or return a value the caller must handle as a failure (`{ ok: false, error }`, a rejected promise). If falling back is right, name the function for it (`tryLoadConfig`) or say why in the catch.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/graph/nodes/plan.ts',
          old: "export async function planNode(state: State) {\n  try {\n    const plan = await planner.invoke(state.messages);\n    return { plan };\n  } catch (error) {\n    throw error;\n  }\n}\n",
          code: "export async function planNode(state: State) {\n  try {\n    const plan = await planner.invoke(state.messages);\n    return { plan };\n  } catch (error) {\n    console.error('planning failed', error);\n    return new Command({ goto: END });\n  }\n}\n",
          lines: [7],
        },
        {
          file: 'src/config.ts',
          old: 'export async function loadConfig(path: string): Promise<Config> {\n  const text = await readFile(path, "utf8");\n  return parseConfig(text);\n}\n',
          code: 'export async function loadConfig(path: string): Promise<Config> {\n  try {\n    const text = await readFile(path, "utf8");\n    return parseConfig(text);\n  } catch (error) {\n    core.warning(`cannot read ${path}: ${error}`);\n    return undefined;\n  }\n}\n',
          lines: [5],
        },
      ],
      passes: [
        {
          file: 'src/graph/nodes/plan.ts',
          old: 'export async function planNode(state: State) {\n  if (!state.goal) throw new Error("no goal");\n  return { plan: await planner.invoke(state.goal) };\n}\n',
          code: 'export async function planNode(state: State) {\n  if (!state.goal) {\n    logger.warn("no goal");\n    return { error: "no goal given" };\n  }\n  return { plan: await planner.invoke(state.goal) };\n}\n',
        },
        { file: 'src/prefs.ts', code: 'export function tryReadPrefs(): Prefs | null {\n  try {\n    return JSON.parse(localStorage.getItem("prefs") ?? "");\n  } catch (error) {\n    console.warn("bad prefs", error);\n    return null;\n  }\n}\n' },
        { file: 'src/fs.ts', code: 'export async function exists(path: string) {\n  try {\n    await access(path);\n    return true;\n  } catch (error) {\n    logger.debug("missing", error);\n    return false;\n  }\n}\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    if (file.isTest || !file.sourceFile) return {};
    const sf = file.sourceFile;
    const weight = file.isAuxiliary ? { severity: 'info' as const } : {};
    const lineOf = (node: ts.Node): number => file.lineOf(node.getStart(sf));
    const reported = new Set<ts.Node>();
    const recoveries: { fn: FunctionNode; ret: ts.ReturnStatement }[] = [];
    const removed = new Set(file.removedLines);
    const oldLines = file.oldLines();
    // A throw the change took out: only then is it worth matching the old and new version of functions.
    const throwRemoved = file.removedLines.some((l) => /\bthrow\b/.test(oldLines[l - 1] ?? ''));

    const collectRecovery = (block: ts.Block): void => {
      const ret = logThenReturn(api, block);
      if (!ret || !file.isAddedLine(lineOf(ret)) || REPORTS_FAILURE.test(ret.expression?.getText(sf) ?? '')) return;
      const fn = enclosingFunction(api, block);
      if (fn) recoveries.push({ fn, ret });
    };

    // The old version of a function, matched by its identity (its name and what encloses it); built once.
    let oldVersionOf: ((fn: FunctionNode) => { fn: FunctionNode; sf: ts.SourceFile } | undefined) | undefined;
    const oldVersion = (fn: FunctionNode): { fn: FunctionNode; sf: ts.SourceFile } | undefined => {
      if (!oldVersionOf) {
        const oldSf = file.oldSourceFile();
        if (!oldSf) return undefined;
        const byKey = new Map([...functionIdentities(api, allFunctions(api, oldSf), oldSf)].map(([f, id]) => [id.key, f]));
        const newIds = functionIdentities(api, allFunctions(api, sf), sf);
        oldVersionOf = (f) => {
          const old = byKey.get(newIds.get(f)?.key ?? '');
          return old ? { fn: old, sf: oldSf } : undefined;
        };
      }
      return oldVersionOf(fn);
    };

    /** Part one: a function that threw before and now logs and returns where it threw. */
    const throwsReplaced = (): void => {
      const isThrow = (n: ts.Node): n is ts.ThrowStatement => api.isThrowStatement(n);
      const budget = new Map<FunctionNode, number>();
      for (const { fn, ret } of recoveries) {
        if (!budget.has(fn)) {
          const old = oldVersion(fn);
          const oldThrows = old ? own(api, old.fn, isThrow) : [];
          const gone = oldThrows.filter((t) => removed.has(old!.sf.getLineAndCharacterOfPosition(t.getStart(old!.sf)).line + 1)).length;
          budget.set(fn, Math.min(gone, oldThrows.length - own(api, fn, isThrow).length));
        }
        const left = budget.get(fn)!;
        if (left <= 0) continue;
        budget.set(fn, left - 1);
        reported.add(ret);
        const value = ret.expression ? `\`return ${ret.expression.getText(sf).replace(/\s+/g, ' ').slice(0, 60)}\`` : 'a bare `return`';
        context.report({ node: ret, ...weight, message: `A \`throw\` of \`${functionName(api, fn) ?? 'this function'}\` became logging and ${value}: the caller now carries on as if it succeeded.` });
      }
    };

    /** Part two: a new catch that logs and hands back an empty value from a function that returns data. */
    const checkCatch = (clause: ts.CatchClause): void => {
      if (!file.isAddedLine(lineOf(clause))) return;
      const statements = clause.block.statements;
      const ret = statements[statements.length - 1];
      if (!ret || !api.isReturnStatement(ret) || reported.has(ret)) return;
      if (statements.length < 2 || !statements.slice(0, -1).every((s) => isLogStatement(api, s))) return;
      // A comment in the catch says why falling back is right: a decision, not an accident.
      if (/\/\/|\/\*/.test(file.text.slice(clause.block.getStart(sf) + 1, clause.block.end - 1))) return;
      const value = emptyValue(api, ret.expression);
      const fn = enclosingFunction(api, clause);
      if (!value || !fn || TOLERANT_NAME.test(functionName(api, fn) ?? '') || DOCUMENTED_FALLBACK.test(leadingComments(api, fn, sf))) return;
      const returns = own(api, fn, (n): n is ts.ReturnStatement => api.isReturnStatement(n)).filter((r) => r !== ret);
      const data = returns.filter((r) => r.expression && !emptyValue(api, r.expression) && r.expression.kind !== api.SyntaxKind.TrueKeyword);
      if (data.length === 0) return;
      const declared = fn.type?.getText(sf);
      const excluded = declared !== undefined && !typeAdmits(declared, value);
      // `false` from a function that answers yes or no is an answer, not an empty result.
      if (value === 'false' && !excluded && (declared !== undefined || returns.some((r) => booleanLike(api, r.expression)))) return;
      // The function already answers `null` on another path: its callers handle the value; a note.
      const alreadyReturned = returns.some((r) => emptyValue(api, r.expression) === value);
      // The function recovered from errors before the change (another catch, a `.catch(() => fallback)`):
      // the change moved the fallback, it did not start hiding the error; a note.
      const old = file.oldText !== null ? oldVersion(fn) : undefined;
      const recoveredBefore = old !== undefined && /\bcatch\b/.test(old.fn.getText(old.sf));
      const name = functionName(api, fn) ?? 'this function';
      const why = excluded ? `its declared type \`${declared}\` has no \`${value}\`` : `it returns data elsewhere`;
      context.report({
        node: clause.getChildAt(0, sf),
        ...weight,
        ...((alreadyReturned && !excluded) || recoveredBefore ? { severity: 'info' as const } : {}),
        message: `This \`catch\` logs and returns \`${value}\` from \`${name}\`, whose callers expect data (${why}): the failure reaches them as an empty result.`,
      });
    };

    const catches: ts.CatchClause[] = [];
    return {
      CatchClause(node) {
        catches.push(node);
        collectRecovery(node.block);
      },
      IfStatement(node) {
        for (const branch of [node.thenStatement, node.elseStatement]) if (branch && api.isBlock(branch)) collectRecovery(branch);
      },
      onEnd() {
        if (throwRemoved && recoveries.length > 0) throwsReplaced();
        for (const clause of catches) checkCatch(clause);
      },
    };
  },
});
