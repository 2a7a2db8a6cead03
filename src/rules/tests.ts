import type ts from 'typescript';
import { childrenOf, dottedName, staticString, testCallParts, testCallback, walk } from './ast.js';

type TS = typeof ts;

const ASSERTION_SEGMENT = /^(?:expect\w*|assert\w*|should\w*|verify\w*|check\w*|ok|equal|deepEqual|strictEqual|notEqual|throws|rejects|doesNotThrow|is|not|same|true|false|truthy|falsy|matchSnapshot|toMatch\w*|to[A-Z]\w*|snapshot|fail|pass|plan|calledWith\w*)$/;
const WEAK_MATCHERS = new Set(['toBeDefined', 'toBeTruthy', 'toBeFalsy', 'toBeUndefined', 'toBeNull', 'toHaveBeenCalled', 'toHaveLength', 'toBeInstanceOf']);

/** True for a call that asserts: `expect(…)…`, `assert.equal(…)`, `t.is(…)`, `request(app).expect(200)`. */
export function isAssertionCall(api: TS, call: ts.CallExpression): boolean {
  const name = dottedName(api, call.expression);
  if (!name) return false;
  return name
    .replace(/\(\)/g, '')
    .split('.')
    .some((segment) => ASSERTION_SEGMENT.test(segment));
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
    const skipped = parts.modifiers.includes('skip') || parts.modifiers.includes('todo') || parts.base.startsWith('x');
    out.push({ title: [...path, title].join(' > '), call: node, assertions, strong, skipped });
  }
  return out;
}
