import { posix } from 'node:path';
import type ts from 'typescript';
import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { isBuiltin, manifestsFor, moduleIndex, packageName, resolveAlias, resolveRelative } from '../src/rules/modules.js';

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

const BUILD_DIRS = new Set(['dist', 'build', 'out', 'lib-esm', 'esm', 'cjs', '.next', '.output', 'target', 'generated']);

/** A path into a build-output folder that holds no tracked file (dist/ from a bin script): built, not missing. */
function intoBuildOutput(from: string, spec: string, project: { files(): readonly string[] }): boolean {
  const target = posix.normalize(posix.join(posix.dirname(from), spec));
  const parts = target.split('/');
  const index = parts.findIndex((p) => BUILD_DIRS.has(p));
  if (index < 0) return false;
  const prefix = `${parts.slice(0, index + 1).join('/')}/`;
  return !project.files().some((f) => f.startsWith(prefix));
}

export default defineRule({
  id: 'unresolved-import',
  meta: {
    category: 'hallucination',
    severity: 'block',
    confidence: 'high',
    description: 'An import of a package no package.json declares, or of a relative file that does not exist.',
    why: 'About one package in five that LLMs suggest does not exist, and the same names come back run after run; attackers register them (slopsquatting). A relative import of a missing file is the same mistake inside the repository. Works without node_modules.',
    fix: 'Import a package you have vetted and declared (`npm install <name>`), or fix the path; if the module is provided by a bundler alias, declare it in tsconfig `paths`.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/auth.ts', code: "import { verify } from 'jwt-helper-utils';\nimport { db } from './database.js';\n", project: { 'package.json': '{ "dependencies": { "jsonwebtoken": "^9.0.0" } }' }, lines: [1, 2] },
      ],
      passes: [
        {
          file: 'packages/api/src/auth.ts',
          code: "import jwt from 'jsonwebtoken';\nimport { readFile } from 'node:fs/promises';\nimport path from 'path';\nimport { db } from './db.js';\nimport { shared } from '@acme/shared';\nimport { cfg } from '@/config';\nimport type { Node } from 'estree';\nconst lazy = await import('./lazy');\n",
          project: {
            'package.json': '{ "private": true, "devDependencies": { "@types/estree": "1.0.0" } }',
            'packages/api/package.json': '{ "name": "@acme/api", "dependencies": { "jsonwebtoken": "^9.0.0" } }',
            'packages/shared/package.json': '{ "name": "@acme/shared" }',
            'packages/api/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
            'packages/api/src/db.ts': 'export const db = 1;',
            'packages/api/src/config.ts': 'export const cfg = 1;',
            'packages/api/src/lazy/index.ts': 'export {};',
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
    const check = (node: ts.Node): void => {
      const literal = specifierNode(api, node);
      if (!literal) return;
      const spec = literal.text;
      if (spec === '' || /^[a-z][\w+.-]*:/i.test(spec) && !spec.startsWith('node:')) return; // https:, npm:, virtual:, bun:...
      if (spec.startsWith('.') || spec.startsWith('/')) {
        if (spec.startsWith('/')) return;
        const resolved = resolveRelative(file.path, spec, project);
        if (resolved === undefined && !intoBuildOutput(file.path, spec, project)) context.report({ node: literal, message: `Relative import "${spec}" does not resolve to a file in the repository.` });
        return;
      }
      if (spec.startsWith('node:')) {
        if (!isBuiltin(spec)) context.report({ node: literal, message: `"${spec}" is not a Node.js built-in module.` });
        return;
      }
      if (isBuiltin(spec)) return;
      const index = moduleIndex(api, project, change);
      const alias = resolveAlias(index, file.path, spec, project);
      if (alias === true) return;
      if (alias === false) return context.report({ node: literal, message: `"${spec}" matches a tsconfig path alias but no file exists there.` });
      if (/^[~#$@]\//.test(spec) || /^[~#$]/.test(spec) || spec.includes('!') || spec.includes('?')) return; // bundler aliases, subpath imports, loaders
      const name = packageName(spec);
      if (!VALID_NAME.test(name)) return;
      const manifests = manifestsFor(index, file.path);
      if (manifests.length === 0) return; // no package.json to judge against
      const typesName = name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
      const declared = manifests.some((m) => m.deps.has(name) || m.deps.has(typesName) || m.name === name) || index.workspaceNames.has(name);
      if (!declared) context.report({ node: literal, message: `Package "${name}" is imported but not declared in ${manifests[0]!.dir === '.' ? '' : `${manifests[0]!.dir}/`}package.json.` });
    };
    return { ImportDeclaration: check, ExportDeclaration: check, ImportEqualsDeclaration: check, CallExpression: check };
  },
});

