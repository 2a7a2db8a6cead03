import { describe, expect, it } from 'vitest';
import rule from '../../rules/literal-for-variable.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string, old: string, file = 'src/components/Sidebar.tsx') => runRule(rule as Rule<unknown>, { file, code, old }).map((f) => [f.line, f.severity, f.message]);

describe('literal-for-variable', () => {
  it('warns when a prop is pinned to a literal while the variable is still declared, and when the swap repeats', () => {
    // A sidebar whose panels stopped animating: the prop is hard-coded in two places, the hook still runs.
    const old = 'export function Sidebar({ items }: Props) {\n  const { isTransitioning } = useTransition();\n  return (\n    <>\n      <Panel items={items} isTransitioning={isTransitioning} />\n      <Footer isTransitioning={isTransitioning} />\n    </>\n  );\n}\n';
    const code = old.replaceAll('isTransitioning={isTransitioning}', 'isTransitioning={false}');
    const message = 'The prop `isTransitioning` became the literal `false` (`isTransitioning` is still declared but no longer read; the same swap repeats in this change): a hard-coded value where a variable was?';
    expect(run(code, old)).toEqual([
      [5, 'warn', message],
      [6, 'warn', message],
    ]);
  });

  it('only notes a single swap of a variable the change removed', () => {
    const old = 'export function header(user: User) {\n  const title = user.name;\n  return renderHeader(title);\n}\n';
    const code = 'export function header(user: User) {\n  return renderHeader("Dashboard");\n}\n';
    expect(run(code, old, 'src/header.ts')).toEqual([[2, 'info', 'The argument `title` became the literal `"Dashboard"`: a hard-coded value where a variable was?']]);
  });

  it('accepts swaps in conditions, parameter lists, element access and lines with other edits', () => {
    const old = 'export function pick(list: Item[], index: number) {\n  if (enabled) return list[index];\n  return choose(list, index, mode);\n}\n';
    const code = 'export function pick(list: Item[], index: number) {\n  if (true) return list[0];\n  return choose(list.slice(1), 0, mode);\n}\n';
    expect(run(code, old, 'src/pick.ts')).toEqual([]);
  });

  it('reports a return value that became a constant', () => {
    const old = 'export function canEdit(user: User, doc: Doc) {\n  const allowed = doc.owner === user.id;\n  return allowed;\n}\n';
    const code = 'export function canEdit(user: User, doc: Doc) {\n  const allowed = doc.owner === user.id;\n  return true;\n}\n';
    expect(run(code, old, 'src/acl.ts')).toEqual([[3, 'warn', 'The return value `allowed` became the literal `true` (`allowed` is still declared but no longer read): a hard-coded value where a variable was?']]);
  });
});
