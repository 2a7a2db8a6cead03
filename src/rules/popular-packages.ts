import { readFileSync } from 'node:fs';

let cached: string[] | undefined;

/** The most-downloaded npm package names, most popular first (data/popular-npm.txt). */
export function popularPackages(): readonly string[] {
  if (!cached) {
    for (const up of ['../data/popular-npm.txt', '../../data/popular-npm.txt', '../../../data/popular-npm.txt', '../../../../data/popular-npm.txt']) {
      try {
        cached = readFileSync(new URL(up, import.meta.url), 'utf8')
          .split('\n')
          .filter((l) => l && !l.startsWith('#'));
        break;
      } catch {
        // try the next level: src/rules, dist/src/rules, dist/bundle/chunks
      }
    }
    if (!cached) throw new Error('data/popular-npm.txt is missing from the diffwarden installation');
  }
  return cached;
}
