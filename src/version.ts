import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** diffwarden's own version, from its package.json (1-3 levels up: src/, dist/src/, dist/bundle/chunks/). */
export function toolVersion(): string {
  if (cached) return cached;
  for (const up of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'diffwarden' && pkg.version) return (cached = pkg.version);
    } catch {
      // not at this level; try the next
    }
  }
  return (cached = '0.0.0');
}
