#!/usr/bin/env node
// Runs diffwarden over the peers' own test cases and prints recall and false positives per suite.
//   node bench/peers/run.mjs [--suite name,name] [--mirrors /work/.mirror] [--verbose]
// Needs `npm run build` first, and the peers' repositories as bare git mirrors at
// <mirrors>/<owner>+<name>/repo (the same layout as the calibration set). See README.md.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const mirrors = opt('mirrors', '/work/.mirror');
const only = opt('suite', '').split(',').filter(Boolean);
const dir = fileURLToPath(new URL('./suites/', import.meta.url));
const names = readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)).sort();
const summary = [];
for (const name of names) {
  if (only.length > 0 && !only.includes(name)) continue;
  const suite = await import(`./suites/${name}.mjs`);
  const total = await suite.run({ mirrors });
  summary.push([name, total]);
  process.stdout.write('\n');
}
const pct = (a, b) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
process.stdout.write('suite                          recall              negatives flagged\n');
for (const [name, t] of summary) {
  process.stdout.write(`${name.padEnd(30)} ${`${t.found}/${t.pos} ${pct(t.found, t.pos)}`.padEnd(19)} ${t.flagged}/${t.neg} ${pct(t.flagged, t.neg)}\n`);
}
