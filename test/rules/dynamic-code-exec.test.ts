import { describe, expect, it } from 'vitest';
import rule from '../../rules/dynamic-code-exec.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity]);

describe('dynamic-code-exec', () => {
  it('checks every argument of Function called without new', () => {
    // A formula feature that compiles a user-written expression into a function.
    const code = "export function compile(expr: string) {\n  return Function('row', 'ctx', 'return ' + expr);\n}\nexport const noop = Function('a', 'b', 'return a + b');\n";
    expect(run('src/formula.ts', code)).toEqual([[2, 'block']]);
  });

  it('finds vm.runIn* on a value built at run time and accepts a local constant', () => {
    const code = "import vm from 'node:vm';\nconst PRELUDE = 'var exports = {};';\nvm.runInThisContext(PRELUDE);\nexport const load = (src: string) => vm.runInNewContext(`(function(){${src}})()`, {});\n";
    expect(run('src/plugins.ts', code)).toEqual([[4, 'block']]);
  });

  it('accepts eval of a constant that was followed back to its literal', () => {
    const code = "const probe = 'typeof window';\nexport const isBrowser = eval(probe) !== 'undefined';\n";
    expect(run('src/env.ts', code)).toEqual([]);
  });
});

describe('dynamic-code-exec: vm imports and string timers', () => {
  it('knows the vm API under its imported names, and a timer string built in a local', () => {
    const code = [
      "import { runInNewContext } from 'node:vm';",
      "import * as sandbox from 'vm';",
      'export function run(src: string, ms: number) {',
      '  runInNewContext(src, {});',
      '  new sandbox.Script(`(${src})`);',
      '  const tick = "refresh(" + ms + ")";',
      '  setTimeout(tick, ms);',
      '  setTimeout(() => refresh(ms), ms);',
      '}',
    ].join('\n');
    expect(run('src/sandbox.ts', code)).toEqual([
      [4, 'block'],
      [5, 'block'],
      [7, 'block'],
    ]);
  });
});
