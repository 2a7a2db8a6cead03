import { describe, expect, it } from 'vitest';
import rule from '../../rules/suspicious-dependency.js';
import { runRule } from '../../src/testing/run-rule.js';
import type { Rule } from '../../src/rules/define-rule.js';

const pkg = (deps: Record<string, string>) => `${JSON.stringify({ name: 'app', dependencies: deps }, null, 2)}\n`;
const run = (before: Record<string, string>, after: Record<string, string>) =>
  runRule(rule as Rule<unknown>, { file: 'package.json', old: pkg(before), code: pkg(after) }).map((f) => [f.line, f.severity, f.message]);

describe('suspicious-dependency: warn by default, block only when near-certain', () => {
  it('blocks a one-edit typo of a top package that is not itself a known package', () => {
    expect(run({}, { lodahs: '^4.17.21' })).toEqual([[4, 'block', 'New dependency "lodahs" is 1 edit from the popular package "lodash": a typo or a typosquat?']]);
    expect(run({}, { expresss: '^4.0.0' })).toEqual([[4, 'block', 'New dependency "expresss" is 1 edit from the popular package "express": a typo or a typosquat?']]);
  });

  it('warns when the name is close to an existing dependency (sibling packages) or two edits away', () => {
    expect(run({ '@acme/ui-kit': '1.0.0' }, { '@acme/ui-kit': '1.0.0', '@acme/ui-kid': '1.0.0' })).toEqual([
      [5, 'warn', 'New dependency "@acme/ui-kid" is 1 edit from your existing dependency "@acme/ui-kit": a typo or a typosquat? (Not blocked: names this close can be real packages.)'],
    ]);
    expect(run({}, { typscrip: '1.0.0' })).toEqual([[4, 'warn', 'New dependency "typscrip" is 2 edits from the popular package "typescript": a typo or a typosquat? (Not blocked: names this close can be real packages.)']]);
  });

  it('accepts a package moved under the project\'s own scope (`@x/y` next to `x-y`): no typo', () => {
    expect(run({ 'tracekit-langchain': '^3.0.0' }, { 'tracekit-langchain': '^3.0.0', '@tracekit/langchain': '^4.0.0' })).toEqual([]);
    expect(run({}, { '@strip/ansi': '^1.0.0' })).toEqual([]);
  });

  it('accepts old packages with capital letters and blocks only names npm cannot install', () => {
    expect(run({}, { JSONStream: '^1.3.5' })).toEqual([]);
    expect(run({}, { MyLib: '1.0.0' })).toEqual([[4, 'warn', '"MyLib" has capital letters, which npm refuses in new package names; only some old packages have them. Check the name on the registry.']]);
    expect(run({}, { 'my lib': '1.0.0' })).toEqual([[4, 'block', '"my lib" is not a valid npm package name: npm cannot install it.']]);
  });
});
