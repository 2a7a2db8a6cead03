import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-suppression.js';
import { runRule } from '../../src/testing/run-rule.js';
import type { Rule } from '../../src/rules/define-rule.js';

const ids = new Set(['invalid-suppression', 'hardcoded-secret', 'debugger-statement']);
const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }, { ruleIds: ids }).map((f) => [f.line, f.message]);

describe('invalid-suppression', () => {
  it('fires on a missing reason, a missing rule id and an unknown rule id, in code and in YAML', () => {
    expect(run('src/a.ts', '// diffwarden-ignore-next-line debugger-statement\n// diffwarden-ignore-file -- why\n')).toEqual([
      [1, 'Suppression of debugger-statement has no reason, so it is ignored; add `-- <why this is safe>`.'],
      [2, 'Suppression names no rule; write the rule id after `diffwarden-ignore-…`.'],
    ]);
    expect(run('ci.yml', '# diffwarden-ignore-next-line hardcoded-secrets -- fixture\nkey: x\n')).toEqual([
      [1, 'Suppression names unknown rule "hardcoded-secrets" (did you mean "hardcoded-secret"?).'],
    ]);
  });

  it('reads directives in Markdown only from HTML comments', () => {
    expect(run('README.md', '<!-- diffwarden-ignore-file hardcoded-secret -->\n# diffwarden-ignore-next-line <id>\n`// diffwarden-ignore-next-line x`\n')).toEqual([
      [1, 'Suppression of hardcoded-secret has no reason, so it is ignored; add `-- <why this is safe>`.'],
    ]);
  });

  it('does not fire on well-formed suppressions, prose that mentions them, or the phrase inside a string', () => {
    expect(run('notes.txt', 'Write diffwarden-ignore-next-line <id> above the line.\n')).toEqual([]);
    expect(run('src/a.ts', "// diffwarden-ignore-next-line debugger-statement, hardcoded-secret -- demo for docs\nconst s = '// diffwarden-ignore-next-line x';\n")).toEqual([]);
  });
});
