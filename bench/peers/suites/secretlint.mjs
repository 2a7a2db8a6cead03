// secretlint's rule fixtures (packages/@secretlint/secretlint-rule-*/test/snapshots/*): in each `ng.*`
// input the lines where secretlint's expected output reports a secret must be found; in each `ok.*`
// input every content line (not blank, not a `#`/`//` comment) must stay quiet. Group = the rule.
// Fixtures that depend on a rule option (a .secretlintrc.json next to them) and rules that are about
// file names or policy rather than a credential's shape are left out.
import { mirrorGit, scan, serious, tally } from '../lib.mjs';

const ROOT = 'packages/@secretlint/';
// Not credential formats: file-name policies, comment directives, user patterns, the template rule.
const SKIP_RULES = new Set(['no-dotenv', 'no-homedir', 'no-k8s-kind-secret', 'filter-comments', 'pattern', 'example', 'preset-canary', 'preset-recommend']);

/** The path a fixture is analysed under: its own name, in a folder that is neither a test nor a fixture. */
function pathFor(rule, dir, input) {
  const ext = input.includes('.') ? input.slice(input.indexOf('.')) : '.txt';
  return `config/${rule}/${dir.replace(/[^\w.-]+/g, '-')}${ext}`;
}

// Fixture values no provider would issue: a character repeated, a typed run of the alphabet or digits, an
// EXAMPLE/xxx marker. diffwarden skips these on purpose (see the hardcoded-secret rule); counted apart.
const PLACEHOLDER_BODY = /([A-Za-z0-9])\1{7}|abcdefg|bcdefgh|1234567|example|xxxxxx/i;

export async function run({ mirrors }) {
  let placeholderMisses = 0;
  const repo = mirrorGit(mirrors, 'secretlint/secretlint');
  const t = tally(`secretlint ${repo.head().slice(0, 12)} (${ROOT}secretlint-rule-*/test/snapshots)`);
  const files = repo.list(ROOT).filter((p) => /\/secretlint-rule-[^/]+\/test\/snapshots\//.test(p));
  const dirs = new Map();
  for (const p of files) {
    const m = /secretlint-rule-([^/]+)\/test\/snapshots\/([^/]+)\/(.+)$/.exec(p);
    if (!m || SKIP_RULES.has(m[1])) continue;
    const key = `${m[1]}\t${m[2]}`;
    if (!dirs.has(key)) dirs.set(key, []);
    dirs.get(key).push({ name: m[3], path: p });
  }
  for (const [key, entries] of dirs) {
    const [rule, dir] = key.split('\t');
    if (entries.some((e) => e.name === '.secretlintrc.json')) continue;
    const input = entries.find((e) => /^input(?:\.[\w.]+)?$/.test(e.name) && !e.name.endsWith('.p12'));
    const output = entries.find((e) => e.name === 'output.json');
    if (!input || !output || dir.startsWith('options.')) continue;
    const text = repo.read(input.path);
    const messages = JSON.parse(repo.read(output.path)).messages;
    // Fixtures named without ng./ok. (the private-key rule's) are positive when secretlint reports on them.
    const positive = dir.startsWith('ng.') || (!dir.startsWith('ok.') && messages.length > 0);
    const path = pathFor(rule, dir, input.name);
    const flagged = new Set(serious(scan(path, text)).map((f) => f.line));
    const lines = text.split('\n');
    if (positive) {
      const expected = new Set(messages.map((m) => m.loc.start.line));
      for (const line of expected) {
        t.positive(rule, flagged.has(line), `${dir}:${line} ${lines[line - 1]?.trim().slice(0, 140)}`);
        if (!flagged.has(line) && PLACEHOLDER_BODY.test(lines[line - 1] ?? '')) placeholderMisses++;
      }
    } else {
      lines.forEach((l, i) => {
        const s = l.trim();
        if (s === '' || s.startsWith('#') || s.startsWith('//')) return;
        t.negative(rule, flagged.has(i + 1), `${dir}:${i + 1} ${s.slice(0, 140)}`);
      });
    }
  }
  const total = t.print();
  process.stdout.write(`  (${placeholderMisses} of the missed lines hold a placeholder-shaped value: a repeated character, a typed sequence or an example marker)\n`);
  return total;
}
