// semgrep-rules' own tests (`// ruleid:` / `// ok:` annotations; the next code line is the line meant),
// run through diffwarden. Each test file is scanned once as a new file; a `ruleid` line counts as found,
// and an `ok` line as flagged, when a warn/block finding of the mapped rule of ours lies in the case's
// extent. `todoruleid` / `todook` (cases semgrep itself gets wrong) are left out.
// The extent (the same for positives and negatives): semgrep's match is the construct that begins on the
// annotated line, where ours often names a line inside it, so it is
//   - in code, the largest syntax node starting at that line (a statement, a property such as the
//     `dev: { … rejectUnauthorized: false … }` of a Sequelize config, a call whose template is on the next line),
//     plus the statements that build a variable passed to a call there (its declaration and assignments
//     in the same function: semgrep reports `db.query(q)`, sql-injection reports where `q` is built);
//   - in workflow YAML, the step or key that begins there (every following line indented deeper).
//
// Mapped (semgrep rule ids -> ours):
//   dynamic-code-exec: eval-detected, detect-eval-with-expression, code-string-concat, tainted-eval,
//     vm-runincontext-injection, express-vm-injection
//   shell-injection: detect-child-process, dangerous-spawn-shell, shelljs-exec-injection
//   unsafe-html-sink: insecure-document-method, insecure-innerhtml, dom-based-xss,
//     react-dangerouslysetinnerhtml, react-unsanitized-method, react-unsanitized-property
//   sql-injection: node-{knex,mssql,mysql,postgres}-sqli, knex-sqli, mysql-sqli, pg-sqli, sequelize-sqli,
//     tainted-sql-string, sequelize-raw-query, express-sequelize-injection
//   tls-verification-off: sequelize-tls-disabled-cert-validation
//   workflow-risk (yaml/github-actions): run-shell-injection, github-script-injection,
//     pull-request-target-code-checkout, workflow-run-target-code-checkout
// Out of scope, and why:
//   - vm cases whose code is a constant and only the sandbox/context object carries input
//     (`vm.runInNewContext('safeEval(x)', sandboxWithInput)`): data in a context is not code built at run
//     time, the claim dynamic-code-exec makes (decided per case with our own constant propagation);
//   - third-party sandboxes and page automation (vm2, sandbox, notevil, puppeteer/playwright evaluate,
//     chrome-remote-interface, phantom, wkhtmlto*): code runs in a sandbox or a browser page, a claim
//     dynamic-code-exec does not make;
//   - HTML built as a string or sent in a response (raw-html-*, html-in-template-string, tainted-html-*,
//     direct-response-write, express templates, jQuery, Angular trustAs*, Vue v-html, react-markdown,
//     fbjs, monaco): unsafe-html-sink claims DOM sinks, not HTML text or framework escapes;
//   - spawn-shell-true: flags `shell: true` even with constant arguments (`spawn('ls', ['-lh'], { shell: true })`),
//     where shell-injection claims commands built from run-time values;
//   - spawn-git-clone (argument injection into git), deno-dangerous-run (Deno API): no shell involved /
//     not Node's child_process;
//   - TLS versions, plain websockets, gRPC insecure channels, sequelize-enforce-tls: not certificate
//     verification turned off;
//   - GitHub Actions hygiene (unpinned actions, ACTIONS_ALLOW_UNSECURE_COMMANDS, curl | sh, add-mask);
//   - secrets (hard-coded JWT/HMAC/session keys): another engineer's area (src/secrets/), not counted here;
//   - insecure-randomness has no counterpart (detect-pseudoRandomBytes is about crypto.pseudoRandomBytes).
import ts from 'typescript';
import { constantString } from '../../../dist/src/rules/constant-strings.js';
import { mirrorGit, scan, serious, tally } from '../lib.mjs';

const MAP = {
  'dynamic-code-exec': ['eval-detected', 'detect-eval-with-expression', 'code-string-concat', 'tainted-eval', 'vm-runincontext-injection', 'express-vm-injection'],
  'shell-injection': ['detect-child-process', 'dangerous-spawn-shell', 'shelljs-exec-injection'],
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

/** [first, last] line ranges (1-based) of the case on `line` of a YAML file: the block indented under it. */
function yamlExtent(lines, line) {
  const indent = (l) => l.length - l.trimStart().length;
  const own = indent(lines[line - 1]);
  let last = line;
  while (last < lines.length && (lines[last].trim() === '' || indent(lines[last]) > own)) last++;
  return [[line, last]];
}

/** The largest syntax node that starts at the first character of a line. */
function nodeAt(sf, line) {
  const startOfLine = sf.getPositionOfLineAndCharacter(line - 1, 0);
  const first = startOfLine + (/^\s*/.exec(sf.text.slice(startOfLine))?.[0].length ?? 0);
  let best;
  const find = (node) => {
    if (!ts.isSourceFile(node) && node.getStart(sf) === first && (!best || node.end > best.end)) best = node;
    if (node.pos <= first && first < node.end) ts.forEachChild(node, find);
  };
  find(sf);
  return best;
}

/**
 * A `vm` call whose code is a constant (followed back with our own constantString): semgrep's vm rules
 * also flag input reaching the sandbox/context object, which is data, not code; that part is out of scope.
 */
function vmContextOnly(sf, line) {
  const node = nodeAt(sf, line);
  let out = false;
  const visit = (n) => {
    if (ts.isCallExpression(n) && /^vm\.(?:runIn\w*Context|compileFunction)$/.test(n.expression.getText(sf)) && n.arguments[0] && constantString(ts, n.arguments[0]) !== undefined) out = true;
    ts.forEachChild(n, visit);
  };
  if (node) visit(node);
  return out;
}

/** The same for code: the largest node starting on the line, and the building statements of the variables it passes. */
function codeExtent(sf, line) {
  const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const best = nodeAt(sf, line);
  if (!best) return [[line, line]];
  const ranges = [[line, lineOf(best.end)]];
  const names = new Set();
  const collect = (node) => {
    if (ts.isCallExpression(node)) for (const a of node.arguments) {
      if (ts.isIdentifier(a)) names.add(a.text);
      if (ts.isObjectLiteralExpression(a)) for (const p of a.properties) if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer)) names.add(p.initializer.text);
    }
    ts.forEachChild(node, collect);
  };
  collect(best);
  let fn = best.parent;
  while (fn && !ts.isFunctionLike(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
  const builds = (node) => {
    if (node.getStart(sf) >= best.getStart(sf)) return;
    const built = (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && names.has(node.name.text)) ||
      (ts.isBinaryExpression(node) && ts.isIdentifier(node.left) && names.has(node.left.text) && /=$/.test(node.operatorToken.getText(sf)));
    if (built) ranges.push([lineOf(node.getStart(sf)), lineOf(node.end)]);
    ts.forEachChild(node, builds);
  };
  if (fn && names.size > 0) ts.forEachChild(fn, builds);
  return ranges;
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
    const lines = text.split('\n');
    const sf = path.startsWith('yaml/') ? undefined : ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, /\.tsx$/.test(path) ? ts.ScriptKind.TSX : /\.ts$/.test(path) ? ts.ScriptKind.TS : ts.ScriptKind.JSX);
    const covers = (rule, line) => {
      const extent = sf ? codeExtent(sf, line) : yamlExtent(lines, line);
      return findings.some((f) => f.ruleId === rule && extent.some(([a, b]) => f.line <= b && a <= f.endLine));
    };
    const byLine = new Map();
    for (const a of cases) {
      const key = a.line;
      const entry = byLine.get(key) ?? { ruleid: new Set(), ok: new Set() };
      for (const id of a.ids) if (OURS.has(id)) entry[a.kind].add(OURS.get(id));
      byLine.set(key, entry);
    }
    for (const [line, { ruleid, ok }] of byLine) {
      const label = `${path}:${line}  ${text.split('\n')[line - 1]?.trim().slice(0, 100)}`;
      for (const rule of ruleid) if (!(rule === 'dynamic-code-exec' && sf && vmContextOnly(sf, line))) t.positive(rule, covers(rule, line), label);
      for (const rule of ok) if (!ruleid.has(rule)) t.negative(rule, covers(rule, line), label);
    }
  }
  return t.print();
}
