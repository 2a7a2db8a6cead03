#!/usr/bin/env node
// Where does a real check spend its time? CPU-profiles the slowest calibration commits and sums the
// samples by where they fall.
//   node bench/calibration/profile.mjs [--top 5] [--by cpuMs|wallMs] [--sha SHA,SHA]
// Profiles go to .bench/calibration/profiles/ (git-ignored). Needs a run.mjs result first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkout, cloneDir, readResults, ROOT, WORK } from './data.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const top = Number(opt('top', 5));
const by = opt('by', 'cpuMs');
const shas = opt('sha', '').split(',').filter(Boolean);
const results = readResults().commits.filter((c) => c.decision !== 'error');
const chosen = shas.length ? results.filter((c) => shas.some((s) => c.sha.startsWith(s))) : [...results].sort((a, b) => b[by] - a[by]).slice(0, top);

/** Which part of the work a sample belongs to, from its function and script. */
function bucket(node, stack) {
  const { functionName: fn, url } = node.callFrame;
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)' || fn === '(idle)') return fn;
  if (stack.includes('loadTypescript')) return 'loading TypeScript';
  if (fn === 'spawnSync' || stack.includes('gitSync')) return 'git (synchronous)';
  if (stack.includes('resolveRelative') || stack.includes('resolveAlias') || stack.includes('moduleIndex') || stack.includes('manifestsFor')) return 'module resolution / tsconfig + manifests';
  if (stack.includes('moduleExports')) return 'parsing imported modules (missing-export)';
  if (stack.includes('oldSourceFile')) return 'parsing old versions (complexity, test rules)';
  if (stack.includes('parseSource') || stack.includes('parseUnlinked')) return 'parsing changed files';
  if (stack.includes('analyzeFile')) return /typescript\.js$/.test(url) ? 'rules (TypeScript API)' : 'rules';
  if (stack.includes('loadConfig')) return 'configuration';
  if (/typescript\.js$/.test(url)) return 'TypeScript (load, other)';
  if (url.startsWith('node:') || url === '') return 'Node internals (module loading, I/O)';
  return 'other diffwarden code';
}

function summarise(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id) => {
    const names = [];
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) names.push(byId.get(cur).callFrame.functionName);
    return names;
  };
  const sums = new Map();
  const cache = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    let b = cache.get(id);
    if (b === undefined) {
      b = bucket(byId.get(id), stackOf(id));
      cache.set(id, b);
    }
    sums.set(b, (sums.get(b) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  return sums;
}

const dir = join(WORK, 'profiles');
mkdirSync(dir, { recursive: true });
const total = new Map();
for (const c of chosen) {
  const clone = cloneDir(c.repo);
  checkout(clone, c.sha);
  const out = join(dir, `${c.repo.replace('/', '+')}-${c.sha.slice(0, 10)}`);
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', out, join(ROOT, 'bin/diffwarden.js'), 'check', '--range', c.sha, '--format', 'json', '--fail-on', 'never'], { cwd: clone, stdio: 'ignore' });
  const wall = performance.now() - started;
  const sums = summarise(join(out, readdirSync(out).find((f) => f.endsWith('.cpuprofile'))));
  const parts = [...sums.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`${c.repo} ${c.sha.slice(0, 12)}: ${c.files} files, +${c.added} lines, wall ${(wall / 1000).toFixed(2)} s (run: ${c.wallMs} ms wall, ${c.cpuMs} ms CPU)`);
  for (const [name, ms] of parts) {
    if (ms >= 5) console.log(`  ${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
    total.set(name, (total.get(name) ?? 0) + ms);
  }
}
console.log(`\nAll ${chosen.length} profiles:`);
const all = [...total.values()].reduce((a, b) => a + b, 0);
for (const [name, ms] of [...total.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${((100 * ms) / all).toFixed(0)}%`);
