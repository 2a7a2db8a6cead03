import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { validateConfig } from '../../src/config/load.js';
import { builtInRules } from '../../src/rules/registry.js';
import { tempRepo } from '../helpers/repo.js';

const rules = builtInRules();
const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));
const nested = (depth: number) => `export function f(a: number[]) {\n${'  '.repeat(1)}${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}for (const x${i} of a) {`).join('\n')}\n${Array.from({ length: depth }, () => '}').join('\n')}\n}\n`;

describe('overrides', () => {
  it('apply rule settings per path, later entries winning, ignores excluded, options kept when only the level changes', async () => {
    const repo = tempRepo();
    repo.commit('init', {
      'src/a.ts': 'debugger;\n',
      'test/a.test.ts': 'debugger;\n',
      'test/fixtures/b.ts': 'debugger;\n',
      'scripts/deep.ts': nested(6),
    });
    const config = await validateConfig(
      {
        rules: { complexity: ['warn', { maxNesting: 7, maxCognitive: 30 }] }, // scripts/deep.ts (nesting 6, cognitive 21) passes only with these options
        overrides: [
          { files: ['test/**'], ignores: ['test/fixtures/**'], rules: { 'debugger-statement': 'off' } },
          { files: ['test/**', 'scripts/**'], rules: { 'debugger-statement': 'info', complexity: 'block' } },
          { files: ['test/*.test.ts'], rules: { 'debugger-statement': 'off' } },
        ],
      },
      'diffwarden.config.json',
      rules,
    );
    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'audit' }, config, cache: false, jobs: 1 });
    expect(report.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual(['src/a.ts debugger-statement block', 'test/fixtures/b.ts debugger-statement info']);

    // The same settings in a check of a change.
    repo.stage({ 'test/a.test.ts': 'debugger;\nexport {};\n', 'src/c.ts': 'debugger;\n' });
    const check = await analyze({ cwd: repo.dir, target: { kind: 'staged' }, config });
    expect(check.report.findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`)).toEqual(['src/c.ts debugger-statement block']);
  });

  it('validates each entry with the file and key', async () => {
    const error = (raw: unknown) => validateConfig(raw, 'diffwarden.config.json', rules).then(() => null, (e: Error) => e.message);
    expect(await error({ overrides: [{ files: ['x/**'], rules: { 'debuger-statement': 'off' } }] })).toBe(
      'diffwarden.config.json: overrides.0.rules.debuger-statement: unknown rule id "debuger-statement" (did you mean "debugger-statement"?). Run `diffwarden rules` to list them.',
    );
    expect(await error({ overrides: [{ files: ['x/**'], rules: { 'focused-test': 'error' } }] })).toBe(
      'diffwarden.config.json: overrides.0.rules.focused-test: "error" is not a rule level. diffwarden\'s levels are off, info, warn and block; "error" (ESLint\'s level) is "block" here (it stops the commit).',
    );
    expect(await error({ overrides: [{ rules: {} }] })).toMatch(/^diffwarden\.config\.json: overrides\.0\.files: .*\(got undefined\)\.$/);
    expect(await error({ overrides: [{ files: ['x/**'], rules: { complexity: ['warn', { maxNesting: 0 }] } }] })).toMatch(/^diffwarden\.config\.json: overrides\.0\.rules\.complexity\.1\.maxNesting: .*\(got 0\)\.$/);
  });
});

describe('print-config', () => {
  it('shows the configuration in effect and, for a file, every rule with overrides applied', () => {
    const repo = tempRepo();
    repo.commit('init', {
      'diffwarden.config.json': JSON.stringify({ rules: { complexity: ['warn', { maxCognitive: 25 }] }, overrides: [{ files: ['test/**'], rules: { complexity: 'info', 'debugger-statement': 'off' } }] }),
    });
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'print-config', ...args], { cwd: join(repo.dir), encoding: 'utf8' });
    const forTest = JSON.parse(run(['test/a.test.ts']).stdout) as { file: string; rules: Record<string, unknown>; config: { failOn: string } };
    expect(forTest.file).toBe('test/a.test.ts');
    expect(forTest.rules.complexity).toEqual(['info', { maxCognitive: 25, maxNesting: 4 }]);
    expect(forTest.rules['debugger-statement']).toBe('off');
    expect(forTest.rules['focused-test']).toBe('block');
    expect(forTest.config.failOn).toBe('block');
    const forSrc = JSON.parse(run(['src/a.ts']).stdout) as { rules: Record<string, unknown> };
    expect(forSrc.rules.complexity).toEqual(['warn', { maxCognitive: 25, maxNesting: 4 }]);
    expect(forSrc.rules['debugger-statement']).toBe('block');
    expect(run(['a', 'b'])).toMatchObject({ status: 2, stderr: 'diffwarden: print-config takes one file (got 2). See `diffwarden print-config --help`.\n' });
  });
});
