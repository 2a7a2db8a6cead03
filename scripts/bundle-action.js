#!/usr/bin/env node
// Bundles the GitHub Action into dist-action/index.js, committed so that users run it without
// npm install. Everything is inlined: TypeScript, zod, openai, the tokenizer. The two modules that
// load CommonJS packages lazily with require are swapped for static imports, which esbuild can
// follow. Output is deterministic; a test rebuilds it and fails when the committed copy is stale.
// Usage: node scripts/bundle-action.js [outfile]
import { build } from 'esbuild';

const outfile = process.argv[2] ?? 'dist-action/index.js';

const inline = {
  name: 'inline-lazy-requires',
  setup(b) {
    b.onLoad({ filter: /src[\\/]pipeline[\\/]load-typescript\.ts$/ }, () => ({
      contents: "import ts from 'typescript';\nexport function loadTypescript() { return ts; }\n",
      loader: 'ts',
    }));
    b.onLoad({ filter: /src[\\/]util[\\/]optional-modules\.ts$/ }, () => ({
      contents: [
        "import * as yaml from 'yaml';",
        "import { countTokens as o200k } from 'gpt-tokenizer/encoding/o200k_base';",
        "import { countTokens as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';",
        'export function loadYaml() { return yaml; }',
        "export function loadTokenCounter(encoding) { return encoding === 'o200k_base' ? o200k : cl100k; }",
      ].join('\n'),
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: ['src/action/main.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // cosmiconfig is never called in the Action (it reads JSON/YAML itself); keep it out of the bundle.
  external: ['cosmiconfig'],
  plugins: [inline],
  // Bundled CommonJS (typescript) calls require for Node built-ins and reads __filename/__dirname.
  banner: {
    js: [
      "import { createRequire as __dwCreateRequire } from 'node:module';",
      "import { fileURLToPath as __dwFileURLToPath } from 'node:url';",
      "import { dirname as __dwDirname } from 'node:path';",
      'const require = __dwCreateRequire(import.meta.url);',
      'const __filename = __dwFileURLToPath(import.meta.url);',
      'const __dirname = __dwDirname(__filename);',
    ].join(' '),
  },
  logLevel: 'warning',
});
