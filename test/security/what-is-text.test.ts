import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { j, tempRepo } from '../helpers/repo.js';

const TOKEN = j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u');
const found = (findings: { ruleId: string; file: string; line: number }[]): string[] => findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

describe('a change cannot switch off its own analysis', () => {
  for (const attributes of ['*.ts -diff\n', '*.ts binary\n', '[attr]hide -diff\n*.ts hide\n']) {
    it(`ignores a .gitattributes in the change (${attributes.trim()})`, async () => {
      const repo = tempRepo();
      repo.commit('init', { 'src/app.ts': 'export const a = 1;\n' });
      repo.stage({ '.gitattributes': attributes, 'src/app.ts': `export const a = 1;\ndebugger;\nconst token = '${TOKEN}';\n` });

      const { report } = await analyze({ cwd: repo.dir });

      expect(found(report.findings)).toEqual(['debugger-statement src/app.ts:2', 'hardcoded-secret src/app.ts:3']);
      expect(report.decision).toBe('block');
      expect(report.summary.skipped).toEqual([]);
    });
  }

  it('ignores a committed .gitattributes on the base side too, in a range', async () => {
    const repo = tempRepo();
    const base = repo.commit('init', { '.gitattributes': '*.ts binary\n', 'src/app.ts': 'export const a = 1;\n' });
    const head = repo.commit('change', { 'src/app.ts': 'export const a = 1;\nexport const b = 2;\ndebugger;\n' });

    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${base}..${head}` } });

    expect(found(report.findings)).toEqual(['debugger-statement src/app.ts:3']);
    expect(report.summary.linesAdded).toBe(2);
  });

  it('reads a .ts file with a NUL byte at the top as text, with exact added lines', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'src/app.ts': 'export const a = 1;\nexport const b = 2;\n' });
    repo.stage({ 'src/app.ts': `\0export const a = 1;\nexport const b = 2;\ndebugger;\nconst token = '${TOKEN}';\n` });

    const { report } = await analyze({ cwd: repo.dir });

    expect(found(report.findings).filter((f) => !f.startsWith('syntax-error'))).toEqual(['debugger-statement src/app.ts:3', 'hardcoded-secret src/app.ts:4']);
    expect(report.summary.skipped).toEqual([]);
    expect(report.decision).toBe('block');
  });

  it('decodes a UTF-16 .env (byte order mark) and finds its secret', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    const text = `APP=demo\nGITHUB_TOKEN=${TOKEN}\n`;
    repo.stage({ '.env': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });

    const { report } = await analyze({ cwd: repo.dir });

    expect(found(report.findings)).toEqual(['hardcoded-secret .env:2']);
    expect(report.notes).toEqual(['.env is UTF-16LE; it was decoded and analysed as text.']);
  });

  it('reports a binary file in every output and still scans its printable bytes for secrets', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    const blob = Buffer.concat([Buffer.alloc(64, 0), Buffer.from(`\ntoken=${TOKEN}\n`), Buffer.from([1, 2, 3, 0, 0, 0, 4, 5])]);
    repo.stage({ 'assets/blob.bin': blob });

    const { report } = await analyze({ cwd: repo.dir });

    expect(found(report.findings)).toEqual(['hardcoded-secret assets/blob.bin:2']);
    expect(report.findings[0]!.snippet).not.toContain(TOKEN);
    expect(report.summary.skipped).toEqual([{ file: 'assets/blob.bin', reason: 'binary', detail: 'binary by content; its printable text was still scanned for secrets' }]);
    expect(report.summary.filesAnalyzed).toBe(0);
    expect(renderMarkdown(report)).toContain('> **Not analysed (1):** `assets/blob.bin` (binary: binary by content; its printable text was still scanned for secrets).');
  });

  it('scans the first maxFileBytes of a too-large file for secrets', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    repo.stage({ 'data/dump.sql': `-- dump\npassword_token=${TOKEN}\n${'insert into t values (1);\n'.repeat(200)}` });
    const config = { ...defaultConfig(), maxFileBytes: 1000 };

    const { report } = await analyze({ cwd: repo.dir, config });

    expect(found(report.findings)).toEqual(['hardcoded-secret data/dump.sql:2']);
    expect(report.summary.skipped.map((s) => [s.file, s.reason])).toEqual([['data/dump.sql', 'too-large']]);
  });

  it('reports a tree entry named ".." without a path that leaves the root', async () => {
    const repo = tempRepo();
    const base = repo.commit('init', { 'a.ts': 'export {};\n' });
    const evil = execGit(repo, ['hash-object', '-w', '--stdin'], `debugger;\nconst token = '${TOKEN}';\n`);
    const sub = execGit(repo, ['mktree'], `100644 blob ${evil}\tevil.ts\n`);
    const top = execGit(repo, ['mktree'], `040000 tree ${sub}\t..\n100644 blob ${repo.git('rev-parse', `${base}:a.ts`).trim()}\ta.ts\n`);
    const head = repo.git('commit-tree', top, '-p', base, '-m', 'evil').trim();

    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${base}..${head}` } });

    expect(report.findings).toEqual([]);
    expect(report.summary.skipped).toEqual([{ file: '%2E%2E/evil.ts', reason: 'unreadable', detail: 'invalid path (segments "", "." or ".." that git refuses to check out)' }]);
  });
});

function execGit(repo: ReturnType<typeof tempRepo>, args: string[], input: string): string {
  return execFileSync('git', args, { cwd: repo.dir, input, encoding: 'utf8' }).trim();
}
