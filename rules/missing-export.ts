import { defineRule } from '../src/rules/define-rule.js';
import { builtinExports, exportInfo, exportInfoStore, isBuiltin, isReadableModule, moduleExports } from '../src/rules/modules.js';
import type ts from 'typescript';
import { bundlerAliasFor, manifestIndex } from '../src/rules/resolve/manifests.js';
import { resolver } from '../src/rules/resolve/resolve.js';

export default defineRule({
  id: 'missing-export',
  meta: {
    category: 'hallucination',
    severity: 'block',
    confidence: 'high',
    description: 'A named import that a module of the repository (by relative path or tsconfig alias) or a Node.js built-in does not export.',
    why: 'Assistants invent plausible APIs: `import { readJson } from "fs"`, a helper the sibling module never had. The import compiles in their head and fails at build or run time. The module is found the way TypeScript finds it; it is judged only when its exports are fully known (no CommonJS, no `export =`, no `export *` from something that does not resolve to code of the repository). When a bundler or test config (vite, vitest, webpack...) aliases the prefix of the import, the module that runs may not be the one TypeScript found, so the finding is only `info`.',
    fix: 'Import a name the module really exports (check its exports), or add the export to the module you meant.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/routes/checkout.tsx',
          code: "import { readJson } from 'node:fs';\nimport { formatPrice, formatDate } from './format.js';\nimport { cn, mergeRefs } from '@/lib/utils';\n",
          project: {
            'tsconfig.json': '{ "compilerOptions": { "moduleResolution": "bundler", "paths": { "@/*": ["./src/*"] } } }',
            'src/routes/format.ts': 'export function formatPrice(n: number) {\n  return n.toFixed(2);\n}\n',
            'src/lib/utils.ts': "export * from './class-names';\n",
            'src/lib/class-names.ts': 'export function cn(...names: string[]) {\n  return names.join(" ");\n}\n',
          },
          lines: [1, 2, 3],
        },
      ],
      passes: [
        {
          file: 'src/app.ts',
          code: "import { readFileSync, type Stats } from 'node:fs';\nimport { IncomingHttpHeaders } from 'http';\nimport format, { formatPrice, Price } from './format.js';\nimport { legacy } from './legacy.js';\nimport { z } from '@/lib/zod';\n",
          project: {
            'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }',
            'src/format.ts': "export * from './types.js';\nexport default function format() {}\nexport const formatPrice = 1;\n",
            'src/types.ts': 'export interface Price { cents: number }\n',
            'src/legacy.js': 'module.exports = { legacy: 1 };\n',
            'src/lib/zod.ts': "export * from 'zod';\n",
          },
        },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api, project, change } = context;
    // This file is parsed already: record what it exports so importers elsewhere need not parse it again.
    const store = exportInfoStore(change);
    if (file.sourceFile && !store.has(file.path)) store.set(file.path, exportInfo(api, file.sourceFile));
    return {
      ImportDeclaration(node) {
        const clause = node.importClause;
        if (!clause || clause.isTypeOnly || !api.isStringLiteral(node.moduleSpecifier)) return;
        const spec = node.moduleSpecifier.text;
        const named = clause.namedBindings && api.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.filter((el) => !el.isTypeOnly) : [];
        if (!isBuiltin(spec)) {
          const target = resolver(api, project, change).resolve(file.path, spec);
          if (target === undefined || !isReadableModule(target)) return;
          const exports = moduleExports(api, target, project, change);
          if (exports === 'unknown') return;
          // A bundler/test config that aliases this prefix may load another module than the one TypeScript found.
          const bundler = spec.startsWith('.') ? undefined : bundlerAliasFor(manifestIndex(api, project, change), project, file.path, spec);
          const report = (node: ts.Node, message: string): void =>
            bundler ? context.report({ node, message: `${message} Not certain: ${bundler} defines aliases (not read), so the module that runs may be another.`, severity: 'info', confidence: 'low' }) : context.report({ node, message });
          for (const el of named) {
            const name = (el.propertyName ?? el.name).text;
            if (!exports.has(name)) report(el, `"${name}" is not exported by ${target}.`);
          }
          if (clause.name && /\.[cm]?tsx?$/.test(target) && !exports.has('default')) report(clause.name, `${target} has no default export.`);
          return;
        }
        const exports = builtinExports(spec);
        if (!exports) return;
        for (const el of named) {
          const name = (el.propertyName ?? el.name).text;
          // Capitalised names may be types (IncomingHttpHeaders), which exist only at compile time.
          if (!exports.has(name) && /^[a-z_$]/.test(name)) context.report({ node: el, message: `"${name}" is not exported by the Node.js module "${spec}".` });
        }
      },
    };
  },
});
