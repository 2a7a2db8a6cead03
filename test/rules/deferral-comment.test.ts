import { describe, expect, it } from 'vitest';
import rule from '../../rules/deferral-comment.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity, f.message]);

describe('deferral-comment', () => {
  it('only notes a deferral in a script, where simplified code is deliberate and nothing ships', () => {
    const script = '#!/bin/bash\n# Quick start: a simplified version for people who already cloned the repository.\nset -e\npnpm build\n';
    expect(run('scripts/deploy/quick-start.sh', script)).toEqual([
      [2, 'info', 'Deferral comment in a script or example: "Quick start: a simplified version for people who already cloned the re"; check that nothing shipped depends on it.'],
    ]);
  });

  it('still warns on the same comment in shipped code', () => {
    const code = '// A simplified version of the retry policy.\nexport const retries = 1;\n';
    expect(run('src/retry.ts', code)).toEqual([[1, 'warn', 'Deferral comment: "A simplified version of the retry policy."; the code here is not the real implementation.']]);
  });
});
