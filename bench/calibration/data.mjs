// Shared pieces of the calibration scripts: where things live and how the TSV files read.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HERE = fileURLToPath(new URL('.', import.meta.url));
export const WORK = `${ROOT}.bench/calibration`;
export const RESULTS = `${WORK}/results.json`;
export const COMMITS_TSV = `${HERE}commits.tsv`;
export const VERDICTS_TSV = `${HERE}verdicts.tsv`;
export const VERDICTS = ['true', 'debatable', 'false'];

/** Rows of a TSV file with a header line, as objects keyed by the header's column names. */
export function readTsv(file) {
  if (!existsSync(file)) return [];
  const [head, ...lines] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const cols = head.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [cols[i], v])));
}

export function readCommits() {
  return readTsv(COMMITS_TSV).map((r) => ({ repo: r.repo, sha: r.sha, ai: r.ai === 'yes', detected: r.detected }));
}

export const verdictKey = (repo, sha, fingerprint) => `${repo} ${sha} ${fingerprint}`;

/**
 * Verdicts by repo + sha + fingerprint; a later line for the same key wins. The same fingerprint in
 * another commit of the same repository is the same code in the same file, so it falls back to that
 * verdict (`lookupVerdict`).
 */
export function readVerdicts() {
  const map = new Map();
  for (const r of readTsv(VERDICTS_TSV)) {
    if (!VERDICTS.includes(r.verdict)) throw new Error(`verdicts.tsv: bad verdict "${r.verdict}" for ${r.repo} ${r.sha} ${r.fingerprint}`);
    map.set(verdictKey(r.repo, r.sha, r.fingerprint), r);
    if (!map.has(verdictKey(r.repo, '*', r.fingerprint))) map.set(verdictKey(r.repo, '*', r.fingerprint), r);
  }
  return map;
}

export function lookupVerdict(verdicts, repo, sha, fingerprint) {
  return verdicts.get(verdictKey(repo, sha, fingerprint)) ?? verdicts.get(verdictKey(repo, '*', fingerprint));
}

export function readResults() {
  if (!existsSync(RESULTS)) throw new Error(`No results yet at ${RESULTS}: run node bench/calibration/run.mjs first.`);
  return JSON.parse(readFileSync(RESULTS, 'utf8'));
}

export const cloneDir = (repo) => `${WORK}/repos/${repo.replace('/', '+')}`;

/**
 * Checks the commit out in the clone, as a user's work tree would be. Snapshots lack blobs of 4 MiB
 * and more, which makes git refuse the checkout: those paths are left out with sparse-checkout patterns
 * and the checkout is tried again. False when it still fails (diffwarden then reads from git).
 */
export function checkout(dir, sha) {
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = spawnSync('git', ['-C', dir, '-c', 'advice.detachedHead=false', 'checkout', '-q', '-f', '--detach', sha], { encoding: 'utf8' });
    if (r.status === 0) return true;
    const missing = [...r.stderr.matchAll(/unable to read sha1 file of (.+) \([0-9a-f]{40,64}\)$/gm)].map((m) => m[1]);
    if (missing.length === 0) return false;
    const file = `${dir}/.git/info/sparse-checkout`;
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '/*\n';
    writeFileSync(file, old + missing.map((p) => `!/${p.replace(/[*?[\\]/g, (c) => `\\${c}`)}\n`).join(''));
    spawnSync('git', ['-C', dir, 'config', 'core.sparseCheckout', 'true']);
  }
  return false;
}
