import { posix } from 'node:path';
import type ts from 'typescript';
import type { ProjectView } from '../context.js';

type TS = typeof ts;

/**
 * TypeScript resolves absolute paths; the repository is mounted at this made-up root so that a path
 * leaving the repository (`../../other`) is recognisable, and nothing outside it ever exists.
 */
export const ROOT = '/__repo__';

export function toAbs(path: string): string {
  return path === '' || path === '.' ? ROOT : `${ROOT}/${path}`;
}

/** Repo-relative path of an absolute one, or undefined when it lies outside the repository. */
export function toRepo(abs: string): string | undefined {
  if (abs === ROOT || abs === `${ROOT}/`) return '';
  // TypeScript names folders with a trailing slash ('../' becomes '/__repo__/src/').
  return abs.startsWith(`${ROOT}/`) ? abs.slice(ROOT.length + 1).replace(/\/+$/, '') : undefined;
}

export function dirOf(path: string): string {
  const dir = posix.dirname(path);
  return dir === '.' ? '' : dir;
}

interface Entries {
  files: string[];
  directories: string[];
}

/** Module resolution and tsconfig reading over the project view: the new side of the change, plus installed node_modules. */
export interface ProjectHost {
  resolution: ts.ModuleResolutionHost;
  config: ts.ParseConfigHost;
  /** Folders that hold at least one listed file. */
  isDir(path: string): boolean;
  /** A config host whose directory listing shows only `file` (to ask whether a config's include/exclude covers it). */
  onlyFile(file: string): ts.ParseConfigHost;
}

function directoryIndex(project: ProjectView): Map<string, Entries> {
  const index = new Map<string, Entries>([['', { files: [], directories: [] }]]);
  for (const file of project.files()) {
    let dir = dirOf(file);
    let entries = index.get(dir);
    if (entries) {
      entries.files.push(posix.basename(file));
      continue;
    }
    index.set(dir, { files: [posix.basename(file)], directories: [] });
    // Register the new folder with its parents, up to the first one already known.
    for (;;) {
      const parent = dirOf(dir);
      entries = index.get(parent);
      const name = posix.basename(dir);
      if (entries) {
        entries.directories.push(name);
        break;
      }
      index.set(parent, { files: [], directories: [name] });
      dir = parent;
    }
  }
  return index;
}

type MatchFiles = (path: string, extensions: readonly string[] | undefined, excludes: readonly string[] | undefined, includes: readonly string[] | undefined, caseSensitive: boolean, cwd: string, depth: number | undefined, entries: (path: string) => Entries, realpath: (path: string) => string) => string[];

/** TypeScript's own include/exclude matcher (internal API); without it nothing is listed and coverage stays unknown. */
function matcher(api: TS): MatchFiles | undefined {
  const fn = (api as unknown as { matchFiles?: MatchFiles }).matchFiles;
  return typeof fn === 'function' ? fn : undefined;
}

export function projectHost(api: TS, project: ProjectView): ProjectHost {
  let index: Map<string, Entries> | undefined;
  const dirs = (): Map<string, Entries> => (index ??= directoryIndex(project));
  const isDir = (path: string): boolean => dirs().has(path);
  const fileExists = (abs: string): boolean => {
    const path = toRepo(abs);
    return path !== undefined && path !== '' && project.exists(path);
  };
  const readFile = (abs: string): string | undefined => {
    const path = toRepo(abs);
    return path === undefined ? undefined : project.readText(path);
  };
  const directoryExists = (abs: string): boolean => {
    const path = toRepo(abs);
    if (path === undefined) return false;
    if (isDir(path)) return true;
    // Without a working tree to look at, assume installed folders may exist (TypeScript then asks for files).
    return /(?:^|\/)node_modules(?:\/|$)/.test(path) && (project.directoryExists ? project.directoryExists(path) : true);
  };
  const match = matcher(api);
  const listing = (entries: (path: string) => Entries): ts.ParseConfigHost['readDirectory'] => (root, extensions, excludes, includes, depth) =>
    match ? match(root, extensions, excludes, includes, true, ROOT, depth, entries, (p) => p) : [];
  const configHost = (readDirectory: ts.ParseConfigHost['readDirectory']): ts.ParseConfigHost => ({ useCaseSensitiveFileNames: true, readDirectory, fileExists, readFile });
  return {
    resolution: { fileExists, readFile, directoryExists, getCurrentDirectory: () => ROOT, useCaseSensitiveFileNames: true },
    // Parsing a config never needs its file list: coverage is asked file by file (onlyFile).
    config: configHost(() => []),
    isDir,
    onlyFile(file) {
      const dirsOnPath = new Map<string, Entries>();
      let child = posix.basename(file);
      let isFile = true;
      for (let dir = dirOf(file); ; dir = dirOf(dir)) {
        dirsOnPath.set(toAbs(dir), isFile ? { files: [child], directories: [] } : { files: [], directories: [child] });
        if (dir === '') break;
        child = posix.basename(dir);
        isFile = false;
      }
      return configHost(listing((path) => dirsOnPath.get(path) ?? { files: [], directories: [] }));
    },
  };
}
