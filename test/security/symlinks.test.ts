import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { gitProjectView } from '../../src/pipeline/diff-source.js';
import { j, tempDir, tempRepo } from '../helpers/repo.js';

const TOKEN = j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u');

describe('no read follows a symbolic link', () => {
  it('reads the staged package.json, not the /dev/zero the working tree links it to', async () => {
    const repo = tempRepo();
    const manifest = '{ "name": "pkg", "dependencies": { "left-pad": "1.3.0" } }\n';
    repo.commit('init', { 'pkg/package.json': manifest });
    repo.stage({ 'pkg/a.ts': "import pad from 'left-pad';\nexport const x = pad('a', 3);\n" });
    rmSync(join(repo.dir, 'pkg/package.json'));
    symlinkSync('/dev/zero', join(repo.dir, 'pkg/package.json'));
    const before = process.memoryUsage().rss;

    const view = gitProjectView(repo.dir, null);
    expect(view.readText('pkg/package.json')).toBe(manifest);
    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings).toEqual([]);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  });

  it('does not read a file the index holds as a symbolic link', () => {
    const repo = tempRepo();
    const outside = tempDir();
    writeFileSync(join(outside, 'package.json'), '{ "name": "outside" }\n');
    repo.commit('init', {});
    symlinkSync(join(outside, 'package.json'), join(repo.dir, 'package.json'));
    repo.git('add', 'package.json');

    expect(gitProjectView(repo.dir, null).readText('package.json')).toBeUndefined();
  });

  it('audit reports a symbolic link out of the tree as skipped and never reads its target', async () => {
    const repo = tempRepo();
    const outside = tempDir();
    writeFileSync(join(outside, 'passwd'), `root:x:0:0:root:/root:/bin/bash\ntoken=${TOKEN}\n`);
    mkdirSync(join(outside, 'dir'));
    writeFileSync(join(outside, 'dir', 'x.ts'), 'debugger;\n');
    repo.commit('init', { 'src/a.ts': 'export const a = 1;\n' });
    symlinkSync(join(outside, 'passwd'), join(repo.dir, 'leak.txt'));
    symlinkSync(join(outside, 'dir'), join(repo.dir, 'linked'));
    repo.git('add', 'leak.txt', 'linked');

    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'audit' }, cache: false, jobs: 1 });

    expect(report.findings).toEqual([]);
    expect(report.summary.skipped).toEqual([
      { file: 'leak.txt', reason: 'symlink', detail: 'not followed' },
      { file: 'linked', reason: 'symlink', detail: 'not followed' },
    ]);
  });

  it('audit of a plain folder does not follow a symbolic link to a file outside it', async () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.env'), `TOKEN=${TOKEN}\n`);
    writeFileSync(join(dir, 'a.ts'), 'export const a = 1;\n');
    symlinkSync(join(outside, 'secret.env'), join(dir, 'secret.env'));

    const { report } = await analyze({ cwd: dir, target: { kind: 'audit' }, cache: false, jobs: 1 });

    expect(report.findings).toEqual([]);
    expect(report.summary.filesAnalyzed).toBe(1);
  });
});
