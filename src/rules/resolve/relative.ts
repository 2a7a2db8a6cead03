import { posix } from 'node:path';
import type { ProjectView } from '../context.js';
import { dirOf, type ProjectHost } from './host.js';

/** Files bundlers load that TypeScript's resolver does not look for. */
const OTHER_EXTENSIONS = ['.vue', '.svelte', '.astro', '.mdx', '.md', '.css', '.scss', '.sass', '.less', '.styl', '.html', '.graphql', '.gql', '.node', '.wasm', '.json', '.js', '.jsx', '.mjs', '.cjs'];
/** React Native / Expo platform files: `./button` is `button.ios.tsx` and `button.android.tsx`. */
const PLATFORMS = ['ios', 'android', 'native', 'web', 'windows', 'macos'];
const PLATFORM_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx'];
const BUILD_DIRS = new Set(['dist', 'build', 'out', 'lib-esm', 'esm', 'cjs', '.next', '.output', 'target', 'generated']);

/** The repo-relative path a relative specifier names (query and hash dropped), or null when it leaves the repository. */
export function relativeTarget(from: string, spec: string): string | null {
  // By hand: `/[?#].*$/` is retried from every `#` of a long specifier (quadratic).
  const cut = spec.search(/[?#]/);
  const clean = cut < 0 ? spec : spec.slice(0, cut);
  const joined = posix.normalize(posix.join(dirOf(from), clean)).replace(/\/$/, '');
  return joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined) ? null : joined === '.' ? '' : joined;
}

/** Whether something a bundler would load exists at `target` when TypeScript found nothing: assets, Vue/Svelte files, platform files, a package folder. */
export function otherFileExists(project: ProjectView, host: ProjectHost, target: string): boolean {
  if (project.exists(target)) return true;
  if (host.isDir(target)) {
    if (project.exists(`${target}/package.json`)) return true;
    if (OTHER_EXTENSIONS.some((ext) => project.exists(`${target}/index${ext}`))) return true;
  }
  if (OTHER_EXTENSIONS.some((ext) => project.exists(target + ext))) return true;
  return PLATFORMS.some((p) => PLATFORM_EXTENSIONS.some((ext) => project.exists(`${target}.${p}${ext}`)));
}

/** A path into a build-output folder that holds no tracked file (dist/ from a bin script): built, not missing. */
export function intoBuildOutput(target: string, host: ProjectHost): boolean {
  const parts = target.split('/');
  const index = parts.findIndex((p) => BUILD_DIRS.has(p));
  return index >= 0 && !host.isDir(parts.slice(0, index + 1).join('/'));
}
