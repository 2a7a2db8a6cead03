import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/*
 * Reads of files named by the change or the tree: never through a symbolic link (a link to
 * /dev/zero or /etc/passwd), only regular files (no FIFO, device or directory), never more than a
 * limit (a too-large file yields its first `maxBytes` bytes as `head`).
 */

export type SafeRead =
  | { kind: 'ok'; data: Buffer }
  | { kind: 'too-large'; size: number; head: Buffer }
  | { kind: 'symlink' }
  | { kind: 'unreadable'; detail: string };

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function readUpTo(fd: number, limit: number): Buffer {
  const out = Buffer.allocUnsafe(limit);
  let got = 0;
  while (got < limit) {
    const n = readSync(fd, out, got, limit - got, null);
    if (n === 0) break;
    got += n;
  }
  return out.subarray(0, got);
}

/** Reads `path` under `root` if it is a regular file reached without any symbolic link. */
export function readRegularFile(root: string, path: string, maxBytes: number, dirs?: Map<string, boolean>): SafeRead {
  const abs = join(root, path);
  if (!parentInside(root, dirname(abs), dirs)) return { kind: 'symlink' };
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') return { kind: 'symlink' };
    return { kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { kind: 'unreadable', detail: 'not a regular file' };
    // The size may change while reading: read one byte past the limit to know.
    const data = readUpTo(fd, Math.min(stat.size, maxBytes) + 1);
    if (data.length > maxBytes || stat.size > maxBytes) return { kind: 'too-large', size: Math.max(stat.size, data.length), head: data.subarray(0, maxBytes) };
    return { kind: 'ok', data };
  } catch (error) {
    return { kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    closeSync(fd);
  }
}

/** True when no symbolic link lies on the way from `root` to `dir`. */
function parentInside(root: string, dir: string, memo?: Map<string, boolean>): boolean {
  const known = memo?.get(dir);
  if (known !== undefined) return known;
  let inside: boolean;
  try {
    // No symbolic link between the root and the file: the folder resolves to where its name says.
    // (A path the user named outside the root, `audit ../other`, is fine as long as no link is on it.)
    inside = realpathSync(dir) === resolve(realpathSync(root), relative(root, dir));
  } catch {
    inside = false;
  }
  memo?.set(dir, inside);
  return inside;
}
