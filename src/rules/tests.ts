import type ts from 'typescript';
import { childrenOf, dottedName, staticString, walk } from './ast.js';
import { optionFlag, testCallParts, testCallback } from './test-calls.js';

type TS = typeof ts;

const ASSERTION_SEGMENT = /^(?:expect[\w$]*|assert[\w$]*|should\w*|verify\w*|check\w*|ok|equal|deepEqual|strictEqual|notEqual|throws|rejects|doesNotThrow|is|not|same|true|false|truthy|falsy|matchSnapshot|toMatch\w*|to[A-Z]\w*|snapshot|fail|pass|plan|calledWith\w*)$/;
const WEAK_MATCHERS = new Set(['toBeDefined', 'toBeTruthy', 'toBeFalsy', 'toBeUndefined', 'toBeNull', 'toHaveBeenCalled', 'toHaveLength', 'toBeInstanceOf']);

/** True for a call that asserts: `expect(…)…`, `assert.equal(…)`, `t.is(…)`, `request(app).expect(200)`. */
export function isAssertionCall(api: TS, call: ts.CallExpression): boolean {
  if (unfinishedExpect(api, call)) return false;
  const name = dottedName(api, call.expression);
  // `new Page().expect(200)`, `(await get()).expect(200)`: the chain has no name, its method still asserts.
  if (!name) return api.isPropertyAccessExpression(call.expression) && ASSERTION_SEGMENT.test(call.expression.name.text);
  return name
    .replace(/\(\)/g, '')
    .split('.')
    .some((segment) => ASSERTION_SEGMENT.test(segment));
}

const EXPECT_CALLS = new Set(['expect', 'expect.soft', 'expect.poll', 'expect.element']);
const EXPECT_MODIFIERS = new Set(['not', 'resolves', 'rejects']);

/**
 * `expect(x)` whose matcher never runs: `expect(x);`, `expect(x).not;`, `expect(x).toBeDefined;`.
 * Returns the uncalled matcher ('' when there is none) and the outermost node of the chain; undefined
 * when a matcher is called or the chain is chai's (`expect(x).to.be.true` asserts by property access).
 */
export function unfinishedExpect(api: TS, call: ts.CallExpression): { matcher: string; chain: ts.Expression } | undefined {
  if (!EXPECT_CALLS.has(dottedName(api, call.expression) ?? '')) return undefined;
  let top: ts.Expression = call;
  let last = '';
  for (let up = top.parent; api.isPropertyAccessExpression(up) && up.expression === top; up = up.parent) {
    top = up;
    last = up.name.text;
  }
  if (api.isCallExpression(top.parent) && top.parent.expression === top && top !== call) return undefined;
  if (last !== '' && !EXPECT_MODIFIERS.has(last) && !/^to[A-Z]/.test(last)) return undefined;
  return { matcher: EXPECT_MODIFIERS.has(last) ? '' : last, chain: top };
}

const OBJECT_MATCHERS = new Set(['toMatchObject', 'toEqual', 'toStrictEqual']);

/**
 * How many values one assertion pins: `toMatchObject({ a, b, c })` checks three fields, as three
 * `expect(x.a).toBe(a)` did. Folding expects into one object matcher is not a weakening.
 */
function fieldsAsserted(api: TS, call: ts.CallExpression, matcher: string): number {
  const arg = call.arguments[0];
  if (!OBJECT_MATCHERS.has(matcher) || !arg || !api.isObjectLiteralExpression(arg)) return 1;
  // Nested objects count by their leaves: `{ content: { type, name, id } }` pins three values, as
  // `expect(x.content.type)…` three times did. An explicit stack: the nesting is the change's choice.
  let leaves = 0;
  const stack: ts.ObjectLiteralExpression[] = [arg];
  for (let obj = stack.pop(); obj !== undefined; obj = stack.pop()) {
    for (const p of obj.properties) {
      if (api.isPropertyAssignment(p) && api.isObjectLiteralExpression(p.initializer) && p.initializer.properties.length > 0) stack.push(p.initializer);
      else leaves++;
    }
  }
  return Math.max(1, leaves);
}

export interface TestCase {
  title: string;
  call: ts.CallExpression;
  assertions: number;
  /** Assertions with a precise matcher (toBe, toEqual…), as opposed to toBeDefined/toBeTruthy. */
  strong: number;
  skipped: boolean;
}

/** Every `it`/`test` with an inline callback, titled by its describe path. */
export function collectTests(api: TS, sf: ts.SourceFile): TestCase[] {
  const out: TestCase[] = [];
  // An explicit stack of (node, describe path), children pushed in reverse: document order, no recursion.
  const stack: [ts.Node, string[]][] = [[sf, []]];
  const pushChildren = (node: ts.Node, path: string[]): void => {
    const children = childrenOf(api, node);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, path]);
  };
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, path] = item;
    const parts = api.isCallExpression(node) ? testCallParts(api, node) : undefined;
    if (!parts || !api.isCallExpression(node)) {
      pushChildren(node, path);
      continue;
    }
    const title = staticString(api, node.arguments[0]) ?? node.arguments[0]?.getText(sf) ?? '';
    const callback = testCallback(api, node);
    if (parts.kind === 'suite') {
      if (callback) pushChildren(callback, [...path, title]);
      continue;
    }
    let assertions = 0;
    let strong = 0;
    if (callback) {
      walk(api, callback, (n) => {
        if (!api.isCallExpression(n) || !isAssertionCall(api, n)) return;
        // Count a chain once, at its outermost call: expect(a).toBe(b) is one assertion.
        if (api.isPropertyAccessExpression(n.parent) && api.isCallExpression(n.parent.parent)) return;
        const matcher = api.isPropertyAccessExpression(n.expression) ? n.expression.name.text : '';
        const weight = fieldsAsserted(api, n, matcher);
        assertions += weight;
        if (!WEAK_MATCHERS.has(matcher)) strong += weight;
      });
    }
    const skipped = parts.modifiers.includes('skip') || parts.modifiers.includes('todo') || parts.base.startsWith('x') || optionFlag(api, node, 'skip') !== undefined;
    out.push({ title: [...path, title].join(' > '), call: node, assertions, strong, skipped });
  }
  return out;
}
