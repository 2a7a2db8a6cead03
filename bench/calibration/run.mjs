#!/usr/bin/env node
// Runs diffwarden on the calibration commits and prints the figures (see README.md).
//   node bench/calibration/run.mjs [--mirrors /work/.mirror] [--jobs 2] [--repo owner/name] [--limit N] [--resume]
//                                  [--with-rule id,id]   only commits where the last results had a finding of these rules
//   node bench/calibration/run.mjs --report            figures from the last results, with today's verdicts
//   node bench/calibration/run.mjs --unjudged [--rule id,id] [--repo owner/name] [--radius 8]   findings still to judge
//                                  [--verdict false]   instead: the findings judged so, with the reason
// Needs `npm run build` first. Clones go under .bench/calibration/repos (git-ignored), sharing the
// mirrors' objects; each commit is checked out before its check, as a user's work tree would be.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkout, cloneDir, readCommits, readResults, readVerdicts, RESULTS, ROOT, WORK } from './data.mjs';
import { printReport, printUnjudged } from './report.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const flag = (name) => args.includes(`--${name}`);
const head = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();

if (flag('report')) {
  printReport(readResults(), readVerdicts());
} else if (flag('unjudged')) {
  printUnjudged(readResults(), readVerdicts(), { rules: opt('rule', '').split(',').filter(Boolean), repo: opt('repo', ''), radius: Number(opt('radius', 8)), verdict: opt('verdict', '') });
} else {
  await runAll();
}

async function runAll() {
  const mirrors = opt('mirrors', '/work/.mirror');
  const jobs = Number(opt('jobs', 2));
  const limit = Number(opt('limit', Infinity));
  const only = opt('repo', '');
  const withRules = opt('with-rule', '').split(',').filter(Boolean);
  const bin = join(ROOT, 'bin/diffwarden.js');
  if (!existsSync(join(ROOT, 'dist/bundle/cli.js'))) throw new Error('Run `npm run build` first.');
  mkdirSync(join(WORK, 'repos'), { recursive: true });
  // Results of commits not run this time are kept; --resume also keeps those of commits run before.
  const previous = existsSync(RESULTS) ? readResults().commits : [];
  const done = new Map(flag('resume') ? previous.map((c) => [`${c.repo} ${c.sha}`, c]) : []);
  const fired = new Set(previous.filter((c) => c.findings.some((f) => withRules.includes(f.rule))).map((c) => `${c.repo} ${c.sha}`));

  const byRepo = new Map();
  for (const c of readCommits()) {
    if (only && c.repo !== only) continue;
    if (withRules.length > 0 && !fired.has(`${c.repo} ${c.sha}`)) continue;
    const list = byRepo.get(c.repo) ?? [];
    if (list.length < limit) list.push(c);
    byRepo.set(c.repo, list);
  }
  const queue = [...byRepo.entries()];
  const running = new Set([...byRepo.values()].flat().map((c) => `${c.repo} ${c.sha}`));
  const listed = new Set(readCommits().map((c) => `${c.repo} ${c.sha}`));
  const out = previous.filter((c) => !running.has(`${c.repo} ${c.sha}`) && listed.has(`${c.repo} ${c.sha}`));
  let finished = 0;
  const total = [...byRepo.values()].reduce((n, l) => n + l.length, 0);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [repo, commits] = next;
      const dir = prepareClone(mirrors, repo);
      // Oldest first, so each checkout only moves the files one commit changed.
      for (const c of [...commits].reverse()) {
        const result = done.get(`${repo} ${c.sha}`) ?? (await checkOne(bin, dir, c));
        out.push(result);
        finished++;
        if (finished % 20 === 0) {
          process.stderr.write(`${finished}/${total}\n`);
          save(out); // partial results, for --report, --unjudged and --resume while the run goes on
        }
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const results = save(out);
  process.stderr.write(`results: ${RESULTS}\n`);
  printReport(results, readVerdicts());
}

function save(list) {
  const order = new Map(readCommits().map((c, i) => [`${c.repo} ${c.sha}`, i]));
  const commits = [...list].sort((a, b) => order.get(`${a.repo} ${a.sha}`) - order.get(`${b.repo} ${b.sha}`));
  const results = { diffwarden: head, date: new Date().toISOString(), commits };
  writeFileSync(`${RESULTS}.tmp`, JSON.stringify(results, null, 1));
  renameSync(`${RESULTS}.tmp`, RESULTS);
  return results;
}

function prepareClone(mirrors, repo) {
  const dir = cloneDir(repo);
  if (!existsSync(join(dir, '.git'))) {
    const mirror = join(mirrors, repo.replace('/', '+'), 'repo');
    execFileSync('git', ['clone', '-q', '--shared', '--no-checkout', mirror, dir]);
  }
  return dir;
}

function checkOne(bin, dir, c) {
  const checkedOut = checkout(dir, c.sha);
  const timeFile = join(WORK, `time-${process.pid}-${c.sha}.txt`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, bin, 'check', '--range', c.sha, '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('close', (code) => {
      const wallMs = Math.round(performance.now() - started);
      let cpuMs = null;
      try {
        const [user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
        cpuMs = Math.round((user + sys) * 1000);
        rmSync(timeFile);
      } catch {
        cpuMs = null;
      }
      const base = { repo: c.repo, sha: c.sha, ai: c.ai, checkedOut, wallMs, cpuMs };
      try {
        const report = JSON.parse(Buffer.concat(stdout).toString('utf8'));
        resolve({
          ...base,
          decision: report.decision,
          durationMs: report.summary.durationMs,
          files: report.summary.filesAnalyzed,
          added: report.summary.linesAdded,
          errors: report.errors,
          findings: report.findings.map((f) => ({ rule: f.ruleId, severity: f.severity, file: f.file, line: f.line, message: f.message, fingerprint: f.fingerprint, snippet: f.snippet })),
        });
      } catch {
        resolve({ ...base, decision: 'error', exit: code, error: Buffer.concat(stderr).toString('utf8').slice(0, 2000), findings: [] });
      }
    });
  });
}
