import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { builtInRules } from '../../src/rules/registry.js';
import { analyze } from '../../src/analyze.js';
import { tempDir, tempRepo } from '../helpers/repo.js';

const rules = builtInRules();

async function loadFrom(files: Record<string, string>, path?: string) {
  const root = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  return loadConfig({ root, cwd: root, rules, ...(path ? { path } : {}) });
}

async function errorOf(files: Record<string, string>, path?: string): Promise<ConfigError> {
  try {
    await loadFrom(files, path);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('returns the defaults when there is no config file', async () => {
    const { config, filepath } = await loadFrom({});
    expect(filepath).toBeNull();
    expect(config.failOn).toBe('block');
    expect(config.rules).toEqual({});
  });

  it('reads JSON, YAML, JS and package.json configurations', async () => {
    const json = await loadFrom({ 'diffwarden.config.json': '{ "failOn": "warn", "rules": { "debugger-statement": "warn" } }' });
    expect(json.config).toMatchObject({ failOn: 'warn', rules: { 'debugger-statement': 'warn' } });
    const yaml = await loadFrom({ '.diffwardenrc.yaml': 'ignorePatterns:\n  - "generated/**"\n' });
    expect(yaml.config.ignorePatterns).toEqual(['generated/**']);
    const js = await loadFrom({ 'diffwarden.config.mjs': 'export default { maxFileBytes: 2048 };' });
    expect(js.config.maxFileBytes).toBe(2048);
    const pkg = await loadFrom({ 'package.json': '{ "name": "x", "diffwarden": { "rules": { "syntax-error": "off" } } }' });
    expect(pkg.config.rules).toEqual({ 'syntax-error': 'off' });
  });

  it('names the file, key and value, and suggests the nearest rule id', async () => {
    const unknownRule = await errorOf({ 'diffwarden.config.json': '{ "rules": { "debuger-statement": "block" } }' });
    expect(unknownRule.message).toBe('diffwarden.config.json: rules.debuger-statement: unknown rule id "debuger-statement" (did you mean "debugger-statement"?). Run `diffwarden rules` to list them.');
    expect([unknownRule.file, unknownRule.key]).toEqual(['diffwarden.config.json', 'rules.debuger-statement']);

    const eslintWord = await errorOf({ '.diffwardenrc.json': '{ "rules": { "debugger-statement": "error" } }' });
    expect(eslintWord.message).toBe(
      '.diffwardenrc.json: rules.debugger-statement: "error" is not a rule level. diffwarden\'s levels are off, info, warn and block; "error" (ESLint\'s level) is "block" here (it stops the commit).',
    );
    expect(eslintWord.key).toBe('rules.debugger-statement');
    const eslintNumber = await errorOf({ 'diffwarden.config.json': '{ "rules": { "complexity": [1, { "maxCognitive": 20 }] } }' });
    expect(eslintNumber.message).toBe('diffwarden.config.json: rules.complexity.0: 1 is not a rule level. diffwarden\'s levels are off, info, warn and block; 1 (ESLint\'s level) is "warn" here.');
    const badLevel = await errorOf({ 'diffwarden.config.json': '{ "rules": { "debugger-statement": "loud" } }' });
    expect(badLevel.message).toBe('diffwarden.config.json: rules.debugger-statement: "loud" is not a rule level. Use one of "off", "info", "warn", "block".');

    const badType = await errorOf({ 'diffwarden.config.json': '{ "failOn": 1 }' });
    expect(badType.message).toMatch(/^diffwarden\.config\.json: failOn: .*\(got 1\)\.$/);

    const unknownKey = await errorOf({ 'diffwarden.config.json': '{ "ignorePattern": [] }' });
    expect(unknownKey.message).toMatch(/^diffwarden\.config\.json: unknown key "ignorePattern" \(did you mean "ignorePatterns"\?\)\. Known keys: /);

    const noOptions = await errorOf({ 'diffwarden.config.json': '{ "rules": { "debugger-statement": ["warn", { "x": 1 }] } }' });
    expect(noOptions.message).toBe('diffwarden.config.json: rules.debugger-statement: this rule takes no options (got {"x":1}). Use "warn" alone.');
  });

  it('validates the llm section with the same precision', async () => {
    const bad = await errorOf({ 'diffwarden.config.json': '{ "llm": { "budget": { "dailyUsd": -1 } } }' });
    expect(bad.message).toMatch(/^diffwarden\.config\.json: llm\.budget\.dailyUsd: /);
    const unknown = await errorOf({ 'diffwarden.config.json': '{ "llm": { "modle": "gpt-4o" } }' });
    expect(unknown.message).toMatch(/^diffwarden\.config\.json: unknown key "llm\.modle" \(did you mean "model"\?\)\. Known keys: /);
    expect(unknown.key).toBe('llm.modle');
    const ok = await loadFrom({ 'diffwarden.config.json': '{ "llm": { "model": "gpt-4.1-mini", "budget": { "monthlyUsd": 5 } } }' });
    expect(ok.config.llm).toEqual({ model: 'gpt-4.1-mini', budget: { monthlyUsd: 5 } });
  });

  it('reports malformed JSON and missing --config files', async () => {
    const malformed = await errorOf({ 'diffwarden.config.json': '{ "rules": { ' });
    expect(malformed.message).toMatch(/^Could not read diffwarden\.config\.json: JSON Error in .*diffwarden\.config\.json:.*Expected property name or '\}' in JSON at position 13/s);
    const missing = await errorOf({}, 'nope.json');
    expect(missing.message).toMatch(/^Config file not found: nope\.json \(resolved to .*nope\.json\)\. Check the --config path\.$/);
  });

  it('applies ignorePatterns and rule levels during analysis', async () => {
    const repo = tempRepo();
    repo.commit('init', { 'diffwarden.config.json': '{ "ignorePatterns": ["gen/**"], "rules": { "debugger-statement": "warn" } }' });
    repo.stage({ 'gen/out.ts': 'debugger;\n', 'src/a.ts': 'debugger;\n' });

    const result = await analyze({ cwd: repo.dir });

    expect(result.configFile).toBe(join(repo.dir, 'diffwarden.config.json'));
    expect(result.report.findings.map((f) => [f.file, f.severity])).toEqual([['src/a.ts', 'warn']]);
    expect(result.report.decision).toBe('warn');
    expect(result.report.summary.skipped).toEqual([{ file: 'gen/out.ts', reason: 'ignored' }]);
  });
});
