import { builtinModules, createRequire } from 'node:module';
import { posix } from 'node:path';
import type ts from 'typescript';
import type { ChangeView, ProjectView } from './context.js';
import { parseUnlinked } from '../pipeline/parse.js';
import { keepParsed } from '../pipeline/parsed-ahead.js';

type TS = typeof ts;

/** Built-in modules of newer Node versions than the one running diffwarden. */
const NEWER_BUILTINS = ['sqlite', 'sea', 'quic', 'test/reporters', 'test/mock_loader'];
/** Exports added to built-in modules after Node 20 (so a project on Node 22+ is not flagged). */
const NEWER_EXPORTS: Record<string, string[]> = {
  fs: ['glob', 'globSync', 'openAsBlob'],
  'fs/promises': ['glob'],
  util: ['styleText', 'parseEnv', 'getCallSites', 'getSystemErrorMessage', 'diff'],
  module: ['enableCompileCache', 'getCompileCacheDir', 'findPackageJSON', 'registerHooks', 'stripTypeScriptTypes', 'flushCompileCache', 'constants'],
  assert: ['partialDeepStrictEqual'],
  crypto: ['hash'],
  process: ['getBuiltinModule', 'loadEnvFile'],
  test: ['snapshot', 'assert'],
  'node:test': ['snapshot', 'assert'],
};

const BUILTINS = new Set([...builtinModules, ...NEWER_BUILTINS]);

export function isBuiltin(spec: string): boolean {
  return BUILTINS.has(spec.startsWith('node:') ? spec.slice(5) : spec) || (spec.startsWith('node:') && spec.slice(5) === 'test');
}

const requireHere = createRequire(import.meta.url);
const builtinExportCache = new Map<string, Set<string> | null>();

/** Names a Node built-in exports at run time, or null when it cannot be loaded. */
export function builtinExports(spec: string): Set<string> | null {
  const name = spec.startsWith('node:') ? spec.slice(5) : spec;
  if (!builtinExportCache.has(name)) {
    let names: Set<string> | null = null;
    try {
      names = new Set([...Object.keys(requireHere(`node:${name}`) as object), 'default', ...(NEWER_EXPORTS[name] ?? [])]);
    } catch {
      names = null;
    }
    builtinExportCache.set(name, names);
  }
  return builtinExportCache.get(name)!;
}

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`. */
export function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const CODE_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.vue', '.svelte', '.astro'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx', '.d.ts'], '.jsx': ['.tsx'], '.mjs': ['.mts', '.d.mts'], '.cjs': ['.cts', '.d.cts'] };
const KNOWN_EXT = /\.(?:[cm]?[jt]sx?|json|css|scss|sass|less|svg|png|jpe?g|gif|webp|avif|ico|html|md|mdx|vue|svelte|astro|wasm|txt|graphql|gql|ya?ml|node)$/i;

/** Candidate files for `base` (a repo-relative path without query): NodeNext `.js` -> `.ts`, extensionless, index files. */
export function candidates(base: string): string[] {
  const ext = posix.extname(base);
  const out = [base];
  if (JS_TO_TS[ext]) for (const ts of JS_TO_TS[ext]!) out.push(base.slice(0, -ext.length) + ts);
  if (!KNOWN_EXT.test(base)) {
    for (const e of CODE_EXTENSIONS) out.push(base + e);
    for (const e of CODE_EXTENSIONS) out.push(`${base}/index${e}`);
  }
  return out;
}

/** Resolves a relative specifier from a file; undefined when nothing in the project matches, null when it leaves the repository. */
export function resolveRelative(from: string, spec: string, project: ProjectView): string | undefined | null {
  // By hand: `/[?#].*$/` retried from every `#` of a long specifier (quadratic).
  const cut = spec.search(/[?#]/);
  const clean = cut < 0 ? spec : spec.slice(0, cut);
  const joined = posix.normalize(posix.join(posix.dirname(from), clean));
  if (joined.startsWith('..') || posix.isAbsolute(joined)) return null;
  const base = joined.replace(/\/$/, '');
  return candidates(base).find((c) => project.exists(c));
}

interface Manifest {
  dir: string;
  name?: string;
  deps: Set<string>;
  imports: boolean;
}

interface TsPaths {
  dir: string;
  baseUrl?: string;
  paths: [string, string[]][];
}

export interface ModuleIndex {
  /** Every package.json of the repository (outside node_modules), by directory. */
  manifests: Map<string, Manifest>;
  workspaceNames: Set<string>;
  tsconfigFor(dir: string): TsPaths | undefined;
}

/**
 * A tsconfig-style JSON file (comments, trailing commas) as data; undefined when TypeScript's
 * recursive parser runs out of stack on it (a file nested 20,000 deep).
 */
export function parseConfigJson(api: TS, path: string, text: string): unknown {
  try {
    return api.parseConfigFileTextToJson(path, text).config as unknown;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Facts about packages and tsconfig paths, built once per run. */
export function moduleIndex(api: TS, project: ProjectView, change: ChangeView): ModuleIndex {
  return change.memo('module-index', () => {
    const manifests = new Map<string, Manifest>();
    const workspaceNames = new Set<string>();
    for (const path of project.files()) {
      if (!/(?:^|\/)package\.json$/.test(path) || path.includes('node_modules/')) continue;
      const pkg = parseJson(project.readText(path));
      if (!pkg) continue;
      const deps = new Set<string>();
      for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
        const section = pkg[key];
        if (section && typeof section === 'object') for (const name of Object.keys(section)) deps.add(name);
      }
      const name = typeof pkg.name === 'string' ? pkg.name : undefined;
      if (name) workspaceNames.add(name);
      manifests.set(posix.dirname(path) === '.' ? '' : posix.dirname(path), { dir: posix.dirname(path), ...(name ? { name } : {}), deps, imports: typeof pkg.imports === 'object' });
    }
    const tsconfigs = new Map<string, TsPaths | undefined>();
    const readTsconfig = (file: string, depth = 0): { baseUrl?: string; paths?: Record<string, string[]>; dir: string } | undefined => {
      const text = project.readText(file);
      if (text === undefined) return undefined;
      const config = parseConfigJson(api, file, text) as { extends?: unknown; compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } } | undefined;
      const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
      let inherited: { baseUrl?: string; paths?: Record<string, string[]>; dir: string } | undefined;
      if (typeof config?.extends === 'string' && config.extends.startsWith('.') && depth < 3) {
        const target = posix.normalize(posix.join(dir, config.extends));
        inherited = readTsconfig(target.endsWith('.json') ? target : `${target}.json`, depth + 1);
      }
      const co = config?.compilerOptions ?? {};
      return {
        dir: co.paths || co.baseUrl ? dir : (inherited?.dir ?? dir),
        ...((co.baseUrl ?? inherited?.baseUrl) !== undefined ? { baseUrl: co.baseUrl ?? inherited?.baseUrl } : {}),
        ...((co.paths ?? inherited?.paths) ? { paths: co.paths ?? inherited?.paths } : {}),
      };
    };
    const tsconfigFor = (dir: string): TsPaths | undefined => {
      if (tsconfigs.has(dir)) return tsconfigs.get(dir);
      const file = dir ? `${dir}/tsconfig.json` : 'tsconfig.json';
      let found: TsPaths | undefined;
      if (project.exists(file)) {
        const config = readTsconfig(file);
        if (config) found = { dir: config.dir, ...(config.baseUrl !== undefined ? { baseUrl: config.baseUrl } : {}), paths: Object.entries(config.paths ?? {}) };
      } else if (dir) {
        found = tsconfigFor(posix.dirname(dir) === '.' ? '' : posix.dirname(dir));
      }
      tsconfigs.set(dir, found);
      return found;
    };
    return { manifests, workspaceNames, tsconfigFor };
  });
}

/** The package.json files that govern `file`, nearest first. */
export function manifestsFor(index: ModuleIndex, file: string): Manifest[] {
  const out: Manifest[] = [];
  let dir = posix.dirname(file);
  for (;;) {
    const key = dir === '.' ? '' : dir;
    const manifest = index.manifests.get(key);
    if (manifest) out.push(manifest);
    if (key === '') return out;
    dir = posix.dirname(dir);
  }
}

/** Resolves a specifier through tsconfig `paths` (and `baseUrl`): true/false when an alias applies, undefined when none does. */
export function resolveAlias(index: ModuleIndex, file: string, spec: string, project: ProjectView): boolean | undefined {
  const config = index.tsconfigFor(posix.dirname(file) === '.' ? '' : posix.dirname(file));
  if (!config) return undefined;
  const root = posix.join(config.dir, config.baseUrl ?? '.');
  for (const [pattern, targets] of config.paths) {
    const star = pattern.indexOf('*');
    const matched = star < 0 ? (spec === pattern ? '' : undefined) : spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) ? spec.slice(star, spec.length - (pattern.length - star - 1)) : undefined;
    if (matched === undefined) continue;
    return targets.some((t) => candidates(posix.normalize(posix.join(root, t.replace('*', matched)))).some((c) => project.exists(c)));
  }
  if (config.baseUrl !== undefined && candidates(posix.normalize(posix.join(root, spec))).some((c) => project.exists(c))) return true;
  return undefined;
}

export type ExportSet = Set<string> | 'unknown';

/** What one module declares: its own export names and the modules it re-exports with `export *`. */
export interface ExportInfo {
  names: string[];
  stars: string[];
  unknown: boolean;
}

/** Reads a parsed module's exports from its top-level statements (no type checking). */
export function exportInfo(api: TS, sf: ts.SourceFile): ExportInfo {
  const names = new Set<string>();
  const stars: string[] = [];
  let unknown = false;
  let esm = false;
  const exported = (node: ts.Node): boolean => api.canHaveModifiers(node) && (api.getModifiers(node) ?? []).some((m) => m.kind === api.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node): boolean => api.canHaveModifiers(node) && (api.getModifiers(node) ?? []).some((m) => m.kind === api.SyntaxKind.DefaultKeyword);
  for (const statement of sf.statements) {
    if (api.isImportDeclaration(statement)) esm = true;
    if (api.isExportAssignment(statement)) {
      esm = true;
      if (statement.isExportEquals) unknown = true;
      else names.add('default');
    } else if (api.isExportDeclaration(statement)) {
      esm = true;
      const from = statement.moduleSpecifier && api.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      if (statement.exportClause && api.isNamedExports(statement.exportClause)) for (const el of statement.exportClause.elements) names.add(el.name.text);
      else if (statement.exportClause && api.isNamespaceExport(statement.exportClause)) names.add(statement.exportClause.name.text);
      else if (from !== undefined) {
        if (from.startsWith('.')) stars.push(from);
        else unknown = true;
      }
    } else if (exported(statement)) {
      esm = true;
      if (isDefault(statement)) names.add('default');
      if (api.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) {
          if (api.isIdentifier(d.name)) names.add(d.name.text);
          else unknown = true; // destructured exports: keep it simple
        }
      } else if ('name' in statement && statement.name && api.isIdentifier(statement.name as ts.Node)) {
        names.add((statement.name as ts.Identifier).text);
      }
    } else if (api.isModuleDeclaration(statement) && statement.name.kind === api.SyntaxKind.StringLiteral) {
      unknown = true; // ambient module declarations
    }
  }
  if (!esm || /\bmodule\.exports\b|\bexports\.\w+\s*=/.test(sf.text)) unknown = true;
  return { names: [...names], stars, unknown };
}

/** Per-run store of export info, filled by files already parsed (so an audit parses each module once). */
export function exportInfoStore(change: ChangeView): Map<string, ExportInfo> {
  return change.memo('export-info', () => new Map<string, ExportInfo>());
}

/** Names a local module exports, following `export *` a few levels; 'unknown' for CommonJS or unresolvable re-exports. */
export function moduleExports(api: TS, path: string, project: ProjectView, change: ChangeView, depth = 0): ExportSet {
  const cache = change.memo('module-exports', () => new Map<string, ExportSet>());
  const hit = cache.get(path);
  if (hit) return hit;
  cache.set(path, 'unknown'); // cycles resolve to unknown
  // Always read (cheap, and it is how an audit's cache learns what this file depends on); parse only
  // when no earlier file of the run recorded this module's exports.
  const text = project.readText(path);
  if (text === undefined || !/\.[cm]?[jt]sx?$/.test(path)) return 'unknown';
  const store = exportInfoStore(change);
  let info = store.get(path);
  if (!info) {
    // Unlinked: exportInfo reads top-level statements only; the file's own analysis links the tree.
    let sf: ts.SourceFile;
    try {
      sf = parseUnlinked(path, text);
    } catch (error) {
      // Nested beyond the parser's stack: its exports are unknown, which no rule reports.
      if (error instanceof RangeError) return 'unknown';
      throw error;
    }
    keepParsed(change, path, sf);
    info = exportInfo(api, sf);
    store.set(path, info);
  }
  let result: ExportSet = info.unknown ? 'unknown' : new Set(info.names);
  for (const from of info.stars) {
    if (result === 'unknown') break;
    const target = resolveRelative(path, from, project);
    const inner = target && depth < 4 ? moduleExports(api, target, project, change, depth + 1) : 'unknown';
    if (inner === 'unknown') result = 'unknown';
    else for (const n of inner) if (n !== 'default') result.add(n);
  }
  cache.set(path, result);
  return result;
}
