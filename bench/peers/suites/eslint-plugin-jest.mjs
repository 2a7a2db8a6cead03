// eslint-plugin-jest's own RuleTester cases (src/rules/__tests__/*.test.ts) for the rules that make our
// test-integrity claims:
//   no-focused-tests  -> focused-test
//   no-disabled-tests -> skipped-test
//   expect-expect     -> assertion-free-test (an assertion-free `test.skip` is reported once, by skipped-test)
//   valid-expect      -> tautological-assertion, only its claim "a matcher that is never called or missing"
//                        (`expect(x).toBeDefined;`, `expect(x);`); its valid cases count as flagged only
//                        by that claim (a literal subject such as `expect([1]).toEqual([1])` is a separate
//                        claim of ours that valid-expect does not judge).
// Out of the mapping, deliberately:
//   - no-disabled-tests' `missingFunction` cases (`it("title")` without a callback): Jest throws on them,
//     so they fail loudly; they are not a silently disabled test.
//   - invalid cases that only fail under the peer's options (`assertFunctionNames`, test-block aliases,
//     `globalAliases` settings): we cannot read that configuration. Valid cases with options stay in as
//     negatives: they show assertion helpers real projects use.
//   - valid-expect's argument-count, unknown-modifier and unawaited-async cases: argument counts and
//     modifier spelling are style/API checks; unawaited `.resolves` is async-misuse's claim, not ours.
//   - every other peer rule (style, ordering, padding, naming, type-aware no-unnecessary-assertion).
import { optionsOnly, runTestRules } from '../test-rules.mjs';

const dir = 'src/rules/__tests__';

export async function run({ mirrors }) {
  return runTestRules('eslint-plugin-jest', {
    mirrors,
    repo: 'jest-community/eslint-plugin-jest',
    groups: {
      'no-focused-tests': { file: `${dir}/no-focused-tests.test.ts`, rules: ['focused-test'], skip: optionsOnly },
      'no-disabled-tests': {
        file: `${dir}/no-disabled-tests.test.ts`,
        rules: ['skipped-test'],
        skip: (c) => (c.messageIds.includes('missingFunction') ? 'a test without a callback throws in Jest' : undefined),
      },
      'expect-expect': {
        file: `${dir}/expect-expect.test.ts`,
        rules: (c) => (/\.skip\(/.test(c.code) ? ['assertion-free-test', 'skipped-test'] : ['assertion-free-test']),
        skip: optionsOnly,
      },
      'valid-expect': {
        file: `${dir}/valid-expect.test.ts`,
        rules: ['tautological-assertion'],
        claim: /no matcher|never called/,
        skip: (c) => (c.kind === 'invalid' && !c.messageIds.every((id) => id === 'matcherNotCalled' || id === 'matcherNotFound') ? `not our claim (${c.messageIds.join(', ')})` : undefined),
      },
    },
  });
}
