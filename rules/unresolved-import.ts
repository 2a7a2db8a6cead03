import type ts from 'typescript';
import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { isBuiltin, packageName } from '../src/rules/modules.js';
import { browserMapped, bundlerAliasFor, hasDenoConfig, isDeclared, manifestIndex, manifestsFor } from '../src/rules/resolve/manifests.js';
import { ignoredTarget } from '../src/rules/resolve/ignored.js';
import { intoBuildOutput, otherFileExists, relativeTarget } from '../src/rules/resolve/relative.js';
import { ambientDeclaration } from '../src/rules/resolve/ambient.js';
import { type AliasMatch, aliasMatch, baseUrlTarget, type ImportKind, resolver } from '../src/rules/resolve/resolve.js';

const VALID_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

/** Module specifiers written in the file: imports, re-exports, require(), import(). */
export function specifierNode(api: typeof ts, node: ts.Node): ts.StringLiteralLike | undefined {
  if ((api.isImportDeclaration(node) || api.isExportDeclaration(node)) && node.moduleSpecifier && api.isStringLiteralLike(node.moduleSpecifier)) return node.moduleSpecifier;
  if (api.isImportEqualsDeclaration(node) && api.isExternalModuleReference(node.moduleReference) && api.isStringLiteralLike(node.moduleReference.expression)) return node.moduleReference.expression;
  if (api.isCallExpression(node) && node.arguments.length === 1 && api.isStringLiteralLike(node.arguments[0]!)) {
    if (node.expression.kind === api.SyntaxKind.ImportKeyword || dottedName(api, node.expression) === 'require') return node.arguments[0] as ts.StringLiteralLike;
  }
  return undefined;
}

export default defineRule({
  id: 'unresolved-import',
  meta: {
    category: 'hallucination',
    severity: 'block',
    confidence: 'high',
    description: 'An import of a package no package.json declares, or of a file that does not exist wherever TypeScript would look for it.',
    why: 'About one package in five that LLMs suggest does not exist, and the same names come back run after run; attackers register them (slopsquatting). A relative or aliased import of a missing file is the same mistake inside the repository. Imports are resolved by TypeScript itself with the tsconfig that owns the file (found through `references` and `extends`), so `paths`, `baseUrl`, `rootDirs`, `moduleSuffixes`, package `exports`/`imports` and workspaces count exactly as they do for `tsc`; installed node_modules count too, and without them the manifests decide (package.json dependencies, workspace package names, Deno import maps and workspace member names). A `paths` alias that finds no file falls back to the package of that name, as in TypeScript; a miss that rests only on the alias is `warn`. Where configuration cannot be read completely (bundler aliases, an `extends` that is not installed, a `paths` entry outside the repository) the finding is only `info`, with the reason.',
    fix: 'Import a package you have vetted and declared (`npm install <name>`), or fix the path; if the module is provided by a bundler alias, declare it in tsconfig `paths` too.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/features/auth/session.ts',
          code: "import { verify } from 'jwt-helper-utils';\nimport { db } from './database.js';\nimport { Button } from '@/components/ui/buton';\n",
          project: {
            'package.json': '{ "name": "web", "type": "module", "dependencies": { "jsonwebtoken": "^9.0.0", "react": "^19.0.0" } }',
            'tsconfig.json': '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tsconfig.node.json" }] }',
            'tsconfig.app.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "@/*": ["./src/*"] } }, "include": ["src"] }',
            'tsconfig.node.json': '{ "compilerOptions": { "moduleResolution": "bundler" }, "include": ["vite.config.ts"] }',
            'src/components/ui/button.tsx': 'export function Button() {\n  return null;\n}\n',
          },
          lines: [1, 2, 3],
        },
      ],
      passes: [
        {
          file: 'src/App.tsx',
          code: "import { useState } from 'react';\nimport { describe } from 'vitest';\nimport { Button } from '@/components/ui/button';\nimport { start } from '@/entrypoints/index.node';\nimport { rows } from './data.json';\nimport './App.css';\n",
          project: {
            'package.json': '{ "name": "web", "type": "module", "dependencies": { "react": "^19.0.0" }, "devDependencies": { "vitest": "^3.0.0" } }',
            'tsconfig.json': '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }] }',
            'tsconfig.app.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "*": ["./*"], "@/*": ["./src/*"] } }, "include": ["src"] }',
            'src/components/ui/button.tsx': 'export function Button() {\n  return null;\n}\n',
            'src/entrypoints/index.node.ts': 'export const start = 1;\n',
            'src/data.json.ts': 'export const rows = [];\n',
            'src/App.css': '',
          },
        },
        {
          file: 'apps/api/src/auth.ts',
          code: "import jwt from 'jsonwebtoken';\nimport { readFile } from 'node:fs/promises';\nimport { db } from './db.js';\nimport { schema } from '@acme/db/schema';\nimport type { Node } from 'estree';\nconst lazy = await import('./lazy');\n",
          project: {
            'package.json': '{ "private": true, "devDependencies": { "@types/estree": "1.0.0" } }',
            'pnpm-workspace.yaml': 'packages:\n  - "apps/*"\n  - "packages/*"\n',
            'apps/api/package.json': '{ "name": "@acme/api", "dependencies": { "jsonwebtoken": "^9.0.0", "@acme/db": "workspace:*" } }',
            'packages/db/package.json': '{ "name": "@acme/db", "exports": { "./schema": "./src/schema.ts" } }',
            'apps/api/src/db.ts': 'export const db = 1;',
            'apps/api/src/lazy/index.ts': 'export {};',
          },
        },
        { file: 'bin/cli.js', code: "import('../dist/cli.js');\n", project: { 'package.json': '{}', 'src/cli.ts': 'export {};' } },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api, project, change } = context;
    if (file.path.endsWith('.d.ts')) return {};
    const info = (node: ts.Node, message: string): void => context.report({ node, message, severity: 'info', confidence: 'low' });
    const missingAlias = (literal: ts.StringLiteralLike, spec: string, alias: AliasMatch, incomplete: string | undefined): void => {
      const where = `the tsconfig path alias "${alias.pattern}" (${alias.config.path})`;
      // TypeScript falls back to node_modules when a `paths` pattern finds no file: a declared or
      // workspace package of that name is what gets imported then.
      const name = packageName(spec);
      const asPackage = VALID_NAME.test(name);
      if (asPackage && isDeclared(manifestIndex(api, project, change), file.path, name, spec)) return;
      if (alias.outside) return info(literal, `"${spec}" matches ${where}, which points outside the repository: not checked.`);
      const bundler = bundlerAliasFor(manifestIndex(api, project, change), project, file.path, spec);
      if (bundler) return info(literal, `"${spec}" matches ${where} but no file exists there; ${bundler} defines aliases too, which are not read.`);
      if (incomplete) return info(literal, `"${spec}" matches ${where} but no file exists there; not certain: ${incomplete}.`);
      const ignored = alias.targets.map((t) => ignoredTarget(project, change, t)).find(Boolean);
      if (ignored) return info(literal, `"${spec}" matches ${where} but no file exists there; ${ignored} ignores that path, so it may be generated.`);
      if (asPackage) return context.report({ node: literal, message: `"${spec}" matches ${where} but no file exists there, and no manifest declares a package "${name}" it could fall back to.`, severity: 'warn', confidence: 'medium' });
      context.report({ node: literal, message: `"${spec}" matches ${where} but no file exists there.` });
    };
    const checkBare = (literal: ts.StringLiteralLike, spec: string): void => {
      const owners = resolver(api, project, change).configs.owning(file.path);
      const incomplete = owners.find((c) => c.incomplete)?.incomplete;
      if (ambientDeclaration(project, change, spec)) return; // `declare module "x"`: the project vouches for it
      // Files TypeScript does not resolve but bundlers load (`@/components/Card.vue`, `@/assets/logo.svg?react`).
      const clean = spec.replace(/\?.*$/, '');
      const { host } = resolver(api, project, change);
      const alias = aliasMatch(owners, clean);
      if (alias?.targets.some((t) => otherFileExists(project, host, t))) return;
      if (owners.some((c) => baseUrlTarget(c, clean) !== undefined && otherFileExists(project, host, baseUrlTarget(c, clean)!))) return;
      if (alias && !alias.installed) return missingAlias(literal, spec, alias, incomplete);
      if (/^[~#$@]\//.test(spec) || /^[~#$]/.test(spec) || spec.includes('!') || spec.includes('?')) return; // bundler aliases, subpath imports, loaders
      const name = packageName(spec);
      if (!VALID_NAME.test(name)) return;
      const index = manifestIndex(api, project, change);
      const manifests = manifestsFor(index, file.path);
      if (manifests.length === 0 && !hasDenoConfig(index, file.path)) return; // nothing to judge against
      if (isDeclared(index, file.path, name, spec)) return;
      const where = manifests[0] ? manifests[0].file : 'deno.json';
      const elsewhere = index.declaredBy.get(name);
      if (elsewhere) return info(literal, `Package "${name}" is not declared in ${where}, only in ${elsewhere}: it resolves through the shared install, but declare it where it is used.`);
      const bundler = bundlerAliasFor(index, project, file.path, spec);
      if (bundler) return info(literal, `Package "${name}" is not declared in ${where}, but ${bundler} defines aliases that may provide it (not read).`);
      if (incomplete) return info(literal, `Package "${name}" is not declared in ${where}; not certain: ${incomplete}.`);
      context.report({ node: literal, message: `Package "${name}" is imported but not declared in ${where}.` });
    };
    // An unreadable `extends` does not soften this: the options that change where a relative file is
    // looked for (rootDirs, moduleSuffixes) describe the project's own layout, not a shared base config.
    const checkRelative = (literal: ts.StringLiteralLike, spec: string): void => {
      const target = relativeTarget(file.path, spec);
      const { host } = resolver(api, project, change);
      if (target === null || otherFileExists(project, host, target) || intoBuildOutput(target, host)) return;
      if (browserMapped(manifestIndex(api, project, change), file.path, target)) return;
      const ignored = ignoredTarget(project, change, target);
      if (ignored) return info(literal, `Relative import "${spec}" does not resolve to a file in the repository; ${ignored} ignores that path, so it may be generated.`);
      context.report({ node: literal, message: `Relative import "${spec}" does not resolve to a file in the repository.` });
    };
    const check = (node: ts.Node): void => {
      const literal = specifierNode(api, node);
      if (!literal) return;
      const spec = literal.text;
      if (spec === '' || spec.startsWith('/') || (/^[a-z][\w+.-]*:/i.test(spec) && !spec.startsWith('node:'))) return; // https:, npm:, virtual:, bun:...
      if (spec.startsWith('node:')) {
        if (!isBuiltin(spec)) context.report({ node: literal, message: `"${spec}" is not a Node.js built-in module.` });
        return;
      }
      if (isBuiltin(spec)) return;
      const kind: ImportKind = api.isCallExpression(node) && node.expression.kind !== api.SyntaxKind.ImportKeyword ? 'require' : api.isImportEqualsDeclaration(node) ? 'require' : 'import';
      if (resolver(api, project, change).resolve(file.path, spec, kind) !== undefined) return;
      if (spec.startsWith('.')) checkRelative(literal, spec);
      else checkBare(literal, spec);
    };
    return { ImportDeclaration: check, ExportDeclaration: check, ImportEqualsDeclaration: check, CallExpression: check };
  },
});
