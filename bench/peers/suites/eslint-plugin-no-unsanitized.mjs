// eslint-plugin-no-unsanitized's own rule tests (tests/rules/property.js and method.js), run through diffwarden.
// Mapped (their rule -> ours): both to unsafe-html-sink.
//   property: assignments to innerHTML / outerHTML (every operator that writes).
//   method:   insertAdjacentHTML, document.write / writeln (a receiver named like a document),
//             Range#createContextualFragment, setHTMLUnsafe: the calls that parse a string as HTML.
// Out of scope: cases that configure the rule (`options`: custom sanitizers, custom sinks), cases that need
// another parser (Flow, the "fantasy" parsers), and `import(...)` (no-unsanitized flags dynamic import
// as a script sink; unsafe-html-sink claims HTML sinks only), cases whose expected error is the plugin's own
// "Unexpected Callee" report (a limit of the plugin, not unsafe code: `(9)()`), and invalid cases that
// call a `Sanitizer.*` method in plain call form (`Sanitizer.escapeHTML(evil)`): the plugin trusts only
// its configured escapers, where unsafe-html-sink deliberately trusts functions named as escapers or
// sanitisers. Valid cases are all kept except the configured and other-parser ones.
// Each case is one new file `src/case.ts` (the tests mix TypeScript casts into plain JavaScript); it
// counts when a warn/block finding of unsafe-html-sink fires anywhere in it.
import { eslintCases } from '../eslint-cases.mjs';
import { mirrorGit, scan, serious, tally } from '../lib.mjs';

const OUT_OF_SCOPE = /\bimport\s*\(/;
const PEER_LIMIT = (c) => c.messages.some((m) => /Unexpected Callee/.test(m)) || /\bSanitizer\.\w+\(/.test(c.code);

export async function run({ mirrors }) {
  const repo = mirrorGit(mirrors, 'mozilla/eslint-plugin-no-unsanitized');
  const t = tally(`eslint-plugin-no-unsanitized @ ${repo.head().slice(0, 12)}`);
  const fires = (code) => serious(scan('src/case.ts', code)).some((f) => f.ruleId === 'unsafe-html-sink');
  for (const peer of ['property', 'method']) {
    const cases = eslintCases(repo.read(`tests/rules/${peer}.js`));
    const group = `${peer} -> unsafe-html-sink`;
    for (const c of cases.invalid) if (!c.configured && !OUT_OF_SCOPE.test(c.code) && !PEER_LIMIT(c)) t.positive(group, fires(c.code), JSON.stringify(c.code));
    for (const c of cases.valid) if (!c.configured && !OUT_OF_SCOPE.test(c.code)) t.negative(group, fires(c.code), JSON.stringify(c.code));
  }
  return t.print();
}
