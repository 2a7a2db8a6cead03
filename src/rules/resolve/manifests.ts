import { posix } from 'node:path';
import type ts from 'typescript';
import type { ChangeView, ProjectView } from '../context.js';
import { dirOf } from './host.js';
import { parseConfigJson } from '../config-json.js';

type TS = typeof ts;

export interface Manifest {
  /** Repo-relative folder ('' at the root). */
  dir: string;
  file: string;
  name?: string;
  deps: Set<string>;
  /** Repo-relative files the package.json `browser` field replaces (`"./ext.js": "./out/esm.browser.js"`). */
  browser: string[];
}

/** Package facts of the repository, built once per run from the file list. */
export interface ManifestIndex {
  /** Every package.json outside node_modules, by folder. */
  manifests: Map<string, Manifest>;
  /** Names of the repository's own packages (workspaces): importable by name once installed. */
  workspaceNames: Set<string>;
  /** A package.json that declares each dependency name, whichever package it belongs to. */
  declaredBy: Map<string, string>;
  /** Import-map keys of deno.json / deno.jsonc, by folder. */
  denoImports: Map<string, string[]>;
  /** Bundler and build configs (`vite.config.ts`...) that may define aliases we do not read. */
  bundlerConfigs: string[];
}

// `vitest.config.renderer.ts`: one extra name segment before the extension is common in multi-target repos.
const BUNDLER_CONFIG = /(?:^|\/)(?:(?:vite|vitest|webpack|next|nuxt|astro|svelte|rollup|rsbuild|rspack|craco|quasar|metro|babel|electron\.vite|electron-vite|tsup|remix)\.config(?:\.[\w-]+)?\.[cm]?[jt]s|\.babelrc(?:\.json)?)$/;
const DEP_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

function parseJson(api: TS, path: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  // TypeScript's JSON reader accepts comments and trailing commas (deno.jsonc, hand-edited manifests),
  // but builds a syntax tree first: on strict JSON, JSON.parse gives the same data in a fraction of
  // the time (a VS Code extension's manifest runs to thousands of lines). Only `__proto__` keys, which
  // TypeScript's reader assigns as a prototype, would read differently.
  if (!text.includes('__proto__')) {
    try {
      const value = JSON.parse(text) as unknown;
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    } catch {
      // not strict JSON: TypeScript's reader below
    }
  }
  const value = parseConfigJson(api, path, text);
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function readManifest(api: TS, project: ProjectView, path: string): Manifest | undefined {
  const pkg = parseJson(api, path, project.readText(path));
  if (!pkg) return undefined;
  const deps = new Set<string>();
  for (const key of DEP_SECTIONS) {
    const section = pkg[key];
    if (section && typeof section === 'object') for (const name of Object.keys(section)) deps.add(name);
  }
  const name = typeof pkg.name === 'string' ? pkg.name : undefined;
  const browser = pkg.browser && typeof pkg.browser === 'object' ? Object.keys(pkg.browser).filter((k) => k.startsWith('./')).map((k) => posix.join(dirOf(path), k)) : [];
  return { dir: dirOf(path), file: path, ...(name ? { name } : {}), deps, browser };
}

/** Import-map keys of a deno.json, and its `name` (a workspace member is importable by that name). */
function denoConfig(api: TS, project: ProjectView, path: string): { keys: string[]; name?: string } {
  const config = parseJson(api, path, project.readText(path));
  const name = typeof config?.name === 'string' ? config.name : undefined;
  let imports = config?.imports;
  if (!imports && typeof config?.importMap === 'string') imports = parseJson(api, path, project.readText(posix.join(dirOf(path), config.importMap)))?.imports;
  return { keys: imports && typeof imports === 'object' ? Object.keys(imports) : [], ...(name ? { name } : {}) };
}

export function manifestIndex(api: TS, project: ProjectView, change: ChangeView): ManifestIndex {
  return change.memo('manifest-index', () => {
    const index: ManifestIndex = { manifests: new Map(), workspaceNames: new Set(), declaredBy: new Map(), denoImports: new Map(), bundlerConfigs: [] };
    for (const path of project.files()) {
      if (path.includes('node_modules/')) continue;
      if (path === 'package.json' || path.endsWith('/package.json')) {
        const manifest = readManifest(api, project, path);
        if (!manifest) continue;
        index.manifests.set(manifest.dir, manifest);
        if (manifest.name) index.workspaceNames.add(manifest.name);
        for (const dep of manifest.deps) if (!index.declaredBy.has(dep)) index.declaredBy.set(dep, path);
      } else if (/(?:^|\/)deno\.jsonc?$/.test(path)) {
        const deno = denoConfig(api, project, path);
        index.denoImports.set(dirOf(path), deno.keys);
        // Like package.json names: a member's name resolves through the root's `workspace` list.
        if (deno.name) index.workspaceNames.add(deno.name);
      } else if (BUNDLER_CONFIG.test(path)) {
        index.bundlerConfigs.push(path);
      }
    }
    return index;
  });
}

/** Folders from `file`'s own up to the root. */
function ancestors(file: string): string[] {
  const out: string[] = [];
  for (let dir = dirOf(file); ; dir = dirOf(dir)) {
    out.push(dir);
    if (dir === '') return out;
  }
}

/** The package.json files that govern `file`, nearest first. */
export function manifestsFor(index: ManifestIndex, file: string): Manifest[] {
  return ancestors(file).flatMap((dir) => index.manifests.get(dir) ?? []);
}

/** Whether the nearest package.json's `browser` field maps `target` (with or without `.js`) to another file. */
export function browserMapped(index: ManifestIndex, file: string, target: string): boolean {
  const browser = manifestsFor(index, file)[0]?.browser ?? [];
  return browser.includes(target) || browser.includes(`${target}.js`);
}

/** Whether a manifest, a workspace package or a deno import map that applies to `file` declares `name` (or `spec`). */
export function isDeclared(index: ManifestIndex, file: string, name: string, spec: string): boolean {
  const typesName = name.startsWith('@') ? `@types/${name.slice(1).replace('/', '__')}` : `@types/${name}`;
  if (index.workspaceNames.has(name)) return true;
  if (manifestsFor(index, file).some((m) => m.deps.has(name) || m.deps.has(typesName) || m.name === name)) return true;
  return ancestors(file).some((dir) => (index.denoImports.get(dir) ?? []).some((key) => key === spec || key === name || (key.endsWith('/') && spec.startsWith(key))));
}

/** Whether any import map applies to `file` (then a bare import is judged against it, too). */
export function hasDenoConfig(index: ManifestIndex, file: string): boolean {
  return ancestors(file).some((dir) => index.denoImports.has(dir));
}

/**
 * A bundler config over `file` that defines aliases and mentions the specifier's first segment: the
 * import may be one of its aliases, which we do not evaluate (they are code). Returns the config's path.
 */
export function bundlerAliasFor(index: ManifestIndex, project: ProjectView, file: string, spec: string): string | undefined {
  const dirs = new Set(ancestors(file));
  const head = spec.startsWith('@') && spec.includes('/') && !spec.startsWith('@/') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
  return index.bundlerConfigs.find((config) => {
    if (!dirs.has(dirOf(config))) return false;
    const text = project.readText(config) ?? '';
    return /alias/i.test(text) && text.includes(head);
  });
}
