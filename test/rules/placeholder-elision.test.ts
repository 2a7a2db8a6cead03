import { describe, expect, it } from 'vitest';
import rule from '../../rules/placeholder-elision.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string, old?: string) => runRule(rule as Rule<unknown>, { file, code, ...(old !== undefined ? { old } : {}) }).map((f) => [f.line, f.severity, f.message]);

const store = 'export function load(key: string) {\n  const raw = localStorage.getItem(key);\n  if (raw === null) return undefined;\n  return JSON.parse(raw);\n}\n\nexport function save(key: string, value: unknown) {\n  localStorage.setItem(key, JSON.stringify(value));\n}\n';

describe('placeholder-elision', () => {
  it('does not fire on a new file that says it was shortened from an upstream example', () => {
    const file = '// Based on the framework\'s streaming example, stripped down a bit for brevity.\nexport async function GET() {\n  return new Response("ok");\n}\n';
    expect(run('app/api/stream/route.ts', file)).toEqual([]);
  });

  it('blocks a placeholder that stands where the change removed code', () => {
    const after = store.replace('  const raw = localStorage.getItem(key);\n  if (raw === null) return undefined;\n', '  // ... existing code ...\n');
    expect(run('src/store.ts', after, store)).toEqual([[2, 'block', 'Placeholder comment "... existing code ..." stands where this change removed 2 lines of code.']]);
    const bare = store.replace('  localStorage.setItem(key, JSON.stringify(value));\n', '  // ...\n');
    expect(run('src/store.ts', bare, store)).toEqual([[8, 'block', 'Placeholder comment "..." stands where this change removed 1 line of code.']]);
  });

  it('only warns when the code it stands for was removed elsewhere or never existed', () => {
    const after = store.replace('  if (raw === null) return undefined;\n', '').replace('export function save', '// rest of the implementation remains the same\nexport function save');
    expect(run('src/store.ts', after, store)).toEqual([[6, 'warn', 'Placeholder comment "rest of the implementation remains the same" may stand for code that was left out (no code was removed where it stands).']]);
  });
});
