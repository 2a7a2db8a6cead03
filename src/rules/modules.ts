import { builtinModules, createRequire } from 'node:module';
import type ts from 'typescript';
import type { ChangeView, ProjectView } from './context.js';
import { parseUnlinked } from '../pipeline/parse.js';
import { keepParsed } from '../pipeline/parsed-ahead.js';
import { isInstalledPath } from '../pipeline/installed.js';
import { resolver } from './resolve/resolve.js';
import { scanExportInfo } from './export-scan.js';

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
      else if (from !== undefined) stars.push(from);
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

/** The memo key under which the pipeline may give a run a store of export info kept between runs. */
export const EXPORT_CACHE = 'export-cache';

/** Export info by module content, kept between runs (`src/pipeline/export-cache.ts`). */
export interface PersistedExports {
  key(typescriptVersion: string, path: string, text: string): string;
  get(key: string): ExportInfo | undefined;
  set(key: string, info: ExportInfo): void;
}

/** Per-run store of export info, filled by files already parsed (so an audit parses each module once). */
export function exportInfoStore(change: ChangeView): Map<string, ExportInfo> {
  return change.memo('export-info', () => new Map<string, ExportInfo>());
}

/** Whether `path` is code of the repository whose exports can be read (not an installed package, not an asset). */
export function isReadableModule(path: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(path) && !isInstalledPath(path);
}

/**
 * A module's export info: recorded earlier in the run, kept from an earlier run, read from its tokens,
 * or parsed. A module outside a diff is read from its tokens; an audit parses every file anyway, and a
 * changed file is parsed for its own analysis, which then takes over the tree. Undefined when the file
 * is nested beyond the parser's stack (its exports are unknown, which no rule reports).
 */
function exportInfoOf(api: TS, path: string, text: string, change: ChangeView): ExportInfo | undefined {
  const store = exportInfoStore(change);
  const known = store.get(path);
  if (known) return known;
  const persisted = change.memo<PersistedExports | undefined>(EXPORT_CACHE, () => undefined);
  const key = persisted?.key(api.version, path, text);
  let info = key === undefined ? undefined : persisted!.get(key);
  if (!info) {
    if (change.files.length > 0 && !change.files.some((f) => f.path === path)) info = scanExportInfo(api, path, text);
    info ??= parsedExportInfo(api, path, text, change);
    if (!info) return undefined;
    if (key !== undefined) persisted!.set(key, info);
  }
  store.set(path, info);
  return info;
}

function parsedExportInfo(api: TS, path: string, text: string, change: ChangeView): ExportInfo | undefined {
  // Unlinked: exportInfo reads top-level statements only; the file's own analysis links the tree.
  let sf: ts.SourceFile;
  try {
    sf = parseUnlinked(path, text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  keepParsed(change, path, sf);
  return exportInfo(api, sf);
}

/** Names a local module exports, following `export *` a few levels; 'unknown' for CommonJS or re-exports that do not resolve to local code. */
export function moduleExports(api: TS, path: string, project: ProjectView, change: ChangeView, depth = 0): ExportSet {
  const cache = change.memo('module-exports', () => new Map<string, ExportSet>());
  const hit = cache.get(path);
  if (hit) return hit;
  cache.set(path, 'unknown'); // cycles resolve to unknown
  // Always read (cheap, and it is how an audit's cache learns what this file depends on); parse only
  // when no earlier file of the run recorded this module's exports.
  const text = project.readText(path);
  if (text === undefined || !isReadableModule(path)) return 'unknown';
  const info = exportInfoOf(api, path, text, change);
  if (!info) return 'unknown';
  let result: ExportSet = info.unknown ? 'unknown' : new Set(info.names);
  for (const from of info.stars) {
    if (result === 'unknown') break;
    const target = resolver(api, project, change).resolve(path, from);
    const inner = target !== undefined && depth < 4 ? moduleExports(api, target, project, change, depth + 1) : 'unknown';
    if (inner === 'unknown') result = 'unknown';
    else for (const n of inner) if (n !== 'default') result.add(n);
  }
  cache.set(path, result);
  return result;
}
