import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';
import rule from '../../rules/unresolved-import.js';
import { tempRepo } from '../helpers/repo.js';

/** `line=severity message` of each finding for a file importing `imports` in a project. */
function run(file: string, code: string, project: Record<string, string>): string[] {
  return runRule(rule as Rule<unknown>, { file, code, project }).map((f) => `${f.line}=${f.severity} ${f.message}`);
}

const VITE_PKG = '{ "name": "web", "private": true, "type": "module", "dependencies": { "react": "^19.0.0" }, "devDependencies": { "vitest": "^3.0.0", "vite": "^6.0.0" } }';

describe('unresolved-import: tsconfig paths as TypeScript reads them', () => {
  it('falls back to packages for a "*" entry and lets the longest prefix win', () => {
    const project = {
      'package.json': VITE_PKG,
      'tsconfig.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "*": ["./*"], "@/*": ["./src/*"] } } }',
      'src/lib/utils.ts': 'export const cn = 1;\n',
    };
    const code = "import { useState } from 'react';\nimport { describe } from 'vitest';\nimport { cn } from '@/lib/utils';\nimport { nope } from '@/lib/nope';\nimport pad from 'left-pad';\n";
    expect(run('src/App.tsx', code, project)).toEqual([
      '4=block "@/lib/nope" matches the tsconfig path alias "@/*" (tsconfig.json) but no file exists there.',
      '5=block Package "left-pad" is imported but not declared in package.json.',
    ]);
  });

  it('reads the aliases of the referenced config that covers the file in a Vite references layout', () => {
    const project = {
      'package.json': VITE_PKG,
      'tsconfig.json': '{\n  "files": [],\n  "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tsconfig.node.json" }]\n}\n',
      'tsconfig.app.json': '{\n  "compilerOptions": {\n    "target": "ES2022",\n    "module": "ESNext",\n    "moduleResolution": "bundler",\n    "jsx": "react-jsx",\n    "baseUrl": ".",\n    "paths": { "@/*": ["./src/*"] }\n  },\n  "include": ["src"]\n}\n',
      'tsconfig.node.json': '{ "compilerOptions": { "module": "ESNext", "moduleResolution": "bundler" }, "include": ["vite.config.ts"] }',
      'src/components/Button.tsx': 'export function Button() { return null; }\n',
    };
    const code = "import { Button } from '@/components/Button';\nimport { Card } from '@/components/Card';\n";
    expect(run('src/App.tsx', code, project)).toEqual(['2=block "@/components/Card" matches the tsconfig path alias "@/*" (tsconfig.app.json) but no file exists there.']);
  });

  it('makes a missing aliased file info when a bundler config defines aliases too', () => {
    const project = {
      'package.json': VITE_PKG,
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } }, "include": ["src"] }',
      'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({ resolve: { alias: { '@': '/src', utils: '/src/utils' } } });\n",
    };
    expect(run('src/App.tsx', "import { Card } from '@/components/Card';\nimport { x } from 'utils/x';\n", project)).toEqual([
      '1=info "@/components/Card" matches the tsconfig path alias "@/*" (tsconfig.json) but no file exists there; vite.config.ts defines aliases too, which are not read.',
      '2=info Package "utils" is not declared in package.json, but vite.config.ts defines aliases that may provide it (not read).',
    ]);
  });

  it('accepts aliased and baseUrl files that bundlers load and TypeScript does not (Vue, SVG, CSS)', () => {
    const project = {
      'package.json': '{ "name": "app", "dependencies": { "vue": "3.5.0" } }',
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src", "paths": { "@/*": ["./*"] } } }',
      'src/components/Card.vue': '<template></template>\n',
      'src/assets/logo.svg': '<svg/>\n',
      'src/styles/main.css': '',
    };
    const code = "import Card from '@/components/Card.vue';\nimport Logo from '@/assets/logo.svg?react';\nimport 'styles/main.css';\nimport Gone from '@/components/Gone.vue';\n";
    expect(run('src/App.ts', code, project)).toEqual(['4=block "@/components/Gone.vue" matches the tsconfig path alias "@/*" (tsconfig.json) but no file exists there.']);
  });

  it('tries further extensions after a last segment that already ends in one, as TypeScript does', () => {
    const project = {
      'package.json': VITE_PKG,
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'src/entrypoints/index.node.ts': 'export const start = 1;\n',
      'src/data.json.ts': 'export const data = {};\n',
    };
    expect(run('src/main.ts', "import { start } from '@/entrypoints/index.node';\nimport { data } from './data.json';\n", project)).toEqual([]);
  });

  it('follows extends (relative, and from an installed package), baseUrl, rootDirs and moduleSuffixes', () => {
    const project = {
      'package.json': '{ "name": "app", "devDependencies": { "@acme/tsconfig": "1.0.0" } }',
      'node_modules/@acme/tsconfig/package.json': '{ "name": "@acme/tsconfig", "version": "1.0.0" }',
      'node_modules/@acme/tsconfig/base.json': '{ "compilerOptions": { "moduleSuffixes": [".mobile", ""] } }',
      'tsconfig.base.json': '{ "extends": "@acme/tsconfig/base.json", "compilerOptions": { "baseUrl": "src", "rootDirs": ["src", "generated"] } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'src/components/Button.ts': 'export const Button = 1;\n',
      'src/keyboard.mobile.ts': 'export const keyboard = 1;\n',
      'generated/schema.ts': 'export const schema = 1;\n',
    };
    expect(run('src/main.ts', "import { Button } from 'components/Button';\nimport { keyboard } from './keyboard';\nimport { schema } from './schema';\nimport { x } from './missing';\n", project)).toEqual([
      '4=block Relative import "./missing" does not resolve to a file in the repository.',
    ]);
  });

  it('is info, with the reason, when an extends cannot be read or a paths entry points outside the repository', () => {
    const project = {
      'package.json': '{ "name": "app" }',
      'tsconfig.json': '{ "extends": "@tsconfig/strictest/tsconfig.json", "compilerOptions": { "paths": { "@/*": ["./src/*"], "@shared/*": ["../../shared/*"] } } }',
    };
    expect(run('src/main.ts', "import { a } from '@/a';\nimport { b } from '@shared/b';\nimport c from 'left-pad';\n", project)).toEqual([
      `1=info "@/a" matches the tsconfig path alias "@/*" (tsconfig.json) but no file exists there; not certain: tsconfig.json extends a config that cannot be read (File '@tsconfig/strictest/tsconfig.json' not found.).`,
      '2=info "@shared/b" matches the tsconfig path alias "@shared/*" (tsconfig.json), which points outside the repository: not checked.',
      `3=info Package "left-pad" is not declared in package.json; not certain: tsconfig.json extends a config that cannot be read (File '@tsconfig/strictest/tsconfig.json' not found.).`,
    ]);
  });
});

describe('unresolved-import: packages', () => {
  it('resolves workspace packages by name in a pnpm workspace', () => {
    const project = {
      'package.json': '{ "name": "monorepo", "private": true, "devDependencies": { "typescript": "^5.8.0" } }',
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n  - "apps/*"\n',
      'packages/ui/package.json': '{ "name": "@acme/ui", "exports": { ".": "./src/index.ts", "./button": "./src/button.tsx" } }',
      'packages/ui/src/index.ts': 'export const ui = 1;\n',
      'packages/ui/src/button.tsx': 'export const Button = 1;\n',
      'packages/utils/package.json': '{ "name": "@acme/utils", "dependencies": { "@acme/ui": "workspace:*" } }',
      'apps/web/package.json': '{ "name": "web", "dependencies": { "@acme/ui": "workspace:*", "next": "15.0.0" } }',
      'apps/web/tsconfig.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "@/*": ["./src/*"] } } }',
    };
    const code = "import { ui } from '@acme/ui';\nimport { Button } from '@acme/ui/button';\nimport { u } from '@acme/utils';\nimport Link from 'next/link';\nimport { z } from 'zod';\nimport { clsx } from 'clsx';\n";
    expect(run('apps/web/src/page.tsx', code, { ...project, 'packages/ui/package.json': '{ "name": "@acme/ui", "dependencies": { "clsx": "2.1.1" }, "exports": { ".": "./src/index.ts", "./button": "./src/button.tsx" } }' })).toEqual([
      '5=block Package "zod" is imported but not declared in apps/web/package.json.',
      '6=info Package "clsx" is not declared in apps/web/package.json, only in packages/ui/package.json: it resolves through the shared install, but declare it where it is used.',
    ]);
  });

  it('accepts a bare import that resolves in installed node_modules, and package.json "imports"', () => {
    const project = {
      'package.json': '{ "name": "app", "type": "module", "imports": { "#internal/*": "./src/internal/*.ts" }, "dependencies": {} }',
      'tsconfig.json': '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext" } }',
      'node_modules/hoisted/package.json': '{ "name": "hoisted", "exports": { ".": { "types": "./index.d.ts", "default": "./index.js" } } }',
      'node_modules/hoisted/index.d.ts': 'export declare const h: number;\n',
      'node_modules/@types/untyped/index.d.ts': 'export declare const u: number;\n',
      'src/internal/db.ts': 'export const db = 1;\n',
    };
    expect(run('src/main.ts', "import { h } from 'hoisted';\nimport { u } from 'untyped';\nimport { db } from '#internal/db';\nimport { q } from 'not-installed';\n", project)).toEqual([
      '4=block Package "not-installed" is imported but not declared in package.json.',
    ]);
  });

  it('treats a paths entry into node_modules as the package it names, and trusts declare module', () => {
    const project = {
      'package.json': '{ "name": "www", "dependencies": { "react": "19.0.0" } }',
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./*"], "react": ["./node_modules/@types/react"], "preact": ["./node_modules/preact"] } } }',
      'types/build.d.ts': "declare module 'build-info' {\n  export const sha: string;\n}\ndeclare module '*.svg?react';\n",
    };
    expect(run('app/page.tsx', "import { useState } from 'react';\nimport { sha } from 'build-info';\nimport { h } from 'preact';\n", project)).toEqual([
      '3=block Package "preact" is imported but not declared in package.json.',
    ]);
  });

  it('reads a deno.json import map', () => {
    const project = { 'package.json': '{ "name": "x" }', 'deno.jsonc': '{\n  // std\n  "imports": { "@std/assert": "jsr:@std/assert@1", "lodash/": "npm:/lodash-es/" }\n}\n' };
    expect(run('main.ts', "import { assert } from '@std/assert';\nimport chunk from 'lodash/chunk.js';\nimport x from 'left-pad';\n", project)).toEqual([
      '3=block Package "left-pad" is imported but not declared in package.json.',
    ]);
  });
});

describe('unresolved-import: relative files', () => {
  it('blocks only a file missing under every candidate, not assets, Vue files, platform files or build output', () => {
    const project = {
      'package.json': '{ "name": "x" }',
      'src/app/styles.css': '',
      'src/app/Card.vue': '<template></template>\n',
      'src/app/button.ios.tsx': 'export const b = 1;\n',
      'src/app/legacy.js': 'module.exports = {};\n',
      'src/index.ts': 'export const parent = 1;\n',
    };
    const code = "import { parent } from '..';\nimport './styles.css';\nimport Card from './Card.vue';\nimport { b } from './button';\nimport legacy from './legacy';\nimport('../../dist/cli.js');\nimport { gone } from './gone.js';\n";
    expect(run('src/app/main.ts', code, project)).toEqual(['7=block Relative import "./gone.js" does not resolve to a file in the repository.']);
  });
});

describe('unresolved-import: package.json browser field', () => {
  it('accepts a relative file the browser field replaces', () => {
    const project = { 'package.json': '{ "name": "lib", "main": "out/cjs.node.js", "browser": { "./ext.js": "./out/esm.browser.js", "./no-ext": "./out/esm.browser.js" } }', 'out/esm.browser.js': 'export default 1;\n' };
    expect(run('relative.js', "import a from './ext.js';\nimport b from './no-ext';\nimport c from './other.js';\n", project)).toEqual([
      '3=block Relative import "./other.js" does not resolve to a file in the repository.',
    ]);
  });
});

describe('unresolved-import: generated files', () => {
  it('is info when the missing path is one the repository ignores (generated by a build step)', () => {
    const project = {
      'package.json': '{ "name": "monorepo", "private": true }',
      'apps/v4/package.json': '{ "name": "v4", "dependencies": { "react": "19.0.0" } }',
      'apps/v4/.gitignore': '# generated by `pnpm registry:build`\n/styles/*\n!/styles/README.md\n',
      'apps/v4/styles/README.md': '',
      '.gitignore': 'node_modules\n*.generated.ts\n',
      'apps/v4/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./*"] } } }',
    };
    const code = "import { Button } from '@/styles/nova/ui/button';\nimport { routes } from './routes.generated';\nimport { Card } from '@/components/card';\n";
    expect(run('apps/v4/examples/demo.tsx', code, project)).toEqual([
      '1=info "@/styles/nova/ui/button" matches the tsconfig path alias "@/*" (apps/v4/tsconfig.json) but no file exists there; apps/v4/.gitignore ignores that path, so it may be generated.',
      '2=info Relative import "./routes.generated" does not resolve to a file in the repository; .gitignore ignores that path, so it may be generated.',
      '3=block "@/components/card" matches the tsconfig path alias "@/*" (apps/v4/tsconfig.json) but no file exists there.',
    ]);
  });
});

describe('unresolved-import on a real repository', () => {
  it('sees dependencies installed in the working tree, which git does not track', async () => {
    const repo = tempRepo();
    repo.commit('init', {
      '.gitignore': 'node_modules\n',
      'package.json': '{ "name": "app", "type": "module" }',
      'tsconfig.json': '{ "extends": "@acme/tsconfig/base.json", "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
      'src/util.ts': 'export const util = 1;\n',
    });
    repo.write('node_modules/@acme/tsconfig/package.json', '{ "name": "@acme/tsconfig" }');
    repo.write('node_modules/@acme/tsconfig/base.json', '{ "compilerOptions": { "strict": true } }');
    repo.write('node_modules/transitive/package.json', '{ "name": "transitive", "types": "./index.d.ts" }');
    repo.write('node_modules/transitive/index.d.ts', 'export declare const t: number;\n');
    repo.stage({ 'src/main.ts': "import { t } from 'transitive';\nimport { util } from '@/util';\nimport { gone } from '@/gone';\nimport x from 'left-pad';\n" });
    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'staged' } });
    expect(report.findings.filter((f) => f.ruleId === 'unresolved-import').map((f) => `${f.line}=${f.severity} ${f.message}`)).toEqual([
      '3=block "@/gone" matches the tsconfig path alias "@/*" (tsconfig.json) but no file exists there.',
      '4=block Package "left-pad" is imported but not declared in package.json.',
    ]);
  });
});

describe('unresolved-import: workspace packages behind failed aliases and Deno workspaces', () => {
  it('counts Deno workspace members, named in their own deno.json, as declared (fresh layout)', () => {
    const project = {
      'deno.json': '{ "workspace": ["./packages/*"], "imports": { "@std/path": "jsr:@std/path@1" } }',
      'packages/fresh/deno.json': '{ "name": "@fresh/core", "exports": { ".": "./src/mod.ts" } }',
      'packages/fresh/src/mod.ts': 'export const App = 1;\n',
      'packages/plugin-vite/deno.jsonc': '// plugin\n{ "name": "@fresh/plugin-vite", "exports": "./src/mod.ts" }',
      'packages/plugin-vite/src/mod.ts': 'export const fresh = 1;\n',
    };
    const code = "import { App } from '@fresh/core';\nimport { fresh } from '@fresh/plugin-vite';\nimport { join } from '@std/path';\nimport { x } from '@fresh/invented';\n";
    expect(run('packages/plugin-vite/tests/fixtures/x/main.ts', code, project)).toEqual(['4=block Package "@fresh/invented" is imported but not declared in deno.json.']);
  });

  it('falls back to the workspace package when a paths alias finds no file, as TypeScript does (cline layout)', () => {
    const project = {
      'package.json': '{ "private": true, "workspaces": ["apps/*", "packages/*"] }',
      'packages/shared/package.json': '{ "name": "@cline/shared", "exports": { "./browser": "./src/browser.ts" } }',
      'packages/shared/src/browser.ts': 'export const b = 1;\n',
      'apps/web/package.json': '{ "name": "web" }',
      'apps/web/tsconfig.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "@cline/shared/*": ["../../packages/shared/dist/*"], "@other/lib/*": ["./vendor/*"] } } }',
    };
    const code = "import { b } from '@cline/shared/browser';\nimport { c } from '@other/lib/c';\n";
    expect(run('apps/web/src/main.ts', code, project)).toEqual([
      '2=warn "@other/lib/c" matches the tsconfig path alias "@other/lib/*" (apps/web/tsconfig.json) but no file exists there, and no manifest declares a package "@other/lib" it could fall back to.',
    ]);
  });
});
