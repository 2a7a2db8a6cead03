import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir, tempRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function repoWith(files: Record<string, string>) {
  const repo = tempRepo();
  repo.commit('init', { 'README.md': '# x\n' });
  repo.stage(files);
  return repo;
}

describe('diffwarden CLI', () => {
  it('exits 1 on a block and prints findings without colours when not on a terminal', () => {
    const repo = repoWith({ 'a.ts': 'debugger;\n' });
    const { code, stdout, stderr } = cli(repo.dir, ['check']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).not.toContain('\u001b[');
    expect(stdout).toMatch(/^a\.ts\n {2}1:1 {5}block {2}Leftover `debugger` statement\. {2}debugger-statement\n/);
    expect(stdout).toMatch(/✖ block · risk 80\/100 · 1 block, 0 warn, 0 info · 1 file, \+1 -0 · staged changes · \d+ ms/);
  });

  it('exits 0 on pass and on warn, and 1 on warn with --fail-on warn', () => {
    const clean = repoWith({ 'a.ts': 'export const a = 1;\n' });
    expect(cli(clean.dir, ['check', '--staged']).code).toBe(0);
    const warn = repoWith({ 'a.ts': 'export const a = ;\n' });
    expect(cli(warn.dir, ['check']).code).toBe(0);
    expect(cli(warn.dir, ['check', '--fail-on', 'warn']).code).toBe(1);
    const block = repoWith({ 'a.ts': 'debugger;\n' });
    expect(cli(block.dir, ['check', '--fail-on', 'never']).code).toBe(0);
  });

  it('takes failOn from the configuration, and --fail-on overrides it', () => {
    const repo = repoWith({ 'a.ts': 'export const a = ;\n', 'diffwarden.config.json': '{ "failOn": "warn" }' });
    expect(cli(repo.dir, ['check']).code).toBe(1);
    expect(cli(repo.dir, ['check', '--fail-on', 'block']).code).toBe(0);
  });

  it('prints the JSON contract and writes reports to --output', () => {
    const repo = repoWith({ 'a.ts': 'debugger;\n' });
    const { code, stdout } = cli(repo.dir, ['check', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['version', 'tool', 'mode', 'target', 'decision', 'riskScore', 'findings', 'summary', 'notes', 'errors']);
    expect(Object.keys(report.findings[0])).toEqual(
      expect.arrayContaining(['ruleId', 'severity', 'category', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'source', 'fingerprint']),
    );

    const out = cli(repo.dir, ['check', '--format', 'sarif', '--output', 'report.sarif']);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('diffwarden: block (risk 80/100, 1 findings); sarif report written to report.sarif\n');
    expect(JSON.parse(readFileSync(join(repo.dir, 'report.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('--output into a missing, non-directory or unwritable place is a usage error naming the path', () => {
    const repo = repoWith({ 'a.ts': 'debugger;\n' });
    const missing = join(repo.dir, 'reports');
    expect(cli(repo.dir, ['check', '--output', 'reports/r.sarif'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `diffwarden: --output reports/r.sarif: the directory ${missing} does not exist. Create it first (mkdir -p "${missing}") or write the report elsewhere.\n`,
    });
    expect(cli(repo.dir, ['check', '--output', 'a.ts/r.txt']).stderr).toBe(`diffwarden: --output a.ts/r.txt: ${join(repo.dir, 'a.ts')} is not a directory. Pick a path inside a directory.\n`);
    expect(cli(repo.dir, ['check', '--output', '.git']).stderr).toBe(`diffwarden: --output .git: ${join(repo.dir, '.git')} is a directory. Name a file inside it.\n`);
    // Writable by mode, refused by the kernel (the tests may run as root, which ignores modes).
    const refused = cli(repo.dir, ['check', '--output', '/proc/diffwarden-report.txt']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^diffwarden: --output \/proc\/diffwarden-report\.txt: (?:the directory \/proc is not writable\. Pick a writable location, or fix its permissions\.|could not write \/proc\/diffwarden-report\.txt \(E[A-Z]+\)\. Pick a writable file path\.)\n$/);
  });

  it('exits 2 with a clear message for usage, repository and configuration errors', () => {
    const repo = repoWith({ 'a.ts': 'export {};\n' });
    expect(cli(repo.dir, ['check', '--formt', 'json'])).toEqual({ code: 2, stdout: '', stderr: 'diffwarden: Unknown option --formt for `diffwarden check` (did you mean "--format"?). See `diffwarden check --help`.\n' });
    expect(cli(repo.dir, ['check', '--format', 'xml']).stderr).toBe('diffwarden: Invalid value "xml" for --format. Expected one of: text, json, sarif, markdown, github.\n');
    expect(cli(repo.dir, ['check', '--staged', '--base', 'main']).stderr).toBe('diffwarden: --staged and --base cannot be combined; pick one.\n');
    expect(cli(repo.dir, ['chek']).stderr).toMatch(/^diffwarden: unknown command "chek" \(did you mean "check"\?\)\./);
    expect(cli(repo.dir, ['chek']).code).toBe(2);
    expect(cli(repo.dir, ['check', '--range', 'nope..HEAD'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown revision "nope"') });
    expect(cli(tempDir(), ['check'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^diffwarden: Not a git repository/) });

    repo.write('diffwarden.config.json', '{ "rules": { "debuger-statement": "off" } }');
    expect(cli(repo.dir, ['check'])).toMatchObject({ code: 2, stderr: 'diffwarden: diffwarden.config.json: rules.debuger-statement: unknown rule id "debuger-statement" (did you mean "debugger-statement"?). Run `diffwarden rules` to list them.\n' });
  });

  it('audits whole files, honouring .gitignore, and plain folders', () => {
    const repo = tempRepo();
    repo.commit('init', { '.gitignore': 'out/\n', 'src/a.ts': 'export function f() {\n  debugger;\n}\n', 'src/b.ts': 'export {};\n' });
    repo.write('out/gen.ts', 'debugger;\n');
    repo.write('src/new.ts', 'debugger;\n');
    const { code, stdout } = cli(repo.dir, ['audit', 'src', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.mode).toBe('audit');
    expect(report.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['src/a.ts:2', 'src/new.ts:1']);
    expect(report.summary).toMatchObject({ filesAnalyzed: 3, linesAdded: 5 });

    const plain = tempDir();
    const sub = tempRepo({ init: false });
    sub.write('x.js', 'debugger;\n');
    expect(JSON.parse(cli(plain, ['audit', sub.dir, '--format', 'json']).stdout).findings).toHaveLength(1);
    expect(cli(repo.dir, ['audit', 'missing'])).toMatchObject({ code: 2, stderr: 'diffwarden: No such file or directory: missing\n' });
  });

  it('lists rules', () => {
    const dir = tempDir();
    const text = cli(dir, ['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^debugger-statement +block +insecure-api +A `debugger` statement left in the code\.$/m);
    const json = JSON.parse(cli(dir, ['rules', '--format', 'json']).stdout);
    expect(json.map((r: { id: string }) => r.id)).toContain('hardcoded-secret');

    const one = cli(dir, ['rules', 'complexity']);
    expect(one.code).toBe(0);
    expect(one.stdout.split('\n')[0]).toBe('complexity  (warn, maintainability, confidence medium)');
    expect(one.stdout).toContain('Options (defaults): {"maxCognitive":15,"maxNesting":4}; set as "complexity": ["warn", { ... }]');
    expect(one.stdout).toContain('Silence one place: // diffwarden-ignore-next-line complexity -- <reason>\n');
    expect(JSON.parse(cli(dir, ['rules', 'complexity', '--format', 'json']).stdout)[0].defaultOptions).toEqual({ maxCognitive: 15, maxNesting: 4 });
    expect(cli(dir, ['rules', 'focused-tests'])).toMatchObject({ code: 2, stderr: 'diffwarden: Unknown rule id "focused-tests" (did you mean "focused-test"?). Run `diffwarden rules` to list them.\n' });
  });

  it('prints help and version', () => {
    const dir = tempDir();
    expect(cli(dir, ['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('diffwarden check [--staged | --range A..B | --base REF]') });
    expect(cli(dir, [])).toMatchObject({ code: 2 });
    expect(cli(dir, ['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
