#!/usr/bin/env node
// Picks the calibration commits from local mirrors and writes bench/calibration/commits.tsv.
//   node bench/calibration/select.mjs [--mirrors /work/.mirror] [--per-repo 42] [--ai 28]
// Per repository: among the newest 1500 non-merge commits of HEAD that touch code (JS/TS sources,
// package.json, tsconfig*.json, workflow YAML) and at most 300 files, the newest `--ai` AI-assisted
// ones, then the newest others until `--per-repo` commits. Re-running on newer mirrors picks newer commits.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPOS } from './repos.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const mirrors = opt('mirrors', '/work/.mirror');
const perRepo = Number(opt('per-repo', 42));
const aiQuota = Number(opt('ai', 28));
const out = fileURLToPath(new URL('commits.tsv', import.meta.url));

const CODE = /\.(?:[cm]?[jt]sx?)$|(?:^|\/)package\.json$|(?:^|\/)tsconfig[^/]*\.json$|^\.github\/workflows\/[^/]+\.ya?ml$/;
// Who or what wrote it, from trailers and authors. Reviewer bots count only when their suggestion
// was committed as a co-author (gemini-code-assist), release robots not at all.
const TRAILER = /^co-authored-by:[ \t]*(claude|cursor|cursor agent|cline(?: agent)?|copilot|roo code|roomote|open-swe|google-labs-jules|codex|devin|gemini-code-assist|ai-sdk-factory|cline-cloud|pullfrog|chatgpt|aider)\b/im;
const GENERATED = /generated with \[?(claude code|cursor|codex|opencode|gemini)/i;
const AUTHOR = /^(claude\[bot\]|roomote(?:-v0)?\[bot\]|copilot|copilot-swe-agent\[bot\]|devin-ai-integration\[bot\]|cursoragent|cursor agent|open-swe\[bot\]|google-labs-jules\[bot\]|ai-sdk-factory\[bot\]|cline-cloud\[bot\]|codex)$/i;

function detect(author, body) {
  if (AUTHOR.test(author)) return `author:${author}`;
  const t = TRAILER.exec(body);
  if (t) return `trailer:co-authored-by ${t[1]}`;
  const g = GENERATED.exec(body);
  if (g) return `trailer:generated with ${g[1]}`;
  return '';
}

function commitsOf(gitDir) {
  const raw = execFileSync('git', ['--git-dir', gitDir, 'log', '--no-merges', '--no-renames', '-n', '1500', '--name-only', '-z', '--format=%x01%H%x02%an%x02%B%x03', 'HEAD'], { maxBuffer: 1 << 30 }).toString('utf8');
  return raw.split('\x01').filter(Boolean).map((chunk) => {
    const end = chunk.indexOf('\x03');
    const [sha, author, body] = chunk.slice(0, end).split('\x02');
    const files = chunk.slice(end + 1).split(/[\0\n]/).filter(Boolean);
    return { sha, author, body, files };
  });
}

const rows = ['repo\tsha\tai\tdetected'];
let total = 0;
let ai = 0;
for (const repo of REPOS) {
  const gitDir = join(mirrors, repo.name.replace('/', '+'), 'repo');
  const usable = commitsOf(gitDir).filter((c) => c.files.length <= 300 && c.files.some((f) => CODE.test(f)));
  const tagged = usable.map((c) => ({ ...c, how: detect(c.author, c.body) }));
  // Snapshots lack blobs of 4 MiB and more: skip commits whose patch git cannot produce.
  const readable = (c) => spawnSync('git', ['--git-dir', gitDir, 'diff-tree', '-p', '-M', '--root', c.sha], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 }).status === 0;
  const picked = [];
  for (const c of tagged) if (c.how && picked.length < aiQuota && readable(c)) picked.push(c);
  for (const c of tagged) {
    if (picked.length >= perRepo) break;
    if (!c.how && readable(c)) picked.push(c);
  }
  for (const c of picked) rows.push([repo.name, c.sha, c.how ? 'yes' : 'no', c.how || '-'].join('\t'));
  const nAi = picked.filter((c) => c.how).length;
  total += picked.length;
  ai += nAi;
  console.log(`${repo.name}: ${picked.length} commits, ${nAi} AI-assisted`);
}
writeFileSync(out, rows.join('\n') + '\n');
console.log(`${total} commits, ${ai} AI-assisted -> ${out}`);
