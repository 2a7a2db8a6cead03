import type ts from 'typescript';
import { staticString, words } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { isPlaceholder } from '../src/secrets/detect.js';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'pass']);
const NOT_VALUES = /^(?:password|passwd|new-password|current-password|one-time-code|text|hidden|off|on|true|false|null|none|required|\*+|•+)$/i;
// Schemas name a field's type where a config would hold its value: `password: String!`, `password: string`.
const TYPE_NAMES = /^(?:string|str|number|integer|int|boolean|bool|object|any|unknown|secretstr|varchar(?:\(\d+\))?)!?$/i;
// The value must be on the key's own line: `password:` followed by an indented `type: string` is a schema.
const TEXT_LINE = /^[ \t]*(?:export[ \t]+)?["']?([\w.-]*?(?:password|passwd|pwd|passphrase))["']?[ \t]*[:=][ \t]*["']?([^\s"'#,]{4,})/gim;

export function isHardcodedPassword(name: string, value: string): boolean {
  const w = words(name);
  const last = w[w.length - 1];
  if (!last || !PASSWORD_WORDS.has(last) || (last === 'pass' && w.length < 2)) return false;
  if (value.length < 4 || /\s/.test(value) || NOT_VALUES.test(value) || TYPE_NAMES.test(value) || isPlaceholder(value)) return false;
  if (/^[a-z]+(?:[._-][a-z]+)+$/i.test(value) || /^\w+\.\w+/.test(value)) return false; // i18n keys, field names
  return value.toLowerCase() !== name.toLowerCase();
}

export default defineRule({
  id: 'hardcoded-password',
  meta: {
    category: 'secret',
    severity: 'block',
    confidence: 'medium',
    description: 'A password written as a literal: `password = "admin123"`, `DB_PASSWORD=hunter2`.',
    why: 'A password in source code is known to everyone who can read the repository and stays in its history. Weak, low-entropy passwords escape secret scanners that look for random strings, so they need a rule of their own.',
    fix: 'Read it from the environment or a secret manager, and change the password if this one was ever real.',
    files: 'text',
    examples: {
      fires: [
        { file: 'src/db.ts', code: "export const pool = new Pool({ user: 'app', password: 'admin123' });\n", lines: [1] },
        { file: 'docker/.env', code: 'DB_PASSWORD=hunter22\n', lines: [1] },
      ],
      passes: [
        { file: 'src/db.ts', code: "export const pool = new Pool({ user: 'app', password: process.env.DB_PASSWORD });\nconst input = { type: 'password', autoComplete: 'current-password' };\nconst label = { password: 'Enter your password' };\n" },
        { file: 'src/db.test.ts', code: "const password = 'admin123';\n" },
        { file: 'api/openapi.yml', code: 'components:\n  schemas:\n    Login:\n      properties:\n        password:\n          type: string\n          format: password\n        otp: { type: string }\n' },
        { file: 'schema/user.graphql', code: 'input LoginInput {\n  email: String!\n  password: String!\n}\n' },
        { file: 'schemas/login.json', code: '{\n  "properties": {\n    "password": {\n      "type": "string",\n      "minLength": 12\n    }\n  }\n}\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    if (file.isTest || /(?:^|\/)(?:__)?fixtures?(?:__)?\//.test(file.path)) return {};
    const check = (name: string, value: ts.Node | undefined): void => {
      const text = staticString(context.ts, value);
      if (text !== undefined && isHardcodedPassword(name, text)) context.report({ node: value!, message: `Hard-coded password in "${name}".`, sensitive: true });
    };
    if (file.kind !== 'code') {
      return {
        onFile() {
          if (file.kind === 'markdown') return;
          TEXT_LINE.lastIndex = 0;
          for (let m = TEXT_LINE.exec(file.text); m; m = TEXT_LINE.exec(file.text)) {
            const value = m[2]!;
            if (!isHardcodedPassword(m[1]!, value)) continue;
            const start = m.index + m[0].lastIndexOf(value);
            context.report({ start, end: start + value.length, message: `Hard-coded password in "${m[1]}".`, sensitive: true });
          }
        },
      };
    }
    // The TypeScript API is loaded only for code files (context.ts is lazy).
    const api = context.ts;
    return {
      VariableDeclaration(node) {
        if (api.isIdentifier(node.name)) check(node.name.text, node.initializer);
      },
      PropertyAssignment(node) {
        if (!api.isComputedPropertyName(node.name)) check(node.name.getText(file.sourceFile).replace(/['"]/g, ''), node.initializer);
      },
      BinaryExpression(node) {
        if (node.operatorToken.kind === api.SyntaxKind.EqualsToken) check(node.left.getText(file.sourceFile).split('.').pop() ?? '', node.right);
      },
    };
  },
});
