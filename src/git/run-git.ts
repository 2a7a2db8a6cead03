import { spawn, spawnSync } from 'node:child_process';
import { GitError } from '../errors.js';

/*
 * The only place that runs git. Arguments are always an array (never a shell string), and every
 * command runs with GIT_OPTIONAL_LOCKS=0 so that reading never refreshes or rewrites the index.
 * GIT_INDEX_FILE is inherited on purpose: inside `git commit <paths>` it points at the temporary
 * index that holds exactly what is being committed.
 */

const BASE_FLAGS = ['-c', 'core.quotePath=false', '-c', 'core.fsmonitor=false', '-c', 'core.attributesFile=/dev/null', '--no-pager'];

function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_OPTIONAL_LOCKS: '0',
    // Attributes could mark files binary or give them a diff driver: only the change's own files
    // could still set them, and the diff source forces --text where it needs lines.
    GIT_ATTR_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
}

function describe(args: readonly string[]): string {
  return `git ${args.join(' ')}`;
}

function failure(args: readonly string[], code: number | null, stderr: string): GitError {
  const text = stderr.trim();
  if (/not a git repository/i.test(text)) {
    return new GitError('Not a git repository (or any parent up to the filesystem root). Run diffwarden inside a git work tree, or use `diffwarden audit PATH` for plain folders.', args, text);
  }
  const error = new GitError(`${describe(args)} failed (exit ${code ?? 'signal'}): ${text || 'no message'}`, args, text);
  error.exitCode = code ?? -1;
  return error;
}

/** Runs git and resolves with its stdout as bytes; rejects with a GitError carrying git's stderr. */
export function git(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...BASE_FLAGS, ...args], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`Could not run git: ${error.message}. Is git installed and on PATH?`, args)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(failure(args, code, Buffer.concat(err).toString('utf8')));
    });
    child.stdin.on('error', () => {
      /* git may exit before reading all input; the exit code tells the story */
    });
    child.stdin.end(input ?? '');
  });
}

/** Like `git`, but resolves to null instead of rejecting when git exits non-zero. */
export async function gitMaybe(cwd: string, args: readonly string[]): Promise<Buffer | null> {
  try {
    return await git(cwd, args);
  } catch (error) {
    if (error instanceof GitError && error.exitCode !== undefined) return null;
    throw error;
  }
}

/** Synchronous variant for lazy look-ups made while rules run (file lists, package.json contents). */
export function gitSync(cwd: string, args: readonly string[], maxBytes = 512 * 1024 * 1024): Buffer | null {
  const result = spawnSync('git', [...BASE_FLAGS, ...args], { cwd, env: gitEnv(), maxBuffer: maxBytes });
  // Output over the limit: git was killed, and the caller gets nothing rather than a partial read.
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOBUFS') return null;
  if (result.error) throw new GitError(`Could not run git: ${result.error.message}. Is git installed and on PATH?`, args);
  return result.status === 0 ? result.stdout : null;
}

/** A too-large blob keeps its first `maxBytes` bytes (`head`), so that secrets can still be looked for. */
export type BlobResult = { kind: 'ok'; data: Buffer } | { kind: 'too-large'; size: number; head: Buffer } | { kind: 'missing' };

/**
 * Reads many objects with one `git cat-file --batch` process. Output per object (git-cat-file(1)):
 *   <oid> SP <type> SP <size> LF <contents> LF      or      <object> SP missing LF
 * Of objects larger than `maxBytes` only the first `maxBytes` bytes are kept; the rest streams past.
 */
export function readBlobs(cwd: string, objects: readonly string[], maxBytes: number): Promise<Map<string, BlobResult>> {
  const results = new Map<string, BlobResult>();
  if (objects.length === 0) return Promise.resolve(results);
  const args = ['cat-file', '--batch'];
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...BASE_FLAGS, ...args], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let index = 0;
    let pending: Buffer = Buffer.alloc(0);
    let body: { size: number; keep: boolean; parts: Buffer[]; got: number } | null = null;
    const err: Buffer[] = [];

    const consume = (): void => {
      for (;;) {
        if (body === null) {
          const nl = pending.indexOf(10);
          if (nl < 0) return;
          const header = pending.subarray(0, nl).toString('utf8');
          pending = pending.subarray(nl + 1);
          const name = objects[index]!;
          if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
            results.set(name, { kind: 'missing' });
            index++;
            continue;
          }
          const size = Number(header.slice(header.lastIndexOf(' ') + 1));
          body = { size, keep: size <= maxBytes, parts: [], got: 0 };
        }
        const need = body.size + 1 - body.got;
        const take = Math.min(need, pending.length);
        if (take === 0) return;
        const room = Math.min(body.size, maxBytes) - body.got;
        if (room > 0) body.parts.push(pending.subarray(0, Math.min(take, room)));
        body.got += take;
        pending = pending.subarray(take);
        if (body.got < body.size + 1) return;
        const name = objects[index]!;
        if (body.keep) results.set(name, { kind: 'ok', data: Buffer.concat(body.parts).subarray(0, body.size) });
        else results.set(name, { kind: 'too-large', size: body.size, head: Buffer.concat(body.parts) });
        body = null;
        index++;
      }
    };

    child.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      consume();
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(`Could not run git: ${error.message}`, args)));
    child.on('close', (code) => {
      if (code !== 0) return reject(failure(args, code, Buffer.concat(err).toString('utf8')));
      if (index !== objects.length) return reject(new GitError(`git cat-file answered ${index} of ${objects.length} objects`, args));
      resolve(results);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(objects.join('\n') + '\n');
  });
}
