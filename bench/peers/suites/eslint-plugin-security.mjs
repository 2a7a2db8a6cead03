// eslint-plugin-security's own rule tests (test/rules/*.js, `valid`/`invalid` arrays), run through diffwarden.
// Mapped (their rule -> ours):
//   detect-child-process        -> shell-injection     (only cases whose expected error is about a
//                                  non-literal `exec` argument; a bare `require('child_process')` is
//                                  no injection, so those invalid cases are out of scope)
//   detect-eval-with-expression -> dynamic-code-exec
// Out of scope (no rule of ours makes that claim): detect-non-literal-fs-filename, -regexp, -require,
// detect-object-injection, detect-possible-timing-attacks, detect-unsafe-regex, detect-buffer-noassert,
// detect-new-buffer, detect-bidi-characters, detect-no-csrf-before-method-override,
// detect-disable-mustache-escape, detect-pseudoRandomBytes (insecure-randomness claims Math.random
// making a secret, not the deprecated crypto.pseudoRandomBytes).
// Each case is one new file `src/case.js`; it counts when a warn/block finding of the mapped rule fires anywhere in it.
import { eslintCases } from '../eslint-cases.mjs';
import { mirrorGit, scan, serious, tally } from '../lib.mjs';

const MAP = {
  'detect-child-process': { rule: 'shell-injection', invalid: (c) => c.messages.some((m) => /non Literal/i.test(m)) },
  'detect-eval-with-expression': { rule: 'dynamic-code-exec', invalid: () => true },
};

export async function run({ mirrors }) {
  const repo = mirrorGit(mirrors, 'eslint-community/eslint-plugin-security');
  const t = tally(`eslint-plugin-security @ ${repo.head().slice(0, 12)}`);
  for (const [peer, { rule, invalid }] of Object.entries(MAP)) {
    const cases = eslintCases(repo.read(`test/rules/${peer}.js`));
    const fires = (code) => serious(scan('src/case.js', code)).some((f) => f.ruleId === rule);
    for (const c of cases.invalid) if (!c.configured && invalid(c)) t.positive(`${peer} -> ${rule}`, fires(c.code), JSON.stringify(c.code));
    for (const c of cases.valid) if (!c.configured) t.negative(`${peer} -> ${rule}`, fires(c.code), JSON.stringify(c.code));
  }
  return t.print();
}
