import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';

const ENV_LINE = /\bNODE_TLS_REJECT_UNAUTHORIZED\s*[=:]\s*["']?0\b/g;

export default defineRule({
  id: 'tls-verification-off',
  meta: {
    category: 'insecure-api',
    severity: 'block',
    confidence: 'high',
    description: 'TLS certificate checks turned off: `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `strictSSL: false`.',
    why: 'Without certificate verification anyone on the network path can read and change the traffic (CWE-295). It is the usual quick fix for a self-signed certificate error, and it tends to reach production.',
    fix: 'Trust the specific CA instead (`ca: fs.readFileSync(caPath)` or NODE_EXTRA_CA_CERTS).',
    files: 'text',
    examples: {
      fires: [
        { file: 'src/http.ts', code: "import https from 'node:https';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\n", lines: [2] },
        { file: '.env', code: 'NODE_TLS_REJECT_UNAUTHORIZED=0\n', lines: [1] },
      ],
      passes: [
        { file: 'src/http.ts', code: "export const agent = new https.Agent({ ca: readFileSync('ca.pem'), rejectUnauthorized: true });\n" },
        { file: 'docs/tls.md', code: 'Never set `NODE_TLS_REJECT_UNAUTHORIZED=0` in production.\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    const severity = file.isTest || /(?:^|\/)scripts?\//.test(file.path) ? ('warn' as const) : undefined;
    const report = (args: { start: number; end: number } | { node: import('typescript').Node }, message: string): void => context.report({ ...args, message, ...(severity ? { severity } : {}) });
    if (file.kind !== 'code') {
      return {
        onFile() {
          if (file.kind === 'markdown') return; // documentation may mention the variable
          ENV_LINE.lastIndex = 0;
          for (let m = ENV_LINE.exec(file.text); m; m = ENV_LINE.exec(file.text)) report({ start: m.index, end: m.index + m[0].length }, 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for the whole process.');
        },
      };
    }
    const api = context.ts; // code files only: context.ts loads TypeScript on first use
    return {
      PropertyAssignment(node) {
        const key = node.name.getText(file.sourceFile).replace(/['"]/g, '');
        const off = node.initializer.kind === api.SyntaxKind.FalseKeyword;
        if (off && (key === 'rejectUnauthorized' || key === 'strictSSL' || key === 'verifySsl')) report({ node }, `\`${key}: false\` turns off TLS certificate verification.`);
      },
      BinaryExpression(node) {
        if (node.operatorToken.kind !== api.SyntaxKind.EqualsToken) return;
        const left = node.left.getText(file.sourceFile).replace(/\s/g, '');
        if (/NODE_TLS_REJECT_UNAUTHORIZED/.test(left) && /^['"`]?0['"`]?$/.test(node.right.getText(file.sourceFile))) report({ node }, 'NODE_TLS_REJECT_UNAUTHORIZED = 0 turns off certificate checks for the whole process.');
        const name = dottedName(api, node.left);
        if (name?.endsWith('.rejectUnauthorized') && node.right.kind === api.SyntaxKind.FalseKeyword) report({ node }, '`rejectUnauthorized = false` turns off TLS certificate verification.');
      },
    };
  },
});
