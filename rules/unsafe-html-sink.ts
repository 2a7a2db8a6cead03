import type ts from 'typescript';
import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const SANITIZER = /sanitiz|purify|escape|encode|safeHtml|trusted/i;

/** Safe when every part is: an explicit stack, since the expression's depth is the change's choice. */
function isSafe(api: typeof ts, start: ts.Expression): boolean {
  const stack: ts.Expression[] = [start];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node)) continue;
    if (api.isParenthesizedExpression(node)) stack.push(node.expression);
    else if (api.isCallExpression(node)) {
      if (!SANITIZER.test(dottedName(api, node.expression) ?? '')) return false;
    } else if (api.isTemplateExpression(node)) stack.push(...node.templateSpans.map((s) => s.expression));
    else if (api.isBinaryExpression(node) && node.operatorToken.kind === api.SyntaxKind.PlusToken) stack.push(node.left, node.right);
    else if (api.isConditionalExpression(node)) stack.push(node.whenTrue, node.whenFalse);
    else return false;
  }
  return true;
}

export default defineRule({
  id: 'unsafe-html-sink',
  meta: {
    category: 'insecure-api',
    severity: 'block',
    confidence: 'medium',
    description: '`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document.write` or `dangerouslySetInnerHTML` fed a value that is not a literal or sanitised.',
    why: 'Writing unsanitised data as HTML is cross-site scripting (CWE-79); assistant-written code fails XSS checks in 86% of cases (Veracode, 2025).',
    fix: 'Set `textContent` for text, build elements with the DOM API, or pass the HTML through a sanitiser such as DOMPurify.sanitize().',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/view.ts', code: 'export function show(el: HTMLElement, name: string) {\n  el.innerHTML = `<b>${name}</b>`;\n}\n', lines: [2] },
        { file: 'src/Bio.tsx', code: 'export const Bio = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n', lines: [1] },
      ],
      passes: [{ file: 'src/view.tsx', code: "el.innerHTML = '';\nel.textContent = name;\nconst Bio = ({ html }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;\n" }],
    },
  },
  defaultOptions: {},
  create(context) {
    const api = context.ts;
    return {
      BinaryExpression(node) {
        const op = node.operatorToken.kind;
        if (op !== api.SyntaxKind.EqualsToken && op !== api.SyntaxKind.PlusEqualsToken) return;
        if (!api.isPropertyAccessExpression(node.left)) return;
        const prop = node.left.name.text;
        if ((prop === 'innerHTML' || prop === 'outerHTML') && !isSafe(api, node.right)) context.report({ node, message: `\`${prop}\` is assigned a value that is neither a literal nor sanitised.` });
      },
      CallExpression(node) {
        const name = dottedName(api, node.expression) ?? '';
        const html = name.endsWith('.insertAdjacentHTML') ? node.arguments[1] : /^(?:window\.)?document\.write(?:ln)?$/.test(name) ? node.arguments[0] : undefined;
        if (html && !isSafe(api, html)) context.report({ node, message: `\`${name}\` writes HTML that is neither a literal nor sanitised.` });
      },
      JsxAttribute(node) {
        if (node.name.getText() !== 'dangerouslySetInnerHTML' || !node.initializer || !api.isJsxExpression(node.initializer)) return;
        const value = node.initializer.expression;
        if (!value || !api.isObjectLiteralExpression(value)) return;
        for (const p of value.properties) {
          if (api.isPropertyAssignment(p) && p.name.getText() === '__html' && !isSafe(api, p.initializer)) {
            context.report({ node, message: '`dangerouslySetInnerHTML` renders a value that is neither a literal nor sanitised.' });
          }
        }
      },
    };
  },
});
