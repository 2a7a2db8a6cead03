#!/usr/bin/env node
// Noise on real history: runs `diffwarden check --range <commit>` over the newest N non-merge commits
// of a repository and prints blocked commits, warn-or-block findings per 1,000 added lines and
// per-rule counts. Usage: node bench/noise.mjs <repo> [count=60] [--details]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [repo, countArg = '60'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const details = process.argv.includes('--details');
if (!repo) {
  console.error('usage: node bench/noise.mjs <repo> [count] [--details]');
  process.exit(2);
}
const bin = fileURLToPath(new URL('../bin/diffwarden.js', import.meta.url));
const commits = execFileSync('git', ['log', '--no-merges', '--format=%H', '-n', countArg], { cwd: repo, encoding: 'utf8' }).trim().split('\n');
let blocked = 0;
let warned = 0;
let added = 0;
let serious = 0;
const perRule = new Map();
for (const sha of commits) {
  let out;
  try {
    out = execFileSync(process.execPath, [bin, 'check', '--range', sha, '--format', 'json', '--fail-on', 'never'], { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    console.error(`${sha.slice(0, 8)}: diffwarden failed: ${error.stderr ?? error.message}`);
    continue;
  }
  const report = JSON.parse(out);
  added += report.summary.linesAdded;
  if (report.decision === 'block') blocked++;
  if (report.decision === 'warn') warned++;
  for (const f of report.findings) {
    const key = `${f.ruleId} (${f.severity})`;
    perRule.set(key, (perRule.get(key) ?? 0) + 1);
    if (f.severity !== 'info') serious++;
    if (details && f.severity !== 'info') console.log(`  ${sha.slice(0, 8)} ${f.severity} ${f.ruleId} ${f.file}:${f.line} ${f.message.slice(0, 100)}`);
  }
}
console.log(`${repo}: ${commits.length} commits, ${added} added lines`);
console.log(`  blocked ${blocked} (${((100 * blocked) / commits.length).toFixed(1)}%), warned ${warned}`);
console.log(`  warn-or-block findings: ${serious} = ${((1000 * serious) / Math.max(added, 1)).toFixed(2)} per 1,000 added lines`);
for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${rule}`);
