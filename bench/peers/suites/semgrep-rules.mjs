// semgrep-rules' own tests (`// ruleid:` / `// ok:` annotations; the next code line is the line meant),
// run through diffwarden. Each test file is scanned once as a new file; a `ruleid` line counts as found,
// and an `ok` line as flagged, when a warn/block finding of the mapped rule of ours covers that line.
// `todoruleid` / `todook` (cases semgrep itself gets wrong) are left out.
//
// Mapped (semgrep rule ids -> ours):
//   dynamic-code-exec: eval-detected, detect-eval-with-expression, code-string-concat, tainted-eval,
//     vm-runincontext-injection, express-vm-injection
//   shell-injection: detect-child-process, dangerous-spawn-shell, spawn-shell-true, shelljs-exec-injection
//   unsafe-html-sink: insecure-document-method, insecure-innerhtml, dom-based-xss,
//     react-dangerouslysetinnerhtml, react-unsanitized-method, react-unsanitized-property
//   sql-injection: node-{knex,mssql,mysql,postgres}-sqli, knex-sqli, mysql-sqli, pg-sqli, sequelize-sqli,
//     tainted-sql-string, sequelize-raw-query, express-sequelize-injection
//   tls-verification-off: sequelize-tls-disabled-cert-validation
//   workflow-risk (yaml/github-actions): run-shell-injection, github-script-injection,
//     pull-request-target-code-checkout, workflow-run-target-code-checkout
// Out of scope, and why:
//   - third-party sandboxes and page automation (vm2, sandbox, notevil, puppeteer/playwright evaluate,
//     chrome-remote-interface, phantom, wkhtmlto*): code runs in a sandbox or a browser page, a claim
//     dynamic-code-exec does not make;
//   - HTML built as a string or sent in a response (raw-html-*, html-in-template-string, tainted-html-*,
//     direct-response-write, express templates, jQuery, Angular trustAs*, Vue v-html, react-markdown,
//     fbjs, monaco): unsafe-html-sink claims DOM sinks, not HTML text or framework escapes;
//   - spawn-git-clone (argument injection into git), deno-dangerous-run (Deno API): no shell involved /
//     not Node's child_process;
//   - TLS versions, plain websockets, gRPC insecure channels, sequelize-enforce-tls: not certificate
//     verification turned off;
//   - GitHub Actions hygiene (unpinned actions, ACTIONS_ALLOW_UNSECURE_COMMANDS, curl | sh, add-mask);
//   - secrets (hard-coded JWT/HMAC/session keys): another engineer's area (src/secrets/), not counted here;
//   - insecure-randomness has no counterpart (detect-pseudoRandomBytes is about crypto.pseudoRandomBytes).
import { mirrorGit, scan, serious, tally } from '../lib.mjs';

const MAP = {
  'dynamic-code-exec': ['eval-detected', 'detect-eval-with-expression', 'code-string-concat', 'tainted-eval', 'vm-runincontext-injection', 'express-vm-injection'],
  'shell-injection': ['detect-child-process', 'dangerous-spawn-shell', 'spawn-shell-true', 'shelljs-exec-injection'],
  'unsafe-html-sink': ['insecure-document-method', 'insecure-innerhtml', 'dom-based-xss', 'react-dangerouslysetinnerhtml', 'react-unsanitized-method', 'react-unsanitized-property'],
  'sql-injection': ['node-knex-sqli', 'node-mssql-sqli', 'node-mysql-sqli', 'node-postgres-sqli', 'knex-sqli', 'mysql-sqli', 'pg-sqli', 'sequelize-sqli', 'tainted-sql-string', 'sequelize-raw-query', 'express-sequelize-injection'],
  'tls-verification-off': ['sequelize-tls-disabled-cert-validation'],
  'workflow-risk': ['run-shell-injection', 'github-script-injection', 'pull-request-target-code-checkout', 'workflow-run-target-code-checkout'],
};
const OURS = new Map(Object.entries(MAP).flatMap(([ours, ids]) => ids.map((id) => [id, ours])));
const ANNOTATION = /^\s*(?:\/\/|#|\/\*|\{\s*\/\*|<!--)\s*(todoruleid|todook|ruleid|ok|deepok)\s*:\s*([\w.,\s-]+)/;
const COMMENT_OR_BLANK = /^\s*(?:$|\/\/|#|\/\*|\*|\{\s*\/\*)/;

/** [{ line, kind: 'ruleid'|'ok', ids }] for one test file (1-based target lines). */
function annotations(text) {
  const lines = text.split('\n');
  const out = [];
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m || m[1].startsWith('todo')) return;
    let target = i + 1;
    while (target < lines.length && COMMENT_OR_BLANK.test(lines[target])) target++;
    out.push({ line: target + 1, kind: m[1] === 'ruleid' ? 'ruleid' : 'ok', ids: m[2].split(/[\s,]+/).filter(Boolean) });
  });
  return out;
}

export async function run({ mirrors }) {
  const repo = mirrorGit(mirrors, 'semgrep/semgrep-rules');
  const t = tally(`semgrep-rules @ ${repo.head().slice(0, 12)}`);
  const code = [...repo.list('javascript'), ...repo.list('typescript')].filter((p) => /\.(?:[cm]?js|jsx|ts|tsx)$/.test(p));
  const workflows = repo.list('yaml/github-actions').filter((p) => /\.test\.ya?ml$/.test(p));
  for (const path of [...code, ...workflows]) {
    const text = repo.read(path);
    const cases = annotations(text).filter((a) => a.ids.some((id) => OURS.has(id)));
    if (cases.length === 0) continue;
    // Workflow rules look at .github/workflows/ only; code keeps its name (no test folder in these paths).
    const at = path.startsWith('yaml/') ? `.github/workflows/${path.split('/').pop().replace('.test.', '.')}` : `src/${path}`;
    const findings = serious(scan(at, text));
    const covers = (rule, line) => findings.some((f) => f.ruleId === rule && f.line <= line && line <= f.endLine);
    const byLine = new Map();
    for (const a of cases) {
      const key = a.line;
      const entry = byLine.get(key) ?? { ruleid: new Set(), ok: new Set() };
      for (const id of a.ids) if (OURS.has(id)) entry[a.kind].add(OURS.get(id));
      byLine.set(key, entry);
    }
    for (const [line, { ruleid, ok }] of byLine) {
      const label = `${path}:${line}  ${text.split('\n')[line - 1]?.trim().slice(0, 100)}`;
      for (const rule of ruleid) t.positive(rule, covers(rule, line), label);
      for (const rule of ok) if (!ruleid.has(rule)) t.negative(rule, covers(rule, line), label);
    }
  }
  return t.print();
}
