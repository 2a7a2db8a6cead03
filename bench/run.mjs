#!/usr/bin/env node
// npm run bench: builds the scenarios itself, runs diffwarden and ESLint alternately, prints medians and ratios.
//   node bench/run.mjs [--runs 9] [--files 300] [--skip-memory]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editForCommit, generateProject } from './generate.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 9);
const FILES = option('files', 300);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/diffwarden.js');
const eslintBin = join(root, 'node_modules/eslint/bin/eslint.js');
const parserPath = join(root, 'node_modules/@typescript-eslint/parser/dist/index.js');

const work = mkdtempSync(join(tmpdir(), 'dw-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const git = (cwd, ...a) => execFileSync('git', a, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });

// Scenario: a mid-size TypeScript project with a typical 5-file, ~40-line staged change.
const project = join(work, 'project');
const files = generateProject(project, FILES);
git(project, 'init', '-q', '-b', 'main');
git(project, 'add', '-A');
git(project, 'commit', '-q', '-m', 'base');
const changed = editForCommit(project, files);
git(project, 'add', '-A');

// ESLint with the typescript-eslint parser and 5 core rules, as in the measurement.
const eslintConfig = join(work, 'eslint.config.mjs');
writeFileSync(
  eslintConfig,
  `import parser from ${JSON.stringify(parserPath)};
export default [{ files: ['**/*.ts'], languageOptions: { parser }, rules: { 'no-debugger': 'error', 'no-eval': 'error', 'no-empty': 'error', 'eqeqeq': 'error', 'no-unsafe-finally': 'error' } }];
`,
);
const parseScript = join(work, 'parse.cjs');
writeFileSync(
  parseScript,
  `const ts = require(${JSON.stringify(join(root, 'node_modules/typescript'))});
const fs = require('fs');
const path = require('path');
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
for (const f of walk(process.argv[2])) ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
`,
);

const commands = {
  'diffwarden check --staged': [process.execPath, [bin, 'check', '--staged', '--fail-on', 'never']],
  'eslint (5 files)': [process.execPath, [eslintBin, '-c', eslintConfig, '--no-config-lookup', ...changed]],
  'diffwarden audit src': [process.execPath, [bin, 'audit', 'src', '--fail-on', 'never', '--no-cache']],
  'diffwarden audit src (cache)': [process.execPath, [bin, 'audit', 'src', '--fail-on', 'never'], { DIFFWARDEN_CACHE_DIR: join(work, 'cache') }],
  'eslint src': [process.execPath, [eslintBin, '-c', eslintConfig, '--no-config-lookup', 'src']],
  'typescript parse src': [process.execPath, [parseScript, 'src']],
};

function time([cmd, argv, env = {}]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One warm-up run each (file cache), then RUNS rounds, alternating the commands in every round.
const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const c of Object.values(commands)) time(c);
for (let round = 0; round < RUNS; round++) for (const [name, c] of Object.entries(commands)) samples[name].push(time(c));
const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`diffwarden benchmark: ${FILES}-file generated TypeScript project, 5-file ~${changed.length * 10}-line staged change, ${RUNS} alternating runs`);
console.log(`machine: ${cpus().length} cores, ${cpu}, Node ${process.version}\n`);
for (const [name, ms] of Object.entries(med)) console.log(`  ${name.padEnd(28)} median ${ms.toFixed(0).padStart(6)} ms`);
const checkRatio = med['diffwarden check --staged'] / med['eslint (5 files)'];
const auditRatio = med['diffwarden audit src'] / med['eslint src'];
const warmRatio = med['diffwarden audit src (cache)'] / med['eslint src'];
const parseRatio = med['diffwarden audit src'] / med['typescript parse src'];
console.log('');
console.log(`  check --staged / ESLint on the 5 files   ${checkRatio.toFixed(2)}x   (target <= 0.50x) ${checkRatio <= 0.5 ? 'ok' : 'MISSED'}`);
console.log(`  audit src (cold) / ESLint on src         ${auditRatio.toFixed(2)}x   (target <= 0.25x) ${auditRatio <= 0.25 ? 'ok' : 'MISSED'}`);
console.log(`  audit src (cache) / ESLint on src        ${warmRatio.toFixed(2)}x   (target <= 0.25x) ${warmRatio <= 0.25 ? 'ok' : 'MISSED'}`);
console.log(`  audit src (cold) / bare TypeScript parse ${parseRatio.toFixed(2)}x   (target <= 2.50x) ${parseRatio <= 2.5 ? 'ok' : 'MISSED'}`);

if (!args.includes('--skip-memory')) {
  // Memory and linearity: audits of 2,500 and 10,000 generated files.
  const sizes = [2500, 10000];
  const result = [];
  for (const n of sizes) {
    const dir = join(work, `tree${n}`);
    generateProject(dir, n, 7);
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, 'bench/rss.mjs'), 'audit', 'src', '--fail-on', 'never', '--format', 'json', '--no-cache'], { cwd: dir, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const rss = /maxRSS (\d+)/.exec(r.stderr)?.[1];
    result.push({ n, ms, rssMb: rss ? Number(rss) / 1024 : NaN });
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  for (const { n, ms, rssMb } of result) console.log(`  audit of ${String(n).padStart(6)} files: ${ms.toFixed(0).padStart(6)} ms, peak RSS ${rssMb.toFixed(0)} MB (target < 1024 MB)`);
  const [small, big] = result;
  console.log(`  time per file grows ${(big.ms / big.n / (small.ms / small.n)).toFixed(2)}x from ${small.n} to ${big.n} files (1.00 = linear)`);
}
