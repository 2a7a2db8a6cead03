import type ts from 'typescript';
import { dottedName } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { isBuiltin, packageName } from '../src/rules/modules.js';
import { bundlerAliasFor, hasDenoConfig, isDeclared, manifestIndex, manifestsFor } from '../src/rules/resolve/manifests.js';
import { intoBuildOutput, otherFileExists, relativeTarget } from '../src/rules/resolve/relative.js';
import { aliasMatch, type ImportKind, resolver } from '../src/rules/resolve/resolve.js';

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
    const info = (node: ts.Node, message: string): void => context.report({ node, message, severity: 'info', confidence: 'low' });
    const checkBare = (literal: ts.StringLiteralLike, spec: string): void => {
      const { configs } = resolver(api, project, change);
      const owners = configs.owning(file.path);
      const index = manifestIndex(api, project, change);
      const incomplete = owners.find((c) => c.incomplete)?.incomplete;
      const alias = aliasMatch(owners, spec);
      if (alias) {
        const where = `the tsconfig path alias "${alias.pattern}" (${alias.config.path})`;
        if (alias.outside) return info(literal, `"${spec}" matches ${where}, which points outside the repository: not checked.`);
        const bundler = bundlerAliasFor(index, project, file.path, spec);
        if (bundler) return info(literal, `"${spec}" matches ${where} but no file exists there; ${bundler} defines aliases too, which are not read.`);
        if (incomplete) return info(literal, `"${spec}" matches ${where} but no file exists there; not certain: ${incomplete}.`);
        return context.report({ node: literal, message: `"${spec}" matches ${where} but no file exists there.` });
      }
      if (/^[~#$@]\//.test(spec) || /^[~#$]/.test(spec) || spec.includes('!') || spec.includes('?')) return; // bundler aliases, subpath imports, loaders
      const name = packageName(spec);
      if (!VALID_NAME.test(name)) return;
      const manifests = manifestsFor(index, file.path);
      if (manifests.length === 0 && !hasDenoConfig(index, file.path)) return; // nothing to judge against
      if (isDeclared(index, file.path, name, spec)) return;
      const where = manifests[0] ? manifests[0].file : 'deno.json';
      const bundler = bundlerAliasFor(index, project, file.path, spec);
      if (bundler) return info(literal, `Package "${name}" is not declared in ${where}, but ${bundler} defines aliases that may provide it (not read).`);
      if (incomplete) return info(literal, `Package "${name}" is not declared in ${where}; not certain: ${incomplete}.`);
      context.report({ node: literal, message: `Package "${name}" is imported but not declared in ${where}.` });
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
      const { resolve, host } = resolver(api, project, change);
      if (resolve(file.path, spec, kind) !== undefined) return;
      if (!spec.startsWith('.')) return checkBare(literal, spec);
      const target = relativeTarget(file.path, spec);
      if (target === null || otherFileExists(project, host, target) || intoBuildOutput(target, host)) return;
      context.report({ node: literal, message: `Relative import "${spec}" does not resolve to a file in the repository.` });
    };
    return { ImportDeclaration: check, ExportDeclaration: check, ImportEqualsDeclaration: check, CallExpression: check };
  },
});
