import { describe, expect, it } from 'vitest';
import rule from '../../rules/test-cannot-fail.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string, old?: string, file = 'src/hooks/useAutosave.test.ts') => runRule(rule as Rule<unknown>, { file, code, ...(old === undefined ? {} : { old }) }).map((f) => [f.line, f.severity, f.message]);

describe('test-cannot-fail', () => {
  it('reports the debounce test whose wait was removed, leaving "not called" right after the clear', () => {
    // An autosave hook: the test used to let the debounce timer fire before checking the call count.
    const old = "it('does not save twice', async () => {\n  const save = vi.fn();\n  const { rerender } = renderHook(() => useAutosave(save));\n  rerender();\n  await vi.advanceTimersByTimeAsync(500);\n  save.mockClear();\n  rerender();\n  await vi.advanceTimersByTimeAsync(500);\n  expect(save.mock.calls.length).toBe(0);\n});\n";
    const code = "it('does not save twice', async () => {\n  const save = vi.fn();\n  const { rerender } = renderHook(() => useAutosave(save));\n  rerender();\n  save.mockClear();\n  expect(save.mock.calls.length).toBe(0);\n});\n";
    expect(run(code, old)).toEqual([
      [1, 'warn', '"does not save twice" lost 2 waits or timer advances while its 1 assertion stayed: they may now run before the code they check.'],
      [6, 'warn', 'Asserts that `save` was not called right after clearing it, with nothing run in between: it cannot fail.'],
    ]);
  });

  it('reports a lone presence check on document.body, but not one next to a real assertion', () => {
    const lone = "it('renders the settings page', () => {\n  render(<Settings />);\n  expect(document.body).toBeTruthy();\n});\n";
    expect(run(lone, undefined, 'src/Settings.test.tsx')).toEqual([[3, 'warn', 'The only assertion of "renders the settings page" checks that `document.body` exists, which is true in every test: it cannot fail.']]);
    const paired = "it('renders the settings page', () => {\n  render(<Settings />);\n  expect(document.body).toBeTruthy();\n  expect(screen.getByText('Theme')).toBeTruthy();\n});\n";
    expect(run(paired, undefined, 'src/Settings.test.tsx')).toEqual([]);
  });

  it('accepts a wait replaced by a findBy query, a clear followed by an action, and old code left as it was', () => {
    const old = "it('shows the result', async () => {\n  click(button);\n  await waitFor(() => screen.getByText('Done'));\n  expect(screen.getByText('Done')).toBeTruthy();\n});\n";
    const code = "it('shows the result', async () => {\n  click(button);\n  expect(await screen.findByText('Done')).toBeTruthy();\n});\n";
    expect(run(code, old, 'src/Result.test.tsx')).toEqual([]);
    const acted = "it('saves once', () => {\n  save.mockClear();\n  input.blur();\n  expect(save).not.toHaveBeenCalled();\n});\n";
    expect(run(acted)).toEqual([]);
    const untouched = "it('saves once', () => {\n  save.mockClear();\n  expect(save).not.toHaveBeenCalled();\n});\n";
    expect(run(`${untouched}// more\n`, untouched)).toEqual([]);
  });

  it('reports a lone presence check on an object the test built itself, and notes a lone not.toThrow', () => {
    const built = "it('creates the store', () => {\n  const store = new SessionStore({ ttl: 60 });\n  expect(store).toBeDefined();\n});\n";
    expect(run(built, undefined, 'src/session.test.ts')).toEqual([[3, 'warn', 'The only assertion of "creates the store" checks that `store`, which the test itself just built with a literal or `new`, exists: it cannot fail.']]);
    const returned = "it('creates the store', () => {\n  const store = createStore({ ttl: 60 });\n  expect(store).toBeDefined();\n});\n";
    expect(run(returned, undefined, 'src/session.test.ts')).toEqual([]);
    const noThrow = "it('parses the header', () => {\n  expect(() => parseHeader('a=1')).not.toThrow();\n});\n";
    expect(run(noThrow, undefined, 'src/header.test.ts')).toEqual([[2, 'info', 'The only assertion of "parses the header" is that the call does not throw: any result passes.']]);
  });
});
