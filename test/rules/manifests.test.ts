import { describe, expect, it } from 'vitest';
import { manifestIndex } from '../../src/rules/resolve/manifests.js';
import { createChangeView } from '../../src/pipeline/run-rules.js';
import { typescript } from '../../src/pipeline/parse.js';
import type { ProjectView } from '../../src/rules/context.js';

function project(files: Record<string, string>): ProjectView {
  return { files: () => Object.keys(files).sort(), exists: (p) => p in files, readText: (p) => files[p] };
}

describe('manifest index', () => {
  it('reads strict JSON and hand-edited manifests (comments, trailing commas) alike', () => {
    const index = manifestIndex(
      typescript(),
      project({
        'package.json': '{ "name": "root", "workspaces": ["packages/*"], "devDependencies": { "vitest": "3" } }',
        'packages/a/package.json': '{\n  // the app\n  "name": "@x/a",\n  "dependencies": { "react": "19", },\n  "browser": { "./ext.js": false },\n}\n',
        'packages/b/package.json': '{ "name": "@x/b", "dependencies": { "__proto__": "1", "zod": "4" } }',
        'packages/c/package.json': 'not json',
      }),
      createChangeView([]),
    );
    expect([...index.manifests.keys()]).toEqual(['', 'packages/a', 'packages/b', 'packages/c']); // TypeScript's reader makes an empty object of anything
    expect([...index.workspaceNames]).toEqual(['root', '@x/a', '@x/b']);
    expect([...index.declaredBy]).toEqual([
      ['vitest', 'package.json'],
      ['react', 'packages/a/package.json'],
      ['zod', 'packages/b/package.json'],
    ]);
    expect(index.manifests.get('packages/a')!.browser).toEqual(['packages/a/ext.js']);
  });
});
