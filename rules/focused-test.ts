import type ts from 'typescript';
import { testCallParts, walk } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

// Jasmine/Jest globals only mean a focused test where nothing else in the file is called that
// (`const fit = …` for image fitting) and the file is a test; imports from runners still count.
const PREFIXED = new Set(['fit', 'fdescribe']);
const RUNNERS = /^(?:@jest\/globals|vitest|jasmine|mocha|bun:test|@playwright\/test)$/;

type TS = typeof ts;

/** Whether `name` is declared in the file (variable, function, parameter, class, non-runner import). */
function declares(api: TS, file: ts.SourceFile, name: string): boolean {
  if (!file.text.includes(name)) return false;
  let found = false;
  // walk keeps an explicit stack: the nesting depth is the change's choice.
  walk(api, file, (node) => {
    if (found) return;
    const named = (node as { name?: ts.Node }).name;
    if (named && api.isIdentifier(named) && named.text === name && isDeclaration(api, node)) found = true;
  });
  return found;
}

function isDeclaration(api: TS, node: ts.Node): boolean {
  if (api.isVariableDeclaration(node) || api.isFunctionDeclaration(node) || api.isParameter(node) || api.isClassDeclaration(node)) return true;
  if (!api.isImportSpecifier(node) && !api.isImportClause(node) && !api.isNamespaceImport(node)) return false;
  const decl = api.findAncestor(node, api.isImportDeclaration);
  return !decl || !api.isStringLiteral(decl.moduleSpecifier) || !RUNNERS.test(decl.moduleSpecifier.text);
}

export default defineRule({
  id: 'focused-test',
  meta: {
    category: 'test-integrity',
    severity: 'block',
    confidence: 'high',
    description: '`it.only`, `describe.only`, `fit` or `fdescribe`: a focused test that makes the runner skip every other test.',
    why: 'A focused test left in a commit silently turns the whole suite into one test; CI stays green while nothing else runs.',
    fix: 'Remove `.only` (or the `f` prefix).',
    files: 'code',
    examples: {
      fires: [{ file: 'src/cart.test.ts', code: "describe('cart', () => {\n  it.only('adds', () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n", lines: [2] }],
      passes: [
        { file: 'src/cart.test.ts', code: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\nconst only = [1].filter(Boolean);\n" },
        { file: 'src/pages/cover.tsx', code: "const fit = (w: number, h: number) => Math.min(w, h);\nexport const size = fit(640, 480);\n" },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const api = context.ts;
    const { file } = context;
    const shadowed = new Map<string, boolean>();
    const prefixedFocus = (base: string): boolean => {
      if (!file.isTest) return false;
      if (!shadowed.has(base)) shadowed.set(base, file.sourceFile !== undefined && declares(api, file.sourceFile, base));
      return !shadowed.get(base);
    };
    return {
      CallExpression(node) {
        const parts = testCallParts(api, node);
        if (!parts) return;
        const focused = parts.modifiers.includes('only') || (PREFIXED.has(parts.base) && prefixedFocus(parts.base));
        if (focused && node.arguments.length > 0) context.report({ node: node.expression, message: `Focused test \`${node.expression.getText(context.file.sourceFile)}\`: every other test will be skipped.` });
      },
    };
  },
});
