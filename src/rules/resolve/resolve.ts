import { posix } from 'node:path';
import type ts from 'typescript';
import type { ChangeView, ProjectView } from '../context.js';
import { dirOf, type ProjectHost, projectHost, ROOT, toAbs, toRepo } from './host.js';
import { type ConfigFinder, configFinder, type ConfigInfo, matchedPathPattern, pathsBase } from './tsconfig.js';

type TS = typeof ts;

export type ImportKind = 'import' | 'require';

export interface Resolver {
  host: ProjectHost;
  configs: ConfigFinder;
  /**
   * Resolves `spec` from `from` with TypeScript's resolver and the options of every config that owns
   * the file; returns the repo-relative path of the first hit (a tracked file or one under
   * node_modules), or undefined when none resolves.
   */
  resolve(from: string, spec: string, kind?: ImportKind): string | undefined;
}

interface Variant {
  options: ts.CompilerOptions;
  cache: ts.ModuleResolutionCache;
  /** Pass the import's syntax as the resolution mode (node16/nodenext and bundler conditions). */
  modal: boolean;
}

/**
 * Each config is tried as written, then relaxed the way bundlers are (extensionless ESM imports,
 * JSON, JS files, `exports` under node10): what blocks must fail under every reading.
 */
function variants(api: TS, options: ts.CompilerOptions): Variant[] {
  const relaxed: ts.CompilerOptions = { ...options, module: api.ModuleKind.ESNext, moduleResolution: api.ModuleResolutionKind.Bundler, allowJs: true, resolveJsonModule: true };
  return [
    { options, modal: true },
    { options: relaxed, modal: false },
  ].map((v) => ({ ...v, cache: api.createModuleResolutionCache(ROOT, (name) => name, v.options) }));
}

export function resolver(api: TS, project: ProjectView, change: ChangeView): Resolver {
  return change.memo('ts-resolver', () => {
    const host = projectHost(api, project);
    const configs = configFinder(api, project, host);
    const byConfig = new Map<ConfigInfo, Variant[]>();
    const memo = new Map<string, string | null>();
    const attempt = (config: ConfigInfo, from: string, spec: string, kind: ImportKind): string | undefined => {
      let list = byConfig.get(config);
      if (!list) byConfig.set(config, (list = variants(api, config.options)));
      for (const variant of list) {
        const mode = variant.modal ? (kind === 'require' ? api.ModuleKind.CommonJS : api.ModuleKind.ESNext) : undefined;
        const result = api.resolveModuleName(spec, toAbs(from), variant.options, host.resolution, variant.cache, undefined, mode);
        const file = result.resolvedModule ? toRepo(result.resolvedModule.resolvedFileName) : undefined;
        if (file !== undefined) return file;
      }
      return undefined;
    };
    const resolve = (from: string, spec: string, kind: ImportKind = 'import'): string | undefined => {
      const owners = configs.owning(from);
      const key = `${owners.map((c) => c.path).join('|')}\0${dirOf(from)}\0${kind}\0${spec}`;
      let hit = memo.get(key);
      if (hit === undefined) {
        hit = null;
        for (const config of owners) {
          const file = attempt(config, from, spec, kind);
          if (file !== undefined) {
            hit = file;
            break;
          }
        }
        memo.set(key, hit);
      }
      return hit ?? undefined;
    };
    return { host, configs, resolve };
  });
}

/** A tsconfig `paths` alias that applies to a specifier (never the catch-all `*`, which falls back to packages). */
export interface AliasMatch {
  config: ConfigInfo;
  pattern: string;
  /** A target of the pattern lies outside the repository, where we cannot look. */
  outside: boolean;
  /** Repo-relative paths the pattern's targets give for the specifier. */
  targets: string[];
  /** Every target is inside node_modules (`"react": ["./node_modules/@types/react"]`): a package, not a file of ours. */
  installed: boolean;
}

export function aliasMatch(configs: readonly ConfigInfo[], spec: string): AliasMatch | undefined {
  for (const config of configs) {
    const pattern = matchedPathPattern(config.options.paths, spec);
    if (pattern === undefined || pattern === '*') continue;
    const base = pathsBase(config.options);
    const targets = config.options.paths![pattern] ?? [];
    const star = pattern.indexOf('*');
    const matched = star < 0 ? '' : spec.slice(star, spec.length - (pattern.length - star - 1));
    const paths = targets.map((t) => (posix.isAbsolute(t) ? '/' : posix.normalize(posix.join(base || '.', t.replace('*', matched)))));
    const outside = base === undefined || paths.some((p) => p.startsWith('/') || /^\.\.(?:\/|$)/.test(p));
    const installed = paths.length > 0 && paths.every((p) => /(?:^|\/)node_modules(?:\/|$)/.test(p));
    return { config, pattern, outside, targets: outside ? [] : paths.map((p) => (p === '.' ? '' : p)), installed };
  }
  return undefined;
}

/** Where `baseUrl` puts a bare specifier (repo-relative), when the config has a baseUrl inside the repository. */
export function baseUrlTarget(config: ConfigInfo, spec: string): string | undefined {
  if (config.options.baseUrl === undefined) return undefined;
  const base = toRepo(posix.normalize(config.options.baseUrl));
  if (base === undefined) return undefined;
  const target = posix.normalize(posix.join(base || '.', spec));
  return /^\.\.(?:\/|$)/.test(target) ? undefined : target;
}
