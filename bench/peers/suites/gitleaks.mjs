// gitleaks' rule definitions (cmd/generate/config/rules/*.go): each rule's true positives (`tps`) must
// be found and its false positives (`fps`) must stay quiet. Group = the rules file (one provider).
// A sample wrapped by gitleaks' GenerateSampleSecrets becomes three lines of the kinds real code holds
// it in (.env, YAML, TypeScript); any other string is kept as given, in a file of the kind it implies.
import { rulesOf } from '../go-cases.mjs';
import { mirrorGit, scan, serious, tally } from '../lib.mjs';

const FOLDER = 'cmd/generate/config/rules/';
// Rules keyed on file paths (ValidateWithPaths) or on binary files: not line cases.
const SKIP_FILES = new Set(['config.tmpl', 'stopwords.go']);

const camel = (id) => id.replace(/[-_ ]+(\w)/g, (_, c) => c.toUpperCase());

/** The file a given case line would live in, by its shape. */
export function fileFor(text) {
  const first = text.trimStart();
  if (first.startsWith('<')) return 'config/app.xml';
  if (/^[{[]/.test(first)) return 'config/app.json';
  if (/^(?:export\s+)?[A-Z][A-Z0-9_]*\s*=/.test(first)) return 'deploy/.env';
  if (/^(?:const|let|var|export|import|function)\b/.test(first)) return 'src/config.ts';
  if (/^[\w.$-]+\s*:=/.test(first)) return 'cmd/config.go';
  if (/^[\w.-]+:\s/.test(first) || /^-\s/.test(first)) return 'config/app.yaml';
  if (/^\$?[\w.]+\s*\.?=/.test(first)) return 'app/settings.py';
  return 'config/app.conf';
}

/** The case lines for one tps/fps entry: `[{ path, text }]`. */
function casesOf(entry) {
  if (typeof entry === 'object' && entry && 'sample' in entry) {
    const i = entry.sample;
    return [
      { path: 'deploy/.env', text: `${i.toUpperCase()}_TOKEN=${entry.secret}`, how: 'env' },
      { path: 'config/app.yaml', text: `${i}_token: ${entry.secret}`, how: 'yaml' },
      { path: 'src/config.ts', text: `export const ${camel(i)}Token = '${entry.secret}';`, how: 'ts' },
    ];
  }
  if (typeof entry !== 'string') return [];
  return [{ path: fileFor(entry), text: entry, how: 'given' }];
}

const hit = (c) => {
  const lines = c.text.split('\n').length;
  return serious(scan(c.path, `${c.text}\n`)).some((f) => f.line >= 1 && f.line <= lines);
};

export async function run({ mirrors }) {
  const repo = mirrorGit(mirrors, 'gitleaks/gitleaks');
  const t = tally(`gitleaks ${repo.head().slice(0, 12)} (${FOLDER})`);
  let skipped = 0;
  let seed = 1;
  for (const path of repo.list(FOLDER)) {
    const name = path.slice(FOLDER.length);
    if (!name.endsWith('.go') || SKIP_FILES.has(name)) continue;
    const group = name.slice(0, -3);
    const rules = rulesOf(repo.read(path), seed++);
    // One rule's false positive is often a sibling rule's true positive (Cloudflare's global key vs API key).
    const positives = new Set(rules.flatMap((r) => r.tps).filter((e) => typeof e === 'string'));
    for (const rule of rules) {
      skipped += rule.skipped;
      rule.fps = rule.fps.filter((e) => !positives.has(e));
      for (const entry of rule.tps) for (const c of casesOf(entry)) t.positive(group, hit(c), `${rule.name} [${c.how} ${c.path}] ${c.text.slice(0, 160)}`);
      for (const entry of rule.fps) for (const c of casesOf(entry)) t.negative(group, hit(c), `${rule.name} [${c.how} ${c.path}] ${c.text.slice(0, 160)}`);
    }
  }
  const total = t.print();
  process.stdout.write(`  (${skipped} case statements not evaluated: loops, path-keyed or binary cases)\n`);
  return total;
}
