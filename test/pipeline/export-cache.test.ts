import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { tempDir, tempRepo } from '../helpers/repo.js';

let saved: string | undefined;
let cache: string;
beforeEach(() => {
  saved = process.env.DIFFWARDEN_CACHE_DIR;
  cache = tempDir();
  process.env.DIFFWARDEN_CACHE_DIR = cache;
});
afterEach(() => {
  if (saved === undefined) delete process.env.DIFFWARDEN_CACHE_DIR;
  else process.env.DIFFWARDEN_CACHE_DIR = saved;
});

async function missingExports(dir: string): Promise<string[]> {
  const { report } = await analyze({ cwd: dir, target: { kind: 'range', range: 'HEAD' } });
  return report.findings.filter((f) => f.ruleId === 'missing-export').map((f) => `${f.file}:${f.line} ${f.message}`);
}

function cacheFile(): string {
  const dir = join(cache, 'exports');
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
}

describe('exports of imported modules kept between runs', () => {
  it('gives the same findings from the cache, and reads a module again once its content changes', async () => {
    const repo = tempRepo();
    repo.commit('modules', {
      'src/lib.ts': 'export const a = 1;\n',
      'src/view.tsx': "export const View = () => <p>Don't</p>;\n",
    });
    repo.commit('use them', { 'src/main.ts': "import { a, b } from './lib';\nimport { View, Other } from './view';\nexport const all = [a, b, View, Other];\n" });
    const expected = ['src/main.ts:1 "b" is not exported by src/lib.ts.', 'src/main.ts:2 "Other" is not exported by src/view.tsx.'];
    expect(await missingExports(repo.dir)).toEqual(expected);
    const stored = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { version: number; entries: Record<string, unknown> };
    expect(stored.version).toBe(1);
    expect(Object.values(stored.entries).sort()).toEqual([[['View'], [], false], [['a'], [], false]].sort());

    expect(await missingExports(repo.dir)).toEqual(expected);

    repo.commit('export b', { 'src/lib.ts': 'export const a = 1;\nexport const b = 2;\n' });
    repo.commit('reorder', { 'src/main.ts': "import { b, a } from './lib';\nimport { Other, View } from './view';\nexport const all = [a, b, View, Other];\n" });
    expect(await missingExports(repo.dir)).toEqual(['src/main.ts:2 "Other" is not exported by src/view.tsx.']);
  });

  it('ignores a damaged cache file', async () => {
    const repo = tempRepo();
    repo.commit('module', { 'src/lib.ts': 'export const a = 1;\n' });
    repo.commit('use it', { 'src/main.ts': "import { a, b } from './lib';\nexport const all = [a, b];\n" });
    expect(await missingExports(repo.dir)).toEqual(['src/main.ts:1 "b" is not exported by src/lib.ts.']);
    writeFileSync(cacheFile(), '{"version":1,"entries":{"x":');
    expect(await missingExports(repo.dir)).toEqual(['src/main.ts:1 "b" is not exported by src/lib.ts.']);
  });
});
