import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';
import rule from '../../rules/missing-export.js';

function run(file: string, code: string, project: Record<string, string>): string[] {
  return runRule(rule as Rule<unknown>, { file, code, project }).map((f) => `${f.line}=${f.severity} ${f.message}`);
}

const VITE = {
  'package.json': '{ "name": "web", "type": "module", "dependencies": { "react": "^19.0.0" } }',
  'tsconfig.json': '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }] }',
  'tsconfig.app.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "@/*": ["./src/*"] } }, "include": ["src"] }',
};

describe('missing-export', () => {
  it('checks modules reached through a tsconfig alias of a referenced config', () => {
    const project = { ...VITE, 'src/lib/format.ts': "export * from './money';\nexport function formatDate() {}\n", 'src/lib/money.ts': 'export const formatPrice = 1;\n' };
    expect(run('src/App.tsx', "import { formatDate, formatPrice, formatTime } from '@/lib/format';\n", project)).toEqual(['1=block "formatTime" is not exported by src/lib/format.ts.']);
  });

  it('resolves the module the way TypeScript does: index.node.ts, data.json.ts, NodeNext .js', () => {
    const project = { ...VITE, 'src/entrypoints/index.node.ts': 'export const start = 1;\n', 'src/data.json.ts': 'export const data = 1;\n', 'src/util.ts': 'export const util = 1;\n' };
    const code = "import { start, stop } from '@/entrypoints/index.node';\nimport { data } from './data.json';\nimport { util, other } from './util.js';\n";
    expect(run('src/main.ts', code, project)).toEqual(['1=block "stop" is not exported by src/entrypoints/index.node.ts.', '3=block "other" is not exported by src/util.ts.']);
  });

  it('stays silent when the exports are not fully known', () => {
    const project = {
      'package.json': '{ "name": "x", "dependencies": { "zod": "4.0.0" } }',
      'src/reexports-package.ts': "export * from 'zod';\nexport const own = 1;\n",
      'src/reexports-missing.ts': "export * from './generated/client';\nexport const own = 1;\n",
      'src/commonjs.js': 'exports.helper = 1;\n',
      'src/assigned.ts': 'const api = { a: 1 };\nexport = api;\n',
    };
    const code = "import { z } from './reexports-package';\nimport { Prisma } from './reexports-missing';\nimport { helper } from './commonjs.js';\nimport { a } from './assigned';\n";
    expect(run('src/main.ts', code, project)).toEqual([]);
  });

  it('does not judge installed packages or workspace packages reached through node_modules', () => {
    const project = {
      'package.json': '{ "name": "x", "dependencies": { "lib": "1.0.0" } }',
      'node_modules/lib/package.json': '{ "name": "lib", "types": "index.d.ts" }',
      'node_modules/lib/index.d.ts': 'export declare const a: number;\n',
    };
    expect(run('src/main.ts', "import { a, b } from 'lib';\n", project)).toEqual([]);
  });
});

describe('missing-export: bundler aliases', () => {
  it('is only info when a vitest config aliases the prefix to another folder (deepchat layout)', () => {
    const project = {
      'package.json': '{ "name": "app", "devDependencies": { "vitest": "3.0.0" } }',
      'tsconfig.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "@/*": ["./src/main/*"] } } }',
      'vitest.config.renderer.ts': "import { resolve } from 'node:path';\nexport default { resolve: { alias: { '@': resolve(__dirname, 'src/renderer/src') } } };\n",
      'src/main/events.ts': 'export const MAIN_EVENTS = 1;\n',
      'src/renderer/src/events.ts': 'export const APP_RUNTIME_EVENTS = 1;\n',
    };
    const code = "import { APP_RUNTIME_EVENTS } from '@/events';\nimport { gone } from '../../src/main/events';\n";
    expect(run('test/renderer/App.startup.test.ts', code, project)).toEqual([
      '1=info "APP_RUNTIME_EVENTS" is not exported by src/main/events.ts. Not certain: vitest.config.renderer.ts defines aliases (not read), so the module that runs may be another.',
      '2=block "gone" is not exported by src/main/events.ts.',
    ]);
  });
});
