// Reads the cases of ESLint RuleTester files (`ruleTester.run(name, rule, { valid: [...], invalid: [...] })`)
// with TypeScript's parser: plain strings, templates (a `dedent` tag is applied) and `{ code, options, ... }`
// objects. Cases whose code is built at run time (a template with substitutions, a variable) are returned
// with `code: undefined` so a suite can count them as unreadable instead of dropping them silently.
import ts from 'typescript';

/** The common indentation of a dedent`…` template removed, with its first and last blank lines. */
function dedent(text) {
  const lines = text.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

function codeOf(node) {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTaggedTemplateExpression(node) && ts.isNoSubstitutionTemplateLiteral(node.template)) {
    return node.tag.getText() === 'dedent' ? dedent(node.template.text) : node.template.text;
  }
  return undefined;
}

function property(obj, name) {
  return obj.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name)?.initializer;
}

/** Message ids a case expects: `errors: [{ messageId: 'x' }]`. */
function messageIds(obj) {
  const errors = property(obj, 'errors');
  if (!errors || !ts.isArrayLiteralExpression(errors)) return [];
  return errors.elements.flatMap((e) => {
    const id = ts.isObjectLiteralExpression(e) ? property(e, 'messageId') : undefined;
    return id && ts.isStringLiteralLike(id) ? [id.text] : [];
  });
}

function caseOf(element, kind, run, index) {
  const base = { kind, run, index, options: '', messageIds: [] };
  if (!ts.isObjectLiteralExpression(element)) return { ...base, code: codeOf(element), source: element.getText() };
  const code = property(element, 'code');
  return {
    ...base,
    code: codeOf(code),
    source: code?.getText() ?? element.getText(),
    // Options or settings that change what the peer's rule looks for (assertion names, aliases, typecheck).
    options: ['options', 'settings'].map((k) => property(element, k)?.getText() ?? '').join(' ').trim(),
    messageIds: messageIds(element),
  };
}

/** Every case of every `*.run(name, rule, { valid, invalid })` call in `text`. */
export function ruleTesterCases(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'run' && node.arguments.length === 3) {
      const [name, , body] = node.arguments;
      if (ts.isObjectLiteralExpression(body)) {
        const run = ts.isStringLiteralLike(name) ? name.text : name.getText();
        for (const kind of ['valid', 'invalid']) {
          const list = property(body, kind);
          if (list && ts.isArrayLiteralExpression(list)) list.elements.forEach((e, i) => out.push(caseOf(e, kind, run, i)));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
