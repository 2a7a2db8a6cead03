import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, tempRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));
const TRACE = fileURLToPath(new URL('../helpers/trace.cjs', import.meta.url));

/** Runs the CLI and returns the packages it loaded (node_modules names) and its own chunks. */
function loaded(cwd: string, args: string[]): { packages: string[]; chunks: string[]; code: number | null } {
  const trace = join(tempDir(), 'trace.txt');
  const r = spawnSync(process.execPath, ['--require', TRACE, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DW_TRACE: trace } });
  let lines: string[] = [];
  try {
    lines = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
  } catch {
    lines = [];
  }
  const packages = new Set<string>();
  for (const l of lines) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(l);
    if (m) packages.add(m[1]!);
  }
  const chunks = lines.filter((l) => l.includes('/dist/bundle/')).map((l) => l.replace(/^.*\/dist\/bundle\//, '').replace(/-[A-Z0-9]{8}\.js$/, ''));
  return { packages: [...packages].sort(), chunks: [...new Set(chunks)].sort(), code: r.status };
}

describe('commands load only what they need', () => {
  it('check without a config loads typescript and nothing heavy: no LLM SDK, no cosmiconfig, no zod, no yaml, no unused reporter', () => {
    const repo = tempRepo();
    repo.commit('init', { 'a.ts': 'export const a = 1;\n' });
    repo.stage({ 'a.ts': 'export const a = 2;\n' });
    const { packages, chunks, code } = loaded(repo.dir, ['check']);
    expect(code).toBe(0);
    expect(packages).toEqual(['typescript']);
    expect(chunks.filter((c) => /^chunks\/(json|sarif|markdown|github)/.test(c))).toEqual([]);
  });

  it('check of a change without code does not load typescript', () => {
    const repo = tempRepo();
    repo.commit('init', { 'README.md': '# a\n' });
    repo.stage({ 'README.md': '# b\n' });
    expect(loaded(repo.dir, ['check']).packages).toEqual([]);
  });

  it('loads cosmiconfig and zod only when a config file exists, and yaml only for workflows', () => {
    const repo = tempRepo();
    repo.commit('init', { 'diffwarden.config.json': '{ "failOn": "warn" }' });
    repo.stage({ '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    expect(loaded(repo.dir, ['check']).packages).toEqual(expect.arrayContaining(['cosmiconfig', 'yaml', 'zod']));
    expect(loaded(repo.dir, ['check']).packages).not.toContain('openai');
  });

  it('the json format loads only the json reporter', () => {
    const repo = tempRepo();
    repo.commit('init', { 'a.md': 'x\n' });
    const { chunks } = loaded(repo.dir, ['check', '--format', 'json']);
    expect(chunks.filter((c) => /^chunks\/(json|sarif|markdown|github|text)/.test(c))).toEqual(['chunks/json']);
  });
});
