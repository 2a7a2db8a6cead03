import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { gitSync } from '../git/run-git.js';
import type { ProjectView } from '../rules/context.js';
import { readRegularFile, type SafeRead } from '../util/safe-read.js';
import { classifyContent } from './content.js';
import { installedView } from './installed.js';

/** Files for an audit: whole files from the working tree, every line counted as new. */
export interface TreeListing {
  root: string;
  /** Repo-relative (or root-relative) paths with forward slashes, sorted. */
  files: string[];
  inGit: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function walk(root: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(root, join(dir, entry.name), out);
    } else if (entry.isFile()) {
      out.push(toPosix(relative(root, join(dir, entry.name))));
    }
  }
}

/** The entry exists (a symbolic link counts, even a dangling one: it is reported, never followed). */
function present(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

/** Lists the files under `paths`: tracked and untracked-but-not-ignored ones in a git work tree, else a plain walk. */
export function listTree(cwd: string, root: string | null, paths: readonly string[]): TreeListing {
  const targets = (paths.length ? paths : ['.']).map((p) => {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new UsageError(`No such file or directory: ${p}`);
    return abs;
  });
  if (root !== null) {
    const rels = targets.map((abs) => {
      const rel = relative(root, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) throw new UsageError(`${abs} is outside the repository at ${root}.`);
      return toPosix(rel) || '.';
    });
    const out = gitSync(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--full-name', '--', ...rels]);
    if (out === null) throw new UsageError(`git ls-files failed in ${root}.`);
    const files = [...new Set(out.toString('utf8').split('\0').filter(Boolean))].filter((f) => present(join(root, f))).sort();
    return { root, files, inGit: true };
  }
  const base = cwd;
  const files: string[] = [];
  for (const abs of targets) {
    if (statSync(abs).isDirectory()) walk(base, abs, files);
    else files.push(toPosix(relative(base, abs)));
  }
  return { root: base, files: [...new Set(files)].sort(), inGit: false };
}

export type TreeRead = SafeRead;

/** A file of the tree: never through a symbolic link, never more than `maxBytes`. `dirs` memoises folder checks for one run. */
export function readTreeFile(root: string, path: string, maxBytes: number, dirs?: Map<string, boolean>): TreeRead {
  return readRegularFile(root, path, maxBytes, dirs);
}

/** A short content hash: audit cache keys and the files an audited file depends on. */
export function hashText(text: string | Buffer | undefined): string | null {
  return text === undefined ? null : createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The working tree as the project view of an audit, which reads the audited files through it too. */
export interface TreeProjectView extends ProjectView {
  read(path: string, maxBytes: number): TreeRead;
  /** hashText of readText(path), computed once per path for the view's lifetime (one run). */
  hashOf(path: string): string | null;
}

/** Bytes of recently read files kept: a module read for its exports is often audited next, or just was. */
const RECENT_BYTES = 16 * 1024 * 1024;

export function treeProjectView(root: string, inGit: boolean): TreeProjectView {
  let list: string[] | undefined;
  let set: Set<string> | undefined;
  const files = (): readonly string[] => {
    if (!list) {
      list = inGit ? listTree(root, root, ['.']).files : listTree(root, null, ['.']).files;
      set = new Set(list);
    }
    return list;
  };
  const hashes = new Map<string, string | null>();
  const dirs = new Map<string, boolean>();
  const recent = new Map<string, Buffer>();
  let recentBytes = 0;
  const read = (path: string, maxBytes: number): TreeRead => {
    const kept = recent.get(path);
    if (kept !== undefined) return kept.length > maxBytes ? { kind: 'too-large', size: kept.length, head: kept.subarray(0, maxBytes) } : { kind: 'ok', data: kept };
    const result = readTreeFile(root, path, maxBytes, dirs);
    if (result.kind === 'ok' && result.data.length <= RECENT_BYTES / 16) {
      recent.set(path, result.data);
      recentBytes += result.data.length;
      for (const [old, data] of recent) {
        if (recentBytes <= RECENT_BYTES) break;
        recent.delete(old);
        recentBytes -= data.length;
      }
    }
    return result;
  };
  const readText = (path: string): string | undefined => {
    const result = read(path, 4 * 1024 * 1024);
    if (result.kind !== 'ok') return undefined;
    const content = classifyContent(result.data, path);
    return content.kind === 'text' ? content.text : undefined;
  };
  const installed = installedView(root);
  return {
    files,
    exists(path) {
      files();
      return set!.has(path) || installed.exists(path);
    },
    directoryExists: installed.directoryExists,
    read,
    readText, // reads the working tree, node_modules included
    hashOf(path) {
      if (!hashes.has(path)) hashes.set(path, hashText(readText(path)));
      return hashes.get(path)!;
    },
  };
}
