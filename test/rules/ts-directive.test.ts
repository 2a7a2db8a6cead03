import { describe, expect, it } from 'vitest';
import rule from '../../rules/ts-directive.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string, file = 'src/view.tsx') => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity, f.message]);

describe('ts-directive', () => {
  it('notes, not warns, a @ts-ignore that cites the tracked upstream issue', () => {
    const code = '// @ts-ignore the runtime lacks CSS module types: https://github.com/acme/runtime/issues/4711\nimport css from "./Nav.module.css";\n';
    expect(run(code)).toEqual([[1, 'info', '`@ts-ignore` cites a tracked issue; `@ts-expect-error` would also fail once the error is gone.']]);
    expect(run('// @ts-ignore see RT-88 for the typings fix\nimport css from "./Nav.module.css";\n')).toEqual([
      [1, 'info', '`@ts-ignore` cites a tracked issue; `@ts-expect-error` would also fail once the error is gone.'],
    ]);
  });

  it('still warns on a bare @ts-ignore and on one explained without a reference', () => {
    expect(run('export default defineConfig({\n  // @ts-ignore\n  plugins: [paths()],\n});\n')).toEqual([[2, 'warn', '`@ts-ignore` hides the type error on the next line.']]);
    expect(run('// @ts-ignore private method, reached on purpose\napp.onDoubleTap(ev);\n')).toEqual([[1, 'warn', '`@ts-ignore` hides the type error on the next line.']]);
  });
});
