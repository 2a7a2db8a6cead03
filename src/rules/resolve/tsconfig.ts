import { posix } from 'node:path';
import type ts from 'typescript';
import type { ProjectView } from '../context.js';
import { dirOf, type ProjectHost, toAbs, toRepo } from './host.js';

type TS = typeof ts;

/** A parsed tsconfig (with everything it extends), as TypeScript reads it. */
export interface ConfigInfo {
  /** Repo-relative path of the config; '' for the defaults used where no config exists. */
  path: string;
  options: ts.CompilerOptions;
  /** Repo-relative paths of the configs it references (inside the repository). */
  references: string[];
  /** Why the config could not be read completely (an `extends` that is not installed...). */
  incomplete?: string;
  /** TypeScript's include/exclude/files specs (internal shape), for coverage. */
  specs?: unknown;
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
// File not found, cannot read file: an `extends` target that is not there.
const MISSING_EXTENDS = new Set([6053, 5083]);

type FileNamesFromSpecs = (specs: unknown, basePath: string, options: ts.CompilerOptions, host: ts.ParseConfigHost) => string[];

export interface ConfigFinder {
  load(path: string): ConfigInfo | undefined;
  /** The configs that own `file`, best first: the one whose include/files cover it, else every candidate met on the way. */
  owning(file: string): ConfigInfo[];
}

function parseConfig(api: TS, project: ProjectView, host: ProjectHost, path: string, extendedCache: Map<string, ts.ExtendedConfigCacheEntry>): ConfigInfo | undefined {
  const text = project.readText(path);
  if (text === undefined) return undefined;
  let json: ts.TsConfigSourceFile;
  let parsed: ts.ParsedCommandLine;
  try {
    json = api.parseJsonText(toAbs(path), text);
    parsed = api.parseJsonSourceFileConfigFileContent(json, host.config, toAbs(dirOf(path)), undefined, toAbs(path), undefined, undefined, extendedCache);
  } catch (error) {
    // TypeScript's JSON parser recurses: a config nested thousands deep exhausts the stack.
    if (!(error instanceof RangeError)) throw error;
    return { path, options: {}, references: [], incomplete: `${path} is nested too deep to be read` };
  }
  const missing = parsed.errors.filter((e) => MISSING_EXTENDS.has(e.code)).map((e) => api.flattenDiagnosticMessageText(e.messageText, ' '));
  const references: string[] = [];
  for (const ref of parsed.projectReferences ?? []) {
    const target = toRepo(api.resolveProjectReferencePath(ref));
    if (target !== undefined) references.push(target);
  }
  return {
    path,
    options: parsed.options,
    references,
    ...(missing.length ? { incomplete: `${path} extends a config that cannot be read (${missing[0]!.replace(new RegExp(`${toAbs('')}/?`, 'g'), '')})` } : {}),
    specs: (json as unknown as { configFileSpecs?: unknown }).configFileSpecs,
  };
}

export function configFinder(api: TS, project: ProjectView, host: ProjectHost): ConfigFinder {
  const loaded = new Map<string, ConfigInfo | undefined>();
  const nearestIn = new Map<string, string | null>();
  const extendedCache = new Map<string, ts.ExtendedConfigCacheEntry>();
  const fileNames = (api as unknown as { getFileNamesFromConfigSpecs?: FileNamesFromSpecs }).getFileNamesFromConfigSpecs;

  const load = (path: string): ConfigInfo | undefined => {
    if (!loaded.has(path)) loaded.set(path, parseConfig(api, project, host, path, extendedCache));
    return loaded.get(path);
  };
  /** The nearest tsconfig.json (or jsconfig.json) in `dir` or above. */
  const nearest = (dir: string): string | null => {
    const known = nearestIn.get(dir);
    if (known !== undefined) return known;
    const here = CONFIG_NAMES.map((name) => (dir ? `${dir}/${name}` : name)).find((p) => project.exists(p));
    const found = here ?? (dir === '' ? null : nearest(dirOf(dir)));
    nearestIn.set(dir, found);
    return found;
  };
  /** Whether the config's include/files take in `file`; undefined when that cannot be told. */
  const covers = (config: ConfigInfo, file: string): boolean | undefined => {
    if (!config.specs || typeof fileNames !== 'function') return undefined;
    const names = fileNames(config.specs, toAbs(dirOf(config.path)), config.options, host.onlyFile(file));
    return names.includes(toAbs(file));
  };
  /** Depth-first through references, the way the editor picks the project of a file under a solution config. */
  const search = (config: ConfigInfo, file: string, seen: Map<string, ConfigInfo>): ConfigInfo | undefined => {
    if (seen.has(config.path)) return undefined;
    seen.set(config.path, config);
    if (covers(config, file)) return config;
    for (const ref of config.references) {
      const child = load(ref);
      const found = child && search(child, file, seen);
      if (found) return found;
    }
    return undefined;
  };
  const owners = new Map<string, ConfigInfo[]>();
  const owning = (file: string): ConfigInfo[] => {
    let found = owners.get(file);
    if (!found) owners.set(file, (found = findOwners(file)));
    return found;
  };
  const findOwners = (file: string): ConfigInfo[] => {
    const seen = new Map<string, ConfigInfo>();
    for (let dir = dirOf(file); ; ) {
      const path = nearest(dir);
      const config = path === null ? undefined : load(path);
      if (!config) break;
      // A plain config owns what lies under it; only layouts with references need the include/files test.
      if (config.references.length === 0) return seen.has(config.path) ? [...seen.values()] : [config, ...seen.values()];
      const found = search(config, file, seen);
      if (found) return [found];
      const configDir = dirOf(config.path);
      if (configDir === '') break;
      dir = dirOf(configDir);
    }
    return seen.size ? [...seen.values()] : [{ path: '', options: {}, references: [] }];
  };
  return { load, owning };
}

/** The `paths` pattern TypeScript applies to `spec`: an exact key, else the wildcard with the longest prefix. */
export function matchedPathPattern(paths: ts.MapLike<string[]> | undefined, spec: string): string | undefined {
  if (!paths) return undefined;
  if (Object.hasOwn(paths, spec) && !spec.includes('*')) return spec;
  let best: string | undefined;
  let bestPrefix = -1;
  for (const pattern of Object.keys(paths)) {
    const star = pattern.indexOf('*');
    if (star < 0 || pattern.indexOf('*', star + 1) >= 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (spec.length >= prefix.length + suffix.length && spec.startsWith(prefix) && spec.endsWith(suffix) && prefix.length > bestPrefix) {
      best = pattern;
      bestPrefix = prefix.length;
    }
  }
  return best;
}

/** Repo-relative folder `paths` targets are relative to, or undefined when it lies outside the repository. */
export function pathsBase(options: ts.CompilerOptions): string | undefined {
  const base = options.baseUrl ?? (options.pathsBasePath as string | undefined);
  return base === undefined ? undefined : toRepo(posix.normalize(base));
}
