#!/usr/bin/env node
/*
 * Adversarial inputs (docs/security.md): each case builds a temporary repository with a staged
 * change, then runs `diffwarden check --staged` in a child process and prints its wall time, its
 * CPU time (user + system, git included: steadier than wall time on a shared machine), the peak
 * RSS of the diffwarden process and of the largest process of the run (git included). Target: each
 * under 2 s and 300 MB. Needs `npm run build` first.
 *
 *   node bench/adversarial.mjs            every case but the 510 MiB file
 *   node bench/adversarial.mjs --huge     also a 510 MiB file
 *   node bench/adversarial.mjs deps-20k   only the named cases
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RSS = join(ROOT, 'bench/rss.mjs');
const TOKEN = ['ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u'].join('');

const spaces = (n) => ' '.repeat(n);

/** Writes `size` bytes of a repeated pattern without holding them in memory. */
function bigFile(path, size, pattern) {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(1 << 20);
  for (let i = 0; i < chunk.length; i++) chunk[i] = pattern[i % pattern.length];
  for (let left = size; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  closeSync(fd);
}

const CASES = {
  // The floor: start-up and one small file, to read the others against on a busy machine.
  baseline: (w) => w('src/a.ts', 'export const a = 1;\n'),
  'long-lines': (w) => {
    w('deploy.sh', `# a${spaces(8000)}x\n# diffwarden-ignore-file a${spaces(8000)}x${spaces(8000)}\n`.repeat(20));
    w('config.yml', `# a${spaces(8000)}x -->${spaces(8000)}\nkey: 1\n`.repeat(20));
    w('.env', `# a${spaces(8000)}*/${spaces(8000)}x\n`.repeat(20));
  },
  'deep-parens-850': (w) => w('src/deep.ts', `export const x = ${'('.repeat(850)}1${')'.repeat(850)};\n`),
  'deep-parens-20k': (w) => w('src/deep.ts', `export const x = ${'('.repeat(20_000)}1${')'.repeat(20_000)};\n`),
  'sum-4000': (w) => w('src/sum.ts', `export const s = ${Array.from({ length: 4000 }, (_, i) => (i % 2 ? '0' : '1')).join(' + ')};\n`),
  'comments-100k': (w) => {
    w('diffwarden.config.json', JSON.stringify({ maxFileBytes: 4 * 1024 * 1024 }));
    w('src/a.ts', `${'// Increment the counter\n'.repeat(100_000)}counter++;\n`);
  },
  'deps-20k': (w) => w('package.json', JSON.stringify({ name: 'app', dependencies: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`zq-internal-pkg-${i}`, '1.0.0'])) }, null, 2)),
  'tsconfig-20k-deep': (w) => w('tsconfig.json', `{ "compilerOptions": { "strict": false }, "x": ${'['.repeat(20_000)}${']'.repeat(20_000)} }\n`),
  'attributes-and-nul': (w) => {
    w('.gitattributes', '*.ts binary\n');
    w('src/app.ts', `\0debugger;\nconst token = '${TOKEN}';\n`);
  },
  'skipped-200mb': (w, dir) => {
    mkdirSync(join(dir, 'assets'), { recursive: true });
    bigFile(join(dir, 'assets/blob.bin'), 200 * 1024 * 1024, [0, 1, 2, 3, 0x41, 0x42, 0, 0xff]);
    w('src/a.ts', 'export const a = 1;\n');
  },
  'huge-510mib': (w, dir) => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    bigFile(join(dir, 'data/dump.sql'), 510 * 1024 * 1024, Buffer.from('insert into t values (1);\n'));
  },
};

function setUp(name) {
  const dir = mkdtempSync(join(tmpdir(), `dw-adv-${name}-`));
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '--allow-empty', '-m', 'init');
  const write = (path, content) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  CASES[name](write, dir);
  git('add', '-A');
  return dir;
}

function run(name) {
  const dir = setUp(name);
  try {
    const started = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, RSS, 'check', '--staged', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const own = Number(/maxRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
    const [maxKb, user, sys] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
    const tree = maxKb / 1024;
    const cpu = user + sys;
    const verdict = seconds < 2 && tree < 300 ? 'ok' : 'OVER';
    const problems = /internal error|RangeError|Maximum call stack/.test(r.stderr) ? ' (crashed)' : '';
    console.log(`${name.padEnd(20)} exit ${String(r.status).padEnd(3)} wall ${seconds.toFixed(2).padStart(6)} s  cpu ${cpu.toFixed(2).padStart(6)} s  rss ${own.toFixed(0).padStart(5)} MB  largest process ${tree.toFixed(0).padStart(5)} MB  ${verdict}${problems}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const wanted = names.length ? names : Object.keys(CASES).filter((n) => n !== 'huge-510mib' || args.includes('--huge'));
for (const name of wanted) {
  if (!CASES[name]) throw new Error(`unknown case ${name}; cases: ${Object.keys(CASES).join(', ')}`);
  run(name);
}
