import type ts from 'typescript';
import { dottedName, isDynamic } from '../src/rules/ast.js';
import { constantString, valuesOf } from '../src/rules/constant-strings.js';
import { defineRule } from '../src/rules/define-rule.js';

const EVAL = new Set(['eval', 'window.eval', 'globalThis.eval', 'global.eval', 'vm.runInThisContext', 'vm.runInNewContext', 'vm.runInContext', 'vm.compileFunction']);
const VM_MODULES = new Set(['vm', 'node:vm']);

/** Iterative: a change decides how long its concatenations are. */
function isStringBuilt(api: typeof ts, start: ts.Expression): boolean {
  const stack: ts.Expression[] = [start];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    while (api.isParenthesizedExpression(node)) node = node.expression;
    if (api.isTemplateExpression(node)) return true;
    if (!api.isBinaryExpression(node) || node.operatorToken.kind !== api.SyntaxKind.PlusToken) continue;
    if (api.isStringLiteral(node.left) || api.isStringLiteral(node.right)) return true;
    stack.push(node.right, node.left);
  }
  return false;
}

/** A string built at run time, directly or in the local the argument names (`const code = \`…${x}\`; setTimeout(code)`). */
function isStringBuiltHere(api: typeof ts, node: ts.Expression): boolean {
  if (isStringBuilt(api, node)) return true;
  return api.isIdentifier(node) && (valuesOf(api, node) ?? []).some((v) => v !== 'undefined' && isStringBuilt(api, v));
}

/** Built at run time and not a local constant (`const CODE = 'return 1'; eval(CODE)` carries no data). */
const runTimeValue = (api: typeof ts, node: ts.Expression): boolean => isDynamic(api, node) && constantString(api, node) === undefined;

export default defineRule({
  id: 'dynamic-code-exec',
  meta: {
    category: 'insecure-api',
    severity: 'block',
    confidence: 'high',
    description: '`eval`, `new Function`, `vm.run*` or a string `setTimeout` on a value built at run time.',
    why: 'Evaluating a string built from data runs whatever that data says (CWE-94, one of the most frequent weaknesses in assistant-written JavaScript). It also defeats bundlers, CSP and type checking.',
    fix: 'Parse data with JSON.parse, dispatch through a lookup table of functions, or pass a function (not a string) to setTimeout.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/calc.ts', code: 'export const calc = (expr: string) => eval(expr);\n', lines: [1] },
        { file: 'src/rules.ts', code: "export const compile = (body: string) => new Function('x', `return ${body}`);\n", lines: [1] },
      ],
      passes: [{ file: 'src/calc.ts', code: "const fn = new Function('return this')();\nsetTimeout(() => tick(), 100);\nregex.exec(text);\n" }],
    },
  },
  defaultOptions: {},
  create(context) {
    const api = context.ts;
    // `import { runInNewContext } from 'node:vm'` and `import * as sandbox from 'vm'`: the names the vm API goes by here.
    const vmNames = new Map<string, string>();
    const vmSpaces = new Set<string>();
    const canonical = (name: string): string => {
      const dot = name.indexOf('.');
      if (dot < 0) return vmNames.get(name) ?? name;
      return vmSpaces.has(name.slice(0, dot)) ? `vm${name.slice(dot)}` : name;
    };
    return {
      ImportDeclaration(node) {
        const clause = node.importClause;
        if (!clause || !api.isStringLiteral(node.moduleSpecifier) || !VM_MODULES.has(node.moduleSpecifier.text)) return;
        if (clause.name) vmSpaces.add(clause.name.text);
        const b = clause.namedBindings;
        if (b && api.isNamespaceImport(b)) vmSpaces.add(b.name.text);
        if (b && api.isNamedImports(b)) for (const el of b.elements) vmNames.set(el.name.text, `vm.${(el.propertyName ?? el.name).text}`);
      },
      CallExpression(node) {
        const raw = dottedName(api, node.expression);
        const name = raw && canonical(raw);
        const first = node.arguments[0];
        if (!name || !first) return;
        // `Function('a', 'b', body)` without `new` compiles like `new Function`: any argument counts.
        const code = name === 'Function' ? node.arguments : EVAL.has(name) ? [first] : [];
        if (code.some((a) => runTimeValue(api, a))) context.report({ node, message: `\`${name}\` evaluates a string built at run time.` });
        else if (/^(?:window\.|globalThis\.)?set(?:Timeout|Interval)$/.test(name) && isStringBuiltHere(api, first)) context.report({ node, message: `\`${name}\` with a string evaluates it as code.` });
      },
      NewExpression(node) {
        const raw = dottedName(api, node.expression);
        const name = raw && canonical(raw);
        if ((name !== 'Function' && name !== 'vm.Script') || !node.arguments?.length) return;
        if (node.arguments.some((a) => runTimeValue(api, a))) context.report({ node, message: `\`new ${name}\` compiles a string built at run time.` });
      },
    };
  },
});
