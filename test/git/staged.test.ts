import { createHash } from 'node:crypto';
import { readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { UsageError } from '../../src/errors.js';
import { j, tempDir, tempRepo } from '../helpers/repo.js';

const TOKEN = j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u');

function snapshotOf(repo: ReturnType<typeof tempRepo>, files: string[]) {
  const index = readFileSync(join(repo.dir, '.git', 'index'));
  return {
    index: createHash('sha256').update(index).digest('hex'),
    indexMtime: statSync(join(repo.dir, '.git', 'index')).mtimeMs,
    status: repo.git('--no-optional-locks', 'status', '--porcelain=v1', '-z'),
    files: files.map((f) => createHash('sha256').update(repo.read(f)).digest('hex')),
  };
}

describe('staged changes', () => {
  it('blocks a staged secret and reports it at its line and column', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'src/app.ts': 'export const a = 1;\n' });
    repo.stage({ 'src/app.ts': `export const a = 1;\nexport const b = 2;\nconst token = '${TOKEN}';\n` });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.mode).toBe('staged');
    expect(report.decision).toBe('block');
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.endColumn])).toEqual([['hardcoded-secret', 'src/app.ts', 3, 16, 56]]);
    expect(report.summary).toMatchObject({ filesAnalyzed: 1, linesAdded: 2, linesRemoved: 0 });
    expect(report.findings[0]!.snippet).not.toContain(TOKEN);
  });

  it('judges a partially staged file by its staged content only and touches nothing', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'app.ts': 'export const a = 1;\n' });
    repo.stage({ 'app.ts': 'export const a = 1;\nexport const b = 2;\n' });
    // The secret exists only in the working tree, not in the index.
    repo.write('app.ts', `export const a = 1;\nexport const b = 2;\nconst token = '${TOKEN}';\n`);
    const before = snapshotOf(repo, ['app.ts']);

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.decision).toBe('pass');
    expect(report.findings).toEqual([]);
    expect(report.summary.linesAdded).toBe(1);
    expect(snapshotOf(repo, ['app.ts'])).toEqual(before);
  });

  it('reads the staged blob, not the working tree, when the working tree has reverted the staged change', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'app.ts': 'export const a = 1;\n' });
    repo.stage({ 'app.ts': 'export const a = 1;\ndebugger;\n' });
    repo.write('app.ts', 'export const a = 1;\n');

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([['debugger-statement', 2]]);
  });

  it('works for the initial commit of a repository without commits', async () => {
    const repo = tempRepo();
    repo.stage({ 'index.js': 'debugger;\n', 'README.md': '# hi\n' });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.target).toBe('staged changes (initial commit)');
    expect(report.summary.filesAnalyzed).toBe(2);
    expect(report.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}`)).toEqual(['debugger-statement@index.js:1']);
  });

  it('passes an empty diff and says so', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'a.ts': 'export {};\n' });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.decision).toBe('pass');
    expect(report.riskScore).toBe(0);
    expect(report.summary.filesAnalyzed).toBe(0);
    expect(report.notes).toEqual(['Nothing is staged: there is no change to analyse.']);
  });

  it('counts only added lines: an old debugger next to a new line is not reported', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'a.ts': 'function f() {\n  debugger;\n  return 1;\n}\n' });
    repo.stage({ 'a.ts': 'function f() {\n  debugger;\n  return 2;\n}\n' });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ linesAdded: 1, linesRemoved: 1 });
  });

  it('reports renames under the new path and only for changed lines', async () => {
    const repo = tempRepo();
    const body = Array.from({ length: 20 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    repo.commit('init', { 'old name.ts': `debugger;\n${body}\n` });
    repo.git('mv', 'old name.ts', 'new name.ts');
    repo.stage({ 'new name.ts': `debugger;\n${body}\ndebugger;\n` });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['new name.ts:22']);
  });

  it('ignores deleted files for added-line rules', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'gone.ts': 'debugger;\n', 'keep.ts': 'export {};\n' });
    repo.git('rm', '-q', 'gone.ts');

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ filesAnalyzed: 1, linesRemoved: 1 });
  });

  it('skips binary, oversized and symlinked files with a note, and analyses non-UTF-8 text', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    repo.write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    repo.write('big.ts', `${'// padding\n'.repeat(200)}debugger;\n`);
    repo.write('latin1.ts', Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\ndebugger;\n')]));
    symlinkSync('big.ts', join(repo.dir, 'link.ts'));
    repo.git('add', 'logo.png', 'big.ts', 'latin1.ts', 'link.ts');

    const config = { ...(await import('../../src/config/defaults.js')).defaultConfig(), maxFileBytes: 1000 };
    const { report } = await analyze({ cwd: repo.dir, config });

    expect(report.summary.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['link.ts', 'symlink'],
      ['big.ts', 'too-large'],
      ['logo.png', 'binary'],
    ]);
    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['latin1.ts:2']);
    expect(report.notes).toEqual(['latin1.ts is not valid UTF-8; it was analysed with replacement characters.']);
  });

  it('handles paths with spaces, quotes, newlines-free unicode and leading dashes', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    const names = ['dir with space/a b.ts', 'quo"te\'s.ts', 'ünïcödé/日本.ts', '-dash.ts', 'tab\there.ts'];
    repo.stage(Object.fromEntries(names.map((n) => [n, 'debugger;\n'])));

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings.map((f) => f.file).sort()).toEqual([...names].sort());
  });

  it('analyses a 5,000-file change', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    const files: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) files[`pkg/m${String(i).padStart(4, '0')}.ts`] = `export const v${i} = ${i};\n${i % 1000 === 0 ? 'debugger;\n' : ''}`;
    repo.stage(files);

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.summary.filesAnalyzed).toBe(5000);
    expect(report.summary.linesAdded).toBe(5005);
    expect(report.findings.map((f) => f.file)).toEqual(['pkg/m0000.ts', 'pkg/m1000.ts', 'pkg/m2000.ts', 'pkg/m3000.ts', 'pkg/m4000.ts']);
  }, 120_000);

  it('is not fooled by user git configuration that changes diff output', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'x\n'.repeat(30) });
    for (const [key, value] of [
      ['diff.noprefix', 'true'],
      ['diff.mnemonicPrefix', 'true'],
      ['color.ui', 'always'],
      ['color.diff', 'always'],
      ['diff.external', 'false'],
      ['diff.relative', 'true'],
      ['diff.renames', 'copies'],
      ['core.quotePath', 'true'],
      ['diff.suppressBlankEmpty', 'true'],
    ]) repo.git('config', key!, value!);
    repo.git('mv', 'src/b.ts', 'src/c.ts');
    repo.stage({ 'src/a.ts': 'export const a = 1;\ndebugger;\n', 'src/é.ts': 'debugger;\n' });

    const { report } = await analyze({ cwd: `${repo.dir}/src` });

    expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/a.ts:2', 'src/é.ts:1']);
  });

  it('rejects a directory that is not a git repository with a clear error', async () => {
    const dir = tempDir();
    await expect(analyze({ cwd: dir })).rejects.toThrow(UsageError);
    await expect(analyze({ cwd: dir })).rejects.toThrow(/Not a git repository.*diffwarden audit PATH/);
  });
});
