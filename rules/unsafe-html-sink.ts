import type ts from 'typescript';
import { dottedName, walk } from '../src/rules/ast.js';
import { constantString } from '../src/rules/constant-strings.js';
import { defineRule } from '../src/rules/define-rule.js';

const SANITIZER = /sanitiz|purify|escape|encode|safeHtml|trusted/i;
// Functions that turn text into HTML: safe only when they escape or sanitise, which the call rarely shows.
const RENDERER = /render|markdown|marked|highlight|katex|mdx|shiki|prism|hljs|toHtml|html$/i;
// Values any visitor controls: the URL, the referrer, cookies, storage, messages from other windows, form input.
const UNTRUSTED = /(?:^|\.)(?:location|documentURI|referrer|cookie|searchParams|localStorage|sessionStorage)(?:\.|\(|$)|\.(?:URL|query|body|params)(?:\.|\(|$)|^window\.name$|^(?:e|ev|evt|event|message|msg)\.data$|target\.value$/;

/** `safe`: literal or sanitised; `opaque`: HTML from somewhere this file does not show; `untrusted`: raw data spliced into markup, or visitor input. */
type Origin = 'safe' | 'opaque' | 'untrusted';
const RANK: Record<Origin, number> = { safe: 0, opaque: 1, untrusted: 2 };
const worst = (origins: Origin[]): Origin => origins.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'safe');

/** `const` initialisers by name, for names declared exactly once in the file (anything else is not traced). */
function constBindings(api: typeof ts, sf: ts.SourceFile): Map<string, ts.Expression | null> {
  const out = new Map<string, ts.Expression | null>();
  // An explicit stack (walk): the nesting depth is the change's choice.
  walk(api, sf, (node) => {
    if ((api.isVariableDeclaration(node) || api.isParameter(node)) && api.isIdentifier(node.name)) {
      const isConst = api.isVariableDeclaration(node) && (api.getCombinedNodeFlags(node) & api.NodeFlags.Const) !== 0;
      out.set(node.name.text, out.has(node.name.text) || !isConst || !node.initializer ? null : node.initializer);
    }
  });
  return out;
}

/** `useMemo(() => x, deps)` and `computed(() => x)` hold `x`. */
function memoised(api: typeof ts, call: ts.CallExpression): ts.Expression | undefined {
  const fn = call.arguments[0];
  if (!/^(?:React\.)?(?:useMemo|computed|createMemo)$/.test(dottedName(api, call.expression) ?? '') || !fn || !api.isArrowFunction(fn)) return undefined;
  if (!api.isBlock(fn.body)) return fn.body;
  const last = fn.body.statements[fn.body.statements.length - 1];
  return last && api.isReturnStatement(last) ? last.expression : undefined;
}

/** A renderer told to sanitise or to leave raw HTML out: `marked(md, { sanitize: true })`, `new MarkdownIt({ html: false })`. */
function sanitisingOptions(api: typeof ts, call: ts.CallExpression, bindings: () => Map<string, ts.Expression | null>): boolean {
  const says = (args: readonly ts.Expression[] | undefined): boolean =>
    (args ?? []).some((a) => api.isObjectLiteralExpression(a) && /\b(?:sanitize|sanitizer|escape)\s*:\s*(?!false)|\bhtml\s*:\s*false\b/.test(a.getText()));
  if (says(call.arguments)) return true;
  // `md.render(text)` where `const md = new MarkdownIt({ html: false })`.
  if (!api.isPropertyAccessExpression(call.expression)) return false;
  const receiver = traced(api, call.expression.expression, bindings);
  return (api.isNewExpression(receiver) || api.isCallExpression(receiver)) && says(receiver.arguments);
}

/** The expression a name stands for, through `const` bindings of this file. */
function traced(api: typeof ts, node: ts.Expression, bindings: () => Map<string, ts.Expression | null>): ts.Expression {
  for (let depth = 0; depth < 5 && api.isIdentifier(node); depth++) {
    const init = bindings().get(node.text);
    if (!init) break;
    node = init;
  }
  return node;
}

function originOf(api: typeof ts, node: ts.Expression, bindings: () => Map<string, ts.Expression | null>, depth = 0): Origin {
  const recur = (n: ts.Expression): Origin => (depth > 4 ? 'opaque' : originOf(api, n, bindings, depth + 1));
  // In markup, a raw value is text that was never escaped; a call may return HTML built safely elsewhere.
  const spliced = (n: ts.Expression): Origin => {
    const origin = recur(n);
    const source = traced(api, n, bindings);
    return origin === 'opaque' && !api.isCallExpression(source) && !api.isAwaitExpression(source) ? 'untrusted' : origin;
  };
  // `new URLSearchParams(location.search).get('q')`: a member of visitor input is visitor input.
  const carries = (n: ts.Expression): boolean => (api.isPropertyAccessExpression(n) || api.isElementAccessExpression(n)) && recur(n.expression) === 'untrusted';
  if (api.isStringLiteral(node) || api.isNoSubstitutionTemplateLiteral(node) || api.isNumericLiteral(node)) return 'safe';
  // A name or template that can only hold constants (`let c; c = 123;`, `const row = '<tr>'`) carries no data.
  if ((api.isIdentifier(node) || api.isTemplateExpression(node)) && constantString(api, node) !== undefined) return 'safe';
  // `Sanitizer.escapeHTML\`<em>${name}</em>\``: a tag that escapes its substitutions.
  if (api.isTaggedTemplateExpression(node)) return SANITIZER.test(dottedName(api, node.tag) ?? '') ? 'safe' : 'opaque';
  if (api.isParenthesizedExpression(node) || api.isAsExpression(node) || api.isNonNullExpression(node) || api.isAwaitExpression(node)) return recur(node.expression);
  if (api.isTemplateExpression(node)) return worst(node.templateSpans.map((s) => spliced(s.expression)));
  if (api.isConditionalExpression(node)) return worst([recur(node.whenTrue), recur(node.whenFalse)]);
  if (api.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === api.SyntaxKind.PlusToken) return worst([spliced(node.left), spliced(node.right)]);
    if (op === api.SyntaxKind.BarBarToken || op === api.SyntaxKind.QuestionQuestionToken) return worst([recur(node.left), recur(node.right)]);
  }
  const name = dottedName(api, api.isCallExpression(node) ? node.expression : node) ?? '';
  if (UNTRUSTED.test(name)) return 'untrusted';
  if (api.isCallExpression(node)) {
    if (SANITIZER.test(name)) return 'safe';
    // `JSON.stringify({ "@type": "Article" })` into an ld+json script: JSON of literals is a literal.
    if (name === 'JSON.stringify' && node.arguments[0]) return jsonOrigin(api, node.arguments[0], recur);
    const inner = memoised(api, node);
    if (inner) return recur(inner);
    if (RENDERER.test(name) && sanitisingOptions(api, node, bindings)) return 'safe';
    // `decodeURIComponent(location.hash)`, `render(req.body.text)`: visitor input passes through.
    return node.arguments.some((a) => recur(a) === 'untrusted') || carries(node.expression) ? 'untrusted' : 'opaque';
  }
  if (api.isNewExpression(node)) return (node.arguments ?? []).some((a) => recur(a) === 'untrusted') ? 'untrusted' : 'opaque';
  if (carries(node)) return 'untrusted';
  if (api.isIdentifier(node)) {
    const init = bindings().get(node.text);
    return init ? recur(init) : 'opaque';
  }
  return 'opaque';
}

/**
 * The HTML-parsing method a callee names, through parentheses, casts, `(0, el.insertAdjacentHTML)` and
 * `(x = el.insertAdjacentHTML)`: insertAdjacentHTML, createContextualFragment, setHTMLUnsafe, or write /
 * writeln on a receiver named like a document (`document`, `iframe.contentDocument`, `getDocument(id)`).
 */
function htmlSink(api: typeof ts, callee: ts.Expression): string | undefined {
  let node = callee;
  for (let i = 0; i < 8; i++) {
    if (api.isParenthesizedExpression(node) || api.isAsExpression(node) || api.isNonNullExpression(node)) node = node.expression;
    else if (api.isBinaryExpression(node) && (node.operatorToken.kind === api.SyntaxKind.CommaToken || node.operatorToken.kind === api.SyntaxKind.EqualsToken)) node = node.right;
    else break;
  }
  if (!api.isPropertyAccessExpression(node)) return undefined;
  const method = node.name.text;
  if (method === 'insertAdjacentHTML' || method === 'createContextualFragment' || method === 'setHTMLUnsafe') return method;
  if (method !== 'write' && method !== 'writeln') return undefined;
  let receiver: ts.Expression = node.expression;
  while (api.isCallExpression(receiver) || api.isNonNullExpression(receiver) || api.isParenthesizedExpression(receiver)) receiver = receiver.expression;
  const last = api.isPropertyAccessExpression(receiver) ? receiver.name.text : api.isIdentifier(receiver) ? receiver.text : '';
  return /document/i.test(last) ? `${dottedName(api, node.expression) ?? last}.${method}` : undefined;
}

/** Origin of the text JSON.stringify makes of an object or array literal: the worst of its values. */
function jsonOrigin(api: typeof ts, value: ts.Expression, recur: (n: ts.Expression) => Origin): Origin {
  if (api.isArrayLiteralExpression(value)) return worst(value.elements.map((e) => (api.isSpreadElement(e) ? 'opaque' : jsonOrigin(api, e, recur))));
  if (!api.isObjectLiteralExpression(value)) return value.kind === api.SyntaxKind.TrueKeyword || value.kind === api.SyntaxKind.FalseKeyword || value.kind === api.SyntaxKind.NullKeyword ? 'safe' : recur(value);
  return worst(value.properties.map((p) => (api.isPropertyAssignment(p) && !api.isComputedPropertyName(p.name) ? jsonOrigin(api, p.initializer, recur) : 'opaque')));
}

/** `doc.querySelector('ul')` where `doc = parser.parseFromString(html, 'text/html')`: an inert document, where nothing runs. */
function inParsedDocument(api: typeof ts, element: ts.Expression, bindings: () => Map<string, ts.Expression | null>): boolean {
  let node = element;
  for (let step = 0; step < 8; step++) {
    node = traced(api, node, bindings);
    if (api.isCallExpression(node) && api.isPropertyAccessExpression(node.expression)) {
      if (node.expression.name.text === 'parseFromString') return true;
      node = node.expression.expression;
    } else if (api.isPropertyAccessExpression(node) || api.isElementAccessExpression(node) || api.isNonNullExpression(node) || api.isParenthesizedExpression(node)) node = node.expression;
    else return false;
  }
  return false;
}

const WHY = {
  untrusted: 'data that is neither a literal nor escaped',
  opaque: 'a value whose origin this file does not show (make sure it is escaped or sanitised)',
};

export default defineRule({
  id: 'unsafe-html-sink',
  meta: {
    category: 'insecure-api',
    severity: 'block',
    confidence: 'medium',
    description: 'HTML sinks (`innerHTML`, `document.write`, `dangerouslySetInnerHTML`…) fed raw data (block) or HTML of unknown origin (warn).',
    why: 'Writing unsanitised data as HTML is cross-site scripting (CWE-79); assistant-written code fails XSS checks in 86% of cases (Veracode, 2025).',
    fix: 'Set `textContent` for text, build elements with the DOM API, or pass the HTML through a sanitiser such as DOMPurify.sanitize().',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/view.ts', code: 'export function show(el: HTMLElement, name: string) {\n  el.innerHTML = `<b>${name}</b>`;\n}\n', lines: [2] },
        { file: 'src/Bio.tsx', code: 'export const Bio = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n', lines: [1] },
      ],
      passes: [
        { file: 'src/view.tsx', code: "el.innerHTML = '';\nel.textContent = name;\nconst Bio = ({ html }) => <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;\n" },
        { file: 'src/Code.tsx', code: 'export const Code = ({ src }: { src: string }) => {\n  const html = useMemo(() => escapeHtml(src), [src]);\n  return <pre dangerouslySetInnerHTML={{ __html: html }} />;\n};\nconst md = new MarkdownIt({ html: false });\nexport const Doc = ({ text }: { text: string }) => <div dangerouslySetInnerHTML={{ __html: md.render(text) }} />;\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { ts: api, file } = context;
    let memo: Map<string, ts.Expression | null> | undefined;
    const bindings = (): Map<string, ts.Expression | null> => (memo ??= constBindings(api, file.sourceFile!));
    // Every operator that writes the property: `=`, `+=` and the logical assignments.
    const K = api.SyntaxKind;
    const writes = new Set([K.EqualsToken, K.PlusEqualsToken, K.BarBarEqualsToken, K.AmpersandAmpersandEqualsToken, K.QuestionQuestionEqualsToken]);
    const verdict = (node: ts.Node, origin: Origin, sink: string): void => {
      if (origin !== 'safe') context.report({ node, message: `${sink} ${WHY[origin]}.`, ...(origin === 'opaque' ? { severity: 'warn' as const } : {}) });
    };
    const judge = (node: ts.Node, value: ts.Expression, sink: string): void => verdict(node, originOf(api, value, bindings), sink);
    return {
      BinaryExpression(node) {
        if (!writes.has(node.operatorToken.kind) || !api.isPropertyAccessExpression(node.left)) return;
        const prop = node.left.name.text;
        if ((prop === 'innerHTML' || prop === 'outerHTML') && !inParsedDocument(api, node.left.expression, bindings)) judge(node, node.right, `\`${prop}\` is assigned`);
      },
      CallExpression(node) {
        const sink = htmlSink(api, node.expression);
        const html = sink === 'insertAdjacentHTML' ? node.arguments[1] : sink ? node.arguments[0] : undefined;
        if (html) judge(node, html, `\`${sink}\` writes`);
      },
      // `document.write\`<p>${name}</p>\``: the substitutions reach the sink.
      TaggedTemplateExpression(node) {
        const sink = htmlSink(api, node.tag);
        if (!sink || !api.isTemplateExpression(node.template)) return;
        verdict(node, worst(node.template.templateSpans.map((span) => originOf(api, span.expression, bindings))), `\`${sink}\` writes`);
      },
      // `React.createElement('div', { dangerouslySetInnerHTML: { __html: x } })` and props objects spread into JSX.
      PropertyAssignment(node) {
        if (!api.isIdentifier(node.name) || node.name.text !== 'dangerouslySetInnerHTML' || !api.isObjectLiteralExpression(node.initializer)) return;
        for (const p of node.initializer.properties) {
          if (api.isPropertyAssignment(p) && p.name.getText() === '__html') judge(node, p.initializer, '`dangerouslySetInnerHTML` renders');
        }
      },
      JsxAttribute(node) {
        if (node.name.getText() !== 'dangerouslySetInnerHTML' || !node.initializer || !api.isJsxExpression(node.initializer)) return;
        const value = node.initializer.expression;
        if (!value || !api.isObjectLiteralExpression(value)) return;
        for (const p of value.properties) {
          if (api.isPropertyAssignment(p) && p.name.getText() === '__html') judge(node, p.initializer, '`dangerouslySetInnerHTML` renders');
        }
      },
    };
  },
});
