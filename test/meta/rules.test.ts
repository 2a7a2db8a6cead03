import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesMarkdown } from '../../src/rules/docs.js';
import { builtInRules } from '../../src/rules/registry.js';
import { runRule } from '../../src/testing/run-rule.js';

const rules = builtInRules();
const ids = new Set(rules.map((r) => r.id));
const files = readdirSync(new URL('../../rules/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

describe('rule conventions', () => {
  it('registers every rule file, with id = file name, kebab-case', () => {
    expect(rules.map((r) => `${r.id}.ts`).sort()).toEqual(files.sort());
    for (const rule of rules) expect(rule.id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
  });

  it('keeps rules/index.ts generated', () => {
    const index = readFileSync(new URL('../../rules/index.ts', import.meta.url), 'utf8');
    for (const file of files) expect(index).toContain(`from './${file.replace(/\.ts$/, '.js')}';`);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('documents itself', () => {
        expect(rule.meta.description).toMatch(/^\S.{10,160}$/);
        expect(rule.meta.description).not.toContain('\n');
        expect(rule.meta.why.length).toBeGreaterThan(40);
        expect(rule.meta.fix.length).toBeGreaterThan(10);
        expect(rule.meta.examples.fires.length).toBeGreaterThan(0);
        expect(rule.meta.examples.passes.length).toBeGreaterThan(0);
      });

      it('fires on each "fires" example and stays silent on each "passes" example', () => {
        for (const example of rule.meta.examples.fires) {
          const lines = runRule(rule, example, { ruleIds: ids, deleted: example.deleted === true }).filter((f) => f.ruleId === rule.id).map((f) => f.line);
          if (example.lines) expect(lines, example.code).toEqual(example.lines);
          else expect(lines.length, example.code).toBeGreaterThan(0);
        }
        for (const example of rule.meta.examples.passes) {
          expect(runRule(rule, example, { ruleIds: ids, deleted: example.deleted === true }), example.code).toEqual([]);
        }
      });
    });
  }

  it('keeps docs/rules.md current (run `npm run docs`)', () => {
    expect(readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8')).toBe(renderRulesMarkdown(rules));
  });
});
