import { describe, expect, it } from 'vitest';
import rule from '../../rules/dependency-family-mismatch.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const manifest = (deps: Record<string, string>) => `${JSON.stringify({ name: 'web', devDependencies: deps }, null, 2)}\n`;
const run = (code: Record<string, string>, old: Record<string, string>) => runRule(rule as Rule<unknown>, { file: 'apps/web/package.json', code: manifest(code), old: manifest(old) }).map((f) => [f.line, f.severity, f.message]);

describe('dependency-family-mismatch', () => {
  it('warns on a Storybook add-on one major behind the storybook package', () => {
    const old = { '@storybook/react-vite': '^10.2.19', storybook: '^10.2.19' };
    expect(run({ '@storybook/addon-actions': '^9.0.8', ...old }, old)).toEqual([
      [4, 'warn', '"@storybook/addon-actions" is at major 9 while its family is at 10 (@storybook/react-vite@10, storybook@10): these packages are released together.'],
    ]);
  });

  it('warns when an upgrade leaves one member of a lockstep family behind', () => {
    const old = { '@babel/core': '^7.24.0', '@babel/preset-env': '^7.24.0', '@babel/preset-react': '^7.24.0' };
    const code = { '@babel/core': '^8.0.0', '@babel/preset-env': '^8.0.0', '@babel/preset-react': '^7.24.0' };
    expect(run(code, old)).toEqual([[4, 'warn', 'The change puts @babel packages at major 8 but leaves "@babel/preset-react" at 7: these packages are released together.']]);
  });

  it('only notes an odd major in a scope not known to release together, and ignores independent scopes and 0.x', () => {
    const old = { '@acme/ui': '^3.1.0', '@acme/icons': '^3.0.0', '@acme/theme': '^3.2.0' };
    expect(run({ ...old, '@acme/charts': '^2.0.0' }, old)).toEqual([[7, 'info', '"@acme/charts" is at major 2 while its family is at 3 (@acme/ui@3, @acme/icons@3, @acme/theme@3).']]);
    const tanstack = { '@tanstack/react-query': '^5.0.0', '@tanstack/react-table': '^8.0.0', '@tanstack/react-router': '^1.0.0' };
    expect(run({ ...tanstack, '@tanstack/react-virtual': '^3.0.0' }, tanstack)).toEqual([]);
    const sb = { '@storybook/react': '^8.0.0', storybook: '^8.0.0' };
    expect(run({ ...sb, '@storybook/testing-library': '^0.2.2', '@storybook/addon-a11y': 'workspace:*' }, sb)).toEqual([]);
  });
});
