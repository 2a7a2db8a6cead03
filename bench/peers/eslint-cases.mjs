// Reads the cases of an ESLint RuleTester test file without running it: the `valid` and `invalid`
// arrays are found in the syntax tree and each element's `code` taken when it is a constant string.
// Cases that configure the rule (`options`), or that need a parser other than the default one (spread
// `...SOMETHING_OPTIONS` naming FLOW or FANTASY, or `parser:`), are returned with `configured: true`
// so suites can leave them out: they test settings or syntax diffwarden has no counterpart for.
import ts from 'typescript';

function constantText(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = constantText(node.left);
    const r = constantText(node.right);
    return l === undefined || r === undefined ? undefined : l + r;
  }
  if (ts.isParenthesizedExpression(node)) return constantText(node.expression);
  return undefined;
}

function caseOf(element, sf) {
  const code = constantText(element);
  if (code !== undefined) return { code, configured: false, messages: [] };
  if (!ts.isObjectLiteralExpression(element)) return undefined;
  let text;
  let configured = false;
  const messages = [];
  for (const p of element.properties) {
    if (ts.isSpreadAssignment(p)) {
      if (/FLOW|FANTASY|PARSER/i.test(p.expression.getText(sf))) configured = true;
      continue;
    }
    const name = p.name?.getText(sf);
    if (name === 'code' && ts.isPropertyAssignment(p)) text = constantText(p.initializer);
    if (name === 'options' || name === 'parser' || name === 'settings') configured = true;
    if (name === 'languageOptions' && /parser\s*:/.test(p.getText(sf))) configured = true;
    if (name === 'errors' && ts.isPropertyAssignment(p)) {
      for (const m of p.initializer.getText(sf).matchAll(/message\s*:\s*(['"`])((?:(?!\1).)*)\1/g)) messages.push(m[2]);
    }
  }
  return text === undefined ? undefined : { code: text, configured, messages };
}

/** { valid: Case[], invalid: Case[] } with Case = { code, configured, messages } for one test file's text. */
export function eslintCases(text) {
  const sf = ts.createSourceFile('cases.js', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const out = { valid: [], invalid: [] };
  const visit = (node) => {
    if (ts.isPropertyAssignment(node) && ts.isArrayLiteralExpression(node.initializer)) {
      const key = node.name.getText(sf);
      if (key === 'valid' || key === 'invalid') {
        for (const el of node.initializer.elements) {
          const c = caseOf(el, sf);
          if (c) out[key].push(c);
        }
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
