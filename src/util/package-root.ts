import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | null | undefined;

/**
 * diffwarden's own installation: the nearest folder above this module whose package.json is named
 * "diffwarden". This module sits 1 to 3 levels below it (src/util, dist/src/util, dist/bundle/chunks,
 * dist-action), so data files, templates and the bin are found the same way in every layout.
 */
function find(): { root: string; version: string } | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 4; level++) {
    dir = dirname(dir);
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'diffwarden') return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // no package.json at this level
    }
  }
  return null;
}

/** A path inside diffwarden's installation; throws when the installation is incomplete. */
export function packagePath(...segments: string[]): string {
  cached ??= find();
  if (!cached) throw new Error(`diffwarden's package.json was not found above ${fileURLToPath(import.meta.url)}; the installation is incomplete`);
  return join(cached.root, ...segments);
}

/** diffwarden's own version ('0.0.0' when its package.json cannot be found). */
export function toolVersion(): string {
  cached ??= find();
  return cached?.version ?? '0.0.0';
}
