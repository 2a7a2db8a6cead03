import { defineRule } from '../src/rules/define-rule.js';
import type { ChangeFile, ProjectView } from '../src/rules/context.js';
import type ts from 'typescript';
import { isTestPath } from '../src/pipeline/file-kind.js';
import { relativeImports, testsRemovedCode } from '../src/rules/tested-code.js';
import { collectTests, type TestCase } from '../src/rules/tests.js';

const CODE_EXT = ['ts', 'tsx', 'js', 'jsx', 'mts', 'cts', 'mjs', 'cjs'];

/** The file a test file tests, by the usual layouts: `a.test.ts`, `__tests__/a.test.ts`, `test/a.test.ts` -> `src/a.ts`. */
export function sourceUnderTest(testPath: string, project: ProjectView): string | undefined {
  const match = /^(.*?)([^/]+?)\.(?:test|spec)\.[cm]?[jt]sx?$/.exec(testPath);
  if (!match) return undefined;
  const [, dir = '', base] = match;
  const dirs = new Set([dir, dir.replace(/__tests__\/$/, ''), dir.replace(/(^|\/)tests?\//, '$1src/'), dir.replace(/(^|\/)tests?\//, '$1')]);
  for (const d of dirs) for (const ext of CODE_EXT) if (project.exists(`${d}${base}.${ext}`)) return `${d}${base}.${ext}`;
  return undefined;
}

/**
 * What the change takes out of the code under test: a deleted source file, or more source lines removed than
 * added (20 or more). Tests removed in such a change most often went with a feature; a heuristic, so info.
 */
function codeTakenOut(files: readonly ChangeFile[]): string | undefined {
  const code = files.filter((f) => f.kind === 'code' && !isTestPath(f.path));
  const deleted = code.filter((f) => f.status === 'deleted').length;
  if (deleted > 0) return `deletes ${deleted} source file${deleted === 1 ? '' : 's'}`;
  const removed = code.reduce((n, f) => n + f.removed.length, 0);
  const added = code.reduce((n, f) => n + (f.allAdded ? 0 : f.added.length), 0);
  return removed >= 20 && removed > added ? `removes ${removed} source lines and adds ${added}` : undefined;
}

export default defineRule({
  id: 'test-weakened',
  meta: {
    category: 'test-integrity',
    severity: 'warn',
    confidence: 'medium',
    description: 'Tests or assertions removed while the code under test stays; blocks when a test file is deleted and its code is edited.',
    why: 'When code and its tests disagree, agents delete the failing test or weaken its assertions instead of fixing the code. The suite stays green and the regression ships.',
    fix: 'Restore the removed tests or assertions, and change the code until they pass; if the behaviour really changed, update the expectations instead of removing them.',
    files: 'code',
    scope: 'change',
    includeDeleted: true,
    examples: {
      fires: [
        {
          file: 'src/cart.test.ts',
          old: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n  expect(add(-1, 1)).toBe(0);\n});\nit('rounds', () => {\n  expect(add(0.1, 0.2)).toBe(0.3);\n});\n",
          code: "it('adds', () => {\n  expect(add(1, 2)).toBeDefined();\n});\n",
          lines: [1, 1],
        },
        { file: 'src/cart.test.ts', code: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n", deleted: true, project: { 'src/cart.ts': 'export const add = (a: number, b: number) => a + b;\n' }, lines: [1] },
      ],
      passes: [
        { file: 'src/cart.test.ts', old: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n", code: "it('adds', () => {\n  expect(add(1, 2)).toBe(3);\n  expect(add(2, 2)).toBe(4);\n});\n" },
        {
          file: 'src/user.test.ts',
          old: "it('loads', () => {\n  const u = load(1);\n  expect(u.id).toBe(1);\n  expect(u.name).toBe('Ann');\n  expect(u.admin).toBe(false);\n});\n",
          code: "it('loads', () => {\n  expect(load(1)).toMatchObject({ id: 1, name: 'Ann', admin: false });\n});\n",
        },
        { file: 'src/legacy.test.ts', code: "it('x', () => {\n  expect(1).toBe(1);\n});\n", deleted: true },
        {
          file: 'src/cart.test.ts',
          old: "import { add, addLegacy } from './cart.js';\nit('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\nit('adds the old way', () => {\n  expect(addLegacy(1, 2)).toBe(3);\n});\n",
          code: "import { add } from './cart.js';\nit('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n",
          project: { 'src/cart.ts': 'export const add = (a: number, b: number) => a + b;\n' },
        },
        {
          file: 'src/cart.test.ts',
          old: "it('same title', () => {\n  expect(a()).toBe(1);\n  expect(b()).toBe(2);\n  expect(c()).toBe(3);\n});\nit('same title', () => {\n  expect(d()).toBe(4);\n});\n",
          code: "it('same title', () => {\n  expect(a()).toBe(1);\n  expect(b()).toBe(2);\n  expect(c()).toBe(3);\n});\nit('same title', () => {\n  expect(d()).toBe(4);\n  expect(e()).toBe(5);\n});\n",
        },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api, project, change } = context;
    if (!file.isTest) return {};
    const source = (): { path: string; edited: boolean } | undefined => {
      const path = sourceUnderTest(file.oldPath ?? file.path, project);
      if (!path) return undefined;
      const entry = change.files.find((f) => f.path === path);
      if (entry?.status === 'deleted') return undefined;
      return { path, edited: entry !== undefined };
    };
    const otherTests = change.files.filter((f) => f.path !== file.path && f.status !== 'deleted' && isTestPath(f.path)).map((f) => f.text);
    // A test whose title reappears in another test file of the change was moved; one that used code the
    // change deleted went with that code (a removed feature, a revert).
    const lost = (tests: TestCase[], oldSf: ts.SourceFile): TestCase[] => {
      const imports = relativeImports(api, oldSf, file.oldPath ?? file.path, project);
      return tests.filter((t) => !otherTests.some((text) => text.includes(t.title.split(' > ').pop()!)) && !testsRemovedCode(api, t.call, imports, project));
    };

    return {
      onEnd() {
        const oldSf = file.oldSourceFile();
        if (file.status === 'deleted') {
          const src = source();
          if (!src || (oldSf && lost(collectTests(api, oldSf), oldSf).length === 0)) return;
          context.report({
            line: 1,
            message: `Test file deleted while ${src.path} stays${src.edited ? ' and is edited in this same change' : ''}.`,
            severity: src.edited ? 'block' : 'warn',
          });
          return;
        }
        if (!oldSf || !file.sourceFile) return;
        // Titles can repeat in a file: the n-th test of a title is compared with the n-th one before.
        const before = keyed(collectTests(api, oldSf)).filter(([, t]) => !t.skipped);
        const after = new Map(keyed(collectTests(api, file.sourceFile)));
        const gone = lost(
          before.filter(([key]) => !after.has(key)).map(([, t]) => t),
          oldSf,
        );
        // Tests renamed or reworded show up as one removed and one added title: only a net loss counts.
        const oldKeys = new Set(before.map(([key]) => key));
        const gained = [...after].filter(([key, t]) => !t.skipped && !oldKeys.has(key)).length;
        const removed = gone.slice(0, Math.max(0, gone.length - gained));
        if (removed.length > 0) {
          const src = source();
          const names = removed.slice(0, 3).map((t) => `"${t.title}"`).join(', ') + (removed.length > 3 ? `, and ${removed.length - 3} more` : '');
          const cut = codeTakenOut(change.files);
          context.report({
            line: 1,
            message: `${removed.length} test${removed.length === 1 ? '' : 's'} removed: ${names}${src?.edited ? `, while ${src.path} is edited in this same change` : ''}${cut ? ` (the change also ${cut}: they may have gone with the code they tested)` : ''}.`,
            ...(cut ? { severity: 'info' as const } : {}),
          });
        }
        for (const [key, old] of before) {
          const now = after.get(key);
          if (!now || now.skipped) continue;
          // Every assertion gone, or at least half of the precise ones (and two or more).
          const emptied = old.assertions > 0 && now.assertions === 0;
          const weaker = old.strong - now.strong >= 2 && now.strong * 2 <= old.strong;
          if (emptied || weaker) {
            const what = now.assertions < old.assertions ? `assertions ${old.assertions} → ${now.assertions}` : `precise assertions ${old.strong} → ${now.strong} (weaker matchers)`;
            context.report({ node: now.call.expression, message: `Test "${old.title}" was weakened: ${what}.` });
          }
        }
      },
    };
  },
});

/** Each test under a key unique in its file: its title, with `#2`, `#3`… for repeated titles. */
function keyed(tests: TestCase[]): [string, TestCase][] {
  const seen = new Map<string, number>();
  return tests.map((t) => {
    const n = (seen.get(t.title) ?? 0) + 1;
    seen.set(t.title, n);
    return [n === 1 ? t.title : `${t.title}#${n}`, t];
  });
}
