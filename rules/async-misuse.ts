import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

export default defineRule({
  id: 'async-misuse',
  meta: {
    category: 'error-handling',
    severity: 'warn',
    confidence: 'high',
    description: 'An async callback where nobody awaits it: `forEach(async …)`, `useEffect(async …)`, `new Promise(async …)`.',
    why: 'forEach ignores the promises its callback returns, so the loop "finishes" before the work and rejections go unhandled; React ignores an async effect\'s cleanup; an async Promise executor loses thrown errors. Concurrency bugs are about twice as frequent in AI-written changes.',
    fix: 'Use `for … of` with `await`, or `await Promise.all(items.map(async …))`; call an async function inside a synchronous effect.',
    files: 'code',
    examples: {
      fires: [{ file: 'src/sync.ts', code: 'export async function syncAll(ids: string[]) {\n  ids.forEach(async (id) => {\n    await sync(id);\n  });\n}\n', lines: [2] }],
      passes: [{ file: 'src/sync.ts', code: 'export async function syncAll(ids: string[]) {\n  await Promise.all(ids.map(async (id) => sync(id)));\n}\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const api = context.ts;
    const isAsyncFn = (node: import('typescript').Node | undefined): boolean =>
      node !== undefined && (api.isArrowFunction(node) || api.isFunctionExpression(node)) && (api.getModifiers(node) ?? []).some((m) => m.kind === api.SyntaxKind.AsyncKeyword);
    return {
      CallExpression(node) {
        const name = dottedName(api, node.expression) ?? '';
        const first = node.arguments[0];
        if (name.endsWith('.forEach') && isAsyncFn(first)) context.report({ node: node.expression, message: '`forEach` does not wait for an async callback; its rejections go unhandled.' });
        else if (/^(?:React\.)?use(?:Layout)?Effect$/.test(name) && isAsyncFn(first)) context.report({ node: node.expression, message: `\`${name}\` callback must not be async: React ignores the returned promise.` });
      },
      NewExpression(node) {
        if (dottedName(api, node.expression) === 'Promise' && isAsyncFn(node.arguments?.[0])) context.report({ node, message: 'An async Promise executor loses errors thrown after the first await.' });
      },
    };
  },
});
