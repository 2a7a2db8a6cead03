#!/usr/bin/env node
// Bundles the CLI into dist/bundle/ (ESM, split at dynamic imports so that commands, reporters and
// the LLM client still load only when used). One file instead of ~80 modules saves ~50 ms per run.
// typescript, cosmiconfig, yaml, zod and openai stay external: they load lazily, only on the paths that need them.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'src/cli/main.ts', 'audit-worker': 'src/pipeline/audit-worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['typescript', 'cosmiconfig', 'yaml', 'zod', 'openai'],
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  legalComments: 'none',
});
