import type { ChangeView, ProjectView } from '../context.js';

interface IgnoreRule {
  /** Pattern segments relative to the .gitignore's folder; `**` spans folders. */
  segments: string[];
}

/**
 * Wildcard matching with one backtrack point (greedy, so linear in practice and never exponential):
 * `isStar` marks a pattern unit that spans any number of text units, `matches` one unit against one
 * (tried first, as each caller's loop did before).
 */
function wildcardMatch<P, T>(pattern: ArrayLike<P>, text: ArrayLike<T>, isStar: (p: P) => boolean, matches: (p: P, t: T) => boolean): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && matches(pattern[p]!, text[t]!)) {
      p++;
      t++;
    } else if (p < pattern.length && isStar(pattern[p]!)) {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}

/** `*` and `?` within one path segment. */
function segmentMatch(pattern: string, text: string): boolean {
  return wildcardMatch(pattern, text, (c) => c === '*', (c, t) => c === '?' || c === t);
}

/** The same over segments, `**` standing for any number of them. */
function pathMatch(pattern: readonly string[], path: readonly string[]): boolean {
  return wildcardMatch(pattern, path, (seg) => seg === '**', (seg, name) => seg !== '**' && segmentMatch(seg, name));
}

function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    // Negations only un-ignore: leaving them out errs toward "ignored", which never blocks.
    if (!line || line.startsWith('#') || line.startsWith('!') || line.includes('[')) continue;
    const body = line.replace(/\/+$/, '');
    if (!body) continue;
    const anchored = body.slice(0, -1).includes('/') || body.startsWith('/');
    const segments = body.replace(/^\/+/, '').split('/');
    rules.push({ segments: anchored ? segments : ['**', ...segments] });
  }
  return rules;
}

/** The .gitignore that ignores one of the files an extensionless `target` may stand for. */
export function ignoredTarget(project: ProjectView, change: ChangeView, target: string): string | undefined {
  for (const path of [target, ...['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.json'].map((ext) => target + ext)]) {
    const file = ignoredBy(project, change, path);
    if (file) return file;
  }
  return undefined;
}

/**
 * The .gitignore that ignores `path` (or one of its folders), if any: a file there is generated or
 * local, so its absence from the repository proves nothing.
 */
export function ignoredBy(project: ProjectView, change: ChangeView, path: string): string | undefined {
  if (path === '') return undefined;
  const cache = change.memo('gitignore-rules', () => new Map<string, IgnoreRule[]>());
  const parts = path.split('/');
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    const file = dir ? `${dir}/.gitignore` : '.gitignore';
    let rules = cache.get(file);
    if (!rules) cache.set(file, (rules = project.exists(file) ? parseGitignore(project.readText(file) ?? '') : []));
    const below = parts.slice(depth);
    for (let end = 1; end <= below.length; end++) {
      if (rules.some((rule) => pathMatch(rule.segments, below.slice(0, end)))) return file;
    }
  }
  return undefined;
}
