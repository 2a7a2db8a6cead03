import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { tempDir, tempRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));

function auditJson(cwd: string, args: string[], cache: string) {
  const r = spawnSync(process.execPath, [BIN, 'audit', 'src', '--format', 'json', '--fail-on', 'never', ...args], { cwd, encoding: 'utf8', env: { ...process.env, DIFFWARDEN_CACHE_DIR: cache } });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; line: number; fingerprint: string }[]; summary: { filesAnalyzed: number } };
}

describe('audit cache and threads', () => {
  it('reuses cached results but re-audits a file when a module it imports changes', async () => {
    const repo = tempRepo();
    repo.commit('init', {
      'package.json': '{ "name": "x", "dependencies": { "zod": "1" } }',
      'src/a.ts': "import { x } from './b.js';\nimport { z } from 'zod';\nexport const y = x + z;\n",
      'src/b.ts': 'export const x = 1;\n',
    });
    const first = await analyze({ cwd: repo.dir, target: { kind: 'audit', paths: ['src'] } });
    expect(first.report.findings).toEqual([]);
    const again = await analyze({ cwd: repo.dir, target: { kind: 'audit', paths: ['src'] } });
    expect(again.report).toEqual({ ...first.report, summary: { ...first.report.summary, durationMs: again.report.summary.durationMs } });

    repo.write('src/b.ts', 'export const renamed = 1;\n');
    const afterExport = await analyze({ cwd: repo.dir, target: { kind: 'audit', paths: ['src'] } });
    expect(afterExport.report.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['missing-export@src/a.ts:1']);

    repo.write('package.json', '{ "name": "x", "dependencies": {} }');
    const afterManifest = await analyze({ cwd: repo.dir, target: { kind: 'audit', paths: ['src'] } });
    expect(afterManifest.report.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['missing-export@src/a.ts:1', 'unresolved-import@src/a.ts:2']);
  });

  it('re-audits an importer when its module changes even if the module was audited first', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'package.json': '{ "name": "x" }', 'src/a.ts': 'export const x = 1;\n', 'src/b.ts': "import { x } from './a.js';\nexport const y = x;\n" });
    expect((await analyze({ cwd: repo.dir, target: { kind: 'audit', paths: ['src'] } })).report.findings).toEqual([]);
    repo.write('src/a.ts', 'export const renamed = 1;\n');
    const after = await analyze({ cwd: repo.dir, target: { kind: 'audit', paths: ['src'] } });
    expect(after.report.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['missing-export@src/b.ts:1']);
  });

  it('gives the same findings on one thread, on two threads and from the cache', () => {
    const repo = tempRepo();
    const files: Record<string, string> = { 'package.json': '{ "name": "x" }' };
    for (let i = 0; i < 80; i++) files[`src/m${i}.ts`] = i % 10 === 0 ? `export function f${i}() {\n  debugger;\n}\n` : `export const v${i} = ${i};\n`;
    repo.commit('init', files);
    const cache = tempDir();
    const one = auditJson(repo.dir, ['--jobs', '1', '--no-cache'], cache);
    const two = auditJson(repo.dir, ['--jobs', '2', '--no-cache'], cache);
    auditJson(repo.dir, [], cache);
    const cached = auditJson(repo.dir, [], cache);
    expect(one.summary.filesAnalyzed).toBe(80);
    expect(one.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/m0.ts:2', 'src/m10.ts:2', 'src/m20.ts:2', 'src/m30.ts:2', 'src/m40.ts:2', 'src/m50.ts:2', 'src/m60.ts:2', 'src/m70.ts:2']);
    expect(two.findings).toEqual(one.findings);
    expect(cached.findings).toEqual(one.findings);
  });
});
