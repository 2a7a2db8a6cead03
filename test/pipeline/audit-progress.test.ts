import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { tempRepo } from '../helpers/repo.js';

describe('audit progress', () => {
  it('reports each file done out of the files to audit (ignored ones not counted), ending at the total', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'a.ts': 'export const a = 1;\n', 'b.ts': 'export const b = 1;\n', 'c.js': 'debugger;\n', 'package-lock.json': '{}\n' });
    const calls: [number, number][] = [];
    await analyze({ cwd: repo.dir, target: { kind: 'audit' }, config: defaultConfig(), cache: false, jobs: 1, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});
