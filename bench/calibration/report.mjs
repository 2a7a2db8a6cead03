// Figures from a calibration run: blocked-commit rates, findings per rule with verdicts, check time.
import { execFileSync } from 'node:child_process';
import { cloneDir, lookupVerdict } from './data.mjs';

const pct = (n, d) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
const quantile = (values, q) => {
  const s = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const secs = (ms) => (Number.isNaN(ms) ? '-' : `${(ms / 1000).toFixed(2)} s`);
const serious = (f) => f.severity === 'warn' || f.severity === 'block';

export function printReport(results, verdicts) {
  const commits = results.commits;
  const ran = commits.filter((c) => c.decision !== 'error');
  const repos = new Set(commits.map((c) => c.repo));
  const verdictOf = (c, f) => lookupVerdict(verdicts, c.repo, c.sha, f.fingerprint)?.verdict ?? 'unjudged';
  const line = (s = '') => process.stdout.write(`${s}\n`);

  line(`Calibration: ${commits.length} commits (${commits.filter((c) => c.ai).length} AI-assisted) in ${repos.size} repositories; diffwarden ${results.diffwarden}, ${results.date}`);
  if (ran.length < commits.length) line(`  ${commits.length - ran.length} commits could not be checked: ${commits.filter((c) => c.decision === 'error').map((c) => `${c.repo}@${c.sha.slice(0, 10)}`).join(', ')}`);
  const rate = (list, decision) => `${list.filter((c) => c.decision === decision).length}/${list.length} (${pct(list.filter((c) => c.decision === decision).length, list.length)})`;
  for (const decision of ['block', 'warn']) {
    line(`${decision === 'block' ? 'Blocked' : 'Warned '} commits: all ${rate(ran, decision)}, AI-assisted ${rate(ran.filter((c) => c.ai), decision)}, others ${rate(ran.filter((c) => !c.ai), decision)}`);
  }
  const blocked = ran.filter((c) => c.decision === 'block');
  const blockers = (c) => c.findings.filter((f) => f.severity === 'block');
  const notTrue = blocked.filter((c) => !blockers(c).some((f) => verdictOf(c, f) === 'true'));
  line(`Blocked without a judged-true blocking finding: ${notTrue.length}/${ran.length} (${pct(notTrue.length, ran.length)})`);
  const byFalse = blocked.filter((c) => blockers(c).some((f) => verdictOf(c, f) === 'false'));
  line(`Blocked by a judged-false finding: ${byFalse.length}`);
  for (const c of byFalse) {
    const rules = [...new Set(blockers(c).filter((f) => verdictOf(c, f) === 'false').map((f) => f.rule))];
    line(`  ${c.repo} ${c.sha.slice(0, 12)} ${rules.join(', ')}`);
  }

  const rows = new Map();
  for (const c of ran) {
    for (const f of c.findings.filter(serious)) {
      const row = rows.get(f.rule) ?? { block: 0, warn: 0, true: 0, debatable: 0, false: 0, unjudged: 0 };
      row[f.severity]++;
      row[verdictOf(c, f)]++;
      rows.set(f.rule, row);
    }
  }
  const sum = { block: 0, warn: 0, true: 0, debatable: 0, false: 0, unjudged: 0 };
  line('');
  line('Warn+block findings per rule (false share = false / judged):');
  line(`  ${'rule'.padEnd(24)}${['block', 'warn', 'true', 'debat', 'false', 'unjdg'].map((h) => h.padStart(7)).join('')}  false share`);
  for (const [rule, r] of [...rows.entries()].sort((a, b) => b[1].block + b[1].warn - a[1].block - a[1].warn)) {
    for (const k of Object.keys(sum)) sum[k] += r[k];
    line(`  ${rule.padEnd(24)}${[r.block, r.warn, r.true, r.debatable, r.false, r.unjudged].map((n) => String(n).padStart(7)).join('')}  ${pct(r.false, r.true + r.debatable + r.false)}`);
  }
  line(`  ${'total'.padEnd(24)}${[sum.block, sum.warn, sum.true, sum.debatable, sum.false, sum.unjudged].map((n) => String(n).padStart(7)).join('')}  ${pct(sum.false, sum.true + sum.debatable + sum.false)}`);

  line('');
  line('Per repository:');
  line(`  ${'repository'.padEnd(28)}${['commits', 'AI', 'block', 'warn', 'findings', 'CPU med'].map((h) => h.padStart(9)).join('')}`);
  for (const repo of repos) {
    const list = ran.filter((c) => c.repo === repo);
    const count = (d) => list.filter((c) => c.decision === d).length;
    const findings = list.reduce((n, c) => n + c.findings.filter(serious).length, 0);
    const cells = [list.length, list.filter((c) => c.ai).length, count('block'), count('warn'), findings, secs(quantile(list.map((c) => c.cpuMs), 0.5))];
    line(`  ${repo.padEnd(28)}${cells.map((v) => String(v).padStart(9)).join('')}`);
  }

  line('');
  const wall = ran.map((c) => c.wallMs);
  const cpu = ran.map((c) => c.cpuMs);
  const internal = ran.map((c) => c.durationMs);
  line(`Check time over ${ran.length} commits: wall median ${secs(quantile(wall, 0.5))}, p90 ${secs(quantile(wall, 0.9))}, max ${secs(quantile(wall, 1))}`);
  line(`  CPU (user+sys) median ${secs(quantile(cpu, 0.5))}, p90 ${secs(quantile(cpu, 0.9))}; analysis alone (summary.durationMs) median ${secs(quantile(internal, 0.5))}, p90 ${secs(quantile(internal, 0.9))}`);
}

/** Line numbers that the commit added to the file (new side), from a zero-context patch. */
function addedLines(dir, sha, file) {
  const patch = execFileSync('git', ['-C', dir, 'show', '--format=', '-U0', '--no-color', '--no-renames', sha, '--', file], { maxBuffer: 1 << 28 }).toString('utf8');
  const added = new Set();
  for (const m of patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < count; i++) added.add(start + i);
  }
  return added;
}

function context(c, f, radius) {
  const dir = cloneDir(c.repo);
  try {
    const text = execFileSync('git', ['-C', dir, 'show', `${c.sha}:${f.file}`], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8');
    const lines = text.split('\n');
    const added = addedLines(dir, c.sha, f.file);
    const from = Math.max(1, f.line - radius);
    const to = Math.min(lines.length, f.line + radius);
    const out = [];
    for (let n = from; n <= to; n++) out.push(`${n === f.line ? '>' : ' '}${added.has(n) ? '+' : ' '}${String(n).padStart(5)}| ${lines[n - 1].slice(0, 200)}`);
    return out.join('\n');
  } catch {
    return '  (file not readable at that commit)';
  }
}

/** Findings still to judge, or with `verdict` set, those judged so (with the reason), to fix a rule by. */
export function printUnjudged(results, verdicts, { rules, repo, radius = 8, verdict = '' }) {
  let count = 0;
  for (const c of results.commits) {
    if (repo && c.repo !== repo) continue;
    for (const f of c.findings.filter(serious)) {
      if (rules.length && !rules.includes(f.rule)) continue;
      const judged = lookupVerdict(verdicts, c.repo, c.sha, f.fingerprint);
      if (verdict ? judged?.verdict !== verdict : judged) continue;
      count++;
      process.stdout.write(`### ${c.repo} ${c.sha} ${c.ai ? 'AI' : 'human'} ${f.severity} ${f.rule} ${f.file}:${f.line}\n`);
      if (judged) process.stdout.write(`judged ${judged.verdict}: ${judged.reason}\n`);
      process.stdout.write(`${f.message}\n${context(c, f, radius)}\n`);
      process.stdout.write(`TSV\t${c.repo}\t${c.sha}\t${f.fingerprint}\t${f.rule}\t?\t\n\n`);
    }
  }
  process.stdout.write(`${count} ${verdict ? `judged ${verdict}` : 'unjudged'} warn/block findings\n`);
}
