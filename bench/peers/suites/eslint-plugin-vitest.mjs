// @vitest/eslint-plugin's own RuleTester cases (tests/*.test.ts) for the rules that make our
// test-integrity claims:
//   no-focused-tests  -> focused-test (including `test("x", { only: true }, fn)`)
//   no-disabled-tests -> skipped-test (including `{ skip: true }` options)
//   expect-expect     -> assertion-free-test
//   valid-expect      -> tautological-assertion, only its claim "a matcher that is never called or missing"
//                        (`expect(x).toBeDefined;`, `expect(x);`); its valid cases count as flagged only by
//                        that claim (a literal subject such as `expect([1]).toEqual([1])` is a separate
//                        claim of ours that valid-expect does not judge).
// Out of the mapping, deliberately:
//   - no-disabled-tests' `missingFunction` cases (`it("title")` without a callback): not a silently
//     disabled test; the runner reports it.
//   - invalid cases that only fail under the peer's options (`assertFunctionNames`, extra test-block
//     names): we cannot read that configuration. Valid cases with options stay in as negatives.
//   - expect-expect's `expectTypeOf` / `assertType` cases: whether they assert depends on Vitest's
//     `typecheck` setting, which we cannot read.
//   - valid-expect's argument-count, unknown-modifier and unawaited-async cases (style/API checks, and
//     async-misuse's claim), and every other peer rule (style, ordering, padding, naming).
import { optionsOnly, runTestRules } from '../test-rules.mjs';


export async function run({ mirrors }) {
  return runTestRules('eslint-plugin-vitest', {
    mirrors,
    repo: 'vitest-dev/eslint-plugin-vitest',
    groups: {
      'no-focused-tests': { file: 'tests/no-focused-tests.test.ts', rules: ['focused-test'], skip: optionsOnly },
      'no-disabled-tests': {
        file: 'tests/no-disabled-tests.test.ts',
        rules: ['skipped-test'],
        skip: (c) => (c.messageIds.includes('missingFunction') ? 'a test without a callback is reported by the runner' : undefined),
      },
      'expect-expect': {
        file: 'tests/expect-expect.test.ts',
        rules: ['assertion-free-test'],
        skip: (c) => optionsOnly(c) ?? (c.kind === 'invalid' && /expectTypeOf|assertType/.test(c.code) ? "depends on Vitest's typecheck setting" : undefined),
      },
      'valid-expect': {
        file: 'tests/valid-expect.test.ts',
        rules: ['tautological-assertion'],
        claim: /no matcher|never called/,
        skip: (c) => (c.kind === 'invalid' && !c.messageIds.every((id) => id === 'matcherNotCalled' || id === 'matcherNotFound') ? `not our claim (${c.messageIds.join(', ')})` : undefined),
      },
    },
  });
}
