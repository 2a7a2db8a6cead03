// Shared pieces of the peer-suite benchmarks (see README.md): run every built-in rule over one case,
// the way the pipeline treats a newly added file, and print recall and false positives per suite.
// Needs `npm run build` first. Suites live in ./suites/<name>.mjs and read fetched snapshots of the
// peers' repositories (kept outside this repository; never commit their code).
import { kindOf } from '../../dist/src/pipeline/file-kind.js';
import { analyzeFile, createChangeView } from '../../dist/src/pipeline/run-rules.js';
import { builtInRules } from '../../dist/src/rules/registry.js';
import { memoryProject } from '../../dist/src/testing/run-rule.js';

const active = builtInRules().map((rule) => ({ rule, options: rule.defaultOptions }));
const ids = new Set(builtInRules().map((r) => r.id));

/**
 * Findings of all built-in rules (default severities and options) on `text` as a new file at `path`.
 * `project` adds other files the case needs (a package.json for dependency rules, say).
 */
export function scan(path, text, project = {}) {
  const file = {
    path,
    status: 'added',
    kind: kindOf(path),
    text,
    oldText: null,
    added: text.split('\n').map((_, i) => i + 1),
    removed: [],
    allAdded: false,
  };
  const result = analyzeFile(file, active, memoryProject({ ...project, [path]: text }), ids, createChangeView([file]));
  return result.findings;
}

/** Findings of a change from `oldText` to `text` at `path` (for diff-aware cases). */
export { lineChanges } from '../../dist/src/testing/run-rule.js';

/** Findings that count: warn and block (info is reported separately). */
export const serious = (findings) => findings.filter((f) => f.severity === 'warn' || f.severity === 'block');

/**
 * One suite's tally. Add cases with `positive(group, found, label)` / `negative(group, flagged, label)`;
 * `print()` writes recall and false-positive share per group and in total, and the misses with --verbose.
 */
export function tally(suite) {
  const groups = new Map();
  const misses = [];
  const group = (g) => {
    if (!groups.has(g)) groups.set(g, { pos: 0, found: 0, neg: 0, flagged: 0 });
    return groups.get(g);
  };
  return {
    positive(g, found, label) {
      const t = group(g);
      t.pos++;
      if (found) t.found++;
      else misses.push(`missed   ${g}: ${label}`);
    },
    negative(g, flagged, label) {
      const t = group(g);
      t.neg++;
      if (flagged) {
        t.flagged++;
        misses.push(`flagged  ${g}: ${label}`);
      }
    },
    print({ verbose = process.argv.includes('--verbose') } = {}) {
      const total = { pos: 0, found: 0, neg: 0, flagged: 0 };
      const pct = (a, b) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
      const line = (name, t) => `  ${name.padEnd(34)} ${String(t.found).padStart(5)}/${String(t.pos).padEnd(5)} ${pct(t.found, t.pos)}   ${String(t.flagged).padStart(5)}/${String(t.neg).padEnd(5)} ${pct(t.flagged, t.neg)}\n`;
      process.stdout.write(`${suite}\n  ${'group'.padEnd(34)} ${'recall'.padEnd(18)} negatives flagged\n`);
      for (const [name, t] of [...groups.entries()].sort()) {
        process.stdout.write(line(name, t));
        for (const k of Object.keys(total)) total[k] += t[k];
      }
      process.stdout.write(line('TOTAL', total));
      if (verbose) for (const m of misses) process.stdout.write(`    ${m}\n`);
      return total;
    },
  };
}

/** A file of a peer's snapshot (a bare git mirror) at its newest commit, or every path under a folder. */
import { execFileSync } from 'node:child_process';
export function mirrorGit(mirrors, repo) {
  const gitDir = `${mirrors}/${repo.replace('/', '+')}/repo`;
  const git = (...a) => execFileSync('git', ['--git-dir', gitDir, ...a], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  return {
    head: () => git('rev-parse', 'HEAD').trim(),
    list: (folder) => git('ls-tree', '-r', '--name-only', 'HEAD', '--', folder).split('\n').filter(Boolean),
    read: (path) => git('show', `HEAD:${path}`),
  };
}
