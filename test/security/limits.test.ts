import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { renderMarkdown } from '../../src/reporters/markdown.js';
import { openAiServers, reply } from '../helpers/openai-server.js';
import { j, tempDir, tempRepo } from '../helpers/repo.js';

const TOKEN = j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u');
const found = (findings: { ruleId: string; file: string; line: number }[]): string[] => findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
const server = openAiServers();

describe('hostile sizes and depths', () => {
  it('reports a file nested beyond the parser as incomplete, and still checks its text and the other files', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    const deep = `const token = '${TOKEN}';\nexport const x = ${'('.repeat(20_000)}1${')'.repeat(20_000)};\n`;
    repo.stage({ 'src/deep.ts': deep, 'src/other.ts': 'debugger;\n' });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.errors).toEqual([]);
    expect(found(report.findings)).toEqual(['hardcoded-secret src/deep.ts:1', 'debugger-statement src/other.ts:1']);
    expect(report.summary.skipped).toEqual([
      { file: 'src/deep.ts', reason: 'too-deep', detail: 'nested too deeply to parse; only its text-level checks (secrets, comments) ran, so the result for this file is incomplete' },
    ]);
    expect(renderMarkdown(report)).toContain('> **Not analysed (1):** `src/deep.ts` (too-deep: nested too deeply to parse');
  });

  it('walks a 4,000-term sum and a 4,000-link chain without recursion', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    const sum = Array.from({ length: 4000 }, (_, i) => (i % 2 ? '0' : '1')).join(' + ');
    repo.stage({
      'src/sum.ts': `export const s = ${sum};\ndebugger;\n`,
      'src/chain.ts': `export const c = a${'.b'.repeat(4000)};\nexport const d = f${'()'.repeat(4000)};\neval('x' + y${' + y'.repeat(4000)});\n`,
      'src/deep.test.ts': `describe('a', () => {\n${"it('b', () => {\n".repeat(100)}expect(run()).toBe(1);\n${'});\n'.repeat(100)}});\n`,
      'src/sum.test.ts': `import { v } from './v';\nit('sums', () => {\n  expect(v(${sum})).toBe(v(${sum}));\n});\n`,
      'src/v.ts': 'export const v = (x: number) => x;\n',
    });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.errors).toEqual([]);
    expect(report.summary.skipped).toEqual([]);
    expect(found(report.findings).filter((f) => !f.startsWith('complexity') && !f.startsWith('missing-export') && !f.startsWith('unresolved-import'))).toEqual([
      'dynamic-code-exec src/chain.ts:3',
      'debugger-statement src/sum.ts:2',
    ]);
  });

  it('survives a tsconfig nested 20,000 deep', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n' });
    repo.stage({ 'tsconfig.json': `{ "compilerOptions": { "strict": false }, "x": ${'['.repeat(20_000)}${']'.repeat(20_000)} }\n`, 'src/a.ts': "import { b } from './b';\nexport const a = b;\n" });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.errors).toEqual([]);
  });

  it('checks 20,000 new dependencies in one pass and says which were not compared', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'package.json': '{\n  "name": "app",\n  "dependencies": {}\n}\n' });
    const deps = Array.from({ length: 20_000 }, (_, i) => `    "zq-internal-pkg-${i}": "1.0.0"`);
    deps[5] = '    "lodahs": "4.17.21"';
    repo.stage({ 'package.json': `{\n  "name": "app",\n  "dependencies": {\n${deps.join(',\n')}\n  }\n}\n` });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings.filter((f) => f.ruleId === 'suspicious-dependency').map((f) => [f.line, f.severity, f.message])).toEqual([
      [9, 'block', 'New dependency "lodahs" is 1 edit from the popular package "lodash": a typo or a typosquat?'],
      [304, 'info', '20000 new dependencies: only the first 300 were compared with popular package names, 19700 were not.'],
    ]);
  }, 60_000);

  it('takes at most 50 findings from one LLM reply', async () => {
    const repo = tempRepo();
    const body = Array.from({ length: 40 }, (_, i) => `export const v${i} = ${i};`).join('\n');
    repo.commit('init', { 'src/a.ts': 'export const v = 0;\n' });
    repo.stage({ 'src/a.ts': `${body}\n` });
    const many = Array.from({ length: 20_000 }, (_, i) => ({ file: 'src/a.ts', line: (i % 40) + 1, severity: 'warn', message: `finding ${i} ${'x'.repeat(2000)}` }));
    const s = await server([reply(JSON.stringify({ findings: many }), { prompt_tokens: 900, completion_tokens: 120 })]);
    const config = { ...defaultConfig(), llm: { ...defaultConfig().llm, baseURL: s.url } };

    const { report } = await analyze({ cwd: repo.dir, config, review: { env: { OPENAI_API_KEY: 'sk-test-limits-0123456789' }, stateDir: tempDir(), cacheDir: tempDir() } });

    const llm = report.findings.filter((f) => f.source === 'llm');
    expect(llm).toHaveLength(50);
    expect(Math.max(...llm.map((f) => f.message.length))).toBe(1000);
    expect(report.llm?.notices).toContain('An LLM reply listed 20000 findings; only the first 50 were considered.');
  }, 60_000);
});
