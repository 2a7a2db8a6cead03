// Shared driver of the two test-linter suites (eslint-plugin-jest, @vitest/eslint-plugin): each peer
// rule that makes one of our claims is mapped to our rule(s); every RuleTester case is saved as a new
// test file (`src/x.test.ts`) and counts as found (invalid) or flagged (valid) when a mapped rule gives
// a warn or block finding on it. A `claim` pattern narrows the findings that count to one message of
// the rule (valid-expect's "matcher not called" is one claim of tautological-assertion, not all of it).
import { mirrorGit, scan, serious, tally } from './lib.mjs';
import { ruleTesterCases } from './rule-tester-cases.mjs';

/**
 * `groups`: { name: { file, rules, claim?, skip?(case) -> reason } }; a case `skip` gives a reason for
 * is left out of the mapping and listed with --verbose.
 */
export function runTestRules(suite, { mirrors, repo, groups }) {
  const git = mirrorGit(mirrors, repo);
  const t = tally(`${suite} (${repo} @ ${git.head().slice(0, 12)})`);
  const left = [];
  for (const [group, spec] of Object.entries(groups)) {
    for (const c of ruleTesterCases(spec.file, git.read(spec.file))) {
      const label = `${c.kind}[${c.index}] ${c.source.replace(/\s+/g, ' ').slice(0, 110)}`;
      const reason = c.code === undefined ? 'code built at run time' : spec.skip?.(c);
      if (reason) {
        left.push(`out      ${group}: ${label} (${reason})`);
        continue;
      }
      const rules = typeof spec.rules === 'function' ? spec.rules(c) : spec.rules;
      const hit = serious(scan('src/x.test.ts', c.code)).some((f) => rules.includes(f.ruleId) && (!spec.claim || spec.claim.test(f.message)));
      if (c.kind === 'invalid') t.positive(group, hit, label);
      else t.negative(group, hit, label);
    }
  }
  const total = t.print();
  if (process.argv.includes('--verbose')) for (const l of left) process.stdout.write(`    ${l}\n`);
  process.stdout.write(`  (${left.length} cases out of the mapping)\n`);
  return total;
}

/**
 * An invalid case whose failure rests on the peer's options: extra test-block names or aliases, or an
 * assertion-name list that excludes a call widely used as one (`expectSaga(...)`, `foo(x).toBe(y)`,
 * `request.get().expect(200)`): which helpers assert is that project's configuration, which we cannot read.
 */
export function optionsOnly(c) {
  if (c.kind !== 'invalid') return undefined;
  const extraBlocks = /additionalTestBlockFunctions:\s*\[\s*['"]|globalAliases/.test(c.options);
  const namesNarrowed = /assertFunctionNames/.test(c.options) && /\bexpect\w*\(|\.to[A-Z]\w*\(/.test(c.code);
  return extraBlocks || namesNarrowed ? "fails only under the peer's options" : undefined;
}
