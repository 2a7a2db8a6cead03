import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where diffwarden keeps caches: DIFFWARDEN_CACHE_DIR, else $XDG_CACHE_HOME/diffwarden, else ~/.cache/diffwarden. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DIFFWARDEN_CACHE_DIR) return env.DIFFWARDEN_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'diffwarden');
}
