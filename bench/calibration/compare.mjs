#!/usr/bin/env node
// Compares two builds of diffwarden on the calibration commits, run back to back on each commit so that
// both see the same machine load; prints CPU and wall time per repository and any finding that one
// build gives and the other does not (a speed change must change no finding).
//   node bench/calibration/compare.mjs --base DIR --head DIR [--repo owner/name[,owner/name]] [--limit N] [--out FILE]
// DIR is a copy of diffwarden with bin/, dist/, data/, templates/, package.json and node_modules.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkout, cloneDir, readCommits, WORK } from './data.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const builds = { base: resolve(opt('base', '')), head: resolve(opt('head', '.')) };
const repos = opt('repo', '').split(',').filter(Boolean);
const limit = Number(opt('limit', Infinity));
const out = opt('out', join(WORK, 'compare.json'));
mkdirSync(join(WORK, 'repos'), { recursive: true });

function run(bin, dir, sha) {
  const timeFile = join(WORK, `time-compare-${process.pid}.txt`);
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, bin, 'check', '--range', sha, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    const stdout = [];
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.resume();
    child.on('close', () => {
      const wallMs = Math.round(performance.now() - started);
      const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
      rmSync(timeFile, { force: true });
      let fingerprints = null;
      try {
        fingerprints = JSON.parse(Buffer.concat(stdout).toString('utf8')).findings.map((f) => `${f.fingerprint} ${f.severity}`).sort();
      } catch {
        fingerprints = null;
      }
      done({ cpuMs: Math.round((user + sys) * 1000), wallMs, fingerprints });
    });
  });
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

const results = [];
const byRepo = new Map();
for (const c of readCommits()) if (repos.length === 0 || repos.includes(c.repo)) byRepo.set(c.repo, [...(byRepo.get(c.repo) ?? []), c].slice(0, limit));
for (const [repo, commits] of byRepo) {
  const dir = cloneDir(repo);
  if (!existsSync(join(dir, '.git'))) execFileSync('git', ['clone', '-q', '--shared', '--no-checkout', join('/work/.mirror', repo.replace('/', '+'), 'repo'), dir]);
  for (const c of [...commits].reverse()) {
    checkout(dir, c.sha);
    // Alternating which build goes first evens out the file cache's favour to the second.
    const order = results.length % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
    const r = { repo, sha: c.sha };
    for (const which of order) r[which] = await run(join(builds[which], 'bin/diffwarden.js'), dir, c.sha);
    results.push(r);
    writeFileSync(out, JSON.stringify(results, null, 1));
  }
}

let changed = 0;
for (const r of results) {
  const a = new Set(r.base.fingerprints ?? ['(error)']);
  const b = new Set(r.head.fingerprints ?? ['(error)']);
  const gone = [...a].filter((f) => !b.has(f));
  const added = [...b].filter((f) => !a.has(f));
  if (gone.length || added.length) {
    changed++;
    console.log(`${r.repo} ${r.sha.slice(0, 12)}: only in base ${gone.join(', ') || '-'}; only in head ${added.join(', ') || '-'}`);
  }
}
console.log(`${results.length} commits, ${changed} with different findings\n`);
console.log(`${'repository'.padEnd(26)} ${'CPU median'.padStart(18)} ${'CPU p90'.padStart(18)} ${'wall median'.padStart(18)} ${'wall p90'.padStart(18)}   (base -> head)`);
const row = (name, list) => {
  const cell = (key, q) => `${secs(quantile(list.map((r) => r.base[key]), q))} -> ${secs(quantile(list.map((r) => r.head[key]), q))}`.padStart(18);
  console.log(`${name.padEnd(26)} ${cell('cpuMs', 0.5)} ${cell('cpuMs', 0.9)} ${cell('wallMs', 0.5)} ${cell('wallMs', 0.9)}`);
};
for (const repo of byRepo.keys()) row(repo, results.filter((r) => r.repo === repo));
row('all', results);
