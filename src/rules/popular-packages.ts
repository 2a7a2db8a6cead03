import { readFileSync } from 'node:fs';
import { packagePath } from '../util/package-root.js';

let cached: string[] | undefined;

/** The most-downloaded npm package names, most popular first (data/popular-npm.txt). */
export function popularPackages(): readonly string[] {
  cached ??= readFileSync(packagePath('data', 'popular-npm.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  return cached;
}
