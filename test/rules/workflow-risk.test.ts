import { describe, expect, it } from 'vitest';
import rule from '../../rules/workflow-risk.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity]);

describe('workflow-risk', () => {
  it('finds untrusted event data in an actions/github-script script, not in other actions', () => {
    const code = [
      'on: issues',
      'jobs:',
      '  triage:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/github-script@v7',
      '        with:',
      '          script: |',
      "            const title = '${{ github.event.issue.title }}';",
      '      - uses: someone/other-action@v1',
      '        with:',
      '          script: echo "${{ github.event.issue.title }}"',
    ].join('\n');
    expect(run('.github/workflows/triage.yml', code)).toEqual([[8, 'block']]);
  });

  it('finds a workflow_run job checking out the head of the run that triggered it', () => {
    const code = 'on:\n  workflow_run:\n    workflows: [ci]\njobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_sha }}\n';
    expect(run('.github/workflows/report.yml', code)).toEqual([[10, 'block']]);
  });
});
