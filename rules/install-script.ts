import { defineRule } from '../src/rules/define-rule.js';

const HOOKS = ['preinstall', 'install', 'postinstall', 'preuninstall', 'postuninstall'];

function scripts(text: string | null): Record<string, string> {
  if (text === null) return {};
  try {
    const pkg = JSON.parse(text) as { scripts?: Record<string, string> };
    return pkg && typeof pkg.scripts === 'object' && pkg.scripts !== null ? pkg.scripts : {};
  } catch {
    return {};
  }
}

export default defineRule({
  id: 'install-script',
  meta: {
    category: 'dependency',
    severity: 'warn',
    confidence: 'high',
    description: 'A package.json lifecycle script (`preinstall`, `install`, `postinstall`) added or changed.',
    why: 'Install scripts run with the installing user\'s rights on every `npm install`, on developer machines and in CI. They are how malicious packages execute; a new one deserves a human look.',
    fix: 'Prefer an explicit script (`npm run setup`); if the hook is needed, review what it runs.',
    files: (path) => /(?:^|\/)package\.json$/.test(path) && !path.includes('node_modules/'),
    examples: {
      fires: [{ file: 'package.json', old: '{\n  "scripts": {\n    "test": "vitest"\n  }\n}\n', code: '{\n  "scripts": {\n    "test": "vitest",\n    "postinstall": "node scripts/setup.js"\n  }\n}\n', lines: [4] }],
      passes: [{ file: 'package.json', old: '{\n  "scripts": {}\n}\n', code: '{\n  "scripts": {\n    "prepare": "husky",\n    "build": "tsc"\n  }\n}\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onFile() {
        const now = scripts(file.text);
        const before = scripts(file.oldText);
        for (const hook of HOOKS) {
          if (now[hook] === undefined || now[hook] === before[hook]) continue;
          const at = new RegExp(`"${hook}"\\s*:`).exec(file.text);
          context.report({ ...(at ? { start: at.index, end: at.index + hook.length + 2 } : { line: 1 }), message: `\`${hook}\` script ${before[hook] === undefined ? 'added' : 'changed'}: "${now[hook]!.slice(0, 80)}" runs on every install.` });
        }
      },
    };
  },
});
