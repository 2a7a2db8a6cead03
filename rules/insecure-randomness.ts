import type ts from 'typescript';
import { dottedName, functionName, isFunctionNode, words } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const SECRET_WORDS = new Set(['token', 'secret', 'password', 'passwd', 'otp', 'salt', 'nonce', 'key', 'session', 'csrf', 'uuid', 'guid', 'apikey', 'auth', 'verification', 'reset', 'invite', 'pin', 'code', 'signature', 'credential']);
const HARMLESS_WORDS = new Set(['color', 'colour', 'delay', 'jitter', 'animation', 'index', 'sample', 'shuffle', 'position', 'offset', 'width', 'height', 'opacity', 'test', 'mock', 'fake']);

function contextNames(api: typeof ts, node: ts.Node): string[] {
  const names: string[] = [];
  for (let n: ts.Node | undefined = node.parent; n && names.length < 3; n = n.parent) {
    if (api.isVariableDeclaration(n) && api.isIdentifier(n.name)) names.push(n.name.text);
    else if ((api.isPropertyAssignment(n) || api.isPropertyDeclaration(n)) && !api.isComputedPropertyName(n.name)) names.push(n.name.getText());
    else if (api.isBinaryExpression(n) && n.operatorToken.kind === api.SyntaxKind.EqualsToken) names.push(n.left.getText().split('.').pop() ?? '');
    else if (isFunctionNode(api, n)) {
      const name = functionName(api, n);
      if (name) names.push(name);
      break;
    }
  }
  return names;
}

export default defineRule({
  id: 'insecure-randomness',
  meta: {
    category: 'insecure-api',
    severity: 'warn',
    confidence: 'medium',
    description: '`Math.random()` used for a token, password, key, code or other secret.',
    why: "Math.random is predictable: its output can be reconstructed from a few samples (CWE-330, the most frequent weakness in Copilot's JavaScript in one study). Tokens made with it can be guessed.",
    fix: 'Use crypto.randomBytes / crypto.randomUUID() (Node) or crypto.getRandomValues() (browser).',
    files: 'code',
    examples: {
      fires: [{ file: 'src/reset.ts', code: 'export function resetToken() {\n  return Math.random().toString(36).slice(2);\n}\n', lines: [2] }],
      passes: [{ file: 'src/ui.ts', code: 'const jitter = Math.random() * 100;\nexport const pickColor = () => COLORS[Math.floor(Math.random() * COLORS.length)];\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const api = context.ts;
    if (context.file.isTest) return {};
    return {
      CallExpression(node) {
        if (dottedName(api, node.expression) !== 'Math.random') return;
        const found = contextNames(api, node).flatMap(words);
        if (found.some((w) => HARMLESS_WORDS.has(w))) return;
        const hit = found.find((w) => SECRET_WORDS.has(w));
        if (hit) context.report({ node, message: `\`Math.random()\` is not cryptographically secure, yet it makes a ${hit} here.` });
      },
    };
  },
});
