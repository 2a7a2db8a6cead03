import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** A lock this old belongs to a process that died (or hangs): it is broken. */
export const STALE_LOCK_MS = 30_000;
/** Waiting must outlast the stale-lock break, or waiters give up on a lock they were about to break. */
export const LOCK_WAIT_MS = STALE_LOCK_MS + 10_000;

export class LockTimeoutError extends Error {}

/** True when `pid` on this host no longer runs (kill -9, crash); false when unsure. */
export function deadProcess(pid: unknown, host: unknown): boolean {
  if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0 || host !== hostname()) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function stale(lock: string): boolean {
  try {
    const [pid, host] = readFileSync(lock, 'utf8').split(' ');
    if (deadProcess(Number(pid), host)) return true;
    return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // removed by its owner meanwhile
  }
}

/**
 * Runs `fn` while holding an exclusive lock file in `dir` (created with O_EXCL, so it works across
 * processes on one machine). The lock of a dead process on this host is broken at once; any other
 * lock once it is older than STALE_LOCK_MS. Gives up at `until` (a time) or after LOCK_WAIT_MS.
 */
export async function withLock<T>(dir: string, fn: () => T, until = Date.now() + LOCK_WAIT_MS): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'state.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, `${process.pid} ${hostname()} ${Date.now()}`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (stale(lock)) {
        try {
          unlinkSync(lock);
        } catch {
          // broken by another waiter
        }
      }
      if (Date.now() >= until) throw new LockTimeoutError(`could not lock ${lock} (held for too long); delete it if no diffwarden is running`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt) * (0.5 + Math.random() / 2)));
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already broken as stale by another process
    }
  }
}
