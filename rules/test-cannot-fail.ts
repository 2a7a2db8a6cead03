import type ts from 'typescript';
import { dottedName, walk } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { collectTests, isAssertionCall, type TestCase } from '../src/rules/tests.js';

// What lets time pass in a test: awaiting, advancing fake timers, flushing, waiting for the DOM.
const WAIT = /\b(?:advanceTimersByTime(?:Async)?|advanceTimersToNextTimer(?:Async)?|runAllTimers(?:Async)?|runOnlyPendingTimers(?:Async)?|runAllTicks|tickAsync|tick|flushPromises|flushMicrotasks|waitFor\w*|find(?:All)?By\w+|sleep|delay|setTimeout)\s*\(/g;
const CLEARS = /\.(?:mockClear|mockReset)\s*\(\s*\)$|^(?:vi|jest)\.(?:clearAllMocks|resetAllMocks)\s*\(\s*\)$/;
// Assertions that a mock was not called (or called zero times).
const NOT_CALLED = /\.not\.toHaveBeenCalled(?:With)?\s*\(|\.not\.toBeCalled\s*\(|\.toHaveBeenCalledTimes\s*\(\s*0\s*\)|\.toBeCalledTimes\s*\(\s*0\s*\)|\bcalls(?:\.length\)\.toBe\s*\(\s*0\s*\)|\)\.toHaveLength\s*\(\s*0\s*\))/;
const GLOBALS = /^(?:document|document\.body|document\.documentElement|window|globalThis|global|navigator|self)$/;
const PRESENCE = new Set(['toBeTruthy', 'toBeDefined', 'toBeInstanceOf']);

/** The callee text of a statement that is only a call, or undefined. */
function callText(api: typeof ts, statement: ts.Statement, sf: ts.SourceFile): string | undefined {
  if (!api.isExpressionStatement(statement)) return undefined;
  let expr = statement.expression;
  while (api.isAwaitExpression(expr) || api.isVoidExpression(expr)) expr = expr.expression;
  return api.isCallExpression(expr) ? expr.getText(sf) : undefined;
}

/** Whether a statement may let a mock be called: it awaits, or calls anything but assertions and mock resets. */
function mayRunCode(api: typeof ts, statement: ts.Statement, sf: ts.SourceFile): boolean {
  let runs = false;
  walk(api, statement, (n) => {
    if (runs) return;
    if (api.isAwaitExpression(n) || api.isYieldExpression(n)) runs = true;
    else if (api.isCallExpression(n) && !isAssertionCall(api, n) && !CLEARS.test(n.getText(sf)) && !n.getText(sf).includes('.mock.') && dottedName(api, n.expression) !== 'expect') runs = true;
  });
  return runs;
}

/** The test's assertions, outermost calls only. */
function assertionsOf(api: typeof ts, test: TestCase): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const callback = test.call.arguments.find((a) => api.isArrowFunction(a) || api.isFunctionExpression(a));
  if (!callback) return out;
  walk(api, callback, (n) => {
    if (!api.isCallExpression(n) || !isAssertionCall(api, n)) return;
    // Count a chain once, at its outermost call: `expect(a).not.toThrow()` is one assertion.
    let top: ts.Node = n;
    while (api.isPropertyAccessExpression(top.parent)) top = top.parent;
    if (top !== n && api.isCallExpression(top.parent) && top.parent.expression === top) return;
    out.push(n);
  });
  return out;
}

/** The subject of `expect(subject).toBeTruthy()` (or toBeDefined, toBeInstanceOf), else undefined. */
function presenceSubject(api: typeof ts, call: ts.CallExpression): ts.Expression | undefined {
  if (!api.isPropertyAccessExpression(call.expression) || !PRESENCE.has(call.expression.name.text)) return undefined;
  const inner = call.expression.expression;
  if (!api.isCallExpression(inner) || dottedName(api, inner.expression) !== 'expect' || inner.arguments.length !== 1) return undefined;
  return inner.arguments[0];
}

/** Why a presence check cannot fail: the subject is a global that always exists, or an object the test just built. */
function alwaysPresent(api: typeof ts, test: TestCase, call: ts.CallExpression, sf: ts.SourceFile): string | undefined {
  const subject = presenceSubject(api, call);
  if (!subject) return undefined;
  const text = subject.getText(sf);
  if (GLOBALS.test(text)) return `checks that \`${text}\` exists, which is true in every test`;
  if (!api.isIdentifier(subject)) return undefined;
  let built = false;
  walk(api, test.call, (n) => {
    if (!api.isVariableDeclaration(n) || !api.isIdentifier(n.name) || n.name.text !== text || !n.initializer) return;
    const init = n.initializer;
    built ||= api.isNewExpression(init) || api.isObjectLiteralExpression(init) || api.isArrayLiteralExpression(init);
  });
  return built ? `checks that \`${text}\`, which the test itself just built with a literal or \`new\`, exists` : undefined;
}

/** Each `mock.mockClear()` followed by "was not called" with nothing in between that could call it. */
function clearThenNotCalled(api: typeof ts, sf: ts.SourceFile): { key: string; mock: string; assertion: ts.Statement }[] {
  const out: { key: string; mock: string; assertion: ts.Statement }[] = [];
  walk(api, sf, (block) => {
    if (!api.isBlock(block)) return;
    const statements = block.statements;
    for (let i = 0; i < statements.length; i++) {
      const clear = callText(api, statements[i]!, sf);
      if (!clear || !CLEARS.test(clear)) continue;
      const mock = /^(?:vi|jest)\./.test(clear) ? '' : clear.slice(0, clear.lastIndexOf('.'));
      for (let j = i + 1; j < statements.length; j++) {
        const next = statements[j]!;
        const text = next.getText(sf);
        if (NOT_CALLED.test(text) && (mock === '' || text.includes(mock) || /\bcalls\b/.test(text))) {
          out.push({ key: `${clear}\n${text}`, mock, assertion: next });
          break;
        }
        if (mayRunCode(api, next, sf)) break;
      }
    }
  });
  return out;
}

function waitsIn(text: string): number {
  return text.match(WAIT)?.length ?? 0;
}

export default defineRule({
  id: 'test-cannot-fail',
  meta: {
    category: 'test-integrity',
    severity: 'warn',
    confidence: 'medium',
    description: 'A test that cannot fail: "not called" right after `mockClear()`, a lone `toBeTruthy()` on `document.body`, or a wait removed before unchanged assertions.',
    why: 'Agents make a flaky or failing test pass by removing what lets the code run before the check: the wait for a debounced call, the timer advance. `mockFn.mockClear(); expect(mockFn).not.toHaveBeenCalled()` is then true by construction, and `expect(document.body).toBeTruthy()` is true in every DOM test.',
    fix: 'Let the code under test run before asserting (await it, advance the fake timers), and assert on what it produced, not on globals that always exist.',
    files: 'code',
    scope: 'change',
    examples: {
      fires: [
        {
          file: 'src/search.test.ts',
          code: "it('debounces', () => {\n  onSearch.mockClear();\n  input.type('abc');\n  onSearch.mockClear();\n  expect(onSearch).not.toHaveBeenCalled();\n});\n",
          lines: [5],
        },
        { file: 'src/App.test.tsx', code: "it('renders', () => {\n  render(<App />);\n  expect(document.body).toBeTruthy();\n});\n", lines: [3] },
      ],
      passes: [
        { file: 'src/search.test.ts', code: "it('debounces', async () => {\n  onSearch.mockClear();\n  input.type('abc');\n  expect(onSearch).not.toHaveBeenCalled();\n  await vi.advanceTimersByTimeAsync(300);\n  expect(onSearch).toHaveBeenCalledWith('abc');\n});\n" },
        { file: 'src/App.test.tsx', code: "it('renders', () => {\n  render(<App />);\n  expect(document.body).toBeTruthy();\n  expect(screen.getByRole('main')).toBeInTheDocument();\n});\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    if (!file.isTest || !file.sourceFile) return {};
    const sf = file.sourceFile;
    const added = (node: ts.Node): boolean => file.isAddedLine(file.lineOf(node.getStart(sf)));
    return {
      onEnd() {
        const oldSf = file.oldSourceFile();
        // Only pairs the change made: a new clear or assertion, or a wait taken out from between them.
        const oldPairs = new Set(oldSf ? clearThenNotCalled(api, oldSf).map((p) => p.key) : []);
        for (const pair of clearThenNotCalled(api, sf)) {
          if (oldPairs.has(pair.key)) continue;
          context.report({ node: pair.assertion, message: `Asserts that \`${pair.mock || 'the mocks'}\` was not called right after clearing ${pair.mock ? 'it' : 'them'}, with nothing run in between: it cannot fail.` });
        }
        const tests = collectTests(api, sf);
        for (const test of tests) {
          if (test.skipped) continue;
          const asserts = assertionsOf(api, test);
          const only = asserts.length === 1 ? asserts[0]! : undefined;
          if (!only || !added(only)) continue;
          const why = alwaysPresent(api, test, only, sf);
          if (why) context.report({ node: only, message: `The only assertion of "${test.title}" ${why}: it cannot fail.` });
          // `expect(() => run()).not.toThrow()` alone passes for any result that is not an exception.
          else if (/\.not\.toThrow(?:Error)?\s*\(\s*\)$/.test(only.getText(sf))) context.report({ node: only, severity: 'info', message: `The only assertion of "${test.title}" is that the call does not throw: any result passes.` });
        }
        if (!oldSf) return;
        const before = new Map(collectTests(api, oldSf).map((t) => [t.title, t]));
        for (const test of tests) {
          const old = before.get(test.title);
          if (!old || test.skipped || test.assertions === 0 || test.assertions < old.assertions) continue;
          const lost = waitsIn(old.call.getText(oldSf)) - waitsIn(test.call.getText(sf));
          if (lost <= 0) continue;
          context.report({
            node: test.call.expression,
            message: `"${test.title}" lost ${lost === 1 ? 'a wait or timer advance' : `${lost} waits or timer advances`} while its ${test.assertions} assertion${test.assertions === 1 ? '' : 's'} stayed: they may now run before the code they check.`,
          });
        }
      },
    };
  },
});
